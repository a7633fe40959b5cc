import type { Generated, Selectable } from 'kysely';
import type { DbWith, TxWith } from '../db';
import type { ActionSourceKind, ActionStatus } from '../../protocol/actions';

/** The actions of a series and their history (migration 020). */
export interface SeriesActionTable {
	id: Generated<number>;
	series_id: number;
	title_fr: string;
	title_nl: string;
	title_en: Generated<string>;
	description_fr: string;
	description_nl: string;
	description_en: Generated<string>;
	source_kind: ActionSourceKind;
	source_concertation_id: number | null;
	source_candidate_id: number | null;
	source_table_id: number | null;
	/** The priority's words when the action was made, kept if its source is deleted. */
	source_label_fr: string;
	source_label_nl: string;
	source_label_en: Generated<string>;
	/** A JSON array of names. */
	lead_organisations_json: string;
	contact: string;
	status: ActionStatus;
	progress_note: string;
	due_date: string | null;
	version: number;
	created_at: string;
	updated_at: string;
}

export interface SeriesActionChangeTable {
	id: Generated<number>;
	action_id: number;
	kind: 'created' | 'updated';
	facilitator_id: number | null;
	actor_name: string;
	/** A JSON array of `ActionFieldChange`. */
	changes_json: string;
	created_at: string;
}

/**
 * The restitution's share links, read (never written) to let their holders read the series'
 * actions: declared here rather than imported, so that this core module depends on no phase.
 */
interface ShareLinkTable {
	concertation_id: number;
	token_hash: string;
	revoked_at: string | null;
}

export type ActionTables = {
	series_action: SeriesActionTable;
	series_action_change: SeriesActionChangeTable;
	restitution_share: ShareLinkTable;
};

export type ActionRow = Selectable<SeriesActionTable>;
export type ActionsDb = DbWith<ActionTables>;
export type ActionsTx = TxWith<ActionTables>;
