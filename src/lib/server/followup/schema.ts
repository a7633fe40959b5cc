import type { Generated, Selectable } from 'kysely';
import type { DbWith, TxWith } from '../db';
import type { ModerationStatus, OpinionMark } from '../../protocol';
import type { ActionTables } from '../actions/schema';

/** Opinions on the series' actions and how the projector shows them (migration 021). */
export interface FollowupOpinionTable {
	id: Generated<number>;
	concertation_id: number;
	action_id: number;
	participant_id: number | null;
	status: ModerationStatus;
	mark: OpinionMark | null;
	language: string;
	/** '' where nobody wrote that language (never a copy). */
	text_fr: string;
	text_nl: string;
	text_en: string;
	created_at: string;
	updated_at: string;
}

export interface FollowupDisplayTable {
	concertation_id: number;
	mode: 'list' | 'single';
	current_action_id: number | null;
}

/** Its own tables, and the series' actions it shows (a core module below the phases). */
export type FollowupTables = ActionTables & {
	followup_opinion: FollowupOpinionTable;
	followup_display: FollowupDisplayTable;
};

export type OpinionRow = Selectable<FollowupOpinionTable>;
export type FollowupDb = DbWith<FollowupTables>;
export type FollowupTx = TxWith<FollowupTables>;
