import type { Generated, Selectable } from 'kysely';
import type { DbWith, TxWith } from '../db';

/** A part of a concertation's programme (migration 060). */
export interface MeetingPartTable {
	id: Generated<number>;
	concertation_id: number;
	position: number;
	/** '' where nobody wrote that language (never a copy). */
	title_fr: string;
	title_nl: string;
	title_en: string;
	/** YYYY-MM-DD, Brussels. */
	date: string;
	/** HH:MM or ''. */
	start_time: string;
	end_time: string;
	place: string;
	/** http(s) address of a video call, or ''. */
	link: string;
	started_at: string | null;
	ended_at: string | null;
}

/** Which part a step belongs to; a step without a row belongs to the last part. */
export interface MeetingPartStepTable {
	phase_id: number;
	part_id: number;
}

/** Who was present in a part: joined or connected while it ran. */
export interface MeetingPartAttendanceTable {
	part_id: number;
	participant_id: number;
	first_seen_at: string;
}

export type PartTables = {
	meeting_part: MeetingPartTable;
	meeting_part_step: MeetingPartStepTable;
	meeting_part_attendance: MeetingPartAttendanceTable;
};

export type PartRow = Selectable<MeetingPartTable>;
export type PartsDb = DbWith<PartTables>;
export type PartsTx = TxWith<PartTables>;
