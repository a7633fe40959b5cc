/**
 * Needs monitoring: the priority themes and target groups from the organisers' survey,
 * counted, shown to the room.
 */
import { z } from 'zod';
import type { Saved } from './moderation';
import type { LocalizedText } from './localized';
import { definePhase } from './phase';
import { countSchema, defineSummaryPart, localizedTextSchema } from './summary-blocks';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);
const optionalText = (max: number) => text(max).nullable().optional();

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const NEEDS_LIMITS = {
	themeLabel: 200,
	themes: 100,
	csvBytes: 256 * 1024,
	targetGroups: 30,
	targetGroupLabel: 120
} as const;

export interface NeedThemeView {
	id: number;
	label: LocalizedText;
	count: number;
}

export interface NeedsView {
	/** Most frequent first. */
	themes: NeedThemeView[];
	targetGroups: { label: LocalizedText }[];
}

export const needsCommandSchemas = {
	'needs.saveTheme': z
		.object({
			id: id.optional(),
			labelFr: text(NEEDS_LIMITS.themeLabel),
			labelNl: text(NEEDS_LIMITS.themeLabel),
			/** English (a content language of some concertations); kept when absent in an edit. */
			labelEn: text(NEEDS_LIMITS.themeLabel).optional(),
			count: z.union([z.number(), z.string().max(20)])
		})
		.strict(),
	'needs.deleteTheme': z.object({ id }).strict(),
	'needs.targetGroups': z
		.object({
			groups: z
				.array(
					z
						.object({
							labelFr: optionalText(NEEDS_LIMITS.targetGroupLabel),
							labelNl: optionalText(NEEDS_LIMITS.targetGroupLabel),
							labelEn: optionalText(NEEDS_LIMITS.targetGroupLabel)
						})
						.strict()
				)
				// Room for the empty rows a form sends, which the rule drops before counting.
				.max(NEEDS_LIMITS.targetGroups * 2)
		})
		.strict()
} as const;

export interface NeedsCommandResults {
	'needs.saveTheme': Saved;
	'needs.deleteTheme': Record<string, never>;
	'needs.targetGroups': { count: number };
}

export interface NeedsSections {
	needs: NeedsView;
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** A theme of the needs survey with how many times it was named. */
export const needThemeSchema = z
	.object({ label: localizedTextSchema, count: countSchema })
	.strict();
export type NeedTheme = z.infer<typeof needThemeSchema>;

/** The survey's priority themes, most named first: `context.needs`, a column of the figures. */
export const needsSummary = defineSummaryPart({
	in: 'context',
	slot: 'figures',
	schema: z.array(needThemeSchema)
});

export const needs = definePhase<NeedsCommandResults, NeedsSections>()({
	kind: 'needs',
	commands: needsCommandSchemas,
	summary: needsSummary
});
