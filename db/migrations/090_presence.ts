import type { Kysely } from 'kysely';

/**
 * Who is connected, shared by the app's instances when several run on one PostgreSQL database
 * (issue 19): one row per instance, concertation and participant connected to it, refreshed
 * by that instance (`seen_at`) and counted only while fresh, so that an instance that dies
 * stops counting its phones by itself. A single process keeps presence in memory only, and
 * leaves this table empty.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('presence_connection')
		.addColumn('instance_id', 'text', (c) => c.notNull())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('remote', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('seen_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('presence_connection_pk', [
			'concertation_id',
			'participant_id',
			'instance_id'
		])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('presence_connection').execute();
}
