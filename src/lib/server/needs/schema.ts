import type { DbWith, TxWith } from '../db';
import type { Generated } from 'kysely';

export interface NeedThemeTable {
	id: Generated<number>;
	concertation_id: number;
	label_fr: string;
	label_nl: string;
	label_en: Generated<string>;
	count: number;
}

export interface TargetGroupTable {
	id: Generated<number>;
	concertation_id: number;
	label_fr: string;
	label_nl: string;
	label_en: Generated<string>;
	position: number;
}

export type NeedsTables = {
	need_theme: NeedThemeTable;
	target_group: TargetGroupTable;
};

/** The core's tables and this phase kind's, as its modules read and write them. */
export type NeedsDb = DbWith<NeedsTables>;
export type NeedsTx = TxWith<NeedsTables>;
