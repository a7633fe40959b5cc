import type { Kysely } from 'kysely';

/**
 * Discussion tables, restitution: whether the rapporteur agreed to be named on the projector
 * and in the report (null: named by the facilitator, not confirmed yet), and which page of the
 * spotlighted table the projector shows.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('discussion_table')
		.addColumn('rapporteur_show_name', 'integer')
		.execute();
	await db.schema
		.alterTable('tables_state')
		.addColumn('spotlight_page', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('tables_state').dropColumn('spotlight_page').execute();
	await db.schema.alterTable('discussion_table').dropColumn('rapporteur_show_name').execute();
}
