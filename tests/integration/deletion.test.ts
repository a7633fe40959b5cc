import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	openTablesPhase,
	runVote
} from '../helpers/restitution';
import {
	api,
	connectError,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Deleting a concertation: everything recorded in it goes, in one go, and nothing of any
 * other concertation; its live connections end and are told why when they come back; and a
 * deletion is refused, with nothing lost, unless a facilitator asks for it in so many words.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
const sockets = socketTracker();

/** Rows per table of the whole database, read from the file by a second connection. */
function rowCounts(): Record<string, number> {
	const file = new Database(server.databasePath, { readonly: true });
	try {
		const tables = file
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		return Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(file.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n
			])
		);
	} finally {
		file.close();
	}
}

/** A concertation with something in every part of a session: people, submissions, a vote, tables, a restitution. */
async function fullSession(number: string) {
	const concertation = await createConcertation(server, admin, { number });
	const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
		httpCommand<R>(server, admin, concertation.id, name, input);
	const goTo = async (kind: string) =>
		command('phase.goto', { phaseId: await phaseOf(server, admin, concertation.id, kind) });
	const people = [];
	for (const displayName of ['Anne', 'Bram', 'Chloé']) {
		people.push(await joinAsParticipant(server, concertation.joinCode, { displayName }));
	}
	const [anne, bram, chloe] = people as [
		(typeof people)[0],
		(typeof people)[0],
		(typeof people)[0]
	];
	await runVote(
		server,
		admin,
		concertation.id,
		[
			{ fr: 'Accès aux soins', nl: 'Toegang tot zorg' },
			{ fr: 'Logement', nl: 'Huisvesting' },
			{ fr: 'Isolement', nl: 'Vereenzaming' }
		],
		people.map((person, index) => ({
			participantToken: person.token,
			choices: [index % 3, (index + 1) % 3, (index + 2) % 3]
		}))
	);
	const phone = sockets.track(connectParticipant(server, concertation.id, anne.token, 'fr'));
	await next(phone, 'snapshot');
	await goTo('tour');
	await runCommand(phone, 'tour.expectations', { expectations: 'Mieux se connaître' });
	await command('tour.spotlight', { participantId: anne.participantId });
	await goTo('news');
	await runCommand(phone, 'news.submit', { title: 'Journée portes ouvertes' });
	await command('news.save', { titleFr: 'Nouveau service', titleNl: 'Nieuwe dienst' });
	await command('news.display', { mode: 'list' });
	await command('needs.targetGroups', { groups: [{ labelFr: 'Jeunes', labelNl: 'Jongeren' }] });
	await command('needs.saveTheme', { labelFr: 'Santé mentale', labelNl: 'Geestelijke', count: 12 });
	await goTo('topics');
	await runCommand(phone, 'topics.propose', { text: 'La pair-aidance' });
	phone.disconnect();
	await openTablesPhase(server, admin, concertation.id, false);
	const { tableId } = await command<{ tableId: number }>('tables.create', {
		name: '1',
		priority: { fr: 'Accès aux soins', nl: 'Toegang tot zorg' },
		capacity: null
	});
	await command('tables.item.add', { tableId, category: 'barrier', text: 'Listes d’attente' });
	await command('tables.autoAssign', { seed: 1 });
	await command('tables.spotlight', { tableId });
	await command('tables.seat', { participantId: bram.participantId, tableId });
	await command('tables.seat', { participantId: chloe.participantId, tableId });
	await command('tables.rapporteur.take', { tableId, participantId: chloe.participantId });
	const texts = await formAction(server, admin, `/r/${concertation.id}?/texts`, {
		introductionFr: 'Bonjour',
		introductionNl: 'Hallo',
		conclusionFr: '',
		conclusionNl: ''
	});
	expect(texts.type).toBe('success');
	const share = await formAction(server, admin, `/r/${concertation.id}?/share`, {});
	const shareToken = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(share.data ?? '')?.[1];
	if (!shareToken) throw new Error(`no share link in ${share.data}`);
	return { concertation, people, shareToken };
}

const deleteOverApi = (id: number | string, token: string | null, origin?: string) =>
	fetch(`${server.url}/api/concertations/${id}`, {
		method: 'DELETE',
		headers: {
			origin: origin ?? server.url,
			accept: 'application/json',
			'accept-language': 'nl',
			...(token ? { authorization: `Bearer ${token}` } : {})
		}
	});

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordinator@example.org');
}, 30_000);

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

describe('deleting a concertation', () => {
	it('removes everything recorded in it and nothing of another one', async () => {
		const kept = await fullSession('1');
		const before = rowCounts();
		const doomed = await fullSession('2');
		const filled = rowCounts();
		// The session really wrote to every part of the schema it is meant to exercise.
		const grown = Object.keys(filled).filter((table) => filled[table]! > before[table]!);
		for (const table of [
			'concertation',
			'phase',
			'participant',
			'ballot',
			'vote_candidate',
			'news_item',
			'topic',
			'discussion_table',
			'command_log',
			'event_log',
			'need_theme',
			'news_display',
			'restitution_edit',
			'restitution_share',
			'table_assignment_run',
			'table_member',
			'table_note',
			'tables_state',
			'target_group',
			'tour_spotlight',
			'vote'
		])
			expect(grown, table).toContain(table);

		const keptPhone = sockets.track(
			connectParticipant(server, kept.concertation.id, kept.people[0]!.token)
		);
		await next(keptPhone, 'snapshot');

		const response = await deleteOverApi(doomed.concertation.id, admin);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
		// Every table is back to what it held before the deleted concertation existed.
		expect(rowCounts()).toEqual(before);

		// Nothing of it answers any more: its state, its join code, its share link.
		expect(
			(await api(server, 'GET', `/api/concertations/${doomed.concertation.id}`, { token: admin }))
				.status
		).toBe(404);
		expect((await fetch(`${server.url}/j/${doomed.concertation.joinCode}`)).status).toBe(404);
		expect((await fetch(`${server.url}/r/share/${doomed.shareToken}`)).status).toBe(404);
		expect(
			(
				await api(server, 'POST', `/api/join/${doomed.concertation.joinCode}`, {
					body: { displayName: 'Late' }
				})
			).status
		).toBe(404);

		// The other concertation goes on: its phone stays connected and its state is whole.
		expect(keptPhone.connected).toBe(true);
		const keptState = await api<{ sections: { vote: { turnout: { voters: number } } } }>(
			server,
			'GET',
			`/api/concertations/${kept.concertation.id}`,
			{ token: admin }
		);
		expect(keptState.body.sections.vote.turnout.voters).toBe(3);
	}, 60_000);

	it('ends the live connections of the deleted concertation, which are refused as not found when they come back', async () => {
		const concertation = await createConcertation(server, admin, { number: '3' });
		const person = await joinAsParticipant(server, concertation.joinCode);
		const devices: TestSocket[] = [
			connectParticipant(server, concertation.id, person.token),
			connectScreen(server, concertation.id, concertation.screenKey),
			connectFacilitator(server, admin, concertation.id)
		].map((socket) => sockets.track(socket));
		await Promise.all(devices.map((socket) => next(socket, 'snapshot')));
		const reasons = devices.map(
			(socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve))
		);

		expect((await deleteOverApi(concertation.id, admin)).status).toBe(200);
		expect(await Promise.all(reasons)).toEqual([
			'io server disconnect',
			'io server disconnect',
			'io server disconnect'
		]);
		for (const socket of devices) {
			const refused = connectError(socket);
			socket.connect();
			expect((await refused).data?.code).toBe('not_found');
		}
	});

	it('is refused, with nothing deleted, to coordinators, strangers, foreign pages and unknown ids', async () => {
		const concertation = await createConcertation(server, admin, { number: '4' });
		const before = rowCounts();
		const refusals: [Response, number, string][] = [
			[await deleteOverApi(concertation.id, coordinator), 403, 'forbidden'],
			[await deleteOverApi(concertation.id, null), 401, 'unauthenticated'],
			[await deleteOverApi(concertation.id, admin, 'https://evil.example'), 403, 'bad_origin'],
			[await deleteOverApi(999_999, admin), 404, 'not_found'],
			[await deleteOverApi('abc', admin), 404, 'not_found']
		];
		for (const [response, status, code] of refusals) {
			expect(response.status).toBe(status);
			const body = (await response.json()) as {
				ok: boolean;
				error: { code: string; message: string };
			};
			expect(body.ok).toBe(false);
			expect(body.error.code).toBe(code);
			expect(body.error.message.length).toBeGreaterThan(0);
		}
		expect(rowCounts()).toEqual(before);
		// Deleting twice: the second one finds nothing.
		expect((await deleteOverApi(concertation.id, admin)).status).toBe(200);
		expect((await deleteOverApi(concertation.id, admin)).status).toBe(404);
	});
});

describe('the console’s delete form', () => {
	it('asks for the join code, keeps everything when it is missing or wrong, then deletes', async () => {
		const concertation = await createConcertation(server, admin, { number: '5' });
		await joinAsParticipant(server, concertation.joinCode);
		const before = rowCounts();
		const path = `/f/${concertation.id}/edit?/delete`;
		for (const typed of ['', 'ABCDEF', concertation.joinCode.slice(0, 5)]) {
			const refused = await formAction(server, admin, path, { confirmCode: typed });
			expect(refused.type).toBe('failure');
			expect(refused.status).toBe(400);
			// The translated message names the code to type.
			expect(refused.data).toContain(concertation.joinCode);
			expect(rowCounts()).toEqual(before);
		}
		// A coordinator (who reviews restitutions) may not delete, even with the code.
		const forbidden = await formAction(server, coordinator, path, {
			confirmCode: concertation.joinCode
		});
		expect(forbidden.httpStatus).toBe(403);
		expect(rowCounts()).toEqual(before);

		// Typed as people type it: lower case, spaced like on the projector.
		const typed =
			`${concertation.joinCode.slice(0, 3)} ${concertation.joinCode.slice(3)}`.toLowerCase();
		const done = await formAction(server, admin, path, { confirmCode: typed });
		expect(done).toMatchObject({ type: 'redirect', location: '/f?deleted=1' });
		expect(
			(await api(server, 'GET', `/api/concertations/${concertation.id}`, { token: admin })).status
		).toBe(404);
		expect(rowCounts().concertation).toBe(before.concertation! - 1);
	});
});
