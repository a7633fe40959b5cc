/**
 * Sector news: items the organisers prepare (in French and Dutch) and items participants
 * submit, read again by the facilitation team, shown as a list or one at a time.
 */
import { z } from 'zod';
import { translationLanguageSchema, type LocalizedText } from './localized';
import type { ModerationStatus, Saved } from './moderation';
import { definePhase } from './phase';
import { defineSummaryPart, isoDateSchema, localizedTextSchema } from './summary-blocks';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);
const optionalText = (max: number) => text(max).nullable().optional();
const ids = z.array(id).min(1).max(500);

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const NEWS_LIMITS = {
	title: 140,
	text: 1500,
	submissionText: 1000,
	place: 200,
	price: 100,
	link: 500,
	position: 10_000
} as const;

export interface NewsItemView {
	id: number;
	source: 'organiser' | 'participant';
	status: ModerationStatus;
	/** Language typed in (participants' items), 'fr' for organisers' items. */
	language: string;
	/** '' in a language nobody wrote (never a copy): see `LocalizedText`. */
	title: LocalizedText;
	text: LocalizedText;
	startDate: string | null;
	startTime: string | null;
	endDate: string | null;
	endTime: string | null;
	place: string;
	price: string;
	link: string | null;
	position: number;
	/** Facilitator only: who submitted it. */
	author?: string | null;
}

export interface NewsView {
	mode: 'list' | 'single';
	/** In single mode: the item shown (an approved one), else null. */
	currentId: number | null;
	/** Phones and projector: approved items in order. Facilitator: every item. */
	items: NewsItemView[];
}

const newsItemFields = {
	titleFr: optionalText(NEWS_LIMITS.title),
	titleNl: optionalText(NEWS_LIMITS.title),
	textFr: optionalText(NEWS_LIMITS.text),
	textNl: optionalText(NEWS_LIMITS.text),
	startDate: optionalText(80),
	startTime: optionalText(20),
	endDate: optionalText(80),
	endTime: optionalText(20),
	place: optionalText(NEWS_LIMITS.place),
	price: optionalText(NEWS_LIMITS.price),
	link: optionalText(NEWS_LIMITS.link)
};

const newsSubmissionFields = {
	title: text(NEWS_LIMITS.title),
	text: optionalText(NEWS_LIMITS.submissionText),
	date: optionalText(80),
	place: optionalText(NEWS_LIMITS.place),
	price: optionalText(NEWS_LIMITS.price),
	link: optionalText(NEWS_LIMITS.link)
};

export const newsCommandSchemas = {
	'news.save': z.object({ id: id.optional(), ...newsItemFields }).strict(),
	'news.submit': z.object(newsSubmissionFields).strict(),
	/** The author's own changes to a pending submission, during the news step. */
	'news.editOwn': z.object({ id, ...newsSubmissionFields }).strict(),
	'news.withdraw': z.object({ id }).strict(),
	/** Adds a language nobody wrote yet to an item's title or text (the console's "to translate"). */
	'news.translate': z
		.object({
			id,
			language: translationLanguageSchema,
			field: z.enum(['title', 'text']),
			// A title or a text: the longer bound here; the rule checks the field's own limit.
			text: text(NEWS_LIMITS.text)
		})
		.strict(),
	'news.moderate': z.object({ id, status: z.enum(['approved', 'rejected']) }).strict(),
	'news.delete': z.object({ id }).strict(),
	'news.reorder': z.object({ ids }).strict(),
	'news.display': z
		.object({ mode: z.enum(['list', 'single']), currentId: id.nullable().optional() })
		.strict()
} as const;

export interface NewsCommandResults {
	'news.save': Saved;
	'news.submit': Saved;
	'news.editOwn': Saved;
	'news.withdraw': Record<string, never>;
	'news.translate': Saved;
	'news.moderate': Saved;
	'news.delete': Record<string, never>;
	'news.reorder': Record<string, never>;
	'news.display': { mode: 'list' | 'single'; currentId: number | null };
}

export interface NewsSections {
	news: NewsView;
}

/** Everything the author typed, so that a pending one can be edited from the phone. */
export interface NewsSelf {
	news?: OwnNewsView[];
}

/** A participant's own news submission; only a `pending` one can be edited or withdrawn. */
export interface OwnNewsView {
	id: number;
	title: string;
	text: string;
	/** As stored (`yyyy-mm-dd`), or null. */
	date: string | null;
	place: string;
	price: string;
	link: string | null;
	status: ModerationStatus;
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** A piece of sector news shown during the meeting: its title and date. */
export const newsItemSchema = z
	.object({
		title: localizedTextSchema,
		/** The date the news is about (event date, deadline…), if any. */
		date: isoDateSchema.optional()
	})
	.strict();
export type NewsItem = z.infer<typeof newsItemSchema>;

/** The approved news shown, in running order: `context.news`, after the conclusion. */
export const newsSummary = defineSummaryPart({
	in: 'context',
	slot: 'closing',
	schema: z.array(newsItemSchema)
});

export const news = definePhase<NewsCommandResults, NewsSections, NewsSelf>()({
	kind: 'news',
	commands: newsCommandSchemas,
	summary: newsSummary
});
