import type { DbWith, TxWith } from '../db';

/** Tables of the restitution (migration 005; the series' coordinators and branding are the core's). */
export type RestitutionTables = {
	restitution_edit: RestitutionEditTable;
	restitution_share: RestitutionShareTable;
	/** The series' public page (migration 050, series-page.ts). */
	series_page: SeriesPageTable;
	series_page_restitution: SeriesPageRestitutionTable;
};

export interface SeriesPageTable {
	series_id: number;
	/** The address's last segment, in clear: it is printed (migration 050 says why). */
	token: string;
	/** 1 while the page answers. */
	enabled: number;
	updated_by: number | null;
	updated_at: string;
}

/** A restitution its coordinators published on the series' public page. */
export interface SeriesPageRestitutionTable {
	concertation_id: number;
	published_by: number | null;
	published_at: string;
}

export interface RestitutionEditTable {
	concertation_id: number;
	/** An item key (`table:3:note:41`) or a document setting (`introduction`); see edits.ts. */
	item_key: string;
	value_json: string;
	updated_by: number | null;
	updated_at: string;
}

export interface RestitutionShareTable {
	id: import('kysely').Generated<number>;
	concertation_id: number;
	/** SHA-256 of the link's token. */
	token_hash: string;
	created_by: number | null;
	created_at: string;
	revoked_at: string | null;
}

/** The core's tables and the restitution's, as its modules read and write them. */
export type RestitutionDb = DbWith<RestitutionTables>;
export type RestitutionTx = TxWith<RestitutionTables>;
