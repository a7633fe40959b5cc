import type { DbWith, TxWith } from '../db';
import type { Generated, Selectable } from 'kysely';
import type { TopicStatus } from './rules';

export interface TopicTable {
	id: Generated<number>;
	concertation_id: number;
	/** 'question': the organisers' (bilingual); 'topic': a participant's proposal. */
	source: 'question' | 'topic';
	status: TopicStatus;
	participant_id: number | null;
	/** The language a proposal was typed in: its text is in that language's column only. */
	language: string;
	/** '' where nobody wrote that language (never a copy, see migration 016). */
	text_fr: string;
	text_nl: string;
	/** Only a proposal typed on a phone set to English. */
	text_en: Generated<string>;
	details: string;
	position: number;
	merged_into_id: number | null;
	created_at: string;
	updated_at: string;
}

export type TopicTables = {
	topic: TopicTable;
};

export type TopicRow = Selectable<TopicTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type TopicsDb = DbWith<TopicTables>;
export type TopicsTx = TxWith<TopicTables>;
