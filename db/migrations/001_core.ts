import { sql, type Kysely } from 'kysely';

// Migrations take `Kysely<any>`: they describe the schema as it was at their time, not the
// current `Database` type, which later migrations change.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('facilitator')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('facilitator', 'coordinator')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('auth_session')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('facilitator_id', 'integer', (c) =>
			c.notNull().references('facilitator.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('login_throttle')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('failures', 'integer', (c) => c.notNull())
		.addColumn('last_failure_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('series')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('title_fr', 'text', (c) => c.notNull())
		.addColumn('title_nl', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('concertation')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('set null'))
		.addColumn('join_code', 'text', (c) => c.notNull().unique())
		.addColumn('screen_key', 'text', (c) => c.notNull())
		.addColumn('title_fr', 'text', (c) => c.notNull())
		.addColumn('title_nl', 'text', (c) => c.notNull())
		.addColumn('number', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('date', 'text', (c) => c.notNull())
		.addColumn('start_time', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_email', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sectors_json', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'live', 'closed')`)
		)
		.addColumn('current_phase_id', 'integer')
		.addColumn('timer_running', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('timer_ends_at', 'integer')
		.addColumn('timer_remaining_ms', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('timer_duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_by', 'integer', (c) => c.references('facilitator.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('phase')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title_fr', 'text', (c) => c.notNull())
		.addColumn('title_nl', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('body_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('body_nl', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('body_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('duration_minutes', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('phase_by_concertation')
		.on('phase')
		.columns(['concertation_id', 'position'])
		.execute();

	await db.schema
		.createTable('participant')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sector', 'text')
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('consent_attendance', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('participant_by_concertation')
		.on('participant')
		.column('concertation_id')
		.execute();

	// Idempotency: the first answer to (actor, command id) is kept and returned on a repeat.
	await db.schema
		.createTable('command_log')
		.addColumn('actor_key', 'text', (c) => c.notNull())
		.addColumn('command_id', 'text', (c) => c.notNull())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('response_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('command_log_pk', ['actor_key', 'command_id'])
		.execute();

	// Audit trail: who changed what, when. Never read by the live session.
	await db.schema
		.createTable('event_log')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('actor', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('payload_json', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'event_log',
		'command_log',
		'participant',
		'phase',
		'concertation',
		'series',
		'login_throttle',
		'auth_session',
		'facilitator'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
