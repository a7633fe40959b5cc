import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Taking part from afar (issue 17): whether a participant is in the room or remote (chosen at
 * joining, changed from their page), the concertation's video-call link, and the raised
 * hands (one row per participant with a hand up; lowered = deleted, so the table stays as
 * small as the queue).
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('participant')
		.addColumn('attendance_mode', 'text', (column) =>
			column
				.notNull()
				.defaultTo('room')
				.check(sql`attendance_mode in ('room', 'remote')`)
		)
		.execute();
	await db.schema
		.alterTable('concertation')
		.addColumn('video_link', 'text', (column) => column.notNull().defaultTo(''))
		.execute();
	await db.schema
		.createTable('hand_raise')
		.addColumn('participant_id', 'integer', (column) =>
			column.primaryKey().references('participant.id').onDelete('cascade')
		)
		.addColumn('concertation_id', 'integer', (column) =>
			column.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('raised_at', 'text', (column) => column.notNull())
		.execute();
	// The queue is read per concertation, oldest first.
	await db.schema
		.createIndex('hand_raise_queue')
		.on('hand_raise')
		.columns(['concertation_id', 'raised_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('hand_raise').execute();
	await db.schema.alterTable('concertation').dropColumn('video_link').execute();
	await db.schema.alterTable('participant').dropColumn('attendance_mode').execute();
}
