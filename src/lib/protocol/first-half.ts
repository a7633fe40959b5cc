/**
 * The first half of a session: tour de table, sector news, needs monitoring, questions and
 * topics. Commands, their results, the sections each audience sees and the participant's
 * own part. Limits are checked (and translated) by the domain rules on the server; the
 * schemas only bound sizes so that nothing huge reaches them.
 */
import { z } from 'zod';
import { LIMITS, type TimerView } from './core';
import { translationLanguageSchema, type LocalizedText } from './localized';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);
const optionalText = (max: number) => text(max).nullable().optional();
const ids = z.array(id).min(1).max(500);

/**
 * The first half's limits, defined here once: the server's rules enforce them with a
 * translated error, and forms show them first. Lengths in characters as people count them.
 */
export const TOUR_LIMITS = {
	displayName: LIMITS.displayName,
	organisation: LIMITS.organisation,
	expectations: 500
} as const;

export const NEWS_LIMITS = {
	title: 140,
	text: 1500,
	submissionText: 1000,
	place: 200,
	price: 100,
	link: 500,
	position: 10_000
} as const;

export const NEEDS_LIMITS = {
	themeLabel: 200,
	themes: 100,
	csvBytes: 256 * 1024,
	targetGroups: 30,
	targetGroupLabel: 120
} as const;

export const TOPIC_LIMITS = {
	question: 300,
	text: 300,
	details: 1000,
	position: 10_000
} as const;

export type ModerationStatus = 'pending' | 'approved' | 'rejected';

// ---------------------------------------------------------------------------------------
// Tour de table
// ---------------------------------------------------------------------------------------

export interface TourEntryView {
	participantId: number;
	displayName: string;
	organisation: string;
	sectorId: string | null;
	expectations: string;
	/** Facilitator only: taken off the screen. */
	hidden?: boolean;
	spoken: boolean;
}

export interface TourView {
	/** Non-hidden participants grouped by sector, largest first ("other" last). */
	roll: { sectorId: string | null; count: number }[];
	total: number;
	/** Who has the floor, with their countdown; null between speakers. */
	spotlight: { speaker: TourEntryView; timer: TimerView } | null;
	speakerSeconds: number;
	groupByKeyword: boolean;
	/** Non-empty expectations of non-hidden participants, in join order. */
	expectations: { participantId: number; displayName: string; text: string }[];
	/** When grouping is on: up to eight shared words and who used them. */
	keywords: { keyword: string; participantIds: number[] }[];
	/** Facilitator only: everyone, hidden ones included. */
	entries?: TourEntryView[];
}

// ---------------------------------------------------------------------------------------
// Sector news
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Needs monitoring
// ---------------------------------------------------------------------------------------

export interface NeedThemeView {
	id: number;
	label: { fr: string; nl: string };
	count: number;
}

export interface NeedsView {
	/** Most frequent first. */
	themes: NeedThemeView[];
	targetGroups: { label: { fr: string; nl: string } }[];
}

// ---------------------------------------------------------------------------------------
// Questions and topics
// ---------------------------------------------------------------------------------------

export interface TopicItemView {
	id: number;
	source: 'question' | 'topic';
	status: 'pending' | 'approved' | 'rejected' | 'merged';
	/** '' in a language nobody wrote (never a copy). */
	text: LocalizedText;
	/** As typed by its author, in `language`; never translated. */
	details: string;
	language: string;
	position: number;
	/** Facilitator only. */
	author?: string | null;
	mergedIntoId?: number | null;
}

export interface TopicsView {
	/** The vote's candidate list: approved questions, then approved topics, in order. */
	candidates: {
		source: 'question' | 'topic';
		sourceId: number;
		label: LocalizedText;
	}[];
	/** Facilitator only: every question and proposal, for moderation. */
	items?: TopicItemView[];
}

// ---------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------

export const firstHalfCommandSchemas = {
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
		.strict(),

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

	'needs.saveTheme': z
		.object({
			id: id.optional(),
			labelFr: text(NEEDS_LIMITS.themeLabel),
			labelNl: text(NEEDS_LIMITS.themeLabel),
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
							labelNl: optionalText(NEEDS_LIMITS.targetGroupLabel)
						})
						.strict()
				)
				// Room for the empty rows a form sends, which the rule drops before counting.
				.max(NEEDS_LIMITS.targetGroups * 2)
		})
		.strict(),

	'topics.saveQuestion': z
		.object({
			id: id.optional(),
			textFr: optionalText(TOPIC_LIMITS.question),
			textNl: optionalText(TOPIC_LIMITS.question)
		})
		.strict(),
	'topics.propose': z
		.object({ text: text(TOPIC_LIMITS.text), details: optionalText(TOPIC_LIMITS.details) })
		.strict(),
	/** The author's own changes to a pending proposal, during the topics step. */
	'topics.editOwn': z
		.object({ id, text: text(TOPIC_LIMITS.text), details: optionalText(TOPIC_LIMITS.details) })
		.strict(),
	'topics.withdraw': z.object({ id }).strict(),
	/**
	 * Both languages (`textFr`, `textNl`; '' for one nobody wrote). `text` alone, as before:
	 * a question's French, a proposal's text in the language it was typed in.
	 */
	'topics.edit': z
		.object({
			id,
			text: optionalText(TOPIC_LIMITS.text),
			textFr: optionalText(TOPIC_LIMITS.text),
			textNl: optionalText(TOPIC_LIMITS.text),
			details: optionalText(TOPIC_LIMITS.details)
		})
		.strict(),
	/** Adds a language nobody wrote yet to a question or topic. */
	'topics.translate': z
		.object({ id, language: translationLanguageSchema, text: text(TOPIC_LIMITS.text) })
		.strict(),
	'topics.moderate': z.object({ id, status: z.enum(['approved', 'rejected']) }).strict(),
	/** `language`: the one `text` is written in (default: the first topic's). */
	'topics.merge': z
		.object({
			ids: z.tuple([id, id]),
			text: text(TOPIC_LIMITS.text),
			details: optionalText(TOPIC_LIMITS.details),
			language: z.enum(['fr', 'nl', 'en']).optional()
		})
		.strict(),
	'topics.delete': z.object({ id }).strict(),
	'topics.reorder': z.object({ ids }).strict()
} as const;

type Saved = { id: number };

export interface FirstHalfCommandResults {
	'tour.expectations': { expectations: string };
	'tour.correct': Record<string, never>;
	'tour.spotlight': { participantId: number | null };
	'tour.pause': { timer: TimerView };
	'tour.resume': { timer: TimerView };
	'tour.settings': { speakerSeconds: number; groupByKeyword: boolean };
	'news.save': Saved;
	'news.submit': Saved;
	'news.editOwn': Saved;
	'news.withdraw': Record<string, never>;
	'news.translate': Saved;
	'news.moderate': Saved;
	'news.delete': Record<string, never>;
	'news.reorder': Record<string, never>;
	'news.display': { mode: 'list' | 'single'; currentId: number | null };
	'needs.saveTheme': Saved;
	'needs.deleteTheme': Record<string, never>;
	'needs.targetGroups': { count: number };
	'topics.saveQuestion': Saved;
	'topics.propose': Saved;
	'topics.editOwn': Saved;
	'topics.withdraw': Record<string, never>;
	'topics.edit': Saved;
	'topics.translate': Saved;
	'topics.moderate': Saved;
	'topics.merge': Saved;
	'topics.delete': Record<string, never>;
	'topics.reorder': Record<string, never>;
}

export interface FirstHalfSections {
	tour: TourView;
	news: NewsView;
	needs: NeedsView;
	topics: TopicsView;
}

/** A participant's own submissions and where moderation stands with them. */
export interface FirstHalfSelf {
	expectations?: string;
	/** Everything the author typed, so that a pending one can be edited from the phone. */
	news?: OwnNewsView[];
	topics?: OwnTopicView[];
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

/** A participant's own topic proposal; only a `pending` one can be edited or withdrawn. */
export interface OwnTopicView {
	id: number;
	text: string;
	details: string;
	status: TopicItemView['status'];
}
