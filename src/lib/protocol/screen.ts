/**
 * What the projector shows besides the steps' own content: the join block (whole, or a slim
 * strip once people have joined) and the closing screen's next dates. See docs/protocol.md,
 * "Projector screen".
 */
import { z } from 'zod';
import type { ConcertationStatus } from './core';
import type { LocalizedText } from './localized';
import type { PhaseKind } from './phases';
import { TABLE_ITEM_CATEGORIES, textLines, type TableContentView } from './tables';

export const screenCommandSchemas = {
	/** The join block in full in every step (`true`), or as a strip after the opening steps. */
	'screen.join': z.object({ full: z.boolean() }).strict()
} as const;

export interface ScreenCommandResults {
	'screen.join': { full: boolean };
}

export interface ScreenNextDate {
	/** Names the date's calendar file: `/api/concertations/<id>/next-dates/<key>.ics`. */
	key: string;
	/** As written: one language may be empty (readers fall back on the other and say so). */
	label: { fr: string; nl: string; en?: string };
	/** yyyy-mm-dd */
	date: string;
	/** HH:MM (Brussels), or null */
	time: string | null;
	/** HH:MM, after `time`, or null */
	endTime: string | null;
	place: string | null;
	/** Where to join online (http or https), or null */
	link: string | null;
	/** A short description as written (one language may be empty); null when none. */
	description: { fr: string; nl: string; en?: string } | null;
}

/** A next date's time as people write it: "9h30" in French, "9u30" in Dutch, "09:30" in English. */
export function clockTime(time: string, locale: 'fr' | 'nl' | 'en'): string {
	if (locale === 'en') return time;
	const [hours = '', minutes = ''] = time.split(':');
	return `${Number(hours)}${locale === 'nl' ? 'u' : 'h'}${minutes}`;
}

/** Facilitators, the projector and phones (which show only the next dates, once closed). */
export interface ScreenSection {
	/** The facilitator asked for the whole join block in every step (`screen.join`). */
	joinFull: boolean;
	/** The restitution's next dates from today on, soonest first, for the closing screen. */
	nextDates: ScreenNextDate[];
	/**
	 * The coordinators' own thanks (restitution), else null for the standard words; `en` only
	 * when written in English.
	 */
	thanks: LocalizedText | null;
}

export interface ScreenSections {
	screen: ScreenSection;
}

/**
 * The steps while people are still arriving: the join block stays whole (QR code, address,
 * code, count). Afterwards it shrinks to a strip unless the facilitator asks for it.
 */
export const OPENING_KINDS: readonly PhaseKind[] = ['introduction', 'tour'];

export type JoinBlockMode = 'full' | 'strip' | 'none';

/** How the projector shows the join block: the same rule on the projector and the console. */
export function joinBlockMode(input: {
	status: ConcertationStatus;
	phaseKind: PhaseKind | null;
	joinFull: boolean;
}): JoinBlockMode {
	if (input.status === 'closed') return 'none';
	if (input.joinFull || input.phaseKind === null || OPENING_KINDS.includes(input.phaseKind))
		return 'full';
	return 'strip';
}

// ---------------------------------------------------------------------------------------------
// The restitution on the projector: one discussion table at a time
// ---------------------------------------------------------------------------------------------

/**
 * All tables side by side only while every one of them fits its column whole, at the size of
 * the content (no item cut, nothing shrunk): two or three light tables. Lines are estimated as
 * for `restitutionPages`, in columns of `charsPerLine` characters of the projector's type
 * (two or three columns across 1920×1080), `linesPerColumn` under the step's title.
 */
export const RESTITUTION_OVERVIEW = {
	maxTables: 3,
	linesPerColumn: 15,
	charsPerLine: { 2: 42, 3: 26 } as Record<number, number>
} as const;

type OverviewTable = Pick<
	TableContentView,
	'items' | 'justification' | 'priority' | 'rapporteur' | 'counts'
>;

/** The lines a table takes in the overview: header, its non-empty categories, justification. */
export function overviewLines(table: OverviewTable, charsPerLine: number): number {
	const priority =
		textLines(table.priority.fr, charsPerLine) +
		(table.priority.nl && table.priority.nl !== table.priority.fr
			? textLines(table.priority.nl, charsPerLine)
			: 0);
	let lines = 1.2 + priority + (table.rapporteur ? 1 : 0);
	for (const category of TABLE_ITEM_CATEGORIES) {
		const items = table.items.filter((item) => item.category === category);
		if (items.length === 0) continue;
		lines += 1.3 + items.reduce((sum, item) => sum + textLines(item.text, charsPerLine) + 0.25, 0);
	}
	if (table.justification.trim())
		lines += 1.3 + textLines(table.justification.trim(), charsPerLine);
	return lines;
}

export function restitutionOverviewFits(tables: readonly OverviewTable[]): boolean {
	const width = RESTITUTION_OVERVIEW.charsPerLine[tables.length];
	if (!width || tables.length < 2) return false;
	return tables.every(
		(table) => overviewLines(table, width) <= RESTITUTION_OVERVIEW.linesPerColumn
	);
}

/**
 * What the projector shows in the restitution, the same on the console: the table chosen
 * (`tables.spotlight`); with none chosen, the overview when it fits, else the first table.
 * `steps` is the order the console's previous/next buttons go through (null: the overview).
 */
export function restitutionOnScreen(
	tables: readonly (OverviewTable & { id: number })[],
	spotlightTableId: number | null
): { index: number | null; steps: (number | null)[] } {
	const overview = restitutionOverviewFits(tables);
	const steps: (number | null)[] = [...(overview ? [null] : []), ...tables.map((t) => t.id)];
	const chosen = tables.findIndex((table) => table.id === spotlightTableId);
	if (chosen >= 0) return { index: chosen, steps };
	return { index: overview || tables.length === 0 ? null : 0, steps };
}
