/** Tables of the restitution domain (migration 005). */
export interface RestitutionTables {
	restitution_edit: RestitutionEditTable;
	restitution_share: RestitutionShareTable;
	series_coordinator: SeriesCoordinatorTable;
	series_branding: SeriesBrandingTable;
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

export interface SeriesCoordinatorTable {
	series_id: number;
	facilitator_id: number;
	created_at: string;
}

export interface SeriesBrandingTable {
	series_id: number;
	organiser_fr: string;
	organiser_nl: string;
	logo_media_type: 'image/png' | 'image/jpeg' | null;
	logo: Buffer | null;
	updated_at: string;
}
