import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ConcertationStatus } from '../../protocol/core';
/**
 * The database as the application sees it, table by table. Timestamps are ISO 8601 UTC
 * strings (text), booleans are 0/1 integers: SQLite has neither type.
 * These are the core's tables. A phase kind declares its own in `<kind>/schema.ts` and
 * queries them through `db.withTables<ItsTables>()` (or the typed context its registrations
 * give), so that this module imports no phase.
 */
export type Database = CoreTables;

// A type, not an interface: Kysely's `withTables` adds a phase's tables to it.
type CoreTables = {
	facilitator: FacilitatorTable;
	auth_session: AuthSessionTable;
	login_throttle: LoginThrottleTable;
	series: SeriesTable;
	/** Who follows a series' restitutions (migration 005). */
	series_coordinator: SeriesCoordinatorTable;
	/** The organiser's name and logo printed on a series' restitutions (migration 005). */
	series_branding: SeriesBrandingTable;
	concertation: ConcertationTable;
	phase: PhaseTable;
	participant: ParticipantTable;
	command_log: CommandLogTable;
	event_log: EventLogTable;
	health_probe: HealthProbeTable;
	/** Who is connected to which instance, when several share PostgreSQL (migration 090). */
	presence_connection: PresenceConnectionTable;
	/** Failed attempts counted for several instances (migration 090, limits.ts). */
	rate_limit: RateLimitTable;
};

export type FacilitatorRole = 'facilitator' | 'coordinator';

export interface FacilitatorTable {
	id: Generated<number>;
	email: string;
	display_name: string;
	password_hash: string;
	role: FacilitatorRole;
	created_at: string;
}

export interface AuthSessionTable {
	/** SHA-256 of the cookie's token: a leaked database cannot be replayed as sessions. */
	token_hash: string;
	facilitator_id: number;
	created_at: string;
	expires_at: string;
}

export interface LoginThrottleTable {
	key: string;
	failures: number;
	last_failure_at: string;
}

export interface SeriesTable {
	id: Generated<number>;
	title_fr: string;
	title_nl: string;
	/** Migration 080. */
	title_en: Generated<string>;
	created_at: string;
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
	organiser_en: Generated<string>;
	logo_media_type: 'image/png' | 'image/jpeg' | null;
	logo: Buffer | null;
	updated_at: string;
}

export interface ConcertationTable {
	id: Generated<number>;
	series_id: number | null;
	join_code: string;
	/**
	 * What the projector's key is derived from (concertation/screen-key.ts; migration 012): the
	 * key itself is stored nowhere. Null: the key was ended (participants anonymised).
	 */
	screen_key_nonce: string | null;
	title_fr: string;
	title_nl: string;
	title_en: Generated<string>;
	/** The content languages, `fr,nl` (protocol/localized.ts; migration 080). */
	languages: Generated<string>;
	number: Generated<string>;
	/** yyyy-mm-dd, a day in Brussels. */
	date: string;
	/** HH:MM or ''. */
	start_time: Generated<string>;
	place: Generated<string>;
	contact_name: Generated<string>;
	contact_email: Generated<string>;
	contact_phone: Generated<string>;
	/** JSON array of { id, fr, nl, en }: the sectors participants choose from. */
	sectors_json: string;
	status: ConcertationStatus;
	current_phase_id: number | null;
	timer_running: Generated<number>;
	/** Epoch ms at which a running timer reaches zero. */
	timer_ends_at: number | null;
	/** What was left when the timer was paused. */
	timer_remaining_ms: Generated<number>;
	timer_duration_ms: Generated<number>;
	/** Increases with every change of the concertation's state; clients use it to resync. */
	version: Generated<number>;
	/** When its participants were anonymised (names, organisations, consents, devices). */
	participants_anonymised_at: string | null;
	/** 1: the projector shows the whole join block in every step (migration 015). */
	screen_join_full: Generated<number>;
	/** The video-call link shown to remote participants, '' when none (migration 070). */
	video_link: Generated<string>;
	created_by: number | null;
	created_at: string;
	updated_at: string;
}

export interface PhaseTable {
	id: Generated<number>;
	concertation_id: number;
	kind: string;
	position: number;
	title_fr: string;
	title_nl: string;
	title_en: Generated<string>;
	body_fr: Generated<string>;
	body_nl: Generated<string>;
	body_en: Generated<string>;
	duration_minutes: number;
	/** For the facilitators only (migration 011): never sent to phones or the projector. */
	notes: Generated<string>;
}

export interface ParticipantTable {
	id: Generated<number>;
	concertation_id: number;
	/** SHA-256 of the device's token. */
	token_hash: string;
	display_name: string;
	organisation: Generated<string>;
	sector: string | null;
	locale: string;
	consent_attendance: Generated<number>;
	joined_at: string;
	/** In the room or remote (migration 070): remote ones also get the projector's updates. */
	attendance_mode: Generated<'room' | 'remote'>;
}

export interface CommandLogTable {
	actor_key: string;
	command_id: string;
	concertation_id: number;
	name: string;
	response_json: string;
	created_at: string;
}

export interface EventLogTable {
	id: Generated<number>;
	concertation_id: number;
	actor: string;
	type: string;
	payload_json: string;
	version: number;
	created_at: string;
}

/** One row, rewritten by `/healthz` to prove that writes still succeed (migration 013). */
export interface HealthProbeTable {
	id: number;
	checked_at: string;
}

export interface RateLimitTable {
	key: string;
	points: number;
	/** Milliseconds since 1970, or null. */
	expire: number | null;
}

export interface PresenceConnectionTable {
	instance_id: string;
	concertation_id: number;
	participant_id: number;
	remote: number;
	seen_at: string;
}

export type Facilitator = Selectable<FacilitatorTable>;
export type Concertation = Selectable<ConcertationTable>;
export type NewConcertation = Insertable<ConcertationTable>;
export type ConcertationUpdate = Updateable<ConcertationTable>;
export type Phase = Selectable<PhaseTable>;
export type Participant = Selectable<ParticipantTable>;
