import type { Kysely } from 'kysely';

/**
 * When a concertation's participants were anonymised (null: never): the programme page says
 * so, and the restitution shows no name from then on.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('concertation')
		.addColumn('participants_anonymised_at', 'text')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('concertation').dropColumn('participants_anonymised_at').execute();
}
