/**
 * The one shared module of the realtime protocol: every event, command, payload schema and
 * view type, for the server, the browser and external tools. Documented in docs/protocol.md.
 * Each domain declares its commands and sections in its own file, gathered here.
 */
import type { z } from 'zod';
import type { Locale } from '../i18n/locales';
import {
	coreCommandSchemas,
	type Audience,
	type CoreCommandResults,
	type CoreSelfView,
	type PresenceView,
	type RosterChanges,
	type RosterView,
	type SessionView
} from './core';
import {
	phaseCommandSchemas,
	type PhaseCommandResults,
	type PhaseSections,
	type PhaseSelf,
	type PhaseView
} from './phases';
import { screenCommandSchemas, type ScreenCommandResults, type ScreenSections } from './screen';
import { partsCommandSchemas, type PartsCommandResults, type PartsSections } from './parts';
import {
	remoteCommandSchemas,
	type RemoteCommandResults,
	type RemoteSections,
	type RemoteSelf
} from './remote';

export * from './core';
export * from './phase';
export * from './phases';
export * from './moderation';
export * from './localized';
export * from './screen';
export * from './parts';
export * from './remote';
export * from './video-link';
// Each phase kind's own module (its list is in phases.ts).
export * from './introduction';
export * from './tour';
export * from './news';
export * from './followup';
export * from './needs';
export * from './topics';
export * from './vote';
export * from './tables';
export * from './qna';
export * from './restitution';

/** The sections every concertation has, whatever its programme. */
export interface CoreSections {
	session: SessionView;
	programme: PhaseView[];
	presence: PresenceView;
	/** Facilitators only. */
	roster: RosterView;
}

export const commandSchemas = {
	...coreCommandSchemas,
	...screenCommandSchemas,
	...partsCommandSchemas,
	...remoteCommandSchemas,
	...phaseCommandSchemas
} as typeof coreCommandSchemas &
	typeof screenCommandSchemas &
	typeof partsCommandSchemas &
	typeof remoteCommandSchemas &
	typeof phaseCommandSchemas;

export type CommandName = keyof typeof commandSchemas;
export type CommandInput<N extends CommandName> = z.infer<(typeof commandSchemas)[N]>;
export type CommandResults = CoreCommandResults &
	ScreenCommandResults &
	PartsCommandResults &
	RemoteCommandResults &
	PhaseCommandResults;
export type CommandResult<N extends CommandName> = CommandResults[N];
export type Sections = CoreSections &
	ScreenSections &
	PartsSections &
	RemoteSections &
	PhaseSections;
/** What a participant's own device knows: profile, own submissions and their status. */
export type SelfView = CoreSelfView & RemoteSelf & PhaseSelf;
export type SectionName = keyof Sections;

export function isCommandName(name: string): name is CommandName {
	return Object.hasOwn(commandSchemas, name);
}

export interface CommandError {
	code: string;
	message: string;
	/** For invalid input: which fields, so forms can point at them. */
	fields?: { path: string; message: string }[];
	/** Domain details, e.g. the current text of an item edited meanwhile. */
	details?: Record<string, unknown>;
}

export type CommandAck<R = unknown> =
	{ ok: true; data: R; version: number } | { ok: false; error: CommandError };

/** Sent on every (re)connection and on `sync`: the whole state this audience may see. */
export interface Snapshot {
	concertationId: number;
	audience: Audience;
	version: number;
	serverNow: number;
	sections: Partial<Sections>;
	self: SelfView | null;
}

/**
 * Sent after changes: whole sections, replacing the client's. `baseVersion` is the version
 * of the previous update; a client whose version is older missed one and must `sync`.
 */
export interface Update {
	concertationId: number;
	baseVersion: number;
	version: number;
	serverNow: number;
	sections: Partial<Sections>;
	/** Changes to apply to a long list kept by the client, instead of the list again. */
	changes?: { roster?: RosterChanges };
}

export interface SocketAuth {
	concertationId: number;
	role: Audience;
	/**
	 * A participant's device token (else the participant cookie is used), or a facilitator's
	 * session token from `POST /api/session`, the session cookie's value (else the cookie).
	 */
	token?: string;
	/** Read-only projector key (else the facilitator session cookie is used). */
	screenKey?: string;
	locale?: Locale;
}

/** What goes on the wire: the command's fields plus its client-made id. */
export type CommandPayload<N extends CommandName> = string extends keyof CommandInput<N>
	? { commandId: string }
	: CommandInput<N> & { commandId: string };

type CommandEvents = {
	[N in CommandName]: (
		payload: CommandPayload<N>,
		ack: (answer: CommandAck<CommandResult<N>>) => void
	) => void;
};

export interface ClientToServerEvents extends CommandEvents {
	sync: (ack: (snapshot: Snapshot | CommandAck<never>) => void) => void;
	/** A remote participant missed a `screenUpdate`: the projector's sections again. */
	screenSync: (ack: (snapshot: Snapshot | CommandAck<never>) => void) => void;
}

export interface ServerToClientEvents {
	snapshot: (snapshot: Snapshot) => void;
	update: (update: Update) => void;
	self: (self: SelfView) => void;
	/** Some top-level parts of the participant's own view, replacing those parts only. */
	selfPart: (part: Partial<SelfView>) => void;
	/**
	 * Remote participants only: what the projector shows (its audience's sections), as a
	 * snapshot when they connect or become remote, then as the projector's own updates.
	 */
	screenSnapshot: (snapshot: Snapshot) => void;
	screenUpdate: (update: Update) => void;
	/** The server is closing this connection on purpose (e.g. participant removed). */
	revoked: (reason: { code: string; message: string }) => void;
}
