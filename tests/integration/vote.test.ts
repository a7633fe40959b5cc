import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, SelfView, Update, VoteSectionView } from '../../src/lib/protocol';
import {
	commandId,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	sendCommand as send,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer,
	type TestSocket
} from '../helpers/server';
import { storedRows } from '../helpers/stored';

let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();

const opened = (socket: TestSocket) => withSnapshot(track(socket));

function voteUpdate(socket: TestSocket, predicate: (vote: VoteSectionView) => boolean) {
	return next(socket, 'update', (u: Update) => !!u.sections.vote && predicate(u.sections.vote));
}

function pointsOf(vote: VoteSectionView | undefined, candidateId: number): number | undefined {
	return vote?.tally?.find((row) => row.candidateId === candidateId)?.points;
}

interface Room {
	id: number;
	joinCode: string;
	screenKey: string;
	facilitator: TestSocket;
	screen: TestSocket;
	phones: { socket: TestSocket; participantId: number; token: string }[];
	candidates: number[];
	votePhaseId: number;
}

/** A concertation at its vote step with four options, a console, a projector and phones. */
async function roomAtVoteStep(phoneCount: number): Promise<Room> {
	const concertation = await createConcertation(server, token);
	const people = [];
	for (let index = 0; index < phoneCount; index++) {
		people.push(
			await joinAsParticipant(server, concertation.joinCode, {
				displayName: `Participant ${index + 1}`,
				locale: 'en'
			})
		);
	}
	const facilitator = await opened(connectFacilitator(server, token, concertation.id, 'en'));
	const screen = await opened(connectScreen(server, concertation.id, concertation.screenKey));
	const phones = [];
	for (const person of people) {
		const { socket } = await opened(
			connectParticipant(server, concertation.id, person.token, 'en')
		);
		phones.push({ socket, participantId: person.participantId, token: person.token });
	}
	const candidates: number[] = [];
	for (const [fr, nl] of [
		['Accès au logement', 'Toegang tot huisvesting'],
		['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren'],
		['Travail en réseau', 'Netwerking'],
		['Précarité énergétique', 'Energiearmoede']
	] as const) {
		const ack = await send(facilitator.socket, 'vote.candidates.add', { labelFr: fr, labelNl: nl });
		if (!ack.ok) throw new Error(JSON.stringify(ack));
		candidates.push(ack.data.candidateId);
	}
	const votePhase = facilitator.snapshot.sections.programme!.find((p) => p.kind === 'vote')!;
	expect(await send(facilitator.socket, 'session.start', {})).toMatchObject({ ok: true });
	expect(await send(facilitator.socket, 'phase.goto', { phaseId: votePhase.id })).toMatchObject({
		ok: true
	});
	return {
		id: concertation.id,
		joinCode: concertation.joinCode,
		screenKey: concertation.screenKey,
		facilitator: facilitator.socket,
		screen: screen.socket,
		phones,
		candidates,
		votePhaseId: votePhase.id
	};
}

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

describe('the priority vote over real sockets', () => {
	it('opens only at the vote step, with at least two options', async () => {
		const concertation = await createConcertation(server, token);
		const { socket: facilitator, snapshot } = await opened(
			connectFacilitator(server, token, concertation.id, 'en')
		);
		expect(snapshot.sections.vote).toMatchObject({
			status: 'draft',
			settings: { minChoices: 3, hideResults: true },
			revealed: false,
			candidates: [],
			turnout: { voters: 0, present: 0, ratio: 0 }
		});
		const early = await send(facilitator, 'vote.open', {});
		expect(early).toMatchObject({ ok: false, error: { code: 'vote_wrong_phase' } });
		if (!early.ok) expect(early.error.message).toContain('vote step');

		const votePhase = snapshot.sections.programme!.find((p) => p.kind === 'vote')!;
		await send(facilitator, 'session.start', {});
		await send(facilitator, 'phase.goto', { phaseId: votePhase.id });
		await send(facilitator, 'vote.candidates.add', { labelFr: 'Seul', labelNl: '' });
		expect(await send(facilitator, 'vote.open', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_too_few_candidates' }
		});
		const blank = await send(facilitator, 'vote.candidates.add', { labelFr: ' ', labelNl: '\t' });
		expect(blank).toMatchObject({ ok: false, error: { code: 'vote_label_required' } });
		await send(facilitator, 'vote.candidates.add', { labelFr: '', labelNl: 'Tweede' });
		const open = await send(facilitator, 'vote.open', {});
		expect(open).toMatchObject({ ok: true, data: { status: 'open' } });
		const { snapshot: again } = await opened(connectFacilitator(server, token, concertation.id));
		// One label typed alone stays alone: no silent copy into the other language (issue 12).
		expect(again.sections.vote?.candidates.map((c) => c.label)).toEqual([
			{ fr: 'Seul', nl: '' },
			{ fr: '', nl: 'Tweede' }
		]);
	});

	it('takes the approved questions of the topics step as options, once each', async () => {
		const concertation = await createConcertation(server, token);
		const { socket: facilitator, snapshot } = await opened(
			connectFacilitator(server, token, concertation.id, 'en')
		);
		await send(facilitator, 'session.start', {});
		for (const [textFr, textNl] of [
			['Comment mieux orienter ?', 'Hoe beter doorverwijzen?'],
			['Quels relais en soirée ?', 'Welke hulp ’s avonds?']
		])
			expect(await send(facilitator, 'topics.saveQuestion', { textFr, textNl })).toMatchObject({
				ok: true
			});
		await send(facilitator, 'vote.candidates.add', { labelFr: 'Ajout manuel', labelNl: '' });
		const votePhase = snapshot.sections.programme!.find((p) => p.kind === 'vote')!;
		await send(facilitator, 'phase.goto', { phaseId: votePhase.id });
		expect(await send(facilitator, 'vote.open', {})).toMatchObject({
			ok: true,
			data: { status: 'open', imported: 2 }
		});
		expect(await send(facilitator, 'vote.candidates.import', {})).toMatchObject({
			ok: true,
			data: { added: 0 }
		});
		const { snapshot: after } = await opened(connectFacilitator(server, token, concertation.id));
		expect(after.sections.vote?.candidates.map((c) => [c.source, c.label.fr, c.label.nl])).toEqual([
			['manual', 'Ajout manuel', ''],
			['question', 'Comment mieux orienter ?', 'Hoe beter doorverwijzen?'],
			['question', 'Quels relais en soirée ?', 'Welke hulp ’s avonds?']
		]);
	});

	it('counts a valid ballot, refuses invalid ones without losing it, and replaces it on change', async () => {
		const room = await roomAtVoteStep(2);
		const [a, b, c, d] = room.candidates as [number, number, number, number];
		const anne = room.phones[0]!;

		// Before opening, a ballot is refused.
		const early = await send(anne.socket, 'vote.cast', {
			choices: [
				{ candidateId: a, weight: 3 },
				{ candidateId: b, weight: 2 },
				{ candidateId: c, weight: 1 }
			]
		});
		expect(early).toMatchObject({ ok: false, error: { code: 'vote_not_open' } });

		const phoneSeesOpen = voteUpdate(anne.socket, (v) => v.status === 'open');
		expect(await send(room.facilitator, 'vote.open', {})).toMatchObject({ ok: true });
		const openView = await phoneSeesOpen;
		expect(openView.sections.vote?.candidates).toHaveLength(4);

		// Anne's second device (another tab) learns the ballot the server kept; the phone that
		// voted has its ack (and knows what it sent), so nothing more is written to it.
		const { socket: anneTablet } = await opened(
			connectParticipant(server, room.id, anne.token, 'en')
		);
		const acknowledgedBallot = (part: Partial<SelfView>) => (part.vote?.ballot.length ?? 0) === 3;
		const partsOnTheVotingPhone: Partial<SelfView>[] = [];
		const onVotingPhone = (part: Partial<SelfView>) => partsOnTheVotingPhone.push(part);
		anne.socket.on('selfPart', onVotingPhone);
		const tabletAfterCast = next(anneTablet, 'selfPart', acknowledgedBallot);
		const console = voteUpdate(room.facilitator, (v) => v.turnout.voters === 1);
		const cast = await send(anne.socket, 'vote.cast', {
			choices: [
				{ candidateId: c, weight: 1 },
				{ candidateId: a, weight: 3 },
				{ candidateId: b, weight: 2 }
			]
		});
		expect(cast).toEqual({ ok: true, data: { replaced: false }, version: expect.any(Number) });
		const keptBallot = [
			{ candidateId: a, weight: 3 },
			{ candidateId: b, weight: 2 },
			{ candidateId: c, weight: 1 }
		];
		expect(await tabletAfterCast).toEqual({ vote: { ballot: keptBallot } });
		// Both would have been written in the same turn of the server's event loop.
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(partsOnTheVotingPhone).toEqual([]);
		anne.socket.off('selfPart', onVotingPhone);
		anneTablet.disconnect();
		const seen = (await console).sections.vote!;
		expect(seen.turnout).toEqual({ voters: 1, present: 2, ratio: 0.5 });
		expect([pointsOf(seen, a), pointsOf(seen, b), pointsOf(seen, c), pointsOf(seen, d)]).toEqual([
			3, 2, 1, 0
		]);

		const refusals: [CommandInput<'vote.cast'>['choices'], string, string][] = [
			[
				[
					{ candidateId: a, weight: 3 },
					{ candidateId: a, weight: 2 },
					{ candidateId: b, weight: 1 }
				],
				'vote_repeated_candidate',
				'only once'
			],
			[
				[
					{ candidateId: a, weight: 4 },
					{ candidateId: b, weight: 2 },
					{ candidateId: c, weight: 1 }
				],
				'vote_bad_weight',
				'3, 2 or 1'
			],
			[
				[
					{ candidateId: a, weight: 3 },
					{ candidateId: b, weight: 3 },
					{ candidateId: c, weight: 1 }
				],
				'vote_repeated_weight',
				'only once'
			],
			[
				[
					{ candidateId: 999_999, weight: 3 },
					{ candidateId: b, weight: 2 },
					{ candidateId: c, weight: 1 }
				],
				'vote_unknown_candidate',
				'not (or no longer)'
			],
			[[{ candidateId: a, weight: 3 }], 'vote_incomplete', 'at least 3']
		];
		for (const [choices, code, phrase] of refusals) {
			const refused = await send(anne.socket, 'vote.cast', { choices });
			expect(refused).toMatchObject({ ok: false, error: { code } });
			if (!refused.ok) expect(refused.error.message).toContain(phrase);
		}
		const malformed = await send(anne.socket, 'vote.cast', {
			choices: 'all for a' as unknown as []
		});
		expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid' } });

		// Nothing refused changed the stored ballot.
		const { snapshot: check } = await opened(connectParticipant(server, room.id, anne.token, 'en'));
		expect(check.self?.vote?.ballot.map((choice) => choice.candidateId)).toEqual([a, b, c]);

		// A change replaces the whole ballot, atomically.
		const replaced = voteUpdate(room.facilitator, (v) => pointsOf(v, d) === 3);
		const change = await send(anne.socket, 'vote.cast', {
			choices: [
				{ candidateId: d, weight: 3 },
				{ candidateId: c, weight: 2 },
				{ candidateId: b, weight: 1 }
			]
		});
		expect(change).toMatchObject({ ok: true, data: { replaced: true } });
		const after = (await replaced).sections.vote!;
		expect(after.turnout.voters).toBe(1);
		expect([
			pointsOf(after, a),
			pointsOf(after, b),
			pointsOf(after, c),
			pointsOf(after, d)
		]).toEqual([0, 1, 2, 3]);
	});

	it('refuses vote commands from the wrong role', async () => {
		const room = await roomAtVoteStep(1);
		const phone = room.phones[0]!.socket;
		for (const [name, input] of [
			['vote.open', {}],
			['vote.close', {}],
			['vote.reveal', { revealed: true }],
			['vote.candidates.add', { labelFr: 'Pirate', labelNl: 'Piraat' }],
			['vote.select', { candidateIds: [room.candidates[0]!] }]
		] as const) {
			expect(await send(phone, name, input as never)).toMatchObject({
				ok: false,
				error: { code: 'forbidden' }
			});
		}
		await send(room.facilitator, 'vote.open', {});
		const ballot = {
			choices: [
				{ candidateId: room.candidates[0]!, weight: 3 },
				{ candidateId: room.candidates[1]!, weight: 2 },
				{ candidateId: room.candidates[2]!, weight: 1 }
			]
		};
		expect(await send(room.facilitator, 'vote.cast', ballot)).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		expect(await send(room.screen, 'vote.cast', ballot)).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		const { snapshot } = await opened(connectFacilitator(server, token, room.id));
		expect(snapshot.sections.vote?.turnout.voters).toBe(0);
		expect(snapshot.sections.vote?.candidates).toHaveLength(4);
	});

	it('keeps the acknowledged ballot across a reconnection, and answers a retried command once', async () => {
		const room = await roomAtVoteStep(1);
		const [a, b, c] = room.candidates as [number, number, number];
		const phone = room.phones[0]!;
		await send(room.facilitator, 'vote.open', {});
		const id = commandId('ballot');
		const choices = [
			{ candidateId: b, weight: 3 },
			{ candidateId: a, weight: 2 },
			{ candidateId: c, weight: 1 }
		];
		const first = await send(phone.socket, 'vote.cast', { choices }, id);
		expect(first).toMatchObject({ ok: true, data: { replaced: false } });
		phone.socket.disconnect();

		const { socket, snapshot } = await opened(connectParticipant(server, room.id, phone.token));
		expect(snapshot.self?.vote?.ballot).toEqual([
			{ candidateId: b, weight: 3 },
			{ candidateId: a, weight: 2 },
			{ candidateId: c, weight: 1 }
		]);
		expect(snapshot.sections.vote?.status).toBe('open');
		// The phone did not see the ack (lost on the Wi-Fi) and sends the same command again.
		const retry = await send(socket, 'vote.cast', { choices }, id);
		expect(retry).toEqual(first);
		const { snapshot: console } = await opened(connectFacilitator(server, token, room.id));
		expect(console.sections.vote?.turnout.voters).toBe(1);
		expect(pointsOf(console.sections.vote, b)).toBe(3);
	});

	it('sends hidden results to nobody but facilitators until revealed, then to everyone', async () => {
		const room = await roomAtVoteStep(3);
		const [a, b, c, d] = room.candidates as [number, number, number, number];
		const received: { who: string; vote: VoteSectionView }[] = [];
		for (const [who, socket] of [
			['screen', room.screen],
			['phone', room.phones[0]!.socket]
		] as const) {
			socket.on('update', (u) => {
				if (u.sections.vote) received.push({ who, vote: u.sections.vote });
			});
		}
		await send(room.facilitator, 'vote.open', {});
		const ballots = [
			[a, b, c],
			[a, c, b],
			[b, a, d]
		];
		const allIn = voteUpdate(room.screen, (v) => v.turnout.voters === 3);
		for (const [index, ids] of ballots.entries()) {
			const ack = await send(room.phones[index]!.socket, 'vote.cast', {
				choices: ids.map((candidateId, rank) => ({ candidateId, weight: 3 - rank }))
			});
			expect(ack.ok).toBe(true);
		}
		await allIn;
		const { snapshot: screenSnapshot } = await opened(
			connectScreen(server, room.id, room.screenKey)
		);
		expect(screenSnapshot.sections.vote?.tally).toBeNull();
		expect(received.length).toBeGreaterThan(0);
		for (const { vote } of received) {
			expect(vote.tally).toBeNull();
			expect(vote.priorities).toBeUndefined();
		}
		expect(JSON.stringify(received)).not.toMatch(/"points"|"threes"/);

		const revealed = voteUpdate(room.screen, (v) => v.revealed);
		const phoneRevealed = voteUpdate(room.phones[1]!.socket, (v) => v.revealed);
		expect(await send(room.facilitator, 'vote.reveal', { revealed: true })).toMatchObject({
			ok: true
		});
		const shown = (await revealed).sections.vote!;
		expect((await phoneRevealed).sections.vote?.tally).toEqual(shown.tally);
		// a: 3+3+2 = 8, b: 2+1+3 = 6, c: 1+2 = 3, d: 1.
		expect(shown.tally?.map((row) => [row.candidateId, row.points, row.rank])).toEqual([
			[a, 8, 1],
			[b, 6, 2],
			[c, 3, 3],
			[d, 1, 4]
		]);
		// The tally names candidates and counts only: no participant anywhere.
		for (const row of shown.tally ?? [])
			expect(Object.keys(row).sort()).toEqual(
				['candidateId', 'ones', 'points', 'rank', 'threes', 'tied', 'twos', 'voters'].sort()
			);
	});

	it('closes: no more ballots, ranking with ties, priorities for the tables, CSV export', async () => {
		const room = await roomAtVoteStep(2);
		const [a, b, c, d] = room.candidates as [number, number, number, number];
		await send(room.facilitator, 'vote.settings', { hideResults: false });
		await send(room.facilitator, 'vote.open', {});
		expect(await send(room.facilitator, 'vote.settings', { minChoices: 1 })).toMatchObject({
			ok: false,
			error: { code: 'vote_settings_locked' }
		});
		// a and b tie exactly (3 + 2 each, one 3 and one 2 each); c and d tie at 1.
		await send(room.phones[0]!.socket, 'vote.cast', {
			choices: [
				{ candidateId: a, weight: 3 },
				{ candidateId: b, weight: 2 },
				{ candidateId: c, weight: 1 }
			]
		});
		await send(room.phones[1]!.socket, 'vote.cast', {
			choices: [
				{ candidateId: b, weight: 3 },
				{ candidateId: a, weight: 2 },
				{ candidateId: d, weight: 1 }
			]
		});
		const closedOnScreen = voteUpdate(room.screen, (v) => v.status === 'closed');
		const closedOnConsole = voteUpdate(room.facilitator, (v) => v.status === 'closed');
		expect(await send(room.facilitator, 'vote.close', {})).toMatchObject({ ok: true });
		const screenView = (await closedOnScreen).sections.vote!;
		expect(screenView.tally?.map((row) => [row.rank, row.tied, row.points])).toEqual([
			[1, true, 5],
			[1, true, 5],
			[3, true, 1],
			[3, true, 1]
		]);
		const consoleView = (await closedOnConsole).sections.vote!;
		// The top 3 cut falls inside the c/d tie: both are proposed, and the tie is flagged.
		expect(consoleView.priorities).toEqual({
			candidateIds: [a, b, c, d],
			isDefault: true,
			tieAtCut: true
		});

		const late = await send(room.phones[0]!.socket, 'vote.cast', {
			choices: [
				{ candidateId: d, weight: 3 },
				{ candidateId: c, weight: 2 },
				{ candidateId: b, weight: 1 }
			]
		});
		expect(late).toMatchObject({ ok: false, error: { code: 'vote_not_open' } });
		expect(
			await send(room.facilitator, 'vote.candidates.add', { labelFr: 'Tard', labelNl: 'Laat' })
		).toMatchObject({ ok: false, error: { code: 'vote_closed' } });
		expect(await send(room.facilitator, 'vote.open', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_closed' }
		});

		expect(await send(room.facilitator, 'vote.select', { candidateIds: [b, a, a] })).toMatchObject({
			ok: false,
			error: { code: 'vote_repeated_candidate' }
		});
		const chosen = voteUpdate(room.facilitator, (v) => v.priorities?.isDefault === false);
		expect(await send(room.facilitator, 'vote.select', { candidateIds: [b, a, d] })).toMatchObject({
			ok: true,
			data: { candidateIds: [b, a, d] }
		});
		expect((await chosen).sections.vote?.priorities).toEqual({
			candidateIds: [b, a, d],
			isDefault: false,
			tieAtCut: false
		});

		// The tables phase receives the chosen priorities, labels, ranks and points included.
		const tablesSeen = next(
			room.facilitator,
			'update',
			(u) => (u.sections.tables?.priorities?.length ?? 0) > 0
		);
		await send(room.facilitator, 'vote.select', { candidateIds: [b, a] });
		expect((await tablesSeen).sections.tables?.priorities).toEqual([
			{
				candidateId: b,
				label: { fr: 'Santé mentale des jeunes', nl: 'Geestelijke gezondheid van jongeren' },
				rank: 1,
				points: 5
			},
			{
				candidateId: a,
				label: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
				rank: 1,
				points: 5
			}
		]);

		const refused = await fetch(`${server.url}/api/concertations/${room.id}/votes.csv`);
		expect(refused.status).toBe(401);
		const response = await fetch(`${server.url}/api/concertations/${room.id}/votes.csv`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="votes-2024-09-23-n12.csv"'
		);
		const bytes = Buffer.from(await response.arrayBuffer());
		// A byte-order mark first, so that spreadsheets read UTF-8 accents right.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = bytes.subarray(3).toString('utf8');
		expect(csv).toBe(
			'candidate,points,threes,twos,ones,voters,rank\r\n' +
				'Accès au logement | Toegang tot huisvesting,5,1,1,0,2,1\r\n' +
				'Santé mentale des jeunes | Geestelijke gezondheid van jongeren,5,1,1,0,2,1\r\n' +
				'Travail en réseau | Netwerking,1,0,0,1,1,3\r\n' +
				'Précarité énergétique | Energiearmoede,1,0,0,1,1,3\r\n'
		);
		expect(csv).not.toContain('Participant');
	});

	it('keeps no link between a person and their choices outside the ballot table', async () => {
		const room = await roomAtVoteStep(1);
		const [a, b, c] = room.candidates as [number, number, number];
		await send(room.facilitator, 'vote.open', {});
		const ack = await send(room.phones[0]!.socket, 'vote.cast', {
			choices: [
				{ candidateId: c, weight: 3 },
				{ candidateId: b, weight: 2 },
				{ candidateId: a, weight: 1 }
			]
		});
		expect(ack.ok).toBe(true);
		const events = await storedRows<{ payload_json: string }>(
			server,
			"select payload_json from event_log where type = 'vote.cast'"
		);
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) expect(JSON.parse(event.payload_json)).toEqual({ choices: 3 });
		const answers = await storedRows<{ response_json: string }>(
			server,
			"select response_json from command_log where name = 'vote.cast'"
		);
		for (const answer of answers) expect(answer.response_json).not.toContain('candidateId');
		const columns = await storedRows<{ name: string }>(
			server,
			server.databaseUrl === null
				? "select name from pragma_table_info('ballot')"
				: "select column_name as name from information_schema.columns where table_name = 'ballot'"
		);
		expect(columns.map((column) => column.name).sort()).toEqual(
			[
				'concertation_id',
				'one_point_to',
				'participant_id',
				'three_points_to',
				'two_points_to'
			].sort()
		);
	});

	it('takes no ballot once the session has moved past the vote step', async () => {
		const room = await roomAtVoteStep(1);
		await send(room.facilitator, 'vote.open', {});
		await send(room.facilitator, 'phase.next', {});
		const ack = await send(room.phones[0]!.socket, 'vote.cast', {
			choices: room.candidates.slice(0, 3).map((candidateId, index) => ({
				candidateId,
				weight: 3 - index
			}))
		});
		expect(ack).toMatchObject({ ok: false, error: { code: 'vote_not_open' } });
		// The facilitator can still close it from another step.
		expect(await send(room.facilitator, 'vote.close', {})).toMatchObject({
			ok: true,
			data: { status: 'closed' }
		});
	});
});

describe('a server killed in the middle of the vote', () => {
	it('keeps every acknowledged ballot (kill -9), and the phones vote on after the restart', async () => {
		const room = await roomAtVoteStep(30);
		expect(await send(room.facilitator, 'vote.open', {})).toMatchObject({ ok: true });
		const orders = [
			[0, 1, 2],
			[1, 2, 3],
			[2, 3, 0],
			[3, 0, 1]
		];
		const ballotOf = (round: number) =>
			orders[round % orders.length]!.map((index, rank) => ({
				candidateId: room.candidates[index]!,
				weight: 3 - rank
			}));
		/** Per phone: the last ballot the server acknowledged, and the one still in flight. */
		const acked = new Map<number, number>();
		const inFlight = new Map<number, number>();
		let killed = false;
		let ackCount = 0;
		// Every phone changes its ballot again and again, one at a time, as fast as it is answered.
		const voting = room.phones.map(async (phone, index) => {
			for (let round = index % orders.length; !killed; round++) {
				inFlight.set(phone.participantId, round);
				const ack = await Promise.race([
					send(phone.socket, 'vote.cast', { choices: ballotOf(round) }),
					new Promise<null>((resolve) => phone.socket.once('disconnect', () => resolve(null)))
				]);
				if (!ack) return;
				if (!ack.ok && ack.error.code === 'rate_limited') {
					// As a phone's queue does: wait as told, then send the next ballot.
					const wait = (ack.error.details as { retryAfterMs: number }).retryAfterMs;
					await new Promise((resolve) => setTimeout(resolve, wait));
					continue;
				}
				expect(ack).toMatchObject({ ok: true });
				acked.set(phone.participantId, round);
				ackCount++;
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 600));
		const exited = new Promise((resolve) => server.process.once('exit', resolve));
		server.process.kill('SIGKILL');
		await exited;
		killed = true;
		await Promise.all(voting);
		// The kill fell in the middle of the burst: ballots had been acknowledged, others not.
		expect(ackCount).toBeGreaterThan(room.phones.length);

		server = await server.restart();
		const stored = new Map(
			(
				await storedRows<{ participant_id: number; three_points_to: number }>(
					server,
					'select participant_id, three_points_to from ballot where concertation_id = ?',
					room.id
				)
			).map((row) => [row.participant_id, row.three_points_to])
		);
		for (const phone of room.phones) {
			// What was acknowledged is stored, or the ballot sent after it, if it reached the disk.
			const rounds = [acked.get(phone.participantId), inFlight.get(phone.participantId)];
			const possible = rounds.map((round) =>
				round === undefined ? undefined : ballotOf(round)[0]!.candidateId
			);
			expect(possible).toContain(stored.get(phone.participantId));
		}
		// The vote is still open after the restart: a phone that reconnects changes its ballot.
		const phone = room.phones[0]!;
		const again = await opened(connectParticipant(server, room.id, phone.token, 'en'));
		expect(again.snapshot.sections.vote).toMatchObject({ status: 'open' });
		expect(await send(again.socket, 'vote.cast', { choices: ballotOf(1) })).toMatchObject({
			ok: true,
			data: { replaced: true }
		});
	});
});
