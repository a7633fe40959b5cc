import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres } from './dialect';
import { inOneTransaction } from './in-one-transaction';

/**
 * The command log becomes one b-tree ordered by its key (actor, command id), a WITHOUT ROWID
 * table, instead of a rowid table plus the index of its primary key. Every command looks its
 * key up and adds one entry: each now reads and writes one b-tree instead of two, one page
 * less in the write-ahead log of every commit (a ballot's included). Every entry is kept.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// PostgreSQL has no rowid: its table, keyed by (actor, command id) since 001, stays.
	if (isPostgres(db)) return;
	await rebuildCommandLog(db, sql`without rowid`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) return;
	await rebuildCommandLog(db, sql``);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuildCommandLog(db: Kysely<any>, tableOptions: RawBuilder<unknown>) {
	await inOneTransaction(db, async () => {
		await sql`
			create table command_log_rebuilt (
				actor_key text not null,
				command_id text not null,
				concertation_id integer not null references concertation (id) on delete cascade,
				name text not null,
				response_json text not null,
				created_at text not null,
				constraint command_log_pk primary key (actor_key, command_id)
			) ${tableOptions}
		`.execute(db);
		await sql`
			insert into command_log_rebuilt
				(actor_key, command_id, concertation_id, name, response_json, created_at)
			select actor_key, command_id, concertation_id, name, response_json, created_at
			from command_log
		`.execute(db);
		await sql`drop table command_log`.execute(db);
		await sql`alter table command_log_rebuilt rename to command_log`.execute(db);
	});
}
