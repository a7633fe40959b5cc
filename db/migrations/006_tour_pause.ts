import type { Kysely } from 'kysely';

/**
 * The tour de table's speaker countdown can be paused: what remained when it was paused is
 * kept (null while it runs), so a reloaded projector or a restarted server shows it paused.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('tour_spotlight')
		.addColumn('paused_remaining_ms', 'integer')
		.execute();
}
