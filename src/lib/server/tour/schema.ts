import type { DbWith, TxWith } from '../db';
import type { Generated, Selectable } from 'kysely';

/** Tour de table columns added to `participant` by migration 002. */
export interface TourParticipantColumns {
	expectations: Generated<string>;
	/** 1: the facilitator took this entry off the screen (roll, spotlight, expectations). */
	tour_hidden: Generated<number>;
	tour_spoke_at: string | null;
}

export interface TourSpotlightTable {
	concertation_id: number;
	speaker_id: number | null;
	speaker_seconds: Generated<number>;
	/** Epoch ms at which the current speaker got the floor. */
	started_at: number | null;
	/** While the countdown is paused: the milliseconds it had left; null while it runs. */
	paused_remaining_ms: number | null;
	group_by_keyword: Generated<number>;
}

export type TourTables = {
	participant: TourParticipantColumns;
	tour_spotlight: TourSpotlightTable;
};

export type TourSpotlight = Selectable<TourSpotlightTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type TourDb = DbWith<TourTables>;
export type TourTx = TxWith<TourTables>;
