/**
 * A concertation's programme in several parts (a study visit in three half-days on three
 * dates, a week of meetings in several places). Not a phase kind: the parts group the
 * programme's steps, whatever their kinds. A concertation without parts has no `parts`
 * section content (`parts: []`) and behaves exactly as before. See docs/protocol.md, "Parts".
 * Pure: shared by the server, the browser and external tools.
 */
import { z } from 'zod';
import type { Bilingual } from './core';
import { isoDateSchema, timeSchema } from './summary-blocks';

export const PART_LIMITS = {
	parts: 12,
	title: 200,
	place: 200,
	link: 2000
} as const;

export type PartStatus = 'planned' | 'running' | 'ended';

/** One part as every audience sees it (`attendance`: facilitators only). */
export interface MeetingPartView {
	id: number;
	/** 1-based, in the parts' order. */
	number: number;
	title: Bilingual;
	date: string;
	startTime: string;
	endTime: string;
	place: string;
	/** A video-call address (http or https), or ''. */
	link: string;
	status: PartStatus;
	/** Its steps, in the programme's order. */
	stepIds: number[];
	/** Facilitators only: how many participants were present in this part. */
	attendance?: number;
}

export interface PartsView {
	/** Empty: a concertation in one part, shown exactly as without parts. */
	parts: MeetingPartView[];
	/** The part running now, or null (before the first, between two, after the last). */
	currentPartId: number | null;
}

export interface PartsSections {
	parts: PartsView;
}

/**
 * A video-call address: http or https only (no `javascript:`, no `file:`). The same rule as
 * the next dates' link (summary.ts), kept here so that the summary may import this module.
 */
export const partLinkSchema = z
	.string()
	.trim()
	.max(PART_LIMITS.link)
	.refine((value) => {
		try {
			const url = new URL(value);
			return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
		} catch {
			return false;
		}
	}, 'expected an http or https address');

const title = z.string().trim().max(PART_LIMITS.title);
const partFields = {
	title: z.object({ fr: title, nl: title, en: title.default('') }).strict(),
	date: isoDateSchema,
	startTime: z.union([timeSchema, z.literal('')]).default(''),
	endTime: z.union([timeSchema, z.literal('')]).default(''),
	place: z.string().trim().max(PART_LIMITS.place).default(''),
	link: z.union([z.literal(''), partLinkSchema]).default('')
};
const partSchema = z.object(partFields).strict();
export type PartInput = z.input<typeof partSchema>;

const id = z.number().int().positive();

export const partsCommandSchemas = {
	'parts.create': partSchema,
	'parts.update': z.object({ partId: id, ...partFields }).strict(),
	'parts.move': z.object({ partId: id, direction: z.enum(['up', 'down']) }).strict(),
	/** `confirm`: the part has steps, which go to its neighbour (asked first). */
	'parts.delete': z.object({ partId: id, confirm: z.boolean().default(false) }).strict(),
	'parts.assignStep': z.object({ phaseId: id, partId: id }).strict(),
	/** Ends the part running now (if any) and starts this one at its first step. */
	'parts.start': z.object({ partId: id }).strict(),
	/** Ends the part running now; the concertation stays open for the next date. */
	'parts.end': z.object({}).strict()
} as const;

export interface PartsCommandResults {
	'parts.create': { partId: number };
	'parts.update': { partId: number };
	'parts.move': { partId: number };
	'parts.delete': { movedSteps: number; toPartId: number | null };
	'parts.assignStep': { partId: number };
	'parts.start': { partId: number; currentPhaseId: number | null };
	'parts.end': { partId: number };
}

/** The part the room is in: the running one, else the next planned, else the last. */
export function shownPart(view: PartsView | undefined): MeetingPartView | null {
	if (!view || view.parts.length === 0) return null;
	return (
		view.parts.find((part) => part.id === view.currentPartId) ??
		view.parts.find((part) => part.status === 'planned') ??
		view.parts.at(-1) ??
		null
	);
}

/** The part after the running one (or the first planned when none runs). */
export function nextPart(view: PartsView | undefined): MeetingPartView | null {
	if (!view || view.parts.length === 0) return null;
	const current = view.parts.findIndex((part) => part.id === view.currentPartId);
	if (current >= 0) return view.parts[current + 1] ?? null;
	return view.parts.find((part) => part.status === 'planned') ?? null;
}

/**
 * The steps the console's next/previous may reach, as the server decides them
 * (server/parts/rules.ts `stepScope`): null without parts (every step); the running part's;
 * before any part ran, the first part's; between two parts, none. A step in no part's list
 * (added since the list was sent) counts as the last part's, as on the server.
 */
export function reachableStepIds(
	view: PartsView | undefined,
	allStepIds: readonly number[]
): Set<number> | null {
	if (!view || view.parts.length === 0) return null;
	const listed = new Set(view.parts.flatMap((part) => part.stepIds));
	const stepsOf = (part: MeetingPartView) =>
		part === view.parts.at(-1)
			? [...part.stepIds, ...allStepIds.filter((id) => !listed.has(id))]
			: part.stepIds;
	const running = view.parts.find((part) => part.id === view.currentPartId);
	if (running) return new Set(stepsOf(running));
	if (view.parts.every((part) => part.status === 'planned'))
		return new Set(stepsOf(view.parts[0]!));
	return new Set();
}
