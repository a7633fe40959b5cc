import type { DbWith, TxWith } from '../db';
import type { Generated, Selectable } from 'kysely';

/** The discussion tables' part of the database (migration 004_tables). */
export type TablesTables = {
	discussion_table: DiscussionTableTable;
	table_member: TableMemberTable;
	table_note: TableNoteTable;
	tables_state: TablesStateTable;
	table_assignment_run: TableAssignmentRunTable;
};

export interface DiscussionTableTable {
	id: Generated<number>;
	concertation_id: number;
	name: string;
	position: number;
	/** The vote candidate it came from; null when the priority was typed by hand. */
	candidate_id: number | null;
	priority_fr: string;
	priority_nl: string;
	priority_en: Generated<string>;
	/** null: no limit. */
	capacity: number | null;
	rapporteur_id: number | null;
	/**
	 * The rapporteur's consent to be named on the projector and in the report (migration
	 * 006): 1 yes, 0 no, null not asked yet (named by the facilitator). Reset when the role
	 * changes hands.
	 */
	rapporteur_show_name: number | null;
	justification: Generated<string>;
	justification_revision: Generated<number>;
	justification_updated_at: string | null;
	created_at: string;
}

export type SeatedBy = 'self' | 'facilitator' | 'auto';

export interface TableMemberTable {
	participant_id: number;
	table_id: number;
	seated_by: SeatedBy;
	seated_at: string;
}

export interface TableNoteTable {
	id: Generated<number>;
	table_id: number;
	category: 'barrier' | 'lever' | 'collaboration' | 'actor';
	text: string;
	is_key: Generated<number>;
	revision: Generated<number>;
	/** Soft delete: kept so that a late edit of a deleted item is recognised. */
	deleted: Generated<number>;
	author_participant_id: number | null;
	language: string;
	created_at: string;
	updated_at: string;
}

export interface TablesStateTable {
	concertation_id: number;
	/** Set by `tables.close`: nothing changes afterwards (until `tables.reopen`). */
	closed_at: string | null;
	/** The table shown alone on the projector during the restitution; null: all side by side. */
	spotlight_table_id: number | null;
	/** Which page of the spotlighted table (0-based; clamped by the projector, migration 006). */
	spotlight_page: Generated<number>;
}

export interface TableAssignmentRunTable {
	id: Generated<number>;
	concertation_id: number;
	seed: number;
	assigned: number;
	unassigned: number;
	created_at: string;
}

export type DiscussionTable = Selectable<DiscussionTableTable>;
export type TableNote = Selectable<TableNoteTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type TablesDb = DbWith<TablesTables>;
export type TablesTx = TxWith<TablesTables>;
