import type { Kysely } from 'kysely';

/**
 * The projector's join block: after the opening steps it shrinks to a strip, unless the
 * facilitator asks for it in full (`screen.join`). Stored on the concertation, so a reloaded
 * projector keeps what was asked.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('concertation')
		.addColumn('screen_join_full', 'integer', (column) => column.notNull().defaultTo(0))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('concertation').dropColumn('screen_join_full').execute();
}
