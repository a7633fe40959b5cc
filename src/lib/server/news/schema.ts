import type { DbWith, TxWith } from '../db';
import type { Generated, Selectable } from 'kysely';
import type { NewsStatus } from './rules';

export interface NewsItemTable {
	id: Generated<number>;
	concertation_id: number;
	source: 'organiser' | 'participant';
	status: NewsStatus;
	participant_id: number | null;
	/** The language a participant typed in; organisers' items are bilingual ('fr'). */
	language: string;
	/** Each language's text; '' where nobody wrote it (never a copy, see migration 016). */
	title_fr: string;
	title_nl: string;
	/** Only a participant's item typed on a phone set to English. */
	title_en: Generated<string>;
	text_fr: string;
	text_nl: string;
	text_en: Generated<string>;
	start_date: string | null;
	start_time: string | null;
	end_date: string | null;
	end_time: string | null;
	place: string;
	price: string;
	link: string | null;
	position: number;
	/** The heading it is shown under (migration 030), or null: no heading. */
	heading_id: Generated<number | null>;
	created_at: string;
	updated_at: string;
}

/** A heading the news are grouped under: bilingual like every organisers' text, ordered. */
export interface NewsHeadingTable {
	id: Generated<number>;
	concertation_id: number;
	/** '' in a language nobody wrote (never a copy). */
	title_fr: string;
	title_nl: string;
	title_en: string;
	position: number;
	created_at: string;
	updated_at: string;
}

export interface NewsDisplayTable {
	concertation_id: number;
	mode: 'list' | 'single';
	current_id: number | null;
}

export type NewsTables = {
	news_item: NewsItemTable;
	news_display: NewsDisplayTable;
	news_heading: NewsHeadingTable;
};

export type NewsItemRow = Selectable<NewsItemTable>;
export type NewsHeadingRow = Selectable<NewsHeadingTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type NewsDb = DbWith<NewsTables>;
export type NewsTx = TxWith<NewsTables>;
