import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/lib/i18n/locales';
import type { SelfView, Update, VoteSectionView } from '../../src/lib/protocol';
import {
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

/**
 * A vote closed too early is reopened over real sockets: the ballots already cast stay, the
 * phones vote again, and once the discussion tables have started the vote stays closed. Also
 * the turnout every audience shows counts people who joined after the console connected.
 */

let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();
const opened = (socket: TestSocket) => withSnapshot(track(socket));

function voteUpdate(socket: TestSocket, predicate: (vote: VoteSectionView) => boolean) {
	return next(socket, 'update', (u: Update) => !!u.sections.vote && predicate(u.sections.vote));
}

/** A concertation at its vote step with three options, a console, a projector and phones. */
async function roomAtVoteStep(phoneCount: number, locale: Locale = 'en') {
	const concertation = await createConcertation(server, token);
	const people = [];
	for (let index = 0; index < phoneCount; index++)
		people.push(
			await joinAsParticipant(server, concertation.joinCode, { displayName: `P${index + 1}` })
		);
	const facilitator = await opened(connectFacilitator(server, token, concertation.id, locale));
	const screen = await opened(connectScreen(server, concertation.id, concertation.screenKey));
	const phones: TestSocket[] = [];
	for (const person of people)
		phones.push((await opened(connectParticipant(server, concertation.id, person.token))).socket);
	const tokens = people.map((person) => person.token);
	const candidates: number[] = [];
	for (const [fr, nl] of [
		['Accès au logement', 'Toegang tot huisvesting'],
		['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren'],
		['Travail en réseau', 'Netwerking']
	] as const) {
		const ack = await send(facilitator.socket, 'vote.candidates.add', { labelFr: fr, labelNl: nl });
		if (!ack.ok) throw new Error(JSON.stringify(ack));
		candidates.push(ack.data.candidateId);
	}
	const programme = facilitator.snapshot.sections.programme!;
	const phaseId = (kind: string) => programme.find((phase) => phase.kind === kind)!.id;
	expect(await send(facilitator.socket, 'session.start', {})).toMatchObject({ ok: true });
	expect(await send(facilitator.socket, 'phase.goto', { phaseId: phaseId('vote') })).toMatchObject({
		ok: true
	});
	return {
		id: concertation.id,
		joinCode: concertation.joinCode,
		facilitator: facilitator.socket,
		screen: screen.socket,
		phones,
		tokens,
		candidates,
		phaseId
	};
}

const ballotOf = (candidates: number[]) =>
	candidates.map((candidateId, index) => ({ candidateId, weight: (3 - index) as 3 | 2 | 1 }));

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

describe('reopening a closed vote', () => {
	it('keeps the ballots, takes new ones, hides hidden results again, and closes again', async () => {
		const room = await roomAtVoteStep(2);
		const [a, b, c] = room.candidates as [number, number, number];
		const [first, second] = room.phones as [TestSocket, TestSocket];
		await send(room.facilitator, 'vote.open', {});
		expect(await send(first, 'vote.cast', { choices: ballotOf([a, b, c]) })).toMatchObject({
			ok: true
		});
		await send(room.facilitator, 'vote.close', {});
		await send(room.facilitator, 'vote.reveal', { revealed: true });
		// Closed: the second phone is too late.
		expect(await send(second, 'vote.cast', { choices: ballotOf([b, c, a]) })).toMatchObject({
			ok: false,
			error: { code: 'vote_not_open' }
		});

		const reopenedOnScreen = voteUpdate(room.screen, (vote) => vote.status === 'open');
		const reopenedOnPhone = voteUpdate(second, (vote) => vote.status === 'open');
		const reopenedOnConsole = voteUpdate(room.facilitator, (vote) => vote.status === 'open');
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: true,
			data: { status: 'open' }
		});
		const onScreen = (await reopenedOnScreen).sections.vote!;
		// The room was to see results only at the end: hidden again until revealed again.
		expect(onScreen).toMatchObject({ revealed: false, tally: null });
		expect(onScreen.turnout).toMatchObject({ voters: 1, present: 2 });
		expect((await reopenedOnPhone).sections.vote!.status).toBe('open');
		const onConsole = (await reopenedOnConsole).sections.vote!;
		// The first ballot is still counted, and no priorities are handed on while it is open.
		expect(onConsole.tally?.find((row) => row.candidateId === a)?.points).toBe(3);
		expect(onConsole.priorities).toBeUndefined();

		// The second phone votes now; the first one's ballot is still its own.
		expect(await send(second, 'vote.cast', { choices: ballotOf([b, c, a]) })).toMatchObject({
			ok: true,
			data: { replaced: false }
		});
		// A new device of the first participant gets the ballot kept through the reopening.
		const firstAgain = await opened(connectParticipant(server, room.id, room.tokens[0]!));
		expect((firstAgain.snapshot.self as SelfView).vote?.ballot).toEqual(ballotOf([a, b, c]));
		const closedAgain = voteUpdate(room.facilitator, (vote) => vote.status === 'closed');
		expect(await send(room.facilitator, 'vote.close', {})).toMatchObject({ ok: true });
		const closed = (await closedAgain).sections.vote!;
		expect(closed.turnout).toMatchObject({ voters: 2, present: 2 });
		expect(closed.tally?.map((row) => [row.candidateId, row.points])).toEqual([
			[b, 5],
			[a, 4],
			[c, 3]
		]);
		expect(closed.priorities).toMatchObject({ candidateIds: [b, a, c], isDefault: true });
	});

	it('is refused, with a translated reason, once the tables have started', async () => {
		const room = await roomAtVoteStep(1, 'fr');
		const [a, b, c] = room.candidates as [number, number, number];
		// Not closed yet: nothing to reopen.
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_reopen_not_closed' }
		});
		await send(room.facilitator, 'vote.open', {});
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_already_open' }
		});
		await send(room.phones[0]!, 'vote.cast', { choices: ballotOf([a, b, c]) });
		await send(room.facilitator, 'vote.close', {});

		// The programme reaches the tables: the vote stays closed, and says why in French.
		await send(room.facilitator, 'phase.goto', { phaseId: room.phaseId('tables') });
		const refused = await send(room.facilitator, 'vote.reopen', {});
		expect(refused).toMatchObject({ ok: false, error: { code: 'vote_tables_started' } });
		if (!refused.ok)
			expect(refused.error.message).toContain('Les tables de discussion ont commencé');

		// Something is written at a table, then the facilitator goes back to the vote step.
		const table = await send(room.facilitator, 'tables.create', {
			name: '',
			priority: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
			capacity: null
		});
		if (!table.ok) throw new Error(JSON.stringify(table));
		expect(
			await send(room.facilitator, 'tables.item.add', {
				tableId: table.data.tableId,
				category: 'barrier',
				text: 'Listes d’attente'
			})
		).toMatchObject({ ok: true });
		await send(room.facilitator, 'phase.goto', { phaseId: room.phaseId('vote') });
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_tables_started' }
		});
		// Nothing changed: still closed, the ballot still counted.
		const { snapshot } = await opened(connectFacilitator(server, token, room.id));
		expect(snapshot.sections.vote).toMatchObject({ status: 'closed', turnout: { voters: 1 } });
	});

	it('is refused away from the vote step and once the session is closed', async () => {
		const room = await roomAtVoteStep(0);
		await send(room.facilitator, 'vote.open', {});
		await send(room.facilitator, 'vote.close', {});
		await send(room.facilitator, 'phase.goto', { phaseId: room.phaseId('topics') });
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: false,
			error: { code: 'vote_wrong_phase' }
		});
		await send(room.facilitator, 'phase.goto', { phaseId: room.phaseId('vote') });
		await send(room.facilitator, 'session.close', {});
		expect(await send(room.facilitator, 'vote.reopen', {})).toMatchObject({
			ok: false,
			error: { code: 'session_closed' }
		});
		// Over HTTP too, with the same answer.
		const response = await fetch(
			`${server.url}/api/concertations/${room.id}/commands/vote.reopen`,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
				body: JSON.stringify({ commandId: 'reopen-over-http' })
			}
		);
		expect(await response.json()).toMatchObject({ ok: false, error: { code: 'session_closed' } });
	});
});

describe('the turnout', () => {
	it('counts, on a console connected earlier, a phone that joins afterwards', async () => {
		const room = await roomAtVoteStep(0);
		await send(room.facilitator, 'vote.open', {});
		const onConsole = voteUpdate(room.facilitator, (vote) => vote.turnout.present === 1);
		const onScreen = voteUpdate(room.screen, (vote) => vote.turnout.present === 1);
		const person = await joinAsParticipant(server, room.joinCode, { displayName: 'Late' });
		expect((await onConsole).sections.vote!.turnout).toEqual({ voters: 0, present: 1, ratio: 0 });
		expect((await onScreen).sections.vote!.turnout.present).toBe(1);
		// The phone that joined counts the same.
		const { snapshot } = await opened(connectParticipant(server, room.id, person.token));
		expect(snapshot.sections.vote!.turnout).toEqual({ voters: 0, present: 1, ratio: 0 });
	});
});
