import { sql, type Kysely } from 'kysely';
import { inOneTransaction } from './in-one-transaction';

/**
 * A concertation's programme in several parts (a study visit in three half-days, a week of
 * meetings in several places). A part has bilingual titles like every organiser text, a
 * date, times, and a place or a video-call link. Steps are given to parts through
 * `meeting_part_step` (a step with no row belongs to the last part), so the core's `phase`
 * table is untouched and a concertation without parts is exactly what it was.
 * `meeting_part_attendance`: who was present in each part (joined or connected while it ran).
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema
			.createTable('meeting_part')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('concertation_id', 'integer', (c) =>
				c.notNull().references('concertation.id').onDelete('cascade')
			)
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('title_fr', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('title_nl', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('date', 'text', (c) => c.notNull())
			.addColumn('start_time', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('end_time', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('link', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('started_at', 'text')
			.addColumn('ended_at', 'text')
			.addCheckConstraint(
				'meeting_part_has_title',
				sql`title_fr <> '' or title_nl <> '' or title_en <> ''`
			)
			.execute();
		await db.schema
			.createIndex('meeting_part_by_concertation')
			.on('meeting_part')
			.columns(['concertation_id', 'position'])
			.execute();
		await db.schema
			.createTable('meeting_part_step')
			.addColumn('phase_id', 'integer', (c) =>
				c.primaryKey().references('phase.id').onDelete('cascade')
			)
			.addColumn('part_id', 'integer', (c) =>
				c.notNull().references('meeting_part.id').onDelete('cascade')
			)
			.execute();
		await db.schema
			.createIndex('meeting_part_step_by_part')
			.on('meeting_part_step')
			.column('part_id')
			.execute();
		await db.schema
			.createTable('meeting_part_attendance')
			.addColumn('part_id', 'integer', (c) =>
				c.notNull().references('meeting_part.id').onDelete('cascade')
			)
			.addColumn('participant_id', 'integer', (c) =>
				c.notNull().references('participant.id').onDelete('cascade')
			)
			.addColumn('first_seen_at', 'text', (c) => c.notNull())
			.addPrimaryKeyConstraint('meeting_part_attendance_pk', ['part_id', 'participant_id'])
			.modifyEnd(sql`without rowid`)
			.execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema.dropTable('meeting_part_attendance').execute();
		await db.schema.dropTable('meeting_part_step').execute();
		await db.schema.dropTable('meeting_part').execute();
	});
}
