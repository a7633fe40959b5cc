import type { Generated } from 'kysely';

export interface NeedThemeTable {
	id: Generated<number>;
	concertation_id: number;
	label_fr: string;
	label_nl: string;
	count: number;
}

export interface TargetGroupTable {
	id: Generated<number>;
	concertation_id: number;
	label_fr: string;
	label_nl: string;
	position: number;
}

export interface NeedsTables {
	need_theme: NeedThemeTable;
	target_group: TargetGroupTable;
}
