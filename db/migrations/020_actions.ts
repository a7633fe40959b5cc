import { sql, type Kysely } from 'kysely';

/**
 * The actions of a series (what a concertation decided to do about a priority, followed from
 * one meeting to the next) and the history of their changes. They hang off the series, not a
 * concertation: deleting the concertation an action came from leaves the action, its source's
 * words kept in `source_label_*`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('series_action')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('series_id', 'integer', (c) =>
			c.notNull().references('series.id').onDelete('cascade')
		)
		.addColumn('title_fr', 'text', (c) => c.notNull())
		.addColumn('title_nl', 'text', (c) => c.notNull())
		.addColumn('description_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('description_nl', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source_kind', 'text', (c) =>
			c.notNull().check(sql`source_kind in ('scratch', 'priority', 'table')`)
		)
		.addColumn('source_concertation_id', 'integer', (c) =>
			c.references('concertation.id').onDelete('set null')
		)
		.addColumn('source_candidate_id', 'integer', (c) =>
			c.references('vote_candidate.id').onDelete('set null')
		)
		.addColumn('source_table_id', 'integer', (c) =>
			c.references('discussion_table.id').onDelete('set null')
		)
		.addColumn('source_label_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source_label_nl', 'text', (c) => c.notNull().defaultTo(''))
		// A JSON array of names: an action may have several lead organisations.
		.addColumn('lead_organisations_json', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('proposed', 'in_progress', 'done', 'paused', 'dropped')`)
		)
		.addColumn('progress_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('due_date', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('series_action_by_series')
		.on('series_action')
		.columns(['series_id', 'id'])
		.execute();

	// Who changed what and when; the account's name is kept as it was, the account may go.
	await db.schema
		.createTable('series_action_change')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('action_id', 'integer', (c) =>
			c.notNull().references('series_action.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('created', 'updated')`))
		.addColumn('facilitator_id', 'integer', (c) =>
			c.references('facilitator.id').onDelete('set null')
		)
		.addColumn('actor_name', 'text', (c) => c.notNull())
		.addColumn('changes_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('series_action_change_by_action')
		.on('series_action_change')
		.columns(['action_id', 'id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('series_action_change').execute();
	await db.schema.dropTable('series_action').execute();
}
