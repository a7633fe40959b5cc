import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
	connectionOf,
	openDatabase,
	preparedStatements,
	transactionNow
} from '../../src/lib/server/db';

const directory = mkdtempSync(path.join(tmpdir(), 'concertation-immediate-'));
const db = openDatabase(path.join(directory, 'immediate.sqlite'));
connectionOf(db).exec('create table counter (id integer primary key, value integer not null)');
connectionOf(db).exec('insert into counter (id, value) values (1, 0)');
const prepared = preparedStatements(db);
afterAll(async () => {
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

describe('transactionNow (the synchronous path of a ballot)', () => {
	it('runs and commits at once when the connection is free', () => {
		const before = stored();
		expect(transactionNow(db, increment)).toBe(before + 1);
		expect(connectionOf(db).inTransaction).toBe(false);
		expect(stored()).toBe(before + 1);
	});

	it('rolls everything back when the body throws', () => {
		const before = stored();
		expect(() =>
			transactionNow(db, () => {
				increment();
				throw new Error('refused');
			})
		).toThrow('refused');
		expect(stored()).toBe(before);
	});

	it('never joins a Kysely transaction waiting between two statements, which may still roll back', async () => {
		const before = stored();
		let ranInside: number | undefined = 0;
		await expect(
			db.transaction().execute(async (tx) => {
				await sql`update counter set value = 100 where id = 1`.execute(tx);
				// Another command arrives while this transaction waits: it must not run inside it.
				ranInside = transactionNow(db, increment);
				throw new Error('the other command fails');
			})
		).rejects.toThrow('the other command fails');
		expect(ranInside).toBeUndefined();
		expect(stored()).toBe(before);
		// Once the connection is free again, the waiting command goes through.
		expect(transactionNow(db, increment)).toBe(before + 1);
	});
});
