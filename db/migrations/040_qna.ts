import { sql, type Kysely } from 'kysely';

/**
 * Q&A with experts: each Q&A step's settings (moderation, the pinned question), the questions
 * participants ask in it, and their upvotes. A vote keeps its participant only so that each
 * gives one per question and can take it back; counts are always aggregated from them.
 * Everything hangs off the concertation (through its step, its participant or its question)
 * with `on delete cascade`: deleting the concertation, the step or the participant takes it.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('qna_question')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('phase_id', 'integer', (c) => c.notNull().references('phase.id').onDelete('cascade'))
		.addColumn('participant_id', 'integer', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('pending', 'approved', 'rejected')`)
		)
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('fr', 'nl', 'en')`))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('answered_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('qna_question_by_concertation')
		.on('qna_question')
		.columns(['concertation_id', 'phase_id'])
		.execute();
	await db.schema
		.createIndex('qna_question_by_participant')
		.on('qna_question')
		.column('participant_id')
		.execute();

	await db.schema
		.createTable('qna_vote')
		.addColumn('question_id', 'integer', (c) =>
			c.notNull().references('qna_question.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('qna_vote_pk', ['question_id', 'participant_id'])
		.execute();
	await db.schema
		.createIndex('qna_vote_by_participant')
		.on('qna_vote')
		.column('participant_id')
		.execute();

	await db.schema
		.createTable('qna_step')
		.addColumn('phase_id', 'integer', (c) =>
			c.primaryKey().references('phase.id').onDelete('cascade')
		)
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('moderated', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('pinned_id', 'integer', (c) => c.references('qna_question.id').onDelete('set null'))
		.execute();
	await db.schema
		.createIndex('qna_step_by_concertation')
		.on('qna_step')
		.column('concertation_id')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('qna_step').execute();
	await db.schema.dropTable('qna_vote').execute();
	await db.schema.dropTable('qna_question').execute();
}
