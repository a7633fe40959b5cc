// @postgres-pass: reads a SQLite file it records, and copies it into PostgreSQL.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFullSession } from '../helpers/full-session';
import {
	createTestDatabase,
	dropTestDatabase,
	ON_POSTGRES,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * `npm run db:to-postgres` moves an installation from its SQLite file to PostgreSQL (issue 19):
 * a full session recorded on SQLite exports the same restitution from PostgreSQL afterwards,
 * and a second copy into the now filled database is refused, leaving it as it was.
 * Runs in the PostgreSQL pass only (`npm run test:postgres`).
 */
const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const directory = mkdtempSync(path.join(tmpdir(), 'concertation-to-postgres-'));
const sockets = socketTracker();
const databases: string[] = [];

afterAll(async () => {
	sockets.closeAll();
	for (const url of databases) await dropTestDatabase(url);
	rmSync(directory, { recursive: true, force: true });
});

async function restitutionJson(server: RunningServer, concertationId: number) {
	const token = await signIn(server);
	const response = await fetch(
		`${server.url}/api/concertations/${concertationId}/restitution.json`,
		{ headers: { authorization: `Bearer ${token}` } }
	);
	expect(response.status).toBe(200);
	// Everything but the moment each export was made.
	return JSON.parse(await response.text(), (key: string, value: unknown) =>
		key === 'generatedAt' ? undefined : value
	) as unknown;
}

function copy(databasePath: string, databaseUrl: string) {
	return run(process.execPath, ['scripts/run.js', 'scripts/to-postgres.ts'], {
		cwd: root,
		env: { ...process.env, DATABASE_PATH: databasePath, DATABASE_URL: databaseUrl }
	});
}

describe.skipIf(!ON_POSTGRES)('moving from SQLite to PostgreSQL', () => {
	it('copies a whole session, and refuses to copy into a database that has rows', async () => {
		const databasePath = path.join(directory, 'venue.sqlite');
		const recording = await startServer({ databasePath });
		expect(recording.databaseUrl).toBeNull();
		const token = await signIn(recording);
		const { concertation } = await recordFullSession(recording, token, sockets.track, {
			number: '7'
		});
		const before = await restitutionJson(recording, concertation.id);
		sockets.closeAll();
		await recording.stop();

		const databaseUrl = await createTestDatabase();
		databases.push(databaseUrl);
		const { stdout } = await copy(databasePath, databaseUrl);
		expect(stdout).toMatch(/Copied \d+ rows of \d+ tables/);

		const moved = await startServer({ databaseUrl });
		try {
			expect(await restitutionJson(moved, concertation.id)).toEqual(before);
		} finally {
			await moved.stop();
		}
		const again = await copy(databasePath, databaseUrl).then(
			() => null,
			(error: { code: number; stderr: string }) => error
		);
		expect(again?.code).toBe(1);
		expect(again?.stderr).toMatch(/already has rows/);
	});
});
