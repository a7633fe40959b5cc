/**
 * Raised hands: a participant asks for the floor, the facilitators see the queue oldest first
 * and give the floor (through the current step's own way, see `registerFloorGiver`) or
 * dismiss the hand. A lowered hand is a deleted row: the table is as small as the queue.
 */
import type { PhaseKind, RaisedHand, SectionName, SelfView } from '../../protocol';
import type { Db, Tx } from '../db';
import type { Concertation } from '../db/schema';
import type { RemoteDb, RemoteTables, RemoteTx } from './schema';

/**
 * How a step gives someone the floor, inside the command's transaction; returns the sections
 * it changed. Registered by the phase kinds that have one (the tour de table's spotlight), so
 * this core module imports no phase.
 */
export type FloorGiver = (
	tx: Tx,
	concertation: Concertation,
	participantId: number,
	now: Date
) => Promise<SectionName[]>;

const floorGivers = new Map<PhaseKind, FloorGiver>();

export function registerFloorGiver(kind: PhaseKind, give: FloorGiver): void {
	floorGivers.set(kind, give);
}

export function floorGiverFor(kind: PhaseKind): FloorGiver | undefined {
	return floorGivers.get(kind);
}

/** Any connection or transaction, seen with this module's table (a type only). */
function hands(db: Db | Tx | RemoteTx) {
	return (db as RemoteDb).withTables<RemoteTables>();
}

/** Lowers one participant's hand; true when it was up. */
export async function lowerHand(
	tx: Tx | RemoteTx,
	concertationId: number,
	participantId: number
): Promise<boolean> {
	const deleted = await hands(tx)
		.deleteFrom('hand_raise')
		.where('concertation_id', '=', concertationId)
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	return Number(deleted.numDeletedRows) > 0;
}

/**
 * Lowers every hand of a concertation (the step changed: a hand raised for the tour de table
 * is not a question for the next step). Returns whose hands went down, for their devices.
 */
export async function lowerAllHands(tx: Tx, concertationId: number): Promise<number[]> {
	const rows = await hands(tx)
		.deleteFrom('hand_raise')
		.where('concertation_id', '=', concertationId)
		.returning('participant_id')
		.execute();
	return rows.map((row) => row.participant_id);
}

/** What a lowered hand's owner's devices are told. */
export function handDown(participantIds: readonly number[]): {
	participantId: number;
	part: Partial<SelfView>;
}[] {
	return participantIds.map((participantId) => ({ participantId, part: { handRaisedAt: null } }));
}

/** The queue as facilitators see it: oldest first, then by id for hands raised together. */
export async function handQueue(db: Db, concertationId: number): Promise<RaisedHand[]> {
	const rows = await hands(db)
		.selectFrom('hand_raise')
		.innerJoin('participant', 'participant.id', 'hand_raise.participant_id')
		.select(['hand_raise.participant_id', 'hand_raise.raised_at', 'participant.attendance_mode'])
		.where('hand_raise.concertation_id', '=', concertationId)
		.orderBy('hand_raise.raised_at')
		.orderBy('hand_raise.participant_id')
		.execute();
	return rows.map((row) => {
		const hand: RaisedHand = { participantId: row.participant_id, raisedAt: row.raised_at };
		if (row.attendance_mode === 'remote') hand.remote = true;
		return hand;
	});
}

/** When each of these participants raised their hand, for those whose hand is up. */
export async function handsRaisedAt(
	db: Db,
	participantIds: readonly number[]
): Promise<Map<number, string>> {
	const rows = await hands(db)
		.selectFrom('hand_raise')
		.select(['participant_id', 'raised_at'])
		.where('participant_id', 'in', participantIds)
		.execute();
	return new Map(rows.map((row) => [row.participant_id, row.raised_at]));
}

export async function handRaisedAt(
	db: Db | Tx | RemoteTx,
	participantId: number
): Promise<string | null> {
	const row = await hands(db)
		.selectFrom('hand_raise')
		.select('raised_at')
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	return row?.raised_at ?? null;
}
