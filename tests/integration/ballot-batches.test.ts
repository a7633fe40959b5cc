import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, VoteSectionView } from '../../src/lib/protocol';
import {
	api,
	commandId,
	connectParticipant,
	gotoStep,
	joinAsParticipant,
	openStartedRoom,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer,
	type StartedRoom,
	type TestSocket
} from '../helpers/server';

/**
 * A room's ballots arrive together and are stored together: on SQLite in one group commit
 * (a savepoint each), on PostgreSQL in one batch (one set of statements for all of them).
 * Each must still be answered as if it had come alone. This file runs on both.
 */
let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();
const PHONES = 30;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

interface VoteRoom {
	room: StartedRoom;
	phones: TestSocket[];
	candidates: number[];
}

/** A started room at its vote step, four options, the vote open, `PHONES` phones connected. */
async function openVote(): Promise<VoteRoom> {
	const room = await openStartedRoom(server, token, track, 'en');
	const candidates: number[] = [];
	for (const label of ['Logement', 'Santé mentale', 'Réseau', 'Énergie'])
		candidates.push(
			(await runCommand(room.console, 'vote.candidates.add', { labelFr: label, labelNl: label }))
				.candidateId
		);
	await gotoStep(room, 'vote');
	await runCommand(room.console, 'vote.open', {});
	const phones: TestSocket[] = [];
	for (let index = 0; index < PHONES; index++) {
		const person = await joinAsParticipant(server, room.joinCode, {
			displayName: `Phone ${index + 1}`,
			locale: 'en'
		});
		phones.push(
			(await withSnapshot(track(connectParticipant(server, room.id, person.token, 'en')))).socket
		);
	}
	return { room, phones, candidates };
}

/** Phone `index`'s ballot: three of the four options, starting at a different one each. */
function ballotOf(candidates: number[], index: number) {
	return [3, 2, 1].map((weight, rank) => ({
		candidateId: candidates[(index + rank) % candidates.length]!,
		weight
	}));
}

async function storedVote(room: StartedRoom): Promise<VoteSectionView> {
	const { body } = await api<{ sections: { vote: VoteSectionView } }>(
		server,
		'GET',
		`/api/concertations/${room.id}`,
		{ token }
	);
	return body.sections.vote;
}

describe('ballots that arrive together', () => {
	it('answer each one as if it came alone: refusals, repeats and a second ballot keep their own answers', async () => {
		const { room, phones, candidates } = await openVote();
		const ids = phones.map(() => commandId('ballot'));
		const repeatedId = ids[1]!;
		// All sent in one go: the server reads them in one or a few turns.
		const firsts = phones.map((phone, index) =>
			sendCommand(
				phone,
				'vote.cast',
				{
					choices: index === 2 ? [{ candidateId: 999_999, weight: 3 }] : ballotOf(candidates, index)
				},
				ids[index]
			)
		);
		const repeat = sendCommand(
			phones[1]!,
			'vote.cast',
			{ choices: ballotOf(candidates, 1) },
			repeatedId
		);
		const second = sendCommand(phones[0]!, 'vote.cast', { choices: ballotOf(candidates, 3) });
		const acks = await Promise.all(firsts);
		const [repeatAck, secondAck] = await Promise.all([repeat, second]);

		// The unknown option is refused alone; everyone else is stored.
		expect(acks[2]).toMatchObject({ ok: false, error: { code: 'vote_unknown_candidate' } });
		const stored = acks.filter((ack, index) => index !== 2);
		expect(stored.every((ack) => ack.ok)).toBe(true);
		// The same id twice: the same answer, stored once.
		expect(repeatAck).toEqual(acks[1]);
		// A phone's second ballot replaces its first, in the order it sent them.
		expect(acks[0]).toMatchObject({ ok: true, data: { replaced: false } });
		expect(secondAck).toMatchObject({ ok: true, data: { replaced: true } });

		// Each stored ballot has a version of its own, one after the other.
		const versions = [...stored, secondAck]
			.map((ack) => (ack as CommandAck & { version: number }).version)
			.sort((x, y) => x - y);
		expect(new Set(versions).size).toBe(versions.length);
		expect(versions.at(-1)! - versions[0]!).toBe(versions.length - 1);

		// The tally: phone 0 counted with its second ballot, phone 2 not at all.
		const expected = new Map<number, number>();
		for (let index = 0; index < PHONES; index++) {
			if (index === 2) continue;
			for (const choice of ballotOf(candidates, index === 0 ? 3 : index))
				expected.set(choice.candidateId, (expected.get(choice.candidateId) ?? 0) + choice.weight);
		}
		const vote = await storedVote(room);
		expect(vote.turnout.voters).toBe(PHONES - 1);
		for (const row of vote.tally ?? []) expect(row.points).toBe(expected.get(row.candidateId));
	});

	it('close the vote in the middle of a burst: each ballot is counted or refused, never lost', async () => {
		const { room, phones, candidates } = await openVote();
		const half = PHONES / 2;
		const early = phones
			.slice(0, half)
			.map((phone, index) =>
				sendCommand(phone, 'vote.cast', { choices: ballotOf(candidates, index) })
			);
		const closing = sendCommand(room.console, 'vote.close', {});
		const late = phones
			.slice(half)
			.map((phone, index) =>
				sendCommand(phone, 'vote.cast', { choices: ballotOf(candidates, half + index) })
			);
		const acks = await Promise.all([...early, ...late]);
		expect(await closing).toMatchObject({ ok: true });

		const counted = acks.filter((ack) => ack.ok).length;
		for (const ack of acks.filter((one) => !one.ok))
			expect(ack).toMatchObject({ error: { code: 'vote_not_open' } });
		const vote = await storedVote(room);
		expect(vote.status).toBe('closed');
		expect(vote.turnout.voters).toBe(counted);
		// A ballot sent after the close was answered as such: the vote takes no more.
		const after = await sendCommand(phones[0]!, 'vote.cast', { choices: ballotOf(candidates, 0) });
		expect(after).toMatchObject({ ok: false, error: { code: 'vote_not_open' } });
	});
});
