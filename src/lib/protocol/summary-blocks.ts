/**
 * The building blocks of the restitution (the one-page summary, see summary.ts): its two kinds
 * of text, dates and counts, and what a phase kind declares of its part of it. Imported by
 * each phase kind's protocol module (`<kind>.ts`) to declare its part; zod only, browser-safe.
 */
import { z, type ZodType } from 'zod';

export const CONTENT_LANGUAGES = ['fr', 'nl', 'en'] as const;
/** The language a piece of participant text was typed in. */
export const contentLanguageSchema = z.enum(CONTENT_LANGUAGES);
export type ContentLanguage = z.infer<typeof contentLanguageSchema>;

/** A stored language tag as a content language ('' or anything else: unknown). */
export function contentLanguage(value: string | undefined): ContentLanguage | undefined {
	return CONTENT_LANGUAGES.find((language) => language === value);
}

/**
 * Organiser text: French and Dutch (either may be '' when only one was written), English
 * optional (a participant's item typed in English and translated into neither: printed once).
 * The same shape as `LocalizedText` of localized.ts, validated: one language at least.
 */
export const localizedTextSchema = z
	.object({
		fr: z.string(),
		nl: z.string(),
		en: z.string().optional()
	})
	.strict()
	.refine((value) => value.fr.trim() !== '' || value.nl.trim() !== '' || !!value.en?.trim(), {
		message: 'French or Dutch text is required'
	});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Participant text, as typed: printed once, never translated. */
export const typedTextSchema = z
	.object({
		text: z.string(),
		/** Language it was typed in, when known (used for spell-checking and screen readers). */
		language: contentLanguageSchema.optional()
	})
	.strict();
export type TypedText = z.infer<typeof typedTextSchema>;

/**
 * A label that is either organiser text (a ballot question: French and Dutch) or participant
 * text (a topic proposed in the room, in one language).
 */
export const labelSchema = z.union([localizedTextSchema, typedTextSchema]);
export type Label = z.infer<typeof labelSchema>;

/** A calendar day in Brussels, yyyy-mm-dd. */
export const isoDateSchema = z.iso.date();
/** A wall-clock time in Brussels, HH:MM (24 h). */
export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
/** How many: 0 or more. */
export const countSchema = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------
// A phase kind's part of the summary
// ---------------------------------------------------------------------------------------------

/**
 * Where a part goes in the document, in this order: `figures`, the row of figures under the
 * introduction (beside the attendance, a column of its own on page 1); `results`, the
 * meeting's results after the figures (the vote, the tables); `closing`, after the
 * coordinators' conclusion (the sector news). Within a slot, parts follow the list of phase kinds.
 */
export const SUMMARY_SLOTS = ['figures', 'results', 'closing'] as const;
export type SummarySlot = (typeof SUMMARY_SLOTS)[number];

/**
 * What a phase kind declares of its part of the summary, in its protocol module (the
 * `summary` of `definePhase`). Its section of the model is named after the phase kind and is
 * what `schema` validates; the renderers that draw it live with the phase (the server's
 * `<kind>/restitution.ts`, the components' `phases/<kind>/` `Summary`).
 */
export interface SummaryPartDeclaration {
	/** In the JSON export: inside `context` (what the meeting heard) or at the top level. */
	in: 'context' | 'document';
	slot: SummarySlot;
	/** The section is absent when the meeting had none (the vote); else always there. */
	optional?: true;
	schema: ZodType;
}

/** Keeps the declaration's literal types (its place), from which the model's type derives. */
export function defineSummaryPart<const D extends SummaryPartDeclaration>(declaration: D): D {
	return declaration;
}
