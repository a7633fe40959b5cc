import { execFile } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	statSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCommand } from '../helpers/restitution';
import type { Snapshot } from '../../src/lib/protocol';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * `npm run backup` while the server runs: the copy holds every committed row, passes
 * SQLite's integrity check, and no existing file is ever overwritten; without a database
 * there is nothing to copy and none is created.
 */

const root = path.resolve(import.meta.dirname, '../..');
let server: RunningServer;
let admin: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'concertation-backup-'));

interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs the backup script the way `npm run backup -- …` does, on a given database file. */
async function backup(databasePath: string, ...args: string[]): Promise<Outcome> {
	try {
		const { stdout, stderr } = await promisify(execFile)(
			process.execPath,
			['scripts/run.js', 'scripts/backup.ts', ...args],
			{ cwd: root, env: { ...process.env, DATABASE_PATH: databasePath } }
		);
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

/** Rows per table of a database file, read through its own read-only connection. */
function rowCounts(file: string): Record<string, number> {
	const database = new Database(file, { readonly: true });
	try {
		const tables = database
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.pluck()
			.all() as string[];
		return Object.fromEntries(
			tables.map((table) => [
				table,
				database.prepare(`select count(*) from "${table}"`).pluck().get() as number
			])
		);
	} finally {
		database.close();
	}
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	await server?.stop();
});

describe('npm run backup', () => {
	it('copies a running server’s database, its latest commits included, and checks the copy', async () => {
		const concertation = await createConcertation(server, admin);
		await joinAsParticipant(server, concertation.joinCode, { displayName: 'Backup Bea' });
		await httpCommand(server, admin, concertation.id, 'news.save', {
			titleFr: 'Journée portes ouvertes',
			titleNl: 'Opendeurdag',
			textFr: '',
			textNl: '',
			startDate: '2025-03-12'
		});
		const destination = path.join(scratch, 'nested', 'copy.sqlite');

		const done = await backup(server.databasePath, destination);
		expect(done.code, done.stderr).toBe(0);
		expect(done.stdout).toMatch(/^Backed up 1 concertation\(s\), \d+ KiB, to .*copy\.sqlite$/m);
		expect(rowCounts(destination)).toEqual(rowCounts(server.databasePath));
		const copy = new Database(destination, { readonly: true });
		expect(copy.prepare('select display_name from participant').pluck().get()).toBe('Backup Bea');
		copy.close();

		// The server goes on writing to its own file, not to the copy.
		await joinAsParticipant(server, concertation.joinCode, { displayName: 'After' });
		expect(rowCounts(destination).participant).toBe(1);
		expect(rowCounts(server.databasePath).participant).toBe(2);

		// Restoring is putting the copy in place: the app starts on it and finds everything.
		const restoredPath = path.join(scratch, 'restored', 'concertation.sqlite');
		mkdirSync(path.dirname(restoredPath));
		copyFileSync(destination, restoredPath);
		const restored = await startServer({ databasePath: restoredPath });
		try {
			const { status, body } = await api<Snapshot>(
				restored,
				'GET',
				`/api/concertations/${concertation.id}`,
				{ token: await signIn(restored) }
			);
			expect(status).toBe(200);
			expect(body.sections.roster?.participants?.map((p) => p.displayName)).toEqual(['Backup Bea']);
		} finally {
			await restored.stop();
		}
	});

	it('names the copy after the time in Brussels, next to the database, by default', async () => {
		const done = await backup(server.databasePath);
		expect(done.code, done.stderr).toBe(0);
		const folder = path.join(path.dirname(server.databasePath), 'backups');
		const [name, ...others] = readdirSync(folder);
		expect(others).toEqual([]);
		expect(name).toMatch(/^concertation-\d{4}-\d{2}-\d{2}-\d{4}\.sqlite$/);
		expect(done.stdout).toContain(path.join(folder, name!));
	});

	it('never overwrites a file, and creates no database where there is none', async () => {
		const taken = path.join(scratch, 'taken.sqlite');
		expect((await backup(server.databasePath, taken)).code).toBe(0);
		const before = { bytes: readFileSync(taken), mtime: statSync(taken).mtimeMs };
		const again = await backup(server.databasePath, taken);
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('already exists');
		expect(readFileSync(taken).equals(before.bytes)).toBe(true);
		expect(statSync(taken).mtimeMs).toBe(before.mtime);

		const missing = path.join(scratch, 'nowhere', 'concertation.sqlite');
		const nothing = await backup(missing, path.join(scratch, 'from-nothing.sqlite'));
		expect(nothing.code).toBe(1);
		expect(nothing.stderr).toContain('nothing to back up');
		expect(existsSync(missing)).toBe(false);
		expect(existsSync(path.join(scratch, 'from-nothing.sqlite'))).toBe(false);

		const misused = await backup(server.databasePath, '--force', taken);
		expect(misused.code).toBe(2);
		expect(misused.stderr).toContain('Usage: npm run backup');
	});
});
