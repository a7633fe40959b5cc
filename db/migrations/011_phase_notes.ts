import type { Kysely } from 'kysely';

/**
 * Each step of the programme gets notes for the facilitators (what to say, who hands the
 * microphone, what to watch): shown on the console only, never to phones or the projector.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('phase')
		.addColumn('notes', 'text', (column) => column.notNull().defaultTo(''))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('phase').dropColumn('notes').execute();
}
