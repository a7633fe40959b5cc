/**
 * The tour de table (round of introductions): everyone's expectations, the roll by sector, and
 * the speaker spotlight with its countdown. Commands, results, sections, the participant's own
 * part. The rules check lengths (and translate); the schemas only bound sizes.
 */
import { z } from 'zod';
import { LIMITS, type TimerView } from './core';
import { definePhase } from './phase';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const TOUR_LIMITS = {
	displayName: LIMITS.displayName,
	organisation: LIMITS.organisation,
	expectations: 500
} as const;

export interface TourEntryView {
	participantId: number;
	displayName: string;
	organisation: string;
	sectorId: string | null;
	expectations: string;
	spoken: boolean;
}

/**
 * Someone's place in the tour de table, for the console (who they are: the roster). What is
 * empty or false is left out, so that the list stays small in a large room.
 */
export interface TourRollEntry {
	participantId: number;
	expectations?: string;
	/** Taken off the screen. */
	hidden?: true;
	spoken?: true;
}

export interface TourView {
	/** Non-hidden participants grouped by sector, largest first ("other" last). */
	roll: { sectorId: string | null; count: number }[];
	total: number;
	/** Who has the floor, with their countdown; null between speakers. */
	spotlight: { speaker: TourEntryView; timer: TimerView } | null;
	speakerSeconds: number;
	groupByKeyword: boolean;
	/**
	 * The projector and facilitators: non-empty expectations of non-hidden participants, in
	 * join order. Phones, which show none, do not get this list (it grows with the room).
	 */
	expectations?: { participantId: number; displayName: string; text: string }[];
	/** The projector and facilitators, when grouping is on: up to eight shared words and who used them. */
	keywords?: { keyword: string; participantIds: number[] }[];
	/**
	 * Facilitator only: everyone, hidden ones included, in joining order. Names, organisations
	 * and sectors are the roster's (the `roster` section), not repeated here.
	 */
	entries?: TourRollEntry[];
}

export const tourCommandSchemas = {
	'tour.expectations': z.object({ expectations: text(TOUR_LIMITS.expectations) }).strict(),
	'tour.correct': z
		.object({
			participantId: id,
			displayName: text(TOUR_LIMITS.displayName).optional(),
			organisation: text(TOUR_LIMITS.organisation).optional(),
			expectations: text(TOUR_LIMITS.expectations).optional(),
			hidden: z.boolean().optional()
		})
		.strict(),
	/** A participant by id, or 'next' for the next one in join order, or null to clear. */
	'tour.spotlight': z
		.object({ participantId: z.union([id, z.literal('next'), z.null()]) })
		.strict(),
	/** Pause or resume the current speaker's countdown (the spotlight stays). */
	'tour.pause': z.object({}).strict(),
	'tour.resume': z.object({}).strict(),
	'tour.settings': z
		.object({
			speakerSeconds: z.number().int().optional(),
			groupByKeyword: z.boolean().optional()
		})
		.strict()
} as const;

export interface TourCommandResults {
	'tour.expectations': { expectations: string };
	'tour.correct': Record<string, never>;
	'tour.spotlight': { participantId: number | null };
	'tour.pause': { timer: TimerView };
	'tour.resume': { timer: TimerView };
	'tour.settings': { speakerSeconds: number; groupByKeyword: boolean };
}

export interface TourSections {
	tour: TourView;
}

export interface TourSelf {
	expectations?: string;
}

export const tour = definePhase<TourCommandResults, TourSections, TourSelf>()({
	kind: 'tour',
	commands: tourCommandSchemas
});
