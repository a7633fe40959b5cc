import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	ActionCandidateView,
	ActionChangeView,
	ActionView
} from '../../src/lib/protocol/actions';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	openTablesPhase,
	runVote
} from '../helpers/restitution';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The actions of a series through the JSON API, on the built server: made from a selected
 * priority, a table's outcome or from scratch, changed between meetings with a history of who
 * changed what and when; read by a share link, edited by facilitators and the series' own
 * coordinators only; bad input refused in the asker's language, leaving the action as it was.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
let outsider: string;
let seriesId: number;
let otherSeriesId: number;
let concertationId: number;
let candidateIds: number[];
let tableId: number;
let shareToken: string;

type ActionAnswer = {
	ok: boolean;
	action: ActionView;
	error?: { code: string; message: string; fields?: { path: string }[] };
};

const base = () => `/api/series/${seriesId}/actions`;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'north@example.org');
	outsider = await coordinatorAccount(server, 'south@example.org');
	for (const [titleFr, titleNl] of [
		['Zone Nord', 'Zone Noord'],
		['Zone Sud', 'Zone Zuid']
	] as const)
		expect((await formAction(server, admin, '/f/series?/create', { titleFr, titleNl })).type).toBe(
			'success'
		);
	[seriesId, otherSeriesId] = [1, 2];
	for (const [id, email] of [
		[seriesId, 'north@example.org'],
		[otherSeriesId, 'south@example.org']
	] as const)
		expect(
			(
				await formAction(server, admin, '/f/series?/addCoordinator', {
					seriesId: String(id),
					email
				})
			).type
		).toBe('success');

	const concertation = await createConcertation(server, admin, { number: '1' });
	concertationId = concertation.id;
	await formAction(server, admin, `/f/${concertationId}/edit?/series`, {
		seriesId: String(seriesId)
	});
	const people = [];
	for (const name of ['A', 'B', 'C'])
		people.push(await joinAsParticipant(server, concertation.joinCode, { displayName: name }));
	candidateIds = await runVote(
		server,
		admin,
		concertationId,
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
	await httpCommand(server, admin, concertationId, 'vote.select', {
		candidateIds: [candidateIds[0], candidateIds[2]]
	});
	await openTablesPhase(server, admin, concertationId, false);
	tableId = (
		await httpCommand<{ tableId: number }>(server, admin, concertationId, 'tables.create', {
			name: '1',
			priority: { fr: 'Case management', nl: 'Casemanagement' },
			candidateId: candidateIds[2],
			capacity: null
		})
	).tableId;
	const item = await httpCommand<{ item: { id: number } }>(
		server,
		admin,
		concertationId,
		'tables.item.add',
		{
			tableId,
			category: 'lever',
			text: 'Intervision entre équipes'
		}
	);
	await httpCommand(server, admin, concertationId, 'tables.item.key', {
		itemId: item.item.id,
		key: true
	});
	const share = await api<{ share: { token: string } }>(
		server,
		'POST',
		`/api/concertations/${concertationId}/restitution/shares`,
		{ token: admin }
	);
	shareToken = share.body.share.token;
}, 90_000);

afterAll(async () => {
	await server?.stop();
});

describe('the actions of a series', () => {
	let fromPriority: ActionView;
	let fromTable: ActionView;

	it('offers the selected priorities and the tables, prefilled', async () => {
		const { status, body } = await api<{ candidates: ActionCandidateView[] }>(
			server,
			'GET',
			`${base()}/candidates`,
			{ token: coordinator }
		);
		expect(status).toBe(200);
		expect(body.candidates.map((c) => [c.kind, c.itemId, c.label.fr])).toEqual([
			['priority', candidateIds[0], 'Ateliers pour une première ligne inclusive'],
			['priority', candidateIds[2], 'Case management'],
			['table', tableId, 'Case management']
		]);
		expect(body.candidates[2]!.draft.descriptionFr).toBe('– Intervision entre équipes');
	});

	it('turns a selected priority into an action, its words filling the rest', async () => {
		const { status, body } = await api<ActionAnswer>(server, 'POST', base(), {
			token: coordinator,
			body: {
				source: { kind: 'priority', concertationId, candidateId: candidateIds[0] },
				leadOrganisations: ['CPAS de Schaerbeek', 'SSM Le Méridien'],
				contact: 'anne@example.org'
			}
		});
		expect(status).toBe(201);
		fromPriority = body.action;
		expect(fromPriority).toMatchObject({
			seriesId,
			title: {
				fr: 'Ateliers pour une première ligne inclusive',
				nl: 'Workshops voor een inclusieve eerstelijn'
			},
			source: { kind: 'priority', concertationId, itemId: candidateIds[0] },
			leadOrganisations: ['CPAS de Schaerbeek', 'SSM Le Méridien'],
			status: 'proposed',
			version: 1
		});
	});

	it('turns a table’s outcome into an action, and one from scratch', async () => {
		const table = await api<ActionAnswer>(server, 'POST', base(), {
			token: admin,
			body: { source: { kind: 'table', concertationId, tableId }, status: 'in_progress' }
		});
		expect(table.status).toBe(201);
		fromTable = table.body.action;
		expect(fromTable.title.nl).toBe('Casemanagement');
		expect(fromTable.description.fr).toBe('– Intervision entre équipes');
		expect(fromTable.source).toMatchObject({ kind: 'table', itemId: tableId });
		const scratch = await api<ActionAnswer>(server, 'POST', base(), {
			token: coordinator,
			body: { titleFr: 'Conseil de l’action régional', titleNl: 'Gewestelijke actieraad' }
		});
		expect(scratch.status).toBe(201);
		expect(scratch.body.action.source.kind).toBe('scratch');
		const listed = await api<{ actions: ActionView[]; canEdit: boolean }>(server, 'GET', base(), {
			token: coordinator
		});
		expect(listed.body.canEdit).toBe(true);
		expect(listed.body.actions.map((a) => a.id)).toEqual([
			fromPriority.id,
			fromTable.id,
			scratch.body.action.id
		]);
	});

	it('changes an action between meetings and keeps who changed what and when', async () => {
		const { status, body } = await api<ActionAnswer>(
			server,
			'PATCH',
			`${base()}/${fromPriority.id}`,
			{
				token: coordinator,
				body: {
					version: 1,
					status: 'in_progress',
					progressNote: 'Deux ateliers ont eu lieu.',
					dueDate: '2025-06-30'
				}
			}
		);
		expect(status).toBe(200);
		expect(body.action).toMatchObject({ status: 'in_progress', version: 2, dueDate: '2025-06-30' });
		// Any status to any other: taken back from done to proposed.
		for (const next of ['done', 'proposed'] as const)
			expect(
				(
					await api<ActionAnswer>(server, 'PATCH', `${base()}/${fromPriority.id}`, {
						token: admin,
						body: { status: next }
					})
				).body.action.status
			).toBe(next);
		const history = await api<{ history: ActionChangeView[] }>(
			server,
			'GET',
			`${base()}/${fromPriority.id}`,
			{ token: coordinator }
		);
		expect(
			history.body.history.map((entry) => [
				entry.kind,
				entry.changes.map((c) => [c.field, c.from, c.to])
			])
		).toEqual([
			['updated', [['status', 'done', 'proposed']]],
			['updated', [['status', 'in_progress', 'done']]],
			[
				'updated',
				[
					['status', 'proposed', 'in_progress'],
					['progressNote', null, 'Deux ateliers ont eu lieu.'],
					['dueDate', null, '2025-06-30']
				]
			],
			['created', expect.arrayContaining([['status', null, 'proposed']])]
		]);
		expect(history.body.history[2]!.by).toBe('north');
		expect(Date.parse(history.body.history[2]!.at)).toBeGreaterThan(Date.now() - 60_000);
	});

	it('refuses bad input in the asker’s language, and keeps the action as it was', async () => {
		// Someone else's change first: an edit made from version 1 would undo it.
		const before = (
			await api<ActionAnswer>(server, 'PATCH', `${base()}/${fromTable.id}`, {
				token: coordinator,
				body: { contact: 'bob@example.org' }
			})
		).body.action;
		expect(before.version).toBe(2);
		const attempts: [unknown, string, string][] = [
			[{ titleFr: '', titleNl: ' ' }, 'action_title_required', 'titleFr'],
			[{ dueDate: '2025-02-30', status: 'done' }, 'action_bad_date', 'dueDate'],
			[{ progressNote: 'x'.repeat(2001) }, 'action_too_long', 'progressNote'],
			[{ status: 'finished' }, 'invalid', 'status'],
			[{ version: 1, status: 'done' }, 'action_conflict', ''],
			[{ secret: 1 }, 'invalid', '']
		];
		for (const [patch, code, field] of attempts) {
			const response = await fetch(`${server.url}${base()}/${fromTable.id}`, {
				method: 'PATCH',
				headers: {
					authorization: `Bearer ${admin}`,
					'content-type': 'application/json',
					'accept-language': 'nl-BE,nl;q=0.9'
				},
				body: JSON.stringify(patch)
			});
			const body = (await response.json()) as ActionAnswer;
			expect(response.status, code).toBe(400);
			expect(body.error?.code).toBe(code);
			if (field) expect(body.error?.fields?.[0]?.path).toBe(field);
			expect(body.error?.message).not.toMatch(/errors\.|action_/);
		}
		const dutch = await fetch(`${server.url}${base()}/${fromTable.id}`, {
			method: 'PATCH',
			headers: {
				authorization: `Bearer ${admin}`,
				'content-type': 'application/json',
				'accept-language': 'nl'
			},
			body: JSON.stringify({ dueDate: '31/12/2025' })
		});
		expect(((await dutch.json()) as ActionAnswer).error?.message).toBe(
			'Deze deadline is geen geldige datum (dd/mm/jjjj).'
		);
		const after = await api<{ action: ActionView; history: ActionChangeView[] }>(
			server,
			'GET',
			`${base()}/${fromTable.id}`,
			{ token: admin }
		);
		expect(after.body.action).toEqual(before);
		expect(after.body.history).toHaveLength(2);
		// A source from outside the series is refused too.
		const foreign = await api<ActionAnswer>(
			server,
			'POST',
			`/api/series/${otherSeriesId}/actions`,
			{
				token: admin,
				body: { source: { kind: 'priority', concertationId, candidateId: candidateIds[0] } }
			}
		);
		expect([foreign.status, foreign.body.error?.code]).toEqual([400, 'action_bad_source']);
		const unselected = await api<ActionAnswer>(server, 'POST', base(), {
			token: admin,
			body: { source: { kind: 'priority', concertationId, candidateId: candidateIds[1] } }
		});
		expect(unselected.body.error?.code).toBe('action_bad_source');
	});

	it('lets a share link read, and refuses everyone else', async () => {
		const read = await api<{ actions: ActionView[]; canEdit: boolean }>(
			server,
			'GET',
			`${base()}?share=${shareToken}`
		);
		expect([read.status, read.body.canEdit, read.body.actions.length]).toEqual([200, false, 3]);
		const single = await api<{ history: ActionChangeView[] }>(
			server,
			'GET',
			`${base()}/${fromPriority.id}?share=${shareToken}`
		);
		expect(single.status).toBe(200);
		// The link opens this series only.
		expect(
			(await api(server, 'GET', `/api/series/${otherSeriesId}/actions?share=${shareToken}`)).status
		).toBe(404);
		expect((await api(server, 'GET', `${base()}?share=not-a-link-at-all-xxxxxxxx`)).status).toBe(
			404
		);
		expect((await api(server, 'GET', base())).status).toBe(401);
		expect((await api(server, 'GET', base(), { token: outsider })).status).toBe(403);
		expect((await api(server, 'GET', `${base()}/candidates`, { token: outsider })).status).toBe(
			403
		);
		const writes = [
			await api(server, 'POST', base(), { token: outsider, body: { titleFr: 'Intrus' } }),
			await api(server, 'PATCH', `${base()}/${fromPriority.id}`, {
				token: outsider,
				body: { status: 'dropped' }
			}),
			await api(server, 'POST', base(), { body: { titleFr: 'Anonyme' } })
		];
		expect(writes.map((w) => w.status)).toEqual([403, 403, 401]);
		// An action of one series is not found through another's address.
		expect(
			(
				await api(server, 'GET', `/api/series/${otherSeriesId}/actions/${fromPriority.id}`, {
					token: admin
				})
			).status
		).toBe(404);
		const listed = await api<{ actions: ActionView[] }>(server, 'GET', base(), { token: admin });
		expect(listed.body.actions.map((a) => a.status)).toEqual([
			'proposed',
			'in_progress',
			'proposed'
		]);
	});
});
