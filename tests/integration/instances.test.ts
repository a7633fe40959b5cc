import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, Snapshot, Update, VoteSectionView } from '../../src/lib/protocol';
import {
	api,
	commandId,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	ON_POSTGRES,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Two instances of the app on one PostgreSQL database (issue 19), as behind a load balancer:
 * the console on A, the projector on B, a hundred phones over both. The projector on B counts
 * every ballot acknowledged on A and on B; then A is killed (SIGKILL) in the middle of the
 * vote, its phones reconnect to B and send again what was not answered, and no acknowledged
 * ballot is lost. Runs in the PostgreSQL pass only (`npm run test:postgres`).
 */
const PHONES = 100;
// Both instances derive the same projector keys, and refuse a seventh wrong join code.
const SHARED_ENV = {
	SCREEN_KEY_SECRET: 'two-instances-share-this-secret-0123456789',
	JOIN_FAILURES_PER_ADDRESS: '6'
};

let a: RunningServer;
let b: RunningServer;
const sockets = socketTracker();

beforeAll(async () => {
	if (!ON_POSTGRES) return;
	a = await startServer({ env: SHARED_ENV });
	b = await startServer({ databaseUrl: a.databaseUrl!, env: SHARED_ENV });
});

afterAll(async () => {
	sockets.closeAll();
	await b?.stop();
	// A owns the test database: it is dropped last.
	await a?.stop();
});

interface Phone {
	participantId: number;
	token: string;
	socket: TestSocket;
	/** The ballot it sends (again, with the same command id, after a reconnection). */
	choices: { candidateId: number; weight: 3 | 2 | 1 }[];
	id: string;
	acked: boolean;
}

const voters = (update: Update) => (update.sections.vote as VoteSectionView | undefined)?.turnout;

describe.skipIf(!ON_POSTGRES)('two instances on one PostgreSQL database', () => {
	it('count wrong join codes together: a guesser gains nothing by reaching the other one', async () => {
		const statuses: number[] = [];
		// From an address of its own (the phones below join from 127.0.0.1, and must not wait).
		for (const [n, letter] of [...'ABCDEFGH'].entries())
			statuses.push(await joinFrom('127.0.0.20', n % 2 === 0 ? a : b, `ZZZZZ${letter}`));
		expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429]);
	});

	it('count on B the ballots acknowledged on A and B, and lose none when A is killed mid-vote', async () => {
		const health = await api<{ instances: number }>(b, 'GET', '/healthz');
		expect(health.body).toMatchObject({ ok: true, database: 'postgres', adapter: 'postgres' });
		expect(health.body.instances).toBe(2);

		const tokenA = await signIn(a);
		const tokenB = await signIn(b);
		const concertation = await createConcertation(a, tokenA);
		const facilitator = sockets.track(connectFacilitator(a, tokenA, concertation.id, 'en'));
		const consoleSnapshot = await next(facilitator, 'snapshot');
		const screen = sockets.track(connectScreen(b, concertation.id, concertation.screenKey));
		const projector = followVoters(screen, await next(screen, 'snapshot'));

		const candidates: number[] = [];
		for (const [fr, nl] of [
			['Accès au logement', 'Toegang tot huisvesting'],
			['Santé mentale', 'Geestelijke gezondheid'],
			['Travail en réseau', 'Netwerking'],
			['Précarité énergétique', 'Energiearmoede']
		] as const)
			candidates.push(
				(await runCommand(facilitator, 'vote.candidates.add', { labelFr: fr, labelNl: nl }))
					.candidateId
			);
		const votePhase = consoleSnapshot.sections.programme!.find((phase) => phase.kind === 'vote')!;
		await runCommand(facilitator, 'session.start', {});
		await runCommand(facilitator, 'phase.goto', { phaseId: votePhase.id });

		// Half the phones join through A and stay there, half through B.
		const phones: Phone[] = [];
		const snapshots: Promise<unknown>[] = [];
		for (let index = 0; index < PHONES; index++) {
			const server = index % 2 === 0 ? a : b;
			const person = await joinAsParticipant(server, concertation.joinCode, {
				displayName: `Phone ${index + 1}`
			});
			const socket = sockets.track(connectParticipant(server, concertation.id, person.token, 'en'));
			snapshots.push(next(socket, 'snapshot'));
			const [first, second, third] = [0, 1, 2].map(
				(offset) => candidates[(index + offset) % candidates.length]!
			);
			phones.push({
				participantId: person.participantId,
				token: person.token,
				socket,
				choices: [
					{ candidateId: first!, weight: 3 },
					{ candidateId: second!, weight: 2 },
					{ candidateId: third!, weight: 1 }
				],
				id: commandId('ballot'),
				acked: false
			});
		}
		await Promise.all(snapshots);
		// Presence is shared: the console on A counts the phones connected to B too.
		await expect
			.poll(
				async () =>
					(
						await api<{ sections: { presence: { online: number } } }>(
							b,
							'GET',
							`/api/concertations/${concertation.id}`,
							{ token: tokenB }
						)
					).body.sections.presence.online,
				{ timeout: 5_000 }
			)
			.toBe(PHONES);

		await runCommand(facilitator, 'vote.open', {});
		const send = (phone: Phone) =>
			sendCommand(phone.socket, 'vote.cast', { choices: phone.choices }, phone.id).then(
				(ack: CommandAck) => {
					if (ack.ok) phone.acked = true;
					return ack;
				}
			);

		// First the phones on B and half of those on A: all answered, all on B's projector.
		const onA = phones.filter((_, index) => index % 2 === 0);
		const onB = phones.filter((_, index) => index % 2 === 1);
		const firstWave = [...onB, ...onA.slice(0, onA.length / 2)];
		const acks = await Promise.all(firstWave.map(send));
		expect(acks.every((ack) => ack.ok)).toBe(true);
		const counted = await next(screen, 'update', (update) => voters(update)?.voters === 75, 5_000);
		expect(voters(counted)?.voters).toBe(firstWave.length);

		// A dies while the rest of its phones are sending.
		const rest = onA.slice(onA.length / 2);
		// Those A never answers are refused when their socket is closed below: sent again then.
		for (const phone of rest) send(phone).catch(() => undefined);
		// Killed once it has answered some of them, and while it still has others to answer.
		await expect
			.poll(() => rest.filter((phone) => phone.acked).length, { interval: 1 })
			.toBeGreaterThan(0);
		a.process.kill('SIGKILL');
		// What A answered before dying is known now; what it did not will never be answered.
		await new Promise((resolve) => a.process.once('exit', resolve));

		// A's phones come back through B (the load balancer's other upstream) and send again
		// what was not answered, with the same command id: stored once whatever A had done.
		const reconnected = onA.map((phone) => {
			phone.socket.disconnect();
			phone.socket = sockets.track(connectParticipant(b, concertation.id, phone.token, 'en'));
			return next(phone.socket, 'snapshot');
		});
		await Promise.all(reconnected);
		const unanswered = onA.filter((phone) => !phone.acked);
		console.info(
			`A answered ${rest.length - unanswered.length} of the ${rest.length} ballots in flight before it died`
		);
		const again = await Promise.all(unanswered.map(send));
		expect(again.every((ack) => ack.ok)).toBe(true);
		expect(unanswered.length).toBeLessThan(rest.length);
		// A ballot A answered is answered the same by B (the command log is shared).
		const repeated = await send(onA[0]!);
		expect(repeated.ok).toBe(true);

		expect(phones.every((phone) => phone.acked)).toBe(true);
		// B took A's place as the sender of updates, whether or not B had anything left to
		// store: the projector, as a real one does, applies what follows its version and asks
		// for a snapshot when it missed one (A died before announcing its last ballots).
		await expect.poll(() => projector.voters, { timeout: 10_000 }).toBe(PHONES);
		// And the stored tally, read through B: every ballot once, as each phone sent it.
		const { body } = await api<{ sections: { vote: VoteSectionView } }>(
			b,
			'GET',
			`/api/concertations/${concertation.id}`,
			{ token: tokenB }
		);
		const expected = new Map<number, number>();
		for (const phone of phones)
			for (const choice of phone.choices)
				expected.set(choice.candidateId, (expected.get(choice.candidateId) ?? 0) + choice.weight);
		expect(body.sections.vote.turnout.voters).toBe(PHONES);
		for (const row of body.sections.vote.tally ?? [])
			expect(row.points).toBe(expected.get(row.candidateId));
	});
});

/**
 * The vote's count as a projector keeps it: updates applied in order of versions, and a
 * snapshot asked for (`sync`) when an update shows that one was missed.
 */
function followVoters(screen: TestSocket, snapshot: Snapshot): { voters: number | undefined } {
	let version = snapshot.version;
	const seen = { voters: (snapshot.sections.vote as VoteSectionView | undefined)?.turnout.voters };
	screen.on('update', (update) => {
		if (version < update.baseVersion) {
			screen.emit('sync', (answer) => {
				if (!('sections' in answer)) return;
				version = answer.version;
				seen.voters = (answer.sections.vote as VoteSectionView | undefined)?.turnout.voters;
			});
			return;
		}
		if (update.version < version) return;
		version = update.version;
		seen.voters = voters(update)?.voters ?? seen.voters;
	});
	return seen;
}

/** POSTs a join with `code` from `localAddress` (a loopback address of its own); its status. */
function joinFrom(localAddress: string, server: RunningServer, code: string): Promise<number> {
	const target = new URL(`/api/join/${code}`, server.url);
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				localAddress,
				headers: { 'content-type': 'application/json' }
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
			}
		);
		request.on('error', reject);
		request.end(JSON.stringify({ displayName: 'Eve' }));
	});
}
