import { sql, type Kysely } from 'kysely';

/**
 * The follow-up step ("Where are we with our actions?"): the opinions phones give on the
 * series' actions, read again by the facilitation team, and how the projector shows the
 * actions (a list, or one at a time). Opinions hang off the concertation they were given in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('followup_opinion')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('action_id', 'integer', (c) =>
			c.notNull().references('series_action.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.references('participant.id').onDelete('set null')
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`)
		)
		.addColumn('mark', 'text', (c) => c.check(sql`mark in ('support', 'concerns')`))
		.addColumn('language', 'text', (c) => c.notNull())
		// Typed once, in the author's language's column only ('' elsewhere, see migration 016).
		.addColumn('text_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('text_nl', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('text_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('followup_opinion_by_concertation')
		.on('followup_opinion')
		.columns(['concertation_id', 'action_id', 'id'])
		.execute();
	await db.schema
		.createIndex('followup_opinion_by_participant')
		.on('followup_opinion')
		.columns(['participant_id'])
		.execute();

	await db.schema
		.createTable('followup_display')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('list', 'single')`))
		.addColumn('current_action_id', 'integer', (c) =>
			c.references('series_action.id').onDelete('set null')
		)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('followup_display').execute();
	await db.schema.dropTable('followup_opinion').execute();
}
