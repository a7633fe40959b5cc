import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionOf, openDatabase, type Db } from '../../src/lib/server/db';
import { startBackgroundCheckpoints } from '../../src/lib/server/db/checkpoints';

const directory = mkdtempSync(path.join(tmpdir(), 'concertation-checkpoints-'));
const opened: Db[] = [];
afterAll(async () => {
	for (const db of opened) await db.destroy();
	rmSync(directory, { recursive: true, force: true });
});

function freshDatabase(name: string): { db: Db; file: string } {
	const file = path.join(directory, name);
	const db = openDatabase(file);
	opened.push(db);
	connectionOf(db).exec('create table filler (id integer primary key, bytes blob)');
	return { db, file };
}

/** About 2 MiB of new pages: far under the server's own 10,000-page backstop. */
function writeTwoMebibytes(db: Db): void {
	const insert = connectionOf(db).prepare('insert into filler (bytes) values (?)');
	for (let index = 0; index < 64; index++) insert.run(Buffer.alloc(32 * 1024, index));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

describe('checkpoints in a worker thread', () => {
	it('copies the write-ahead log into the database file without the server connection doing it', async () => {
		const { db, file } = freshDatabase('checkpointed.sqlite');
		const checkpoints = startBackgroundCheckpoints(db, file);
		expect(connectionOf(db).pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
		const sizeBefore = statSync(file).size;
		writeTwoMebibytes(db);
		// The commits went to the log only; the worker's next tick (every second) copies them.
		expect(statSync(file).size).toBe(sizeBefore);
		expect(await waitFor(() => statSync(file).size > 2 * 1024 * 1024, 5000)).toBe(true);
		await checkpoints.stop();
	});

	it('gives the checkpoints back to the server connection when the worker cannot run', async () => {
		const { db } = freshDatabase('orphan.sqlite');
		// A file that does not exist: the worker refuses to create one and ends.
		const checkpoints = startBackgroundCheckpoints(db, path.join(directory, 'missing.sqlite'));
		const restored = await waitFor(
			() => connectionOf(db).pragma('wal_autocheckpoint', { simple: true }) === 1000,
			5000
		);
		expect(restored).toBe(true);
		await checkpoints.stop();
	});
});
