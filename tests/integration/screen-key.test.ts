import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import { connectionOf, openDatabase } from '../../src/lib/server/db';
import { actionData, coordinatorAccount, formAction } from '../helpers/restitution';
import {
	api,
	commandId,
	connect,
	connectError,
	connectScreen,
	createConcertation,
	sessionCookie,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * The projector's feed (table members' names and items) opens with its key or a
 * facilitator's session, never a coordinator's; the key is stored nowhere, a facilitator
 * replaces it (projectors opened with the old one disconnect), and it ends when the
 * participants are anonymised.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
const sockets = socketTracker();

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'screen-coordinator@example.org');
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

const opened = (socket: TestSocket) => withSnapshot(sockets.track(socket));

/** The concertation's projector key as the JSON API lists it for facilitators. */
async function listedKey(id: number): Promise<string | null> {
	const { body } = await api<{ concertations: { id: number; screenKey?: string | null }[] }>(
		server,
		'GET',
		'/api/concertations',
		{ token: admin }
	);
	return body.concertations.find((row) => row.id === id)?.screenKey ?? null;
}

/** The projector page, as a machine without an account or with a session cookie opens it. */
async function projectorPage(id: number, key: string | null, token?: string) {
	const response = await fetch(
		`${server.url}/s/${id}${key === null ? '' : `?key=${encodeURIComponent(key)}`}`,
		{ headers: token ? { cookie: sessionCookie(token) } : {} }
	);
	return response.status;
}

/** Resolves with the reason a socket was disconnected for. */
const disconnected = (socket: TestSocket) =>
	new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('the projector feed', () => {
	it('opens with the key or a facilitator’s session, not a coordinator’s', async () => {
		const concertation = await createConcertation(server, admin);
		const byKey = await opened(connectScreen(server, concertation.id, concertation.screenKey));
		expect(byKey.snapshot.audience).toBe('screen');
		const byFacilitator = await opened(
			connect(server, { concertationId: concertation.id, role: 'screen' }, sessionCookie(admin))
		);
		expect(byFacilitator.snapshot.audience).toBe('screen');

		// Before the fix, a coordinator with no series received the table members' names.
		const byCoordinator = sockets.track(
			connect(
				server,
				{ concertationId: concertation.id, role: 'screen' },
				sessionCookie(coordinator)
			)
		);
		expect((await connectError(byCoordinator)).data?.code).toBe('forbidden');
		expect(await projectorPage(concertation.id, null, coordinator)).toBe(403);
		expect(await projectorPage(concertation.id, null, admin)).toBe(200);
		expect(await projectorPage(concertation.id, concertation.screenKey)).toBe(200);
		expect(await projectorPage(concertation.id, `${concertation.screenKey}x`)).toBe(403);
		// The listing gives coordinators no key.
		const listed = await api<{ concertations: { screenKey?: unknown }[] }>(
			server,
			'GET',
			'/api/concertations',
			{ token: coordinator }
		);
		expect(listed.body.concertations.every((row) => !('screenKey' in row))).toBe(true);
	});

	it('keeps no key in the database: neither in its tables nor anywhere in its files', async () => {
		const concertation = await createConcertation(server, admin);
		const file = new Database(server.databasePath, { readonly: true });
		try {
			const columns = (file.prepare('pragma table_info(concertation)').all() as { name: string }[])
				.map((column) => column.name)
				.filter((name) => name.startsWith('screen_key'));
			expect(columns).toEqual(['screen_key_nonce']);
		} finally {
			file.close();
		}
		const folder = path.dirname(server.databasePath);
		const database = readdirSync(folder).filter((name) => name.startsWith('test.sqlite'));
		expect(database.length).toBeGreaterThan(0);
		for (const name of database)
			expect(readFileSync(path.join(folder, name)).includes(concertation.screenKey)).toBe(false);
		// The secret it is derived from lives beside the database, never in it (nor in backups).
		expect(readdirSync(folder)).toContain('screen-keys.secret');
	});
});

describe('replacing the projector key', () => {
	it('disconnects the projectors opened with the old key, and the old key opens nothing', async () => {
		const concertation = await createConcertation(server, admin);
		const old = concertation.screenKey;
		const byKey = await opened(connectScreen(server, concertation.id, old));
		const bySession = await opened(
			connect(server, { concertationId: concertation.id, role: 'screen' }, sessionCookie(admin))
		);
		const keyGone = disconnected(byKey.socket);
		let sessionDropped = false;
		bySession.socket.on('disconnect', () => (sessionDropped = true));

		const rotated = await api<{ ok: boolean; data: unknown }>(
			server,
			'POST',
			`/api/concertations/${concertation.id}/commands/screen.rotateKey`,
			{ token: admin, body: { commandId: commandId('rotate') } }
		);
		expect(rotated.body).toMatchObject({ ok: true, data: {} });
		expect(await keyGone).toBe('io server disconnect');

		const fresh = await listedKey(concertation.id);
		expect(fresh).toMatch(/^[\w-]{40,}$/);
		expect(fresh).not.toBe(old);
		// The answer kept for repeats holds no key.
		expect(JSON.stringify(rotated.body)).not.toContain(fresh!);

		const again = sockets.track(connectScreen(server, concertation.id, old));
		expect((await connectError(again)).data?.code).toBe('unauthenticated');
		expect(await projectorPage(concertation.id, old)).toBe(403);
		expect((await opened(connectScreen(server, concertation.id, fresh!))).snapshot.audience).toBe(
			'screen'
		);
		expect(await projectorPage(concertation.id, fresh)).toBe(200);
		// A facilitator's own projector stays.
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(sessionDropped).toBe(false);
		expect(bySession.socket.connected).toBe(true);
	});

	it('is done from the programme page after a confirmation, and only by facilitators', async () => {
		const concertation = await createConcertation(server, admin);
		const page = `/f/${concertation.id}/edit`;
		const linkOnPage = async () => {
			const html = await (
				await fetch(`${server.url}${page}`, { headers: { cookie: sessionCookie(admin) } })
			).text();
			return /data-testid="screen-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-testid="screen-link"/
				.exec(html)
				?.slice(1)
				.find(Boolean)
				?.replaceAll('&amp;', '&');
		};
		expect(await linkOnPage()).toBe(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);

		const unconfirmed = await formAction(server, admin, `${page}?/screenKey`, {});
		expect(unconfirmed.status).toBe(400);
		expect(actionData<{ fields: unknown[] }>(unconfirmed).fields).toEqual([
			{ path: 'confirmScreenKey', message: frErrors.screen_key_not_confirmed }
		]);
		expect(await listedKey(concertation.id)).toBe(concertation.screenKey);

		const refused = await formAction(server, coordinator, `${page}?/screenKey`, {
			confirmScreenKey: 'yes'
		});
		expect(refused.status).toBe(403);
		expect(await listedKey(concertation.id)).toBe(concertation.screenKey);

		const done = await formAction(server, admin, `${page}?/screenKey`, { confirmScreenKey: 'yes' });
		expect(done.type).toBe('success');
		const fresh = await listedKey(concertation.id);
		expect(fresh).not.toBe(concertation.screenKey);
		expect(await linkOnPage()).toBe(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(fresh!)}`
		);
		// The console's projector link follows.
		const console = await fetch(`${server.url}/f/${concertation.id}`, {
			headers: { cookie: sessionCookie(admin) }
		});
		expect(await console.text()).toContain(
			`/s/${concertation.id}?key=${encodeURIComponent(fresh!)}`
		);
	});
});

describe('anonymising the participants', () => {
	it('ends the projector key', async () => {
		const concertation = await createConcertation(server, admin);
		for (const name of ['session.start', 'session.close'])
			expect(
				(
					await api(server, 'POST', `/api/concertations/${concertation.id}/commands/${name}`, {
						token: admin,
						body: { commandId: commandId(name) }
					})
				).status
			).toBe(200);
		const byKey = await opened(connectScreen(server, concertation.id, concertation.screenKey));
		const gone = disconnected(byKey.socket);
		const done = await api(server, 'POST', `/api/concertations/${concertation.id}/anonymise`, {
			token: admin
		});
		expect(done.status).toBe(200);
		expect(await gone).toBe('io server disconnect');
		const again = sockets.track(connectScreen(server, concertation.id, concertation.screenKey));
		expect((await connectError(again)).data?.code).toBe('unauthenticated');
		expect(await listedKey(concertation.id)).toBeNull();
		expect(await projectorPage(concertation.id, concertation.screenKey)).toBe(403);
		// The facilitator still opens it, signed in.
		expect(await projectorPage(concertation.id, null, admin)).toBe(200);
		const html = await (
			await fetch(`${server.url}/f/${concertation.id}/edit`, {
				headers: { cookie: sessionCookie(admin) }
			})
		).text();
		expect(html).toContain('data-testid="screen-link-ended"');
	});
});

describe('migration 012', () => {
	it('drops the clear keys and gives every concertation a key of its own', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'concertation-screen-key-'));
		const db = openDatabase(path.join(directory, 'old.sqlite'));
		try {
			const migrator = new Migrator({
				db,
				provider: { getMigrations: async () => migrations },
				allowUnorderedMigrations: true
			});
			expect((await migrator.migrateTo('011_phase_notes')).error).toBeUndefined();
			const sqlite = connectionOf(db);
			const now = new Date().toISOString();
			for (const code of ['OLDKEY', 'OLDKE2'])
				sqlite
					.prepare(
						`insert into concertation (join_code, screen_key, title_fr, title_nl, date, sectors_json, status, created_at, updated_at)
						values (?, 'clear-key-in-the-file', 'Essai', 'Proef', '2024-09-23', '[]', 'closed', ?, ?)`
					)
					.run(code, now, now);
			expect((await migrator.migrateToLatest()).error).toBeUndefined();
			const rows = sqlite.prepare('select * from concertation').all() as Record<string, unknown>[];
			expect(rows).toHaveLength(2);
			for (const row of rows) {
				expect(row).not.toHaveProperty('screen_key');
				expect(row.screen_key_nonce).toMatch(/^[0-9a-f]{32}$/);
			}
			expect(rows[0]!.screen_key_nonce).not.toBe(rows[1]!.screen_key_nonce);
			expect((await migrator.migrateTo('011_phase_notes')).error, 'and back down').toBeUndefined();
			expect(
				(sqlite.prepare('pragma table_info(concertation)').all() as { name: string }[]).some(
					(column) => column.name === 'screen_key'
				)
			).toBe(true);
		} finally {
			await db.destroy();
			rmSync(directory, { recursive: true, force: true });
		}
	});
});
