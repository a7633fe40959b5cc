import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';
import { inOneTransaction } from './in-one-transaction';

/**
 * The projector's key was stored in clear (`screen_key`): a copy of the database opened every
 * projector. It becomes a key derived from a random nonce and a server secret that is not in
 * the database (src/lib/server/concertation/screen-key.ts); the clear keys go, so projector
 * links made before this migration stop working and the console shows the new ones.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema.alterTable('concertation').addColumn('screen_key_nonce', 'text').execute();
		// Rows to fill exist only in a SQLite file of before (a PostgreSQL database starts empty).
		if (!isPostgres(db))
			await sql`update concertation set screen_key_nonce = lower(hex(randomblob(16)))`.execute(db);
		await db.schema.alterTable('concertation').dropColumn('screen_key').execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema
			.alterTable('concertation')
			.addColumn('screen_key', 'text', (column) => column.notNull().defaultTo(''))
			.execute();
		if (!isPostgres(db))
			await sql`update concertation set screen_key = lower(hex(randomblob(32)))`.execute(db);
		await db.schema.alterTable('concertation').dropColumn('screen_key_nonce').execute();
	});
}
