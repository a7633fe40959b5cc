/**
 * The realtime protocol's core, shared by the server, the browser and external scripts.
 * It imports nothing from the server: types and zod schemas only. See docs/protocol.md.
 */
import { z } from 'zod';
import type { Locale } from '../i18n/locales';
import type { ContentLanguages } from './localized';

export type Audience = 'facilitator' | 'screen' | 'participant';
export type ConcertationStatus = 'draft' | 'live' | 'closed';

/** Field limits, shared so that forms can say them before the server refuses. */
export const LIMITS = {
	title: 200,
	number: 20,
	place: 200,
	contact: 200,
	/** The longest address mail can carry (RFC 5321). */
	email: 254,
	phone: 40,
	phaseBody: 4000,
	phaseNotes: 4000,
	phaseMinutes: 600,
	phases: 30,
	sectors: 40,
	sectorLabel: 80,
	sectorId: 64,
	displayName: 60,
	organisation: 120,
	commandId: 64
} as const;

export interface Bilingual {
	fr: string;
	nl: string;
	en: string;
}

export interface Sector extends Bilingual {
	id: string;
}

/** The stable parts of a concertation, seen by everyone in it. */
export interface SessionView {
	id: number;
	joinCode: string;
	/** In the content languages; `en` is '' unless English is one of them or was written. */
	title: { fr: string; nl: string; en: string };
	/** The languages its texts are written in, the main one first (protocol/localized.ts). */
	languages: ContentLanguages;
	number: string;
	date: string;
	startTime: string;
	place: string;
	contact: { name: string; email: string; phone: string };
	status: ConcertationStatus;
	currentPhaseId: number | null;
	sectors: Sector[];
	timer: TimerView;
}

/**
 * A countdown that survives restarts: when running, `endsAt` (epoch ms, server clock);
 * when paused, `remainingMs`. Clients correct for clock skew with the snapshot's serverNow.
 */
export interface TimerView {
	running: boolean;
	endsAt: number | null;
	remainingMs: number;
	durationMs: number;
}

/** How many have joined and are connected now: counts, the same for every audience. */
export interface PresenceView {
	joined: number;
	online: number;
	bySector: { sectorId: string | null; count: number }[];
	/** Of those, the remote ones (the rest are in the room): counts, like the others. */
	remote: { joined: number; online: number };
}

/**
 * Someone who joined, as the console lists them. What is empty is left out (no sector, not
 * connected now): a roster of 2,000 stays small.
 */
export interface ParticipantSummary {
	id: number;
	displayName: string;
	organisation?: string;
	sector?: string;
	/** Their phone is connected now. */
	online?: true;
}

/**
 * Facilitators only: everyone who joined, in the order they joined. Whole in a snapshot; an
 * update then carries only who changed (`Update.changes.roster`), so that a room of 2,000
 * arriving costs the console what changed, not the whole list again at every arrival.
 */
export interface RosterView {
	participants: ParticipantSummary[];
}

/** Who joined or changed (their whole summary: replace, or add at the end) and who left. */
export interface RosterChanges {
	participants: ParticipantSummary[];
	removed: number[];
}

/** What a participant's own device knows about them (domains add their own parts). */
export interface CoreSelfView {
	id: number;
	displayName: string;
	organisation: string;
	sector: string | null;
	locale: Locale;
	consentAttendance: boolean;
}

/** Common to every command: the client-made id that makes retries safe. */
export const commandIdSchema = z
	.string()
	.min(1)
	.max(LIMITS.commandId)
	.regex(/^[A-Za-z0-9_.:-]+$/);

const nothing = z.object({}).strict();
const seconds = z
	.number()
	.int()
	.min(1)
	.max(6 * 3600);

export const coreCommandSchemas = {
	'session.start': nothing,
	'session.close': nothing,
	'session.reopen': nothing,
	'phase.goto': z.object({ phaseId: z.number().int().positive() }).strict(),
	'phase.next': nothing,
	'phase.previous': nothing,
	'timer.start': z.object({ seconds: seconds.optional() }).strict(),
	'timer.pause': nothing,
	'timer.reset': z.object({ seconds: seconds.optional() }).strict(),
	'timer.add': z.object({ seconds: z.number().int().min(-3600).max(3600) }).strict(),
	'profile.update': z
		.object({
			displayName: z
				.string()
				.max(LIMITS.displayName * 4)
				.optional(),
			organisation: z
				.string()
				.max(LIMITS.organisation * 4)
				.optional(),
			sector: z.string().max(LIMITS.sectorId).nullable().optional(),
			locale: z.enum(['fr', 'nl', 'en']).optional(),
			consentAttendance: z.boolean().optional()
		})
		.strict(),
	'screen.rotateKey': nothing
} as const;

export interface CoreCommandResults {
	'session.start': { currentPhaseId: number };
	'session.close': Record<string, never>;
	'session.reopen': Record<string, never>;
	'phase.goto': { currentPhaseId: number };
	'phase.next': { currentPhaseId: number };
	'phase.previous': { currentPhaseId: number };
	'timer.start': { timer: TimerView };
	'timer.pause': { timer: TimerView };
	'timer.reset': { timer: TimerView };
	'timer.add': { timer: TimerView };
	'profile.update': { self: CoreSelfView };
	'screen.rotateKey': Record<string, never>;
}
