import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfView, Snapshot } from '../../src/lib/protocol';
import {
	api,
	connectFacilitator,
	connectParticipant,
	joinAsParticipant,
	next,
	runCommand as ok,
	sendCommand as send,
	signIn,
	socketTracker,
	openStartedRoom,
	gotoStep,
	type StartedRoom,
	startServer,
	type RunningServer
} from '../helpers/server';

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

type Session = StartedRoom;
const openSession = () => openStartedRoom(server, token, track, 'en');
const gotoPhase = gotoStep;

async function phone(session: Session, input: Record<string, unknown> = {}, locale = 'en') {
	const joined = await joinAsParticipant(server, session.joinCode, { locale, ...input });
	const socket = track(connectParticipant(server, session.id, joined.token, locale as 'en'));
	const snapshot = await next(socket, 'snapshot');
	return { ...joined, socket, snapshot };
}

async function snapshotOf(session: Session): Promise<Snapshot> {
	const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${session.id}`, {
		token
	});
	return body;
}

describe('questions and topics', () => {
	it('lets phones propose during the topics phase only, moderates, merges, and feeds the vote', async () => {
		const session = await openSession();
		const anne = await phone(session, { displayName: 'Anne' });
		const bob = await phone(session, { displayName: 'Bob', locale: 'nl' }, 'nl');

		// Before the topics phase a proposal is refused and nothing is stored.
		const early = await send(anne.socket, 'topics.propose', { text: 'Logement d’abord' });
		expect(early).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		if (!early.ok) expect(early.error.message).toBe('This step is not (or no longer) open.');

		// Questions of the day are prepared in advance, bilingual.
		const q1 = await ok(session.console, 'topics.saveQuestion', {
			textFr: 'Comment mieux orienter ?',
			textNl: 'Hoe beter doorverwijzen?'
		});
		const q2 = await ok(session.console, 'topics.saveQuestion', { textFr: 'Quels relais ?' });

		await gotoPhase(session, 'topics');
		const ownSelf = next(anne.socket, 'self', (self: SelfView) => (self.topics?.length ?? 0) > 0);
		const proposal = await ok(anne.socket, 'topics.propose', {
			text: 'Logement d’abord',
			details: 'Housing First à Bruxelles'
		});
		expect((await ownSelf).topics).toEqual([
			{
				id: proposal.id,
				text: 'Logement d’abord',
				details: 'Housing First à Bruxelles',
				status: 'pending'
			}
		]);
		const dup1 = await ok(bob.socket, 'topics.propose', { text: 'Jongeren en verslaving' });
		const dup2 = await ok(anne.socket, 'topics.propose', { text: 'Jeunes et assuétudes' });
		const spam = await ok(bob.socket, 'topics.propose', { text: 'hello' });

		// A participant cannot moderate, not even their own proposal.
		const selfApproval = await send(anne.socket, 'topics.moderate', {
			id: proposal.id,
			status: 'approved'
		});
		expect(selfApproval).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// Length limits come back translated, in the phone's language.
		const tooLong = await send(bob.socket, 'topics.propose', { text: 'x'.repeat(301) });
		expect(tooLong).toMatchObject({ ok: false, error: { code: 'topics_text_too_long' } });
		if (!tooLong.ok) expect(tooLong.error.message).toContain('300');

		// The screen sees only approved questions before moderation.
		let snapshot = await snapshotOf(session);
		expect(snapshot.sections.topics?.items).toHaveLength(6);

		const screenSeesTopic = next(session.screen, 'update', (u) =>
			(u.sections.topics?.candidates ?? []).some((c) => c.sourceId === proposal.id)
		);
		const approvedSelf = next(anne.socket, 'self', (self: SelfView) =>
			(self.topics ?? []).some((t) => t.status === 'approved')
		);
		await ok(session.console, 'topics.moderate', { id: proposal.id, status: 'approved' });
		const seen = await screenSeesTopic;
		expect(seen.sections.topics?.items).toBeUndefined();
		await approvedSelf;
		await ok(session.console, 'topics.moderate', { id: spam.id, status: 'rejected' });
		const merged = await ok(session.console, 'topics.merge', {
			ids: [dup1.id, dup2.id],
			text: 'Jeunes et assuétudes / Jongeren en verslaving'
		});
		// Merging a merged topic again is refused.
		const again = await send(session.console, 'topics.merge', {
			ids: [dup1.id, proposal.id],
			text: 'x'
		});
		expect(again).toMatchObject({ ok: false, error: { code: 'topics_bad_merge' } });

		snapshot = await snapshotOf(session);
		expect(snapshot.sections.topics?.candidates).toEqual([
			{
				source: 'question',
				sourceId: q1.id,
				label: { fr: 'Comment mieux orienter ?', nl: 'Hoe beter doorverwijzen?' }
			},
			{
				source: 'question',
				sourceId: q2.id,
				// No silent copy: a language nobody wrote stays empty (issue 12).
				label: { fr: 'Quels relais ?', nl: '' }
			},
			{
				source: 'topic',
				sourceId: proposal.id,
				// Typed on a phone set to English.
				label: { fr: '', nl: '', en: 'Logement d’abord' }
			},
			{
				source: 'topic',
				sourceId: merged.id,
				// Merged wording: in the first topic's language (Bob's phone is in Dutch).
				label: { fr: '', nl: 'Jeunes et assuétudes / Jongeren en verslaving' }
			}
		]);

		// Reordering keeps the ids stable.
		await ok(session.console, 'topics.reorder', { ids: [merged.id, proposal.id] });
		snapshot = await snapshotOf(session);
		expect(snapshot.sections.topics?.candidates.slice(2).map((c) => c.sourceId)).toEqual([
			merged.id,
			proposal.id
		]);

		// A phone that reconnects sees its proposals with their status.
		anne.socket.disconnect();
		const again2 = track(connectParticipant(server, session.id, anne.token, 'en'));
		const reconnected = await next(again2, 'snapshot');
		expect(reconnected.self?.topics).toEqual([
			{
				id: proposal.id,
				text: 'Logement d’abord',
				details: 'Housing First à Bruxelles',
				status: 'approved'
			},
			{ id: dup2.id, text: 'Jeunes et assuétudes', details: '', status: 'merged' }
		]);
		expect(reconnected.sections.topics?.items).toBeUndefined();

		// After the phase, proposals are closed again.
		await gotoPhase(session, 'vote');
		const late = await send(again2, 'topics.propose', { text: 'Trop tard' });
		expect(late).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	});

	it('runs the topics phase with 30 phones at once', async () => {
		const session = await openSession();
		const phones = await Promise.all(
			Array.from({ length: 30 }, (_, index) =>
				phone(session, { displayName: `Phone ${index + 1}` }, index % 2 ? 'nl' : 'fr')
			)
		);
		await gotoPhase(session, 'topics');
		const started = performance.now();
		const proposals = await Promise.all(
			phones.map((p, index) => ok(p.socket, 'topics.propose', { text: `Sujet ${index + 1}` }))
		);
		const proposeMs = performance.now() - started;
		expect(new Set(proposals.map((p) => p.id)).size).toBe(30);

		// Approve every other proposal; each author's phone gets its own status back.
		const approvedIds = proposals.filter((_, i) => i % 2 === 0).map((p) => p.id);
		const lastApproved = approvedIds.at(-1)!;
		const everyPhoneSeesIt = phones.map((p) =>
			next(
				p.socket,
				'update',
				(u) => (u.sections.topics?.candidates ?? []).some((c) => c.sourceId === lastApproved),
				10_000
			)
		);
		for (const id of approvedIds)
			await ok(session.console, 'topics.moderate', { id, status: 'approved' });
		const updates = await Promise.all(everyPhoneSeesIt);
		for (const update of updates) {
			expect(update.sections.topics?.candidates).toHaveLength(15);
			expect(update.sections.topics?.items).toBeUndefined();
		}
		const snapshot = await snapshotOf(session);
		expect(snapshot.sections.topics?.candidates.map((c) => c.sourceId)).toEqual(approvedIds);
		console.info(`30 phones proposed at once in ${proposeMs.toFixed(0)} ms`);
	});
});

describe('tour de table', () => {
	it('keeps expectations editable until the phase closes, rolls by sector and spotlights speakers', async () => {
		const session = await openSession(); // starts on the introduction
		const anne = await phone(session, { displayName: 'Anne', sector: 'mental_health' });
		const bob = await phone(session, { displayName: 'Bob', sector: 'mental_health' });
		const chloe = await phone(session, { displayName: 'Chloé', sector: null });

		const saved = next(anne.socket, 'self', (self: SelfView) => self.expectations !== '');
		await ok(anne.socket, 'tour.expectations', {
			expectations: 'Mieux connaître le réseau logement'
		});
		expect((await saved).expectations).toBe('Mieux connaître le réseau logement');
		await gotoPhase(session, 'tour');
		await ok(bob.socket, 'tour.expectations', { expectations: 'Le réseau logement, les relais' });
		const tooLong = await send(chloe.socket, 'tour.expectations', {
			expectations: 'x'.repeat(501)
		});
		expect(tooLong).toMatchObject({ ok: false, error: { code: 'tour_expectations_too_long' } });

		let snapshot = await snapshotOf(session);
		const sector = snapshot.sections.session!.sectors.find((s) => s.id === 'mental_health');
		expect(sector).toBeDefined();
		expect(snapshot.sections.tour).toMatchObject({
			total: 3,
			roll: [
				{ sectorId: 'mental_health', count: 2 },
				{ sectorId: null, count: 1 }
			],
			spotlight: null,
			speakerSeconds: 60
		});

		// The facilitator hides an entry: it leaves the roll and the expectations list.
		await ok(session.console, 'tour.correct', { participantId: bob.participantId, hidden: true });
		const screenUpdate = next(
			session.screen,
			'update',
			(u) => u.sections.tour?.spotlight !== null && u.sections.tour !== undefined
		);
		await ok(session.console, 'tour.settings', { speakerSeconds: 90, groupByKeyword: true });
		const first = await ok(session.console, 'tour.spotlight', { participantId: 'next' });
		expect(first.participantId).toBe(anne.participantId);
		const seen = await screenUpdate;
		expect(seen.sections.tour?.spotlight?.speaker.displayName).toBe('Anne');
		expect(seen.sections.tour?.spotlight?.timer.durationMs).toBe(90_000);
		expect(seen.sections.tour?.total).toBe(2);
		expect(seen.sections.tour?.entries).toBeUndefined();
		// Next in order skips the hidden one, then everyone has spoken.
		const second = await ok(session.console, 'tour.spotlight', { participantId: 'next' });
		expect(second.participantId).toBe(chloe.participantId);
		const done = await send(session.console, 'tour.spotlight', { participantId: 'next' });
		expect(done).toMatchObject({ ok: false, error: { code: 'tour_everyone_spoke' } });
		const hiddenSpeaker = await send(session.console, 'tour.spotlight', {
			participantId: bob.participantId
		});
		expect(hiddenSpeaker).toMatchObject({ ok: false, error: { code: 'tour_speaker_hidden' } });
		const badSeconds = await send(session.console, 'tour.settings', { speakerSeconds: 5 });
		expect(badSeconds).toMatchObject({ ok: false, error: { code: 'tour_bad_speaker_seconds' } });

		// The facilitator corrects an entry; only the facilitator sees everyone.
		await ok(session.console, 'tour.correct', {
			participantId: anne.participantId,
			expectations: 'Connaître le réseau logement'
		});
		snapshot = await snapshotOf(session);
		expect(snapshot.sections.tour?.entries).toHaveLength(3);
		expect(snapshot.sections.tour?.expectations).toEqual([
			{
				participantId: anne.participantId,
				displayName: 'Anne',
				text: 'Connaître le réseau logement'
			}
		]);
		const forbidden = await send(anne.socket, 'tour.spotlight', { participantId: 'next' });
		expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// The spotlight and its countdown are stored: a restarted server shows the same.
		const before = (await snapshotOf(session)).sections.tour?.spotlight;
		expect(before?.speaker.participantId).toBe(chloe.participantId);
		server = await server.restart();
		const after = (await snapshotOf(session)).sections.tour?.spotlight;
		expect(after).toEqual(before);
		session.console = track(connectFacilitator(server, token, session.id, 'en'));
		await next(session.console, 'snapshot');
		anne.socket = track(connectParticipant(server, session.id, anne.token));
		expect((await next(anne.socket, 'snapshot')).self?.expectations).toBe(
			'Connaître le réseau logement'
		);

		// Once the tour de table is over, expectations are closed.
		await gotoPhase(session, 'news');
		const late = await send(anne.socket, 'tour.expectations', { expectations: 'Trop tard' });
		expect(late).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	});
});

describe('tour de table headcount', () => {
	it('follows the phones that joined before the step, and those that join during it', async () => {
		const session = await openSession(); // on the introduction
		await phone(session, { displayName: 'Anne', sector: 'mental_health' });
		// The step starts with everyone who joined meanwhile.
		const entering = next(session.screen, 'update', (u) => u.sections.tour?.total === 1);
		await gotoPhase(session, 'tour');
		expect((await entering).sections.tour?.roll).toEqual([{ sectorId: 'mental_health', count: 1 }]);
		const onScreen = next(session.screen, 'update', (u) => u.sections.tour?.total === 3);
		const onConsole = next(session.console, 'update', (u) => u.sections.tour?.total === 3);
		await phone(session, { displayName: 'Bob', sector: 'mental_health' });
		await phone(session, { displayName: 'Chloé', sector: null });
		expect((await onScreen).sections.tour?.roll).toEqual([
			{ sectorId: 'mental_health', count: 2 },
			{ sectorId: null, count: 1 }
		]);
		expect((await onConsole).sections.tour?.entries).toHaveLength(3);
	});
});

describe('sector news', () => {
	it('publishes organisers’ items and moderated submissions in the chosen order and mode', async () => {
		const session = await openSession();
		const anne = await phone(session, { displayName: 'Anne' }, 'fr');

		// Prepared before the session (any phase): bilingual, dated, ordered.
		const fair = await ok(session.console, 'news.save', {
			titleFr: 'Salon du logement',
			titleNl: 'Woonbeurs',
			startDate: '2024-10-05',
			startTime: '10:00',
			endTime: '16:00',
			place: 'Tour & Taxis',
			price: 'Gratuit / Gratis',
			link: 'example.be/salon'
		});
		const badLink = await send(session.console, 'news.save', {
			titleFr: 'X',
			link: 'javascript:alert(1)'
		});
		expect(badLink).toMatchObject({ ok: false, error: { code: 'news_bad_link' } });
		const early = await send(anne.socket, 'news.submit', { title: 'Trop tôt' });
		expect(early).toMatchObject({ ok: false, error: { code: 'phase_closed' } });

		await gotoPhase(session, 'news');
		const badDate = await send(anne.socket, 'news.submit', {
			title: 'Atelier',
			date: '31/02/2025'
		});
		expect(badDate).toMatchObject({ ok: false, error: { code: 'news_bad_date' } });
		if (!badDate.ok) expect(badDate.error.message).toContain('Date non reconnue');
		const submitted = await ok(anne.socket, 'news.submit', {
			title: 'Atelier parents',
			text: 'Pour les parents solos',
			date: '12 novembre 2024',
			place: 'Schaerbeek',
			link: 'https://example.org/atelier'
		});
		let snapshot = await snapshotOf(session);
		expect(snapshot.sections.news?.items.map((i) => i.status)).toEqual(['approved', 'pending']);
		// Phones do not see the queue.
		const fresh = await phone(session, { displayName: 'Dirk' }, 'nl');
		expect(fresh.snapshot.sections.news?.items.map((i) => i.id)).toEqual([fair.id]);

		const selfApproval = await send(anne.socket, 'news.moderate', {
			id: submitted.id,
			status: 'approved'
		});
		expect(selfApproval).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// Edit then approve: the room sees the edited item; the author sees it approved.
		await ok(session.console, 'news.save', {
			id: submitted.id,
			titleFr: 'Atelier parents solos',
			titleNl: 'Workshop alleenstaande ouders',
			textFr: 'Pour les parents solos',
			startDate: '2024-11-12',
			place: 'Schaerbeek',
			link: 'https://example.org/atelier'
		});
		const screenSeesIt = next(session.screen, 'update', (u) =>
			(u.sections.news?.items ?? []).some((i) => i.id === submitted.id)
		);
		const authorSelf = next(anne.socket, 'self', (self: SelfView) =>
			(self.news ?? []).some((n) => n.status === 'approved')
		);
		await ok(session.console, 'news.moderate', { id: submitted.id, status: 'approved' });
		const seen = await screenSeesIt;
		expect(seen.sections.news?.items.find((i) => i.id === submitted.id)?.title).toEqual({
			fr: 'Atelier parents solos',
			nl: 'Workshop alleenstaande ouders'
		});
		expect((await authorSelf).news).toEqual([
			{
				id: submitted.id,
				title: 'Atelier parents solos',
				text: 'Pour les parents solos',
				date: '2024-11-12',
				place: 'Schaerbeek',
				price: '',
				link: 'https://example.org/atelier',
				status: 'approved'
			}
		]);

		await ok(session.console, 'news.reorder', { ids: [submitted.id, fair.id] });
		await ok(session.console, 'news.display', { mode: 'single', currentId: fair.id });
		snapshot = await snapshotOf(session);
		expect(snapshot.sections.news).toMatchObject({ mode: 'single', currentId: fair.id });
		expect(snapshot.sections.news?.items.map((i) => i.id)).toEqual([submitted.id, fair.id]);
		expect(snapshot.sections.news?.items[1]).toMatchObject({
			startDate: '2024-10-05',
			startTime: '10:00',
			endTime: '16:00',
			link: 'https://example.be/salon'
		});

		// A rejected one leaves the screen; the author sees the rejection after reconnecting.
		const second = await ok(anne.socket, 'news.submit', { title: 'Spam' });
		await ok(session.console, 'news.moderate', { id: second.id, status: 'rejected' });
		const notShown = await send(session.console, 'news.display', {
			mode: 'single',
			currentId: second.id
		});
		expect(notShown).toMatchObject({ ok: false, error: { code: 'news_not_approved' } });
		anne.socket.disconnect();
		const back = track(connectParticipant(server, session.id, anne.token));
		const reconnected = await next(back, 'snapshot');
		expect(reconnected.self?.news?.map((n) => n.status)).toEqual(['approved', 'rejected']);
	});
});

describe('needs monitoring', () => {
	async function importCsv(session: Session, csv: string, locale = 'en') {
		const response = await fetch(`${server.url}/api/concertations/${session.id}/needs/import`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${token}`,
				cookie: `locale=${locale}`,
				'accept-language': locale
			},
			body: JSON.stringify({ csv })
		});
		return {
			status: response.status,
			body: (await response.json()) as {
				ok: boolean;
				data?: { count: number };
				error?: { code: string; message: string; lines: { line: number; message: string }[] };
			}
		};
	}

	it('imports a CSV as a whole or not at all, with translated line errors', async () => {
		const session = await openSession();
		const anne = await phone(session);
		await ok(session.console, 'needs.saveTheme', {
			labelFr: 'Santé mentale',
			labelNl: 'Geestelijke gezondheid',
			count: 12
		});

		const bad = await importCsv(
			session,
			'theme_fr,theme_nl,count\nLogement,Huisvesting,40\nEmploi,Werk,beaucoup\n,Armoede,3\n'
		);
		expect(bad.status).toBe(400);
		expect(bad.body.error?.code).toBe('needs_csv_invalid');
		expect(bad.body.error?.lines.map((l) => l.line)).toEqual([3, 4]);
		expect(bad.body.error?.lines[0]?.message).toBe(
			'Line 3: the count “beaucoup” must be a whole number, zero or more.'
		);
		const french = await importCsv(session, 'theme;nl\n', 'fr');
		expect(french.body.error?.lines[0]?.message).toMatch(/^Ligne 1/);
		// Nothing was imported: the hand-typed theme is still the only one.
		let snapshot = await snapshotOf(session);
		expect(snapshot.sections.needs?.themes.map((t) => t.label.fr)).toEqual(['Santé mentale']);

		const phoneSeesChart = next(
			anne.socket,
			'update',
			(u) => (u.sections.needs?.themes.length ?? 0) === 3
		);
		const good = await importCsv(
			session,
			'\uFEFFtheme_fr;theme_nl;count\r\nEmploi;Werk;7\r\n"Logement, abordable";"Betaalbare huisvesting";40\r\nSolitude;Eenzaamheid;12\r\n'
		);
		expect(good).toMatchObject({ status: 200, body: { ok: true, data: { count: 3 } } });
		const update = await phoneSeesChart;
		// Sorted: most frequent first, ties in French alphabetical order.
		expect(update.sections.needs?.themes.map((t) => [t.label.fr, t.label.nl, t.count])).toEqual([
			['Logement, abordable', 'Betaalbare huisvesting', 40],
			['Solitude', 'Eenzaamheid', 12],
			['Emploi', 'Werk', 7]
		]);

		// A phone cannot import, nor edit themes.
		const forbidden = await send(anne.socket, 'needs.saveTheme', {
			labelFr: 'X',
			labelNl: 'Y',
			count: 1
		});
		expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const anonymous = await fetch(`${server.url}/api/concertations/${session.id}/needs/import`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ csv: 'theme_fr,theme_nl,count\nA,B,1\n' })
		});
		expect(anonymous.status).toBe(401);

		await ok(session.console, 'needs.targetGroups', {
			groups: [
				{ labelFr: 'Familles monoparentales', labelNl: 'Eenoudergezinnen' },
				{ labelFr: '', labelNl: '' },
				{ labelFr: 'Jeunes', labelNl: 'Jongeren' }
			]
		});
		const badCount = await send(session.console, 'needs.saveTheme', {
			labelFr: 'X',
			labelNl: 'Y',
			count: -1
		});
		expect(badCount).toMatchObject({ ok: false, error: { code: 'needs_bad_count' } });
		snapshot = await snapshotOf(session);
		expect(snapshot.sections.needs?.targetGroups).toEqual([
			{ label: { fr: 'Familles monoparentales', nl: 'Eenoudergezinnen' } },
			{ label: { fr: 'Jeunes', nl: 'Jongeren' } }
		]);
	});
});

describe('participants’ own submissions', () => {
	it('lets authors edit and withdraw their pending news until it is moderated', async () => {
		const session = await openSession();
		const anne = await phone(session, { displayName: 'Anne' }, 'fr');
		const bob = await phone(session, { displayName: 'Bob' });
		await gotoPhase(session, 'news');
		const item = await ok(anne.socket, 'news.submit', { title: 'Atelier', date: '12/11/2024' });
		const other = await ok(anne.socket, 'news.submit', { title: 'Doublon' });

		// The author fixes it: the queue and their own view show the new text.
		const selfEdited = next(anne.socket, 'self', (self: SelfView) =>
			(self.news ?? []).some((n) => n.title === 'Atelier parents solos')
		);
		await ok(anne.socket, 'news.editOwn', {
			id: item.id,
			title: 'Atelier parents solos',
			text: 'Le mardi',
			date: '19 novembre 2024',
			place: 'Schaerbeek',
			link: 'example.org/atelier'
		});
		expect((await selfEdited).news?.[0]).toMatchObject({
			id: item.id,
			title: 'Atelier parents solos',
			text: 'Le mardi',
			date: '2024-11-19',
			place: 'Schaerbeek',
			link: 'https://example.org/atelier',
			status: 'pending'
		});
		let queue = (await snapshotOf(session)).sections.news?.items ?? [];
		// Kept in the language it was typed in only: no silent copy into Dutch (issue 12).
		expect(queue.find((i) => i.id === item.id)?.title).toEqual({
			fr: 'Atelier parents solos',
			nl: ''
		});

		// Bad input is refused in the author's language and changes nothing.
		const badDate = await send(anne.socket, 'news.editOwn', {
			id: item.id,
			title: 'Atelier',
			date: '31/02/2025'
		});
		expect(badDate).toMatchObject({ ok: false, error: { code: 'news_bad_date' } });
		if (!badDate.ok) expect(badDate.error.message).toContain('Date non reconnue');
		// Someone else's submission is not theirs to edit or withdraw.
		for (const attempt of [
			send(bob.socket, 'news.editOwn', { id: item.id, title: 'Pris' }),
			send(bob.socket, 'news.withdraw', { id: item.id }),
			send(session.console, 'news.withdraw', { id: item.id })
		]) {
			expect(await attempt).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}

		// Withdrawn: gone from the queue and from the author's list.
		await ok(anne.socket, 'news.withdraw', { id: other.id });
		queue = (await snapshotOf(session)).sections.news?.items ?? [];
		expect(queue.map((i) => i.id)).toEqual([item.id]);

		// Once approved it is locked, with a translated message; the approved text stays.
		await ok(session.console, 'news.moderate', { id: item.id, status: 'approved' });
		const locked = await send(anne.socket, 'news.editOwn', { id: item.id, title: 'Changé' });
		expect(locked).toMatchObject({ ok: false, error: { code: 'news_locked' } });
		if (!locked.ok) expect(locked.error.message).toMatch(/relue|relu/);
		const lockedWithdraw = await send(anne.socket, 'news.withdraw', { id: item.id });
		expect(lockedWithdraw).toMatchObject({ ok: false, error: { code: 'news_locked' } });

		// A pending one cannot be changed after the news step either.
		const late = await ok(anne.socket, 'news.submit', { title: 'En retard' });
		await gotoPhase(session, 'needs');
		const closed = await send(anne.socket, 'news.editOwn', { id: late.id, title: 'Trop tard' });
		expect(closed).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const reconnected = track(connectParticipant(server, session.id, anne.token));
		const own = (await next(reconnected, 'snapshot')).self?.news ?? [];
		expect(own.map((n) => [n.title, n.status])).toEqual([
			['Atelier parents solos', 'approved'],
			['En retard', 'pending']
		]);
	});

	it('lets authors edit and withdraw their pending topic proposals until moderated', async () => {
		const session = await openSession();
		const anne = await phone(session, { displayName: 'Anne' });
		const bob = await phone(session, { displayName: 'Bob' });
		const question = await ok(session.console, 'topics.saveQuestion', { textFr: 'Quels relais ?' });
		await gotoPhase(session, 'topics');
		const proposal = await ok(anne.socket, 'topics.propose', { text: 'Logement' });
		const spare = await ok(anne.socket, 'topics.propose', { text: 'Doublon' });

		const selfEdited = next(anne.socket, 'self', (self: SelfView) =>
			(self.topics ?? []).some((t) => t.text === 'Logement d’abord')
		);
		await ok(anne.socket, 'topics.editOwn', {
			id: proposal.id,
			text: 'Logement d’abord',
			details: 'Pour les familles'
		});
		expect((await selfEdited).topics?.[0]).toEqual({
			id: proposal.id,
			text: 'Logement d’abord',
			details: 'Pour les familles',
			status: 'pending'
		});
		const empty = await send(anne.socket, 'topics.editOwn', { id: proposal.id, text: '  ' });
		expect(empty).toMatchObject({ ok: false, error: { code: 'topics_text_required' } });
		for (const attempt of [
			send(bob.socket, 'topics.editOwn', { id: proposal.id, text: 'Pris' }),
			send(bob.socket, 'topics.withdraw', { id: proposal.id }),
			send(anne.socket, 'topics.withdraw', { id: question.id })
		]) {
			expect(await attempt).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}

		await ok(anne.socket, 'topics.withdraw', { id: spare.id });
		const items = (await snapshotOf(session)).sections.topics?.items ?? [];
		expect(items.filter((i) => i.source === 'topic').map((i) => i.text.en)).toEqual([
			'Logement d’abord'
		]);

		// Approved: locked, and it is on the vote's list as the author last wrote it.
		await ok(session.console, 'topics.moderate', { id: proposal.id, status: 'approved' });
		const locked = await send(anne.socket, 'topics.editOwn', { id: proposal.id, text: 'Autre' });
		expect(locked).toMatchObject({ ok: false, error: { code: 'topics_locked' } });
		if (!locked.ok) {
			expect(locked.error.message).toBe(
				'This topic has already been reviewed by the facilitators and can no longer be changed.'
			);
		}
		expect(await send(anne.socket, 'topics.withdraw', { id: proposal.id })).toMatchObject({
			ok: false,
			error: { code: 'topics_locked' }
		});
		// Each in the language it was written in (Anne's phone is in English): no silent copy.
		expect((await snapshotOf(session)).sections.topics?.candidates.map((c) => c.label)).toEqual([
			{ fr: 'Quels relais ?', nl: '' },
			{ fr: '', nl: '', en: 'Logement d’abord' }
		]);

		await gotoPhase(session, 'vote');
		const closed = await send(anne.socket, 'topics.withdraw', { id: proposal.id });
		expect(closed).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
	});
});

describe('speaker countdown', () => {
	it('pauses and resumes, stored so that a restart keeps it paused', async () => {
		const session = await openSession();
		const anne = await phone(session, { displayName: 'Anne' });
		await gotoPhase(session, 'tour');
		const noSpeaker = await send(session.console, 'tour.pause', {});
		expect(noSpeaker).toMatchObject({ ok: false, error: { code: 'tour_no_speaker' } });
		if (!noSpeaker.ok)
			expect(noSpeaker.error.message).toBe('Nobody has the floor: give it to someone first.');
		await ok(session.console, 'tour.settings', { speakerSeconds: 30 });
		await ok(session.console, 'tour.spotlight', { participantId: anne.participantId });
		expect(await send(anne.socket, 'tour.pause', {})).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});

		await new Promise((resolve) => setTimeout(resolve, 300));
		const screenSeesPause = next(
			session.screen,
			'update',
			(u) => u.sections.tour?.spotlight?.timer.running === false
		);
		const paused = await ok(session.console, 'tour.pause', {});
		expect(paused.timer).toMatchObject({ running: false, endsAt: null, durationMs: 30_000 });
		expect(paused.timer.remainingMs).toBeLessThanOrEqual(29_700);
		expect(paused.timer.remainingMs).toBeGreaterThan(25_000);
		expect((await screenSeesPause).sections.tour?.spotlight?.timer).toEqual(paused.timer);
		// Pausing twice changes nothing; time does not run while paused.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect((await ok(session.console, 'tour.pause', {})).timer).toEqual(paused.timer);

		server = await server.restart();
		const afterRestart = (await snapshotOf(session)).sections.tour?.spotlight;
		expect(afterRestart?.timer).toEqual(paused.timer);
		expect(afterRestart?.speaker.displayName).toBe('Anne');
		session.console = track(connectFacilitator(server, token, session.id, 'en'));
		await next(session.console, 'snapshot');

		const before = Date.now();
		const resumed = await ok(session.console, 'tour.resume', {});
		expect(resumed.timer.running).toBe(true);
		// It ends what remained after now: the paused time was not counted.
		expect(resumed.timer.endsAt! - before).toBeGreaterThanOrEqual(paused.timer.remainingMs - 50);
		expect(resumed.timer.endsAt! - Date.now()).toBeLessThanOrEqual(paused.timer.remainingMs);
		const stored = (await snapshotOf(session)).sections.tour?.spotlight?.timer;
		expect(stored).toMatchObject({
			running: true,
			endsAt: resumed.timer.endsAt,
			durationMs: 30_000
		});

		// Giving the floor again starts a full, running countdown.
		await ok(session.console, 'tour.pause', {});
		await ok(session.console, 'tour.spotlight', { participantId: anne.participantId });
		const restarted = (await snapshotOf(session)).sections.tour?.spotlight?.timer;
		expect(restarted?.running).toBe(true);
		expect(restarted!.endsAt! - Date.now()).toBeGreaterThan(29_000);
	});
});
