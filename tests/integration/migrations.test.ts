import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import { connectionOf, openDatabase, type Db } from '../../src/lib/server/db';
import { tallyFromCounts } from '../../src/lib/server/vote/rules';
import { ballotsOf, weightCounts } from '../../src/lib/server/vote/store';

const directory = mkdtempSync(path.join(tmpdir(), 'concertation-migrations-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema of their time
function migrator(db: Kysely<any>): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		allowUnorderedMigrations: true
	});
}

async function migrateTo(db: Db, name: string): Promise<void> {
	const { error } = await migrator(db).migrateTo(name);
	if (error) throw error;
}

/** A database at 007 with three ballots of three lines: full, 3 and 2, only the 3. */
async function databaseWithBallotLines(file: string) {
	const db = openDatabase(path.join(directory, file));
	await migrateTo(db, '007_tables_restitution');
	const sqlite = connectionOf(db);
	const now = new Date().toISOString();
	sqlite
		.prepare(
			`insert into concertation (join_code, screen_key, title_fr, title_nl, date, sectors_json, status, created_at, updated_at)
			values ('MIGR8', 'key', 'Essai', 'Proef', '2024-09-23', '[]', 'live', ?, ?)`
		)
		.run(now, now);
	const candidates = [1, 2, 3, 4].map(
		(position) =>
			sqlite
				.prepare(
					`insert into vote_candidate (concertation_id, source, label_fr, label_nl, position, created_at)
					values (1, 'manual', 'fr', 'nl', ?, ?)`
				)
				.run(position, now).lastInsertRowid as number
	);
	const participants = [1, 2, 3].map(
		(index) =>
			sqlite
				.prepare(
					`insert into participant (concertation_id, token_hash, display_name, locale, joined_at)
					values (1, ?, 'Someone', 'fr', ?)`
				)
				.run(`hash-${index}`, now).lastInsertRowid as number
	);
	const [a, b, c, d] = candidates as [number, number, number, number];
	const [full, twoLines, oneLine] = participants as [number, number, number];
	const lines: [number, number, number][] = [
		[full, b, 3],
		[full, d, 2],
		[full, a, 1],
		[twoLines, b, 3],
		[twoLines, c, 2],
		[oneLine, a, 3]
	];
	for (const [participant, candidate, weight] of lines)
		sqlite
			.prepare(
				'insert into ballot_choice (concertation_id, participant_id, candidate_id, weight) values (1, ?, ?, ?)'
			)
			.run(participant, candidate, weight);
	return { db, candidates: { a, b, c, d }, participants: { full, twoLines, oneLine } };
}

describe('migration 008: a ballot becomes one row', () => {
	it('copies every ballot, partial ones included, with the same tally', async () => {
		const { db, candidates, participants } = await databaseWithBallotLines('up.sqlite');
		const { a, b, c, d } = candidates;
		try {
			await migrateTo(db, '008_ballot_rows');
			const ballots = await ballotsOf(db, [
				participants.full,
				participants.twoLines,
				participants.oneLine
			]);
			expect(ballots.get(participants.full)).toEqual([
				{ candidateId: b, weight: 3 },
				{ candidateId: d, weight: 2 },
				{ candidateId: a, weight: 1 }
			]);
			expect(ballots.get(participants.twoLines)).toEqual([
				{ candidateId: b, weight: 3 },
				{ candidateId: c, weight: 2 }
			]);
			expect(ballots.get(participants.oneLine)).toEqual([{ candidateId: a, weight: 3 }]);
			const ranking = tallyFromCounts(
				await weightCounts(db, 1),
				[a, b, c, d].map((id, index) => ({ id, position: index + 1, withdrawn: false }))
			).map(({ candidateId, points, voters }) => ({ candidateId, points, voters }));
			expect(ranking).toEqual([
				{ candidateId: b, points: 6, voters: 2 },
				{ candidateId: a, points: 4, voters: 2 },
				{ candidateId: c, points: 2, voters: 1 },
				{ candidateId: d, points: 2, voters: 1 }
			]);
			const oldTable =
				await sql`select name from sqlite_master where name = 'ballot_choice'`.execute(db);
			expect(oldTable.rows).toEqual([]);
		} finally {
			await db.destroy();
		}
	});

	it('refuses a ballot that repeats a candidate or skips the 2', async () => {
		const { db, candidates, participants } = await databaseWithBallotLines('checks.sqlite');
		const { a, b } = candidates;
		try {
			await migrateTo(db, '008_ballot_rows');
			const update = connectionOf(db).prepare(
				'update ballot set two_points_to = ?, one_point_to = ? where participant_id = ?'
			);
			expect(() => update.run(b, a, participants.full)).toThrow(/CHECK constraint failed/);
			expect(() => update.run(null, a, participants.full)).toThrow(/CHECK constraint failed/);
		} finally {
			await db.destroy();
		}
	});

	it('leaves the old table untouched when a ballot cannot be copied', async () => {
		const { db, participants } = await databaseWithBallotLines('failed.sqlite');
		const sqlite = connectionOf(db);
		// A ballot with no 3 breaks the rules of every version: the copy refuses it.
		sqlite
			.prepare('delete from ballot_choice where participant_id = ? and weight = 3')
			.run(participants.full);
		try {
			await expect(migrateTo(db, '008_ballot_rows')).rejects.toThrow(/NOT NULL/);
			const tables = sqlite
				.prepare("select name from sqlite_master where name in ('ballot', 'ballot_choice')")
				.all();
			expect(tables).toEqual([{ name: 'ballot_choice' }]);
			expect(sqlite.prepare('select count(*) as lines from ballot_choice').get()).toEqual({
				lines: 5
			});
		} finally {
			await db.destroy();
		}
	});

	it('goes back to ballot lines without losing a ballot', async () => {
		const { db } = await databaseWithBallotLines('down.sqlite');
		const sqlite = connectionOf(db);
		const lines = () =>
			sqlite
				.prepare(
					'select participant_id, candidate_id, weight from ballot_choice order by participant_id, weight'
				)
				.all();
		try {
			const before = lines();
			await migrateTo(db, '008_ballot_rows');
			await migrateTo(db, '007_tables_restitution');
			expect(lines()).toEqual(before);
			expect(before).toHaveLength(6);
		} finally {
			await db.destroy();
		}
	});
});

describe('migration 009: the command log ordered by its key', () => {
	it('keeps every entry and still refuses a repeated key', async () => {
		const { db } = await databaseWithBallotLines('command-log.sqlite');
		const sqlite = connectionOf(db);
		const log = sqlite.prepare(
			`insert into command_log (actor_key, command_id, concertation_id, name, response_json, created_at)
			values (?, ?, 1, 'vote.cast', '{"ok":true}', '2024-09-23T09:00:00.000Z')`
		);
		const entries = () =>
			sqlite.prepare('select * from command_log order by actor_key, command_id').all();
		const withoutRowid = () =>
			(
				sqlite.prepare("select wr from pragma_table_list where name = 'command_log'").get() as {
					wr: number;
				}
			).wr;
		try {
			await migrateTo(db, '008_ballot_rows');
			log.run('p:1', 'first');
			log.run('p:2', 'first');
			const before = entries();
			expect(withoutRowid()).toBe(0);
			await migrateTo(db, '009_command_log_by_key');
			expect(withoutRowid()).toBe(1);
			expect(entries()).toEqual(before);
			expect(() => sqlite.prepare(log.source).run('p:1', 'first')).toThrow(/UNIQUE/);
			await migrateTo(db, '008_ballot_rows');
			expect(withoutRowid()).toBe(0);
			expect(entries()).toEqual(before);
		} finally {
			await db.destroy();
		}
	});
});
