import { sql, type Kysely } from 'kysely';

/**
 * The priority vote: one vote per concertation, its candidates, and ballot choices.
 * A ballot choice keeps its participant only so that each participant has one ballot (and
 * can see and change it while the vote is open); results are always aggregated from it.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('vote')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'open', 'closed')`)
		)
		.addColumn('min_choices', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(3)
				.check(sql`min_choices in (1, 2, 3)`)
		)
		.addColumn('hide_results', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('revealed', 'integer', (c) => c.notNull().defaultTo(0))
		// 1 once the facilitator chose the priorities; until then the top 3 is proposed.
		.addColumn('priorities_chosen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('opened_at', 'text')
		.addColumn('closed_at', 'text')
		.execute();

	await db.schema
		.createTable('vote_candidate')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('source', 'text', (c) =>
			c.notNull().check(sql`source in ('question', 'topic', 'manual')`)
		)
		.addColumn('source_id', 'integer')
		.addColumn('label_fr', 'text', (c) => c.notNull())
		.addColumn('label_nl', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
		// Place among the priorities selected for the tables (1 = first), or null.
		.addColumn('priority_position', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('vote_candidate_by_concertation')
		.on('vote_candidate')
		.columns(['concertation_id', 'position'])
		.execute();
	// An imported question or topic becomes a candidate once, however often it is imported.
	await db.schema
		.createIndex('vote_candidate_by_source')
		.on('vote_candidate')
		.columns(['concertation_id', 'source', 'source_id'])
		.unique()
		.where(sql.ref('source_id'), 'is not', null)
		.execute();

	// No timestamp: the time of a ballot must not help link it to a person.
	await db.schema
		.createTable('ballot_choice')
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('participant_id', 'integer', (c) =>
			c.notNull().references('participant.id').onDelete('cascade')
		)
		.addColumn('candidate_id', 'integer', (c) =>
			c.notNull().references('vote_candidate.id').onDelete('cascade')
		)
		.addColumn('weight', 'integer', (c) => c.notNull().check(sql`weight in (1, 2, 3)`))
		.addPrimaryKeyConstraint('ballot_choice_pk', ['participant_id', 'weight'])
		.addUniqueConstraint('ballot_choice_once_per_candidate', ['participant_id', 'candidate_id'])
		.execute();
	// The tally's aggregate reads only this index.
	await db.schema
		.createIndex('ballot_choice_for_tally')
		.on('ballot_choice')
		.columns(['concertation_id', 'candidate_id', 'weight'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('ballot_choice').execute();
	await db.schema.dropTable('vote_candidate').execute();
	await db.schema.dropTable('vote').execute();
}
