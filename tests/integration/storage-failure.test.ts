import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import nlErrors from '../../src/lib/i18n/locales/nl/errors.json';
import type { CommandAck } from '../../src/lib/protocol';
import { formAction } from '../helpers/restitution';
import {
	ADMIN_EMAIL,
	ADMIN_PASSWORD,
	api,
	commandId,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer
} from '../helpers/server';

/**
 * A full disk, made with a cap on the size of the files the server may write (its WAL stops
 * growing). Before the fix: `/healthz` said 200, joining and signing in answered 500, every
 * failed write printed a stack trace, and on Kysely's path "cannot rollback – no transaction
 * is active" hid SQLITE_FULL. Now: a translated `storage_unavailable` (503), 503 on
 * `/healthz`, one log line then a count, and nothing already stored is lost.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();
let concertation: { id: number; joinCode: string };
let phoneToken: string;
let stored = 0;

beforeAll(async () => {
	server = await startServer({ fileSizeLimitKiB: 1536 });
	admin = await signIn(server);
	concertation = await createConcertation(server, admin);
	phoneToken = (await joinAsParticipant(server, concertation.joinCode)).token;
	// Fill the disk with news items of 1,400 characters. The first refusals come when the WAL
	// cannot grow; a checkpoint then makes room again, until the database file is full too
	// and writes fail for good: refused for three seconds in a row.
	let failingSince: number | null = null;
	for (let n = 0; n < 5000; n++) {
		const answer = await api<CommandAck>(
			server,
			'POST',
			`/api/concertations/${concertation.id}/commands/news.save`,
			{
				token: admin,
				body: { commandId: commandId('fill'), titleFr: `Remplir ${n}`, textFr: 'x'.repeat(1400) }
			}
		);
		if (answer.status === 200) {
			stored += 1;
			failingSince = null;
			continue;
		}
		expect(answer.status).toBe(503);
		expect(answer.body).toEqual({
			ok: false,
			error: { code: 'storage_unavailable', message: frErrors.storage_unavailable }
		});
		failingSince ??= Date.now();
		if (Date.now() - failingSince > 3000) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(failingSince).not.toBeNull();
	expect(stored).toBeGreaterThan(10);
}, 120_000);

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

/**
 * A full disk still takes a small write now and then (SQLite reuses free space in pages it
 * already has, and a checkpoint may free the WAL for a moment): tries up to 40 times, 50 ms
 * apart, and returns the first answer refused for storage, or the last one.
 */
async function firstRefusal<R>(attempt: () => Promise<R>, refused: (answer: R) => boolean) {
	let answer = await attempt();
	for (let n = 0; n < 40 && !refused(answer); n++) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		answer = await attempt();
	}
	return answer;
}

describe('a full disk', () => {
	it('refuses joining with storage_unavailable (503), in the phone’s language', async () => {
		const answer = await firstRefusal(
			async () => {
				const response = await fetch(`${server.url}/api/join/${concertation.joinCode}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'accept-language': 'nl' },
					body: JSON.stringify({ displayName: 'Joost', locale: 'nl' })
				});
				return { status: response.status, body: (await response.json()) as unknown };
			},
			(answer) => answer.status !== 201
		);
		expect(answer).toEqual({
			status: 503,
			body: {
				ok: false,
				error: { code: 'storage_unavailable', message: nlErrors.storage_unavailable }
			}
		});
		// The phone's join form says the same, keeping what was typed.
		const form = await firstRefusal(
			() => formAction(server, null, `/j/${concertation.joinCode}?/join`, { displayName: 'Joost' }),
			(form) => form.type !== 'redirect'
		);
		expect(form.status).toBe(503);
		expect(form.data).toContain('stockage plein');
		expect(form.data).toContain('Joost');
	});

	it('refuses signing in with storage_unavailable, from the API and the form', async () => {
		const answer = await firstRefusal(
			() =>
				api<{ error?: { code: string } }>(server, 'POST', '/api/session', {
					body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
				}),
			(answer) => answer.status !== 200
		);
		expect(answer.status).toBe(503);
		expect(answer.body.error?.code).toBe('storage_unavailable');
		const form = await firstRefusal(
			() => formAction(server, null, '/f/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
			(form) => form.type !== 'redirect'
		);
		expect(form.status).toBe(503);
		expect(form.data).toContain('stockage plein');
	});

	it('refuses commands from a phone with storage_unavailable', async () => {
		const { socket } = await withSnapshot(
			sockets.track(connectParticipant(server, concertation.id, phoneToken, 'fr'))
		);
		let n = 0;
		const ack = await firstRefusal(
			() => sendCommand(socket, 'profile.update', { organisation: `Organisation ${n++}` }),
			(ack) => !ack.ok
		);
		expect(ack).toEqual({
			ok: false,
			error: { code: 'storage_unavailable', message: frErrors.storage_unavailable }
		});
	});

	it('answers 503 on /healthz while writes fail', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(503);
		expect(response.headers.get('cache-control')).toBe('no-store');
	});

	it('logs one line, then counts, and never hides the cause behind a failed rollback', async () => {
		// A burst of failing writes, as a room would send.
		await Promise.all(
			Array.from({ length: 50 }, () =>
				api(server, 'POST', `/api/join/${concertation.joinCode}`, { body: { displayName: 'Anne' } })
			)
		);
		const output = server.output();
		expect(output).not.toContain('cannot rollback');
		expect(output.match(/Storage failure \(/g)).toHaveLength(1);
		expect(output).toMatch(/Storage failure \(SQLITE_(FULL|IOERR)/);
		// No stack trace for any of them.
		expect(output).not.toMatch(/^\s+at /m);
	});

	it('lost nothing that was stored, and recovers once there is room again', async () => {
		const folder = path.dirname(server.databasePath);
		server = await server.restart({ fileSizeLimitKiB: undefined });
		onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
		const file = new Database(server.databasePath, { readonly: true });
		try {
			const news = file
				.prepare("select count(*) as n from news_item where title_fr like 'Remplir %'")
				.get() as { n: number };
			expect(news.n).toBe(stored);
			expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
		} finally {
			file.close();
		}
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		const joined = await api(server, 'POST', `/api/join/${concertation.joinCode}`, {
			body: { displayName: 'Après' }
		});
		expect(joined.status).toBe(201);
	});
});
