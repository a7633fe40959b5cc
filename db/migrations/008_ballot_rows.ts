import { sql, type Kysely } from 'kysely';
import { inOneTransaction } from './in-one-transaction';

/**
 * A ballot becomes one row (who got 3, 2 and 1 points) instead of three `ballot_choice` rows.
 * Casting or changing a ballot is then one upsert on a table keyed by the participant, instead
 * of a delete and three inserts into a table with three indexes: under the vote benchmark
 * this halved the SQLite work of a ballot, which runs on the event loop before its ack.
 * The participant is still kept only to keep one ballot per participant, and still without
 * a timestamp.
 *
 * Every stored ballot is copied, all or nothing.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema
			.createTable('ballot')
			// The rowid itself: the ballot table is one b-tree keyed by participant.
			.addColumn('participant_id', 'integer', (c) =>
				c.primaryKey().references('participant.id').onDelete('cascade')
			)
			.addColumn('concertation_id', 'integer', (c) =>
				c.notNull().references('concertation.id').onDelete('cascade')
			)
			// Ballots fill from the top: a partial ballot has its 3, or its 3 and its 2.
			.addColumn('three_points_to', 'integer', (c) =>
				c.notNull().references('vote_candidate.id').onDelete('cascade')
			)
			.addColumn('two_points_to', 'integer', (c) =>
				c.references('vote_candidate.id').onDelete('cascade')
			)
			.addColumn('one_point_to', 'integer', (c) =>
				c.references('vote_candidate.id').onDelete('cascade')
			)
			.addCheckConstraint(
				'ballot_distinct_candidates',
				sql`(two_points_to is null or two_points_to <> three_points_to) and
					(one_point_to is null or (two_points_to is not null and
						one_point_to <> three_points_to and one_point_to <> two_points_to))`
			)
			.execute();
		// The tally's aggregates read only this index.
		await db.schema
			.createIndex('ballot_for_tally')
			.on('ballot')
			.columns(['concertation_id', 'three_points_to', 'two_points_to', 'one_point_to'])
			.execute();
		await sql`
			insert into ballot (participant_id, concertation_id, three_points_to, two_points_to, one_point_to)
			select participant_id, concertation_id,
				max(case when weight = 3 then candidate_id end),
				max(case when weight = 2 then candidate_id end),
				max(case when weight = 1 then candidate_id end)
			from ballot_choice
			group by participant_id, concertation_id
		`.execute(db);
		await db.schema.dropTable('ballot_choice').execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
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
		await db.schema
			.createIndex('ballot_choice_for_tally')
			.on('ballot_choice')
			.columns(['concertation_id', 'candidate_id', 'weight'])
			.execute();
		await sql`
			insert into ballot_choice (concertation_id, participant_id, candidate_id, weight)
			select concertation_id, participant_id, three_points_to, 3 from ballot
			union all
			select concertation_id, participant_id, two_points_to, 2 from ballot where two_points_to is not null
			union all
			select concertation_id, participant_id, one_point_to, 1 from ballot where one_point_to is not null
		`.execute(db);
		await db.schema.dropTable('ballot').execute();
	});
}
