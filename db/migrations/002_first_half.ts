import { sql, type Kysely } from 'kysely';

/**
 * The first half of a session: tour de table (expectations, hidden flag, speaker
 * spotlight), sector news, needs monitoring, questions of the day and participants' topics.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('participant')
		.addColumn('expectations', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	// Hidden by the facilitator from the roll, the spotlight and the expectations list.
	await db.schema
		.alterTable('participant')
		.addColumn('tour_hidden', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// When this participant had the floor in the tour de table ("next in order" skips them).
	await db.schema.alterTable('participant').addColumn('tour_spoke_at', 'text').execute();

	// One row per concertation: who has the floor and their countdown (survives restarts).
	await db.schema
		.createTable('tour_spotlight')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('speaker_id', 'integer', (c) => c.references('participant.id').onDelete('set null'))
		.addColumn('speaker_seconds', 'integer', (c) => c.notNull().defaultTo(60))
		.addColumn('started_at', 'integer')
		.addColumn('group_by_keyword', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('news_item')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('source', 'text', (c) =>
			c.notNull().check(sql`source in ('organiser', 'participant')`)
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`)
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.references('participant.id').onDelete('set null')
		)
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('title_fr', 'text', (c) => c.notNull())
		.addColumn('title_nl', 'text', (c) => c.notNull())
		.addColumn('text_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('text_nl', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('start_date', 'text')
		.addColumn('start_time', 'text')
		.addColumn('end_date', 'text')
		.addColumn('end_time', 'text')
		.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('price', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('link', 'text')
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('news_item_by_concertation')
		.on('news_item')
		.columns(['concertation_id', 'position'])
		.execute();

	// How approved news is shown: all as a list, or one at a time (the current one).
	await db.schema
		.createTable('news_display')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('list', 'single')`))
		.addColumn('current_id', 'integer', (c) => c.references('news_item.id').onDelete('set null'))
		.execute();

	await db.schema
		.createTable('need_theme')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('label_fr', 'text', (c) => c.notNull())
		.addColumn('label_nl', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('need_theme_by_concertation')
		.on('need_theme')
		.column('concertation_id')
		.execute();

	await db.schema
		.createTable('target_group')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('label_fr', 'text', (c) => c.notNull())
		.addColumn('label_nl', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();

	// Questions of the day (source 'question', bilingual) and participants' proposals
	// (source 'topic', the typed text in both language columns, `language` as typed).
	await db.schema
		.createTable('topic')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('question', 'topic')`))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'merged')`)
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.references('participant.id').onDelete('set null')
		)
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('text_fr', 'text', (c) => c.notNull())
		.addColumn('text_nl', 'text', (c) => c.notNull())
		.addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('merged_into_id', 'integer', (c) => c.references('topic.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('topic_by_concertation')
		.on('topic')
		.columns(['concertation_id', 'source', 'position'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'topic',
		'target_group',
		'need_theme',
		'news_display',
		'news_item',
		'tour_spotlight'
	]) {
		await db.schema.dropTable(table).execute();
	}
	for (const column of ['tour_spoke_at', 'tour_hidden', 'expectations']) {
		await db.schema.alterTable('participant').dropColumn(column).execute();
	}
}
