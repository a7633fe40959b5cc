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
	title_fr: string;
	title_nl: string;
	text_fr: string;
	text_nl: string;
	start_date: string | null;
	start_time: string | null;
	end_date: string | null;
	end_time: string | null;
	place: string;
	price: string;
	link: string | null;
	position: number;
	created_at: string;
	updated_at: string;
}

export interface NewsDisplayTable {
	concertation_id: number;
	mode: 'list' | 'single';
	current_id: number | null;
}

export interface NewsTables {
	news_item: NewsItemTable;
	news_display: NewsDisplayTable;
}

export type NewsItemRow = Selectable<NewsItemTable>;
