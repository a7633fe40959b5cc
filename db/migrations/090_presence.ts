import type { Kysely } from 'kysely';

/**
 * What several instances of the app on one PostgreSQL database share (issue 19); a single
 * process leaves both tables empty.
 *
 * `presence_connection`: who is connected, shared by the app's instances when several run on one PostgreSQL database
 * (issue 19): one row per instance, concertation and participant connected to it, refreshed
 * by that instance (`seen_at`) and counted only while fresh, so that an instance that dies
 * stops counting its phones by itself. A single process keeps presence in memory only, and
 * leaves this table empty.
 *
 * `rate_limit`: failed attempts (join codes, passwords) counted for every instance, in the
 * layout of rate-limiter-flexible's `RateLimiterPostgres` (`expire`: milliseconds since 1970).
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
	await db.schema
		.createTable('rate_limit')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expire', 'integer')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('rate_limit').execute();
	await db.schema.dropTable('presence_connection').execute();
}
