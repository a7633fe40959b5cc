import { sql, type Kysely } from 'kysely';

/**
 * Discussion tables: the tables of a concertation, who sits where, and what each table
 * captured (barriers, levers, collaboration paths, actors). Items are soft-deleted so a late
 * edit of a deleted item is recognised (see tables/rules.ts, "Concurrent edits").
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('discussion_table')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		// The vote candidate it came from; null when the facilitator typed the priority.
		.addColumn('candidate_id', 'integer')
		.addColumn('priority_fr', 'text', (c) => c.notNull())
		.addColumn('priority_nl', 'text', (c) => c.notNull())
		.addColumn('capacity', 'integer')
		.addColumn('rapporteur_id', 'integer', (c) =>
			c.references('participant.id').onDelete('set null')
		)
		.addColumn('justification', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('justification_revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('justification_updated_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('discussion_table_concertation')
		.on('discussion_table')
		.columns(['concertation_id', 'position'])
		.execute();

	// A participant sits at one table at most: the participant is the key.
	await db.schema
		.createTable('table_member')
		.addColumn('participant_id', 'integer', (c) =>
			c.primaryKey().references('participant.id').onDelete('cascade')
		)
		.addColumn('table_id', 'integer', (c) =>
			c.notNull().references('discussion_table.id').onDelete('cascade')
		)
		.addColumn('seated_by', 'text', (c) =>
			c.notNull().check(sql`seated_by in ('self', 'facilitator', 'auto')`)
		)
		.addColumn('seated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('table_member_table').on('table_member').column('table_id').execute();

	await db.schema
		.createTable('table_note')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('table_id', 'integer', (c) =>
			c.notNull().references('discussion_table.id').onDelete('cascade')
		)
		.addColumn('category', 'text', (c) =>
			c.notNull().check(sql`category in ('barrier', 'lever', 'collaboration', 'actor')`)
		)
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('author_participant_id', 'integer', (c) =>
			c.references('participant.id').onDelete('set null')
		)
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('table_note_table').on('table_note').column('table_id').execute();

	// One row per concertation, created on first use.
	await db.schema
		.createTable('tables_state')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('closed_at', 'text')
		.addColumn('spotlight_table_id', 'integer', (c) =>
			c.references('discussion_table.id').onDelete('set null')
		)
		.execute();

	// Every auto-assignment run, with its seed: the same seed on the same room gives the same seats.
	await db.schema
		.createTable('table_assignment_run')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('seed', 'integer', (c) => c.notNull())
		.addColumn('assigned', 'integer', (c) => c.notNull())
		.addColumn('unassigned', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('table_assignment_run').execute();
	await db.schema.dropTable('tables_state').execute();
	await db.schema.dropTable('table_note').execute();
	await db.schema.dropTable('table_member').execute();
	await db.schema.dropTable('discussion_table').execute();
}
