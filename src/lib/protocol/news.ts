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
	position: 10_000,
	/** A heading's title, in each language. */
	heading: 100,
	/** Headings per concertation: a one-page restitution has room for a few. */
	headings: 12
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
	/** The heading it is shown under (one of `NewsView.headings`), or null: no heading. */
	headingId: number | null;
	/** Facilitator only: who submitted it. */
	author?: string | null;
}

/** A heading the news are grouped under ("Législation et contexte" / "Wetgeving en context"). */
export interface NewsHeadingView {
	id: number;
	/** '' in a language nobody wrote (never a copy): marked "to translate" on the console. */
	title: LocalizedText;
	position: number;
}

export interface NewsView {
	mode: 'list' | 'single';
	/** In single mode: the item shown (an approved one), else null. */
	currentId: number | null;
	/** Phones and projector: approved items in order. Facilitator: every item. */
	items: NewsItemView[];
	/** In their order; everyone gets them all (an empty one is simply not shown). */
	headings: NewsHeadingView[];
}

/** The items under one heading (null: under none), as `groupNews` lays them out. */
export interface NewsGroup<T> {
	heading: NewsHeadingView | null;
	items: T[];
}

/**
 * The news as they are shown everywhere (projector, phones, console, restitution): first the
 * items under no heading, as a plain list (a concertation without headings looks as it always
 * did), then each heading in its order with its items, each group keeping the items' order.
 * A heading without items is left out, and so is an item whose heading is unknown (never:
 * a deleted heading's items go back to no heading) — it goes under no heading instead.
 */
export function groupNews<T extends { headingId: number | null }>(
	items: readonly T[],
	headings: readonly NewsHeadingView[]
): NewsGroup<T>[] {
	const known = new Set(headings.map((heading) => heading.id));
	const loose = items.filter((item) => item.headingId === null || !known.has(item.headingId));
	const groups: NewsGroup<T>[] = loose.length > 0 ? [{ heading: null, items: loose }] : [];
	for (const heading of [...headings].sort((a, b) => a.position - b.position || a.id - b.id)) {
		const under = items.filter((item) => item.headingId === heading.id);
		if (under.length > 0) groups.push({ heading, items: under });
	}
	return groups;
}

const newsItemFields = {
	titleFr: optionalText(NEWS_LIMITS.title),
	titleNl: optionalText(NEWS_LIMITS.title),
	/** English (a content language of some concertations); '' when not written. */
	titleEn: optionalText(NEWS_LIMITS.title),
	textFr: optionalText(NEWS_LIMITS.text),
	textNl: optionalText(NEWS_LIMITS.text),
	textEn: optionalText(NEWS_LIMITS.text),
	startDate: optionalText(80),
	startTime: optionalText(20),
	endDate: optionalText(80),
	endTime: optionalText(20),
	place: optionalText(NEWS_LIMITS.place),
	price: optionalText(NEWS_LIMITS.price),
	link: optionalText(NEWS_LIMITS.link),
	/** The heading to put it under; null: none. Left out: unchanged (none for a new item). */
	headingId: id.nullable().optional()
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
		.strict(),
	/** Puts an item (an organisers' one or an approved submission) under a heading, or none. */
	'news.assign': z.object({ id, headingId: id.nullable() }).strict(),
	/** A new heading (no `id`, last) or a heading renamed: French, Dutch, English optional. */
	'news.headings.save': z
		.object({
			id: id.optional(),
			titleFr: optionalText(NEWS_LIMITS.heading),
			titleNl: optionalText(NEWS_LIMITS.heading),
			titleEn: optionalText(NEWS_LIMITS.heading)
		})
		.strict(),
	/** Adds a language nobody wrote yet to a heading (the console's "to translate"). */
	'news.headings.translate': z
		.object({ id, language: translationLanguageSchema, text: text(NEWS_LIMITS.heading) })
		.strict(),
	/** Every heading of the concertation, in its new order. */
	'news.headings.reorder': z.object({ ids: z.array(id).min(1).max(NEWS_LIMITS.headings) }).strict(),
	/**
	 * Deletes a heading. Its items go back to no heading (none is lost); when it has some, the
	 * command is refused (`news_heading_not_empty`) unless `moveItems` says so: it asks first.
	 */
	'news.headings.delete': z.object({ id, moveItems: z.boolean().optional() }).strict()
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
	'news.assign': Saved;
	'news.headings.save': Saved;
	'news.headings.translate': Saved;
	'news.headings.reorder': Record<string, never>;
	'news.headings.delete': { moved: number };
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
		date: isoDateSchema.optional(),
		/**
		 * The heading it was shown under, if any: items of one heading follow each other, after
		 * those without one (`groupNews`), and print under it.
		 */
		heading: localizedTextSchema.optional()
	})
	.strict();
export type NewsItem = z.infer<typeof newsItemSchema>;

/** The approved news shown, in running order: `context.news`, after the conclusion. */
export const newsSummary = defineSummaryPart({
	in: 'context',
	slot: 'closing',
	schema: z.array(newsItemSchema)
});

/**
 * The printed items in runs of one heading: those without one first, as the one list they
 * always were, then each heading with its items (the restitution's parts keep `groupNews`'s order).
 */
export function newsRuns(
	news: readonly NewsItem[]
): { heading?: LocalizedText; items: NewsItem[] }[] {
	const runs: { heading?: LocalizedText; items: NewsItem[] }[] = [];
	let key: string | undefined;
	for (const item of news) {
		const itemKey = item.heading ? JSON.stringify(item.heading) : '';
		const last = runs[runs.length - 1];
		if (last && itemKey === key) last.items.push(item);
		else runs.push(item.heading ? { heading: item.heading, items: [item] } : { items: [item] });
		key = itemKey;
	}
	return runs;
}

export const news = definePhase<NewsCommandResults, NewsSections, NewsSelf>()({
	kind: 'news',
	commands: newsCommandSchemas,
	summary: newsSummary
});
