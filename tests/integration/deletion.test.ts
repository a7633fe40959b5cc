import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFullSession } from '../helpers/full-session';
import { coordinatorAccount, formAction } from '../helpers/restitution';
import {
	api,
	connectError,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';
import { rowCounts as countRows } from '../helpers/stored';

/**
 * Deleting a concertation: everything recorded in it goes, in one go, and nothing of any
 * other concertation; its live connections end and are told why when they come back; and a
 * deletion is refused, with nothing lost, unless a facilitator asks for it in so many words.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
const sockets = socketTracker();

const rowCounts = () => countRows(server);
const fullSession = (number: string) => recordFullSession(server, admin, sockets.track, { number });

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
		const before = await rowCounts();
		const doomed = await fullSession('2');
		const filled = await rowCounts();
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
		expect(await rowCounts()).toEqual(before);

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
		const before = await rowCounts();
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
		expect(await rowCounts()).toEqual(before);
		// Deleting twice: the second one finds nothing.
		expect((await deleteOverApi(concertation.id, admin)).status).toBe(200);
		expect((await deleteOverApi(concertation.id, admin)).status).toBe(404);
	});
});

describe('the console’s delete form', () => {
	it('asks for the join code, keeps everything when it is missing or wrong, then deletes', async () => {
		const concertation = await createConcertation(server, admin, { number: '5' });
		await joinAsParticipant(server, concertation.joinCode);
		const before = await rowCounts();
		const path = `/f/${concertation.id}/edit?/delete`;
		for (const typed of ['', 'ABCDEF', concertation.joinCode.slice(0, 5)]) {
			const refused = await formAction(server, admin, path, { confirmCode: typed });
			expect(refused.type).toBe('failure');
			expect(refused.status).toBe(400);
			// The translated message names the code to type.
			expect(refused.data).toContain(concertation.joinCode);
			expect(await rowCounts()).toEqual(before);
		}
		// A coordinator (who reviews restitutions) may not delete, even with the code.
		const forbidden = await formAction(server, coordinator, path, {
			confirmCode: concertation.joinCode
		});
		expect(forbidden.httpStatus).toBe(403);
		expect(await rowCounts()).toEqual(before);

		// Typed as people type it: lower case, spaced like on the projector.
		const typed =
			`${concertation.joinCode.slice(0, 3)} ${concertation.joinCode.slice(3)}`.toLowerCase();
		const done = await formAction(server, admin, path, { confirmCode: typed });
		expect(done).toMatchObject({ type: 'redirect', location: '/f?deleted=1' });
		expect(
			(await api(server, 'GET', `/api/concertations/${concertation.id}`, { token: admin })).status
		).toBe(404);
		expect((await rowCounts()).concertation).toBe(before.concertation! - 1);
	});
});
