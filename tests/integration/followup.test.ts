import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionView } from '../../src/lib/protocol/actions';
import type { FollowupView, Snapshot, Update } from '../../src/lib/protocol';
import JSZip from 'jszip';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	pdfText,
	runVote
} from '../helpers/restitution';
import {
	api,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * "Where are we with our actions?" on the built server with real sockets: N°2 of a series,
 * started from N°1 whose priorities became actions, has the step in its programme; the
 * projector and phones see the actions and their statuses; three phones (one Dutch) give
 * opinions, which the console sees arrive per action and reads again; only approved ones
 * reach the room; refusals come in the phone's language and store nothing.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
let second: { id: number; joinCode: string; screenKey: string };
let actions: ActionView[];
let foreignActionId: number;
const sockets = socketTracker();

const followupOf = (payload: Snapshot | Update): FollowupView | undefined =>
	payload.sections.followup;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'north@example.org');
	for (const [titleFr, titleNl] of [
		['Zone Nord', 'Zone Noord'],
		['Zone Sud', 'Zone Zuid']
	] as const)
		await formAction(server, admin, '/f/series?/create', { titleFr, titleNl });
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'north@example.org'
	});
	// N°1: a vote, three priorities, two of them become actions.
	const first = await createConcertation(server, admin, { number: '1' });
	await formAction(server, admin, `/f/${first.id}/edit?/series`, { seriesId: '1' });
	const people = [];
	for (const name of ['A', 'B'])
		people.push(await joinAsParticipant(server, first.joinCode, { displayName: name }));
	const ids = await runVote(
		server,
		admin,
		first.id,
		[
			{
				fr: 'Ateliers pour une première ligne inclusive',
				nl: 'Workshops voor een inclusieve eerstelijn'
			},
			{ fr: 'Crise sanitaire', nl: 'Gezondheidscrisis' },
			{ fr: 'Case management', nl: 'Casemanagement' }
		],
		people.map((person) => ({ participantToken: person.token, choices: [0, 1, 2] }))
	);
	await httpCommand(server, admin, first.id, 'vote.select', { candidateIds: ids });
	actions = [];
	for (const [candidateId, status, progressNote] of [
		[ids[0], 'in_progress', 'Deux ateliers ont eu lieu.'],
		[ids[2], 'paused', 'En attente du financement.']
	] as const) {
		const made = await api<{ action: ActionView }>(server, 'POST', '/api/series/1/actions', {
			token: coordinator,
			body: { source: { kind: 'priority', concertationId: first.id, candidateId } }
		});
		// Between the meetings, the coordinator sets the status and the progress note.
		const changed = await api<{ action: ActionView }>(
			server,
			'PATCH',
			`/api/series/1/actions/${made.body.action.id}`,
			{ token: coordinator, body: { status, progressNote } }
		);
		actions.push(changed.body.action);
	}
	foreignActionId = (
		await api<{ action: ActionView }>(server, 'POST', '/api/series/2/actions', {
			token: admin,
			body: { titleFr: 'Autre série', titleNl: 'Andere reeks' }
		})
	).body.action.id;
	// N°2 starts from N°1.
	second = await createConcertation(server, admin, {
		number: '2',
		date: '2025-03-20',
		copyFrom: first.id
	});
}, 90_000);

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

describe('the follow-up step', () => {
	let console_: TestSocket;
	let screen: TestSocket;
	const phones: { socket: TestSocket; participantId: number }[] = [];

	it('is proposed in the programme of a series’ next concertation when the series has actions', async () => {
		const { body } = await api<{ sections: { programme: { kind: string }[] } }>(
			server,
			'GET',
			`/api/concertations/${second.id}`,
			{ token: admin }
		);
		const kinds = body.sections.programme.map((phase) => phase.kind);
		expect(kinds.slice(0, 5)).toEqual(['introduction', 'tour', 'news', 'followup', 'needs']);
		// A concertation of no series does not get it.
		const alone = await createConcertation(server, admin);
		const other = await api<{ sections: { programme: { kind: string }[] } }>(
			server,
			'GET',
			`/api/concertations/${alone.id}`,
			{ token: admin }
		);
		expect(other.body.sections.programme.map((p) => p.kind)).not.toContain('followup');
	});

	it('shows the series’ actions with their status and progress note to every audience', async () => {
		await httpCommand(server, admin, second.id, 'session.start', {});
		await httpCommand(server, admin, second.id, 'phase.goto', {
			phaseId: await phaseOf(server, admin, second.id, 'followup')
		});
		console_ = sockets.track(connectFacilitator(server, admin, second.id));
		screen = sockets.track(connectScreen(server, second.id, second.screenKey));
		const [consoleSnapshot, screenSnapshot] = await Promise.all([
			next(console_, 'snapshot'),
			next(screen, 'snapshot')
		]);
		for (const snapshot of [consoleSnapshot, screenSnapshot]) {
			const view = followupOf(snapshot)!;
			expect(view.seriesId).toBe(1);
			expect(view.actions.map((a) => [a.title.fr, a.status, a.progressNote])).toEqual([
				['Ateliers pour une première ligne inclusive', 'in_progress', 'Deux ateliers ont eu lieu.'],
				['Case management', 'paused', 'En attente du financement.']
			]);
			expect(view.mode).toBe('list');
		}
		for (const [name, locale] of [
			['Anne', 'fr'],
			['Bruno', 'fr'],
			['Els', 'nl']
		] as const) {
			const joined = await joinAsParticipant(server, second.joinCode, {
				displayName: name,
				locale
			});
			const { socket, snapshot } = await withSnapshot(
				sockets.track(connectParticipant(server, second.id, joined.token, locale))
			);
			expect(followupOf(snapshot)!.actions).toHaveLength(2);
			phones.push({ socket, participantId: joined.participantId });
		}
	});

	it('takes opinions from three phones, which the console sees arrive per action', async () => {
		const [anne, bruno, els] = phones;
		const arrived = next(
			console_,
			'update',
			(update) => (followupOf(update)?.opinions.length ?? 0) >= 3,
			5000
		);
		await runCommand(anne!.socket, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'Très utile pour les équipes de première ligne.',
			mark: 'support'
		});
		await runCommand(bruno!.socket, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'Trop peu de places.',
			mark: 'concerns'
		});
		const dutch = await runCommand(els!.socket, 'followup.submit', {
			actionId: actions[1]!.id,
			text: 'Wij willen meewerken aan het casemanagement.'
		});
		const view = followupOf(await arrived)!;
		const perAction = (id: number) => view.opinions.filter((o) => o.actionId === id);
		expect(perAction(actions[0]!.id).map((o) => [o.status, o.mark, o.author])).toEqual([
			['pending', 'support', 'Anne'],
			['pending', 'concerns', 'Bruno']
		]);
		// Kept in the language it was typed in, and only there.
		expect(perAction(actions[1]!.id)).toMatchObject([
			{
				id: dutch.id,
				language: 'nl',
				text: { fr: '', nl: 'Wij willen meewerken aan het casemanagement.' }
			}
		]);
		// Phones and the projector see none of them until they are read again.
		const fresh = await withSnapshot(
			sockets.track(connectScreen(server, second.id, second.screenKey))
		);
		expect(followupOf(fresh.snapshot)!.opinions).toEqual([]);
		expect(followupOf(fresh.snapshot)!.opinions.some((o) => 'author' in o)).toBe(false);
	});

	it('lets the console approve and reject, and the room see only what was approved', async () => {
		const view = followupOf(
			await withSnapshot(sockets.track(connectFacilitator(server, admin, second.id))).then(
				(s) => s.snapshot
			)
		)!;
		const [supportive, worried, dutch] = view.opinions;
		const reachesPhones = next(
			phones[2]!.socket,
			'update',
			(update) => (followupOf(update)?.opinions.length ?? 0) === 2,
			5000
		);
		const brunoSees = next(
			phones[1]!.socket,
			'self',
			(self) => self.followup?.[0]?.status === 'rejected',
			5000
		);
		await runCommand(console_, 'followup.moderate', { id: supportive!.id, status: 'approved' });
		await runCommand(console_, 'followup.moderate', { id: dutch!.id, status: 'approved' });
		await runCommand(console_, 'followup.moderate', { id: worried!.id, status: 'rejected' });
		const seen = followupOf(await reachesPhones)!;
		expect(seen.opinions.map((o) => o.id).sort()).toEqual([supportive!.id, dutch!.id].sort());
		// The author sees what became of theirs; it can no longer be changed.
		const own = await brunoSees;
		expect(own.followup?.[0]).toMatchObject({ status: 'rejected', text: 'Trop peu de places.' });
		const locked = await sendCommand(phones[0]!.socket, 'followup.editOwn', {
			id: supportive!.id,
			text: 'Changé'
		});
		expect(locked).toMatchObject({ ok: false, error: { code: 'followup_locked' } });
		// A facilitator can change their mind.
		await runCommand(console_, 'followup.moderate', { id: worried!.id, status: 'approved' });
		const twice = await sendCommand(console_, 'followup.moderate', {
			id: worried!.id,
			status: 'approved'
		});
		expect(twice).toMatchObject({ ok: false, error: { code: 'followup_bad_transition' } });
	});

	it('refuses bad opinions in the phone’s language, storing nothing', async () => {
		const els = phones[2]!.socket;
		const before = followupOf(
			await withSnapshot(sockets.track(connectFacilitator(server, admin, second.id))).then(
				(s) => s.snapshot
			)
		)!.opinions.length;
		const empty = await sendCommand(els, 'followup.submit', {
			actionId: actions[0]!.id,
			text: '   '
		});
		expect(empty).toEqual({
			ok: false,
			error: expect.objectContaining({
				code: 'followup_text_required',
				message: 'Schrijf uw mening.'
			})
		});
		const foreign = await sendCommand(els, 'followup.submit', {
			actionId: foreignActionId,
			text: 'Dit hoort bij een andere reeks.'
		});
		expect(foreign).toMatchObject({ ok: false, error: { code: 'followup_unknown_action' } });
		const tooLong = await sendCommand(els, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'x'.repeat(601)
		});
		expect(tooLong).toMatchObject({ ok: false, error: { code: 'followup_text_too_long' } });
		const badMark = await sendCommand(els, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'Goed',
			mark: 'maybe' as never
		});
		expect(badMark).toMatchObject({ ok: false, error: { code: 'invalid' } });
		// A phone cannot moderate, nor show an action on the projector.
		const moderate = await sendCommand(els, 'followup.moderate', { id: 1, status: 'approved' });
		expect(moderate).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		// A pending one can be withdrawn; after the step, nothing more is taken.
		const pending = await runCommand(els, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'Tijdelijk'
		});
		await runCommand(els, 'followup.withdraw', { id: pending.id });
		await httpCommand(server, admin, second.id, 'phase.next', {});
		const late = await sendCommand(els, 'followup.submit', {
			actionId: actions[0]!.id,
			text: 'Te laat'
		});
		expect(late).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const after = followupOf(
			await withSnapshot(sockets.track(connectFacilitator(server, admin, second.id))).then(
				(s) => s.snapshot
			)
		)!.opinions.length;
		expect(after).toBe(before);
		await httpCommand(server, admin, second.id, 'phase.goto', {
			phaseId: await phaseOf(server, admin, second.id, 'followup')
		});
	});

	it('shows one action at a time on the projector, and an action changed meanwhile', async () => {
		const single = next(screen, 'update', (u) => followupOf(u)?.mode === 'single', 5000);
		await runCommand(console_, 'followup.display', { mode: 'single', currentId: actions[1]!.id });
		expect(followupOf(await single)!.currentId).toBe(actions[1]!.id);
		const refused = await sendCommand(console_, 'followup.display', {
			mode: 'single',
			currentId: foreignActionId
		});
		expect(refused).toMatchObject({ ok: false, error: { code: 'followup_unknown_action' } });
		// The coordinator updates an action during the meeting: the room sees it.
		const changed = next(
			screen,
			'update',
			(u) => followupOf(u)?.actions.find((a) => a.id === actions[1]!.id)?.status === 'in_progress',
			5000
		);
		await api(server, 'PATCH', `/api/series/1/actions/${actions[1]!.id}`, {
			token: coordinator,
			body: { status: 'in_progress', progressNote: 'Financement obtenu.' }
		});
		expect(followupOf(await changed)!.actions[1]!.progressNote).toBe('Financement obtenu.');
	});

	it('prints the opinions per action in the restitution, in PDF (one page), Word and Markdown', async () => {
		const download = async (format: string) => {
			const response = await fetch(
				`${server.url}/api/concertations/${second.id}/restitution.${format}`,
				{
					headers: { authorization: `Bearer ${coordinator}` }
				}
			);
			expect(response.status, format).toBe(200);
			return Buffer.from(await response.arrayBuffer());
		};
		const json = JSON.parse((await download('json')).toString('utf8')).restitution as {
			followup?: {
				title: { fr: string };
				status: string;
				opinions: { text: { text: string; language: string }; mark: string | null }[];
			}[];
		};
		expect(
			json.followup?.map((a) => [
				a.title.fr,
				a.status,
				a.opinions.map((o) => [o.text.text, o.text.language, o.mark])
			])
		).toEqual([
			[
				'Ateliers pour une première ligne inclusive',
				'in_progress',
				[
					['Très utile pour les équipes de première ligne.', 'fr', 'support'],
					['Trop peu de places.', 'fr', 'concerns']
				]
			],
			[
				'Case management',
				'in_progress',
				[['Wij willen meewerken aan het casemanagement.', 'nl', null]]
			]
		]);
		const markdown = (await download('md')).toString('utf8');
		expect(markdown).toContain(
			'### Avis des membres sur les actions · Mening van de leden over de acties'
		);
		expect(markdown).toContain('- Wij willen meewerken aan het casemanagement.');
		expect(markdown).toContain('Financement obtenu.');
		const pdf = await pdfText(await download('pdf'));
		expect(pdf.pages).toBe(1);
		expect(pdf.text).toContain('Avis des membres sur les actions');
		expect(pdf.text).toContain('Trop peu de places.');
		expect(pdf.text).toContain('En cours · Lopend');
		// A coordinator hides an opinion from the restitution: gone from it, kept in the meeting.
		const [dutchOpinion] = await (async () => {
			const view = followupOf(
				(await withSnapshot(sockets.track(connectFacilitator(server, admin, second.id)))).snapshot
			)!;
			return view.opinions.filter((o) => o.language === 'nl');
		})();
		const hide = await api(
			server,
			'PUT',
			`/api/concertations/${second.id}/restitution/edits/followup:${actions[1]!.id}:opinion:${dutchOpinion!.id}`,
			{ token: coordinator, body: { hidden: true } }
		);
		expect(hide.status).toBe(200);
		expect((await download('md')).toString('utf8')).not.toContain('Wij willen meewerken');
		await api(
			server,
			'DELETE',
			`/api/concertations/${second.id}/restitution/edits/followup:${actions[1]!.id}:opinion:${dutchOpinion!.id}`,
			{ token: coordinator }
		);
		const word = await JSZip.loadAsync(await download('docx'));
		const xml = await word.file('word/document.xml')!.async('string');
		expect(xml).toContain('Wij willen meewerken aan het casemanagement.');
		// A concertation without the step prints no such section.
		const first = (await (
			await fetch(`${server.url}/api/concertations/1/restitution.json`, {
				headers: { authorization: `Bearer ${coordinator}` }
			})
		).json()) as Record<string, unknown>;
		expect(first.restitution).not.toHaveProperty('followup');
	});
});
