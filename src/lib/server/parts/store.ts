import type { Phase } from '../db/schema';
import { listPhases } from '../concertation/store';
import type { PartRow, PartsDb, PartsTx } from './schema';
import { sortParts } from './rules';

type Reader = PartsDb | PartsTx;

export async function listParts(db: Reader, concertationId: number): Promise<PartRow[]> {
	return sortParts(
		await db
			.selectFrom('meeting_part')
			.selectAll()
			.where('concertation_id', '=', concertationId)
			.execute()
	);
}

export async function findPart(db: Reader, concertationId: number, partId: number) {
	return db
		.selectFrom('meeting_part')
		.selectAll()
		.where('id', '=', partId)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
}

/** Step id → part id, for the steps given to a part. */
export async function stepAssignment(
	db: Reader,
	concertationId: number
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('meeting_part_step')
		.innerJoin('meeting_part', 'meeting_part.id', 'meeting_part_step.part_id')
		.select(['meeting_part_step.phase_id', 'meeting_part_step.part_id'])
		.where('meeting_part.concertation_id', '=', concertationId)
		.execute();
	return new Map(rows.map((row) => [row.phase_id, row.part_id]));
}

export interface PartsState {
	parts: PartRow[];
	phases: Phase[];
	assignment: Map<number, number>;
}

export async function partsState(db: Reader, concertationId: number): Promise<PartsState> {
	const parts = await listParts(db, concertationId);
	if (parts.length === 0) return { parts, phases: [], assignment: new Map() };
	return {
		parts,
		phases: await listPhases(db, concertationId),
		assignment: await stepAssignment(db, concertationId)
	};
}

/** How many were present in each part: one grouped read, whatever the room's size. */
export async function attendanceCounts(
	db: Reader,
	concertationId: number
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('meeting_part_attendance')
		.innerJoin('meeting_part', 'meeting_part.id', 'meeting_part_attendance.part_id')
		.select(['meeting_part_attendance.part_id', (eb) => eb.fn.countAll<number>().as('count')])
		.where('meeting_part.concertation_id', '=', concertationId)
		.groupBy('meeting_part_attendance.part_id')
		.execute();
	return new Map(rows.map((row) => [row.part_id, Number(row.count)]));
}

/** Who was present in each part (participant ids), for the restitution. */
export async function attendanceByPart(
	db: Reader,
	concertationId: number
): Promise<Map<number, number[]>> {
	const rows = await db
		.selectFrom('meeting_part_attendance')
		.innerJoin('meeting_part', 'meeting_part.id', 'meeting_part_attendance.part_id')
		.select(['meeting_part_attendance.part_id', 'meeting_part_attendance.participant_id'])
		.where('meeting_part.concertation_id', '=', concertationId)
		.orderBy('meeting_part_attendance.first_seen_at')
		.execute();
	const result = new Map<number, number[]>();
	for (const row of rows) {
		const list = result.get(row.part_id) ?? [];
		list.push(row.participant_id);
		result.set(row.part_id, list);
	}
	return result;
}

/**
 * How long a phone must remember its participant: at least `minDays`, and until a week after
 * the last part's date, so that a meeting spread over months keeps everyone's identity.
 */
export async function participantMemoryDays(
	db: Reader,
	concertationId: number,
	minDays: number,
	now = new Date()
): Promise<number> {
	const last = await db
		.selectFrom('meeting_part')
		.select((eb) => eb.fn.max('date').as('date'))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!last?.date) return minDays;
	const days = Math.ceil((Date.parse(`${last.date}T00:00:00Z`) - now.getTime()) / 86_400_000) + 7;
	return Math.min(Math.max(minDays, days), 400);
}
