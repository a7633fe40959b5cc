import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QnaView, Snapshot, Update } from '../../src/lib/protocol';
import {
	api,
	commandId,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	runCommand as ok,
	sendCommand as send,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';
import { rowCounts } from '../helpers/stored';
import { pdfText } from '../helpers/restitution';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';

/**
 * Q&A with experts through the real server and real sockets: phones in French and Dutch ask
 * and upvote, the team reads questions first or not, pins the one being answered and marks it
 * answered; refusals come translated in each phone's language, and a phone never steers.
 */

let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

interface Room {
	id: number;
	joinCode: string;
	qnaId: number;
	console: TestSocket;
	screen: TestSocket;
}

/** A concertation whose programme got a Q&A step (a facilitator adds it), started. */
async function openRoom(): Promise<Room> {
	const concertation = await createConcertation(server, token);
	const added = await api<{ phase: { id: number } }>(
		server,
		'POST',
		`/api/concertations/${concertation.id}/phases`,
		{
			token,
			body: {
				kind: 'qna',
				title: { fr: 'Questions aux experts', nl: 'Vragen aan de experts' },
				durationMinutes: 45
			}
		}
	);
	expect(added.status).toBe(201);
	const console = track(connectFacilitator(server, token, concertation.id, 'en'));
	await next(console, 'snapshot');
	const screen = track(connectScreen(server, concertation.id, concertation.screenKey));
	await next(screen, 'snapshot');
	await ok(console, 'session.start', {});
	return { ...concertation, qnaId: added.body.phase.id, console, screen };
}

async function phone(room: Room, displayName: string, locale: 'fr' | 'nl' | 'en') {
	const joined = await joinAsParticipant(server, room.joinCode, { displayName, locale });
	const socket = track(connectParticipant(server, room.id, joined.token, locale));
	const snapshot = await next(socket, 'snapshot');
	return { ...joined, socket, snapshot, displayName };
}

/** The next update (or the current one) whose Q&A section satisfies `test`. */
function qnaUpdate(socket: TestSocket, test: (qna: QnaView) => boolean): Promise<Update> {
	return next(socket, 'update', (update) => !!update.sections.qna && test(update.sections.qna));
}

const votesOf = (qna: QnaView, id: number) => qna.questions.find((q) => q.id === id)?.votes;

describe('Q&A with experts', () => {
	it('has no Q&A section in a concertation without a Q&A step', async () => {
		const concertation = await createConcertation(server, token);
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token
		});
		expect(Object.keys(body.sections)).not.toContain('qna');
		expect(body.sections.programme?.length).toBeGreaterThan(0);
	});

	it('lets three phones ask and upvote, one in Dutch, the team reading questions first', async () => {
		const room = await openRoom();
		const anne = await phone(room, 'Anne Dubois', 'fr');
		const bram = await phone(room, 'Bram Peeters', 'nl');
		const chloe = await phone(room, 'Chloé Martin', 'en');
		expect(anne.snapshot.sections.qna).toEqual({ steps: [], questions: [] });

		// Before the Q&A step: refused in each phone's language, nothing stored.
		const early = await send(anne.socket, 'qna.ask', { text: 'Trop tôt ?', anonymous: false });
		expect(early).toMatchObject({
			ok: false,
			error: { code: 'phase_closed', message: 'Cette étape n’est pas (ou plus) ouverte.' }
		});
		await ok(room.console, 'phase.goto', { phaseId: room.qnaId });

		// Moderation is on by default: a question waits, named to the team; an anonymous one is
		// named to nobody, the team included.
		const facilitatorSees = qnaUpdate(room.console, (qna) => qna.questions.length === 2);
		const anneSelf = next(anne.socket, 'self', (self) => (self.qna?.length ?? 0) === 1);
		const asked = await ok(anne.socket, 'qna.ask', {
			text: '  Quel  financement pour les équipes mobiles ? ',
			anonymous: false
		});
		expect(asked.status).toBe('pending');
		const anonymous = await ok(bram.socket, 'qna.ask', {
			text: 'Hoe betrekken we de gebruikers en hun naasten?',
			anonymous: true
		});
		const team = (await facilitatorSees).sections.qna!;
		expect(team.questions.find((q) => q.id === asked.id)).toMatchObject({
			text: 'Quel financement pour les équipes mobiles ?',
			language: 'fr',
			author: 'Anne Dubois',
			status: 'pending',
			votes: 0
		});
		expect(team.questions.find((q) => q.id === anonymous.id)).toMatchObject({
			language: 'nl',
			author: null,
			status: 'pending'
		});
		// The asker sees their own question, waiting.
		expect((await anneSelf).qna![0]).toMatchObject({
			id: asked.id,
			status: 'pending',
			pinned: false
		});

		// Nobody votes on what the room does not see.
		const hiddenVote = await send(chloe.socket, 'qna.vote', { id: asked.id, on: true });
		expect(hiddenVote).toMatchObject({ ok: false, error: { code: 'not_found' } });

		const approved = qnaUpdate(
			chloe.socket,
			(qna) => qna.questions.filter((q) => q.status === 'approved').length === 2
		);
		await ok(room.console, 'qna.moderate', { id: asked.id, status: 'approved' });
		await ok(room.console, 'qna.moderate', { id: anonymous.id, status: 'approved' });
		const seen = (await approved).sections.qna!;
		expect(seen.questions.find((q) => q.id === anonymous.id)?.author).toBeNull();

		// Votes: one each, taken back at will, never on one's own question.
		const bramSecondPhone = track(connectParticipant(server, room.id, bram.token, 'nl'));
		await next(bramSecondPhone, 'snapshot');
		const otherDevice = next(bramSecondPhone, 'selfPart', (part) => !!part.qnaVotes);
		await ok(bram.socket, 'qna.vote', { id: asked.id, on: true });
		expect((await otherDevice).qnaVotes).toEqual([asked.id]);
		await ok(chloe.socket, 'qna.vote', { id: asked.id, on: true });
		// Given twice (two taps): still one vote.
		await ok(chloe.socket, 'qna.vote', { id: asked.id, on: true });
		await ok(anne.socket, 'qna.vote', { id: anonymous.id, on: true });

		const own = await send(anne.socket, 'qna.vote', { id: asked.id, on: true });
		expect(own).toMatchObject({
			ok: false,
			error: {
				code: 'qna_own_question',
				message: 'Vous ne pouvez pas soutenir votre propre question.'
			}
		});
		const ownNl = await send(bram.socket, 'qna.vote', { id: anonymous.id, on: true });
		expect(ownNl).toMatchObject({
			ok: false,
			error: { code: 'qna_own_question', message: 'U kunt uw eigen vraag niet steunen.' }
		});

		// Live counts on every phone and the projector, most votes first.
		const counted = (qna: QnaView) =>
			votesOf(qna, asked.id) === 2 && votesOf(qna, anonymous.id) === 1;
		const [onPhone, onScreen] = await Promise.all([
			qnaUpdate(bram.socket, counted),
			qnaUpdate(room.screen, counted)
		]);
		expect(onPhone.sections.qna!.questions.map((q) => q.id)).toEqual([asked.id, anonymous.id]);
		expect(onScreen.sections.qna!.questions.map((q) => q.id)).toEqual([asked.id, anonymous.id]);

		// Bram takes his vote back.
		const back = qnaUpdate(chloe.socket, (qna) => votesOf(qna, asked.id) === 1);
		await ok(bram.socket, 'qna.vote', { id: asked.id, on: false });
		await back;

		// The section carries counts, never who voted; the votes are in each voter's own view.
		const sync = await (
			chloe.socket.emitWithAck as unknown as (event: 'sync') => Promise<Snapshot>
		)('sync');
		expect(JSON.stringify(sync.sections.qna)).not.toContain('Chloé');
		expect(sync.self?.qnaVotes).toEqual([asked.id]);

		// Changed by its author once approved, with moderation on: back to the team.
		const edited = await ok(anne.socket, 'qna.editOwn', {
			id: asked.id,
			text: 'Quel financement structurel pour les équipes mobiles ?',
			anonymous: false
		});
		expect(edited.status).toBe('pending');
		const gone = qnaUpdate(chloe.socket, (qna) => !qna.questions.some((q) => q.id === asked.id));
		await gone;
	});

	it('shows questions at once with moderation off, and the team can still hide one', async () => {
		const room = await openRoom();
		await ok(room.console, 'phase.goto', { phaseId: room.qnaId });
		const anne = await phone(room, 'Anne', 'fr');
		const bram = await phone(room, 'Bram', 'nl');

		const waiting = await ok(anne.socket, 'qna.ask', { text: 'En attente ?', anonymous: false });
		expect(waiting.status).toBe('pending');
		await ok(room.console, 'qna.settings', { phaseId: room.qnaId, moderated: false });

		const shown = qnaUpdate(bram.socket, (qna) => qna.questions.length === 1);
		const live = await ok(anne.socket, 'qna.ask', { text: 'Et le logement ?', anonymous: false });
		expect(live.status).toBe('approved');
		const phoneView = (await shown).sections.qna!;
		expect(phoneView.steps).toEqual([{ phaseId: room.qnaId, moderated: false, pinnedId: null }]);
		// What waited before moderation went off still waits: the team decides on it.
		expect(phoneView.questions.map((q) => q.id)).toEqual([live.id]);

		// Changed by its author with moderation off: still shown.
		const edited = await ok(anne.socket, 'qna.editOwn', {
			id: live.id,
			text: 'Et le logement d’abord ?',
			anonymous: true
		});
		expect(edited.status).toBe('approved');

		const hidden = qnaUpdate(bram.socket, (qna) => qna.questions.length === 0);
		const toldAnne = next(anne.socket, 'self', (self) =>
			(self.qna ?? []).some((q) => q.id === live.id && q.status === 'rejected')
		);
		await ok(room.console, 'qna.moderate', { id: live.id, status: 'rejected' });
		await hidden;
		const anneSelf = await toldAnne;
		expect(anneSelf.qna!.find((q) => q.id === live.id)?.anonymous).toBe(true);
		// Hidden, it cannot be rewritten, only withdrawn.
		const rewrite = await send(anne.socket, 'qna.editOwn', {
			id: live.id,
			text: 'Encore ?',
			anonymous: false
		});
		expect(rewrite).toMatchObject({ ok: false, error: { code: 'qna_locked' } });
		await ok(anne.socket, 'qna.withdraw', { id: live.id });

		// Deciding twice the same way is refused, translated for the console.
		const twice = await send(room.console, 'qna.moderate', { id: waiting.id, status: 'rejected' });
		expect(twice.ok).toBe(true);
		const again = await send(room.console, 'qna.moderate', { id: waiting.id, status: 'rejected' });
		expect(again).toMatchObject({
			ok: false,
			error: {
				code: 'qna_bad_transition',
				message: 'This decision is not possible for this question as it stands.'
			}
		});
	});

	it('pins the question being answered, marks it answered and back; phones never steer', async () => {
		const room = await openRoom();
		await ok(room.console, 'qna.settings', { phaseId: room.qnaId, moderated: false });
		await ok(room.console, 'phase.goto', { phaseId: room.qnaId });
		const anne = await phone(room, 'Anne', 'fr');
		const bram = await phone(room, 'Bram', 'nl');
		const first = await ok(anne.socket, 'qna.ask', { text: 'Première ?', anonymous: false });
		const second = await ok(bram.socket, 'qna.ask', { text: 'Tweede?', anonymous: false });
		await ok(anne.socket, 'qna.vote', { id: second.id, on: true });

		// A phone cannot pin, answer, hide or change the settings.
		for (const [name, input] of [
			['qna.pin', { phaseId: room.qnaId, id: second.id }],
			['qna.answered', { id: second.id, answered: true }],
			['qna.moderate', { id: second.id, status: 'rejected' }],
			['qna.settings', { phaseId: room.qnaId, moderated: true }]
		] as const) {
			const refused = await send(bram.socket, name, input as never);
			expect(refused, name).toMatchObject({
				ok: false,
				error: { code: 'forbidden', message: 'U mag dit niet doen.' }
			});
		}

		const toldBram = next(bram.socket, 'self', (self) => !!self.qna?.[0]?.pinned);
		// Pinned through the JSON API (anything the console does, a program can do).
		const pinned = await api<{ ok: boolean; data: { id: number } }>(
			server,
			'POST',
			`/api/concertations/${room.id}/commands/qna.pin`,
			{ token, body: { phaseId: room.qnaId, id: second.id, commandId: commandId('pin') } }
		);
		expect(pinned.status).toBe(200);
		const onScreen = await qnaUpdate(room.screen, (qna) => qna.steps[0]?.pinnedId === second.id);
		expect(onScreen.sections.qna!.steps[0]).toEqual({
			phaseId: room.qnaId,
			moderated: false,
			pinnedId: second.id
		});
		// Being answered: its author can no longer change or withdraw it.
		const bramSelf = await toldBram;
		expect(bramSelf.qna![0]!.id).toBe(second.id);
		const locked = await send(bram.socket, 'qna.withdraw', { id: second.id });
		expect(locked).toMatchObject({
			ok: false,
			error: {
				code: 'qna_locked',
				message:
					'Deze vraag wordt beantwoord of is al beantwoord: ze kan niet meer gewijzigd worden.'
			}
		});

		// One pinned at a time: pinning the first replaces it.
		await ok(room.console, 'qna.pin', { phaseId: room.qnaId, id: first.id });
		await ok(room.console, 'qna.pin', { phaseId: room.qnaId, id: second.id });

		// Answered: no longer pinned; undone: open again, not pinned.
		await ok(room.console, 'qna.answered', { id: second.id, answered: true });
		const answered = await qnaUpdate(anne.socket, (qna) =>
			qna.questions.some((q) => q.id === second.id && q.answered)
		);
		expect(answered.sections.qna!.steps[0]!.pinnedId).toBeNull();
		await ok(room.console, 'qna.answered', { id: second.id, answered: false });
		await qnaUpdate(anne.socket, (qna) =>
			qna.questions.some((q) => q.id === second.id && !q.answered)
		);

		// Only a question the room sees is pinned; only a Q&A step has a pinned question.
		const pendingStep = await ok(room.console, 'qna.settings', {
			phaseId: room.qnaId,
			moderated: true
		});
		expect(pendingStep.moderated).toBe(true);
		const waiting = await ok(anne.socket, 'qna.ask', { text: 'En attente ?', anonymous: false });
		const notShown = await send(room.console, 'qna.pin', { phaseId: room.qnaId, id: waiting.id });
		expect(notShown).toMatchObject({ ok: false, error: { code: 'qna_not_approved' } });
		const snapshot = await api<Snapshot>(server, 'GET', `/api/concertations/${room.id}`, { token });
		const otherStep = snapshot.body.sections.programme!.find((p) => p.kind !== 'qna')!;
		const wrongStep = await send(room.console, 'qna.pin', { phaseId: otherStep.id, id: null });
		expect(wrongStep).toMatchObject({
			ok: false,
			error: {
				code: 'qna_wrong_step',
				message: 'This step is not a questions for the experts step.'
			}
		});
		const unknown = await send(room.console, 'qna.answered', { id: 999_999, answered: true });
		expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

		// Bad input: a translated error, nothing stored.
		const empty = await send(anne.socket, 'qna.ask', { text: '   ', anonymous: false });
		expect(empty).toMatchObject({
			ok: false,
			error: { code: 'qna_text_required', message: 'La question est obligatoire.' }
		});
		const long = await send(bram.socket, 'qna.ask', { text: 'x'.repeat(301), anonymous: false });
		expect(long).toMatchObject({
			ok: false,
			error: { code: 'qna_text_too_long', message: 'De vraag is langer dan 300 tekens.' }
		});
		const malformed = await send(bram.socket, 'qna.vote', { id: second.id } as never);
		expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid' } });

		// Once the meeting moved on, phones can no longer ask nor vote.
		await ok(room.console, 'phase.goto', { phaseId: otherStep.id });
		const late = await send(bram.socket, 'qna.vote', { id: first.id, on: true });
		expect(late).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const state = await api<Snapshot>(server, 'GET', `/api/concertations/${room.id}`, { token });
		const qna = state.body.sections.qna!;
		expect(qna.questions.map((q) => [q.id, q.votes, q.answered])).toEqual([
			[second.id, 1, false],
			[first.id, 0, false],
			[waiting.id, 0, false]
		]);
	});

	it('lists the questions the room saw in the restitution, with votes and answers, naming nobody', async () => {
		const room = await openRoom();
		await ok(room.console, 'qna.settings', { phaseId: room.qnaId, moderated: false });
		await ok(room.console, 'phase.goto', { phaseId: room.qnaId });
		const anne = await phone(room, 'Anne Dubois', 'fr');
		const bram = await phone(room, 'Bram Peeters', 'nl');
		const chloe = await phone(room, 'Chloé Martin', 'en');
		const first = await ok(anne.socket, 'qna.ask', {
			text: 'Quel financement pour les équipes mobiles ?',
			anonymous: false
		});
		const second = await ok(bram.socket, 'qna.ask', {
			text: 'Hoe betrekken we de naasten?',
			anonymous: true
		});
		const hidden = await ok(chloe.socket, 'qna.ask', { text: 'Off topic', anonymous: false });
		await ok(room.console, 'qna.moderate', { id: hidden.id, status: 'rejected' });
		await ok(chloe.socket, 'qna.vote', { id: second.id, on: true });
		await ok(anne.socket, 'qna.vote', { id: second.id, on: true });
		await ok(chloe.socket, 'qna.vote', { id: first.id, on: true });
		await ok(room.console, 'qna.answered', { id: second.id, answered: true });

		const get = (format: string, id = room.id) =>
			fetch(`${server.url}/api/concertations/${id}/restitution.${format}`, {
				headers: { authorization: `Bearer ${token}` }
			});
		const model = parseRestitutionJson(await (await get('json')).text());
		expect(model.qna).toEqual([
			{ text: 'Hoe betrekken we de naasten?', language: 'nl', votes: 2, answered: true },
			{
				text: 'Quel financement pour les équipes mobiles ?',
				language: 'fr',
				votes: 1,
				answered: false
			}
		]);
		const markdown = await (await get('md')).text();
		expect(markdown).toContain('### Questions aux experts · Vragen aan de experts');
		expect(markdown).toContain('- 2 — Hoe betrekken we de naasten? _(répondue · beantwoord)_');
		const { pages, text } = await pdfText(Buffer.from(await (await get('pdf')).arrayBuffer()));
		expect(pages).toBe(1);
		expect(text).toContain('Questions aux experts · Vragen aan de experts');
		expect(text).toContain('Quel financement pour les équipes mobiles ?');
		for (const printed of [JSON.stringify(model), markdown, text]) {
			// Never an asker's name, anonymous or not; never what the team hid.
			for (const name of ['Anne', 'Bram', 'Chloé', 'Off topic'])
				expect(printed).not.toContain(name);
		}

		// Without a Q&A step, or without a question, the restitution has no such part.
		const empty = await openRoom();
		const plain = await createConcertation(server, token);
		for (const id of [empty.id, plain.id]) {
			const without = parseRestitutionJson(await (await get('json', id)).text());
			expect(Object.keys(without)).not.toContain('qna');
			expect(await (await get('md', id)).text()).not.toContain('Vragen aan de experts');
		}
	});

	it('sends the room a few coalesced updates of the counts, whatever the number of votes', async () => {
		const room = await openRoom();
		await ok(room.console, 'qna.settings', { phaseId: room.qnaId, moderated: false });
		await ok(room.console, 'phase.goto', { phaseId: room.qnaId });
		const phones = await Promise.all(
			Array.from({ length: 40 }, (_, index) => phone(room, `Personne ${index + 1}`, 'fr'))
		);
		const [asker, ...voters] = phones;
		const question = await ok(asker!.socket, 'qna.ask', {
			text: 'Quelle place pour les usagers ?',
			anonymous: false
		});
		await qnaUpdate(asker!.socket, (qna) => qna.questions.length === 1);

		// Every other phone votes at once; one phone counts what reaches it.
		const received: Update[] = [];
		const listener = (update: Update) => {
			if (update.sections.qna) received.push(update);
		};
		asker!.socket.on('update', listener);
		const started = Date.now();
		const all = qnaUpdate(asker!.socket, (qna) => votesOf(qna, question.id) === voters.length);
		await Promise.all(
			voters.map((voter) => ok(voter.socket, 'qna.vote', { id: question.id, on: true }))
		);
		await all;
		asker!.socket.off('update', listener);
		// Coalesced: at most one update a second to phones (the first at once), not one per
		// vote, however slow the machine that runs this.
		const seconds = Math.ceil((Date.now() - started) / 1000);
		expect(received.length).toBeLessThanOrEqual(seconds + 1);
		expect(received.length).toBeLessThan(voters.length / 4);
		// One row per question with its count, never the voters: the same size for 1 or 39 votes.
		const last = received.at(-1)!.sections.qna!;
		expect(last.questions).toHaveLength(1);
		expect(JSON.stringify(last).length).toBeLessThan(300);
	}, 60_000);

	it('goes with its concertation when it is deleted, all of it and nothing else', async () => {
		const kept = await openRoom();
		await ok(kept.console, 'qna.settings', { phaseId: kept.qnaId, moderated: false });
		await ok(kept.console, 'phase.goto', { phaseId: kept.qnaId });
		const keptPhone = await phone(kept, 'Anne', 'fr');
		await ok(keptPhone.socket, 'qna.ask', { text: 'Une question qui reste ?', anonymous: false });
		const before = await rowCounts(server);

		const doomed = await openRoom();
		await ok(doomed.console, 'qna.settings', { phaseId: doomed.qnaId, moderated: false });
		await ok(doomed.console, 'phase.goto', { phaseId: doomed.qnaId });
		const [a, b] = [await phone(doomed, 'A', 'fr'), await phone(doomed, 'B', 'nl')];
		const asked = await ok(a.socket, 'qna.ask', { text: 'Supprimée ?', anonymous: true });
		await ok(b.socket, 'qna.vote', { id: asked.id, on: true });
		await ok(doomed.console, 'qna.pin', { phaseId: doomed.qnaId, id: asked.id });
		const filled = await rowCounts(server);
		for (const table of ['qna_question', 'qna_vote', 'qna_step'])
			expect(filled[table], table).toBeGreaterThan(before[table]!);

		const response = await fetch(`${server.url}/api/concertations/${doomed.id}`, {
			method: 'DELETE',
			headers: { origin: server.url, authorization: `Bearer ${token}` }
		});
		expect(response.status).toBe(200);
		expect(await rowCounts(server)).toEqual(before);
	});
});
