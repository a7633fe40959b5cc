import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
	connectionOf,
	groupCommit,
	openDatabase,
	preparedStatements
} from '../../src/lib/server/db';

const directory = mkdtempSync(path.join(tmpdir(), 'concertation-immediate-'));
const file = path.join(directory, 'immediate.sqlite');
const db = openDatabase(file);
connectionOf(db).exec('create table counter (id integer primary key, value integer not null)');
connectionOf(db).exec('insert into counter (id, value) values (1, 0)');
const prepared = preparedStatements(db);
// A second connection sees only what was committed (WAL): the moment a group's work is stored.
const reader = new SQLite(file, { readonly: true });
afterAll(async () => {
	reader.close();
	await db.destroy();
	rmSync(directory, { recursive: true, force: true });
});

const increment = () =>
	(
		prepared('update counter set value = value + 1 where id = 1 returning value').get() as {
			value: number;
		}
	).value;
const stored = () =>
	(prepared('select value from counter where id = 1').get() as { value: number }).value;
const committed = () =>
	(reader.prepare('select value from counter where id = 1').get() as { value: number }).value;

describe('groupCommit (the path of a ballot)', () => {
	it('runs a body and answers once it is committed', async () => {
		const before = stored();
		await expect(groupCommit(db, increment)).resolves.toBe(before + 1);
		expect(connectionOf(db).inTransaction).toBe(false);
		expect(committed()).toBe(before + 1);
	});

	it('puts the bodies of one turn in one commit, and undoes only the one that throws', async () => {
		const before = stored();
		const seenByOthers: number[] = [];
		const first = groupCommit(db, increment);
		const refused = groupCommit(db, () => {
			increment();
			throw new Error('refused');
		});
		const third = groupCommit(db, () => {
			// The first body's write is in this transaction, not yet committed.
			seenByOthers.push(committed());
			return increment();
		});
		await expect(first).resolves.toBe(before + 1);
		await expect(refused).rejects.toThrow('refused');
		await expect(third).resolves.toBe(before + 2);
		expect(seenByOthers).toEqual([before]);
		expect(committed()).toBe(before + 2);
	});

	it('never joins a Kysely transaction waiting between two statements, which may still roll back', async () => {
		const before = stored();
		let waiting: Promise<number> | undefined;
		await expect(
			db.transaction().execute(async (tx) => {
				await sql`update counter set value = 100 where id = 1`.execute(tx);
				// A ballot arrives while this transaction waits: it must not run inside it.
				waiting = groupCommit(db, increment);
				await new Promise((resolve) => setImmediate(resolve));
				throw new Error('the other command fails');
			})
		).rejects.toThrow('the other command fails');
		// Once the connection is free again, the waiting ballot goes through, on the old value.
		await expect(waiting).resolves.toBe(before + 1);
		expect(committed()).toBe(before + 1);
	});
});
