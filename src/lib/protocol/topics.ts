/**
 * Questions of the day (the organisers') and topics participants propose, read again by the
 * facilitation team, merged when alike: together, the vote's candidates.
 */
import { z } from 'zod';
import { translationLanguageSchema, type LocalizedText } from './localized';
import type { ModerationStatus, Saved } from './moderation';
import { definePhase } from './phase';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);
const optionalText = (max: number) => text(max).nullable().optional();
const ids = z.array(id).min(1).max(500);

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const TOPIC_LIMITS = {
	question: 300,
	text: 300,
	details: 1000,
	position: 10_000
} as const;

/** A topic's status: moderated like any submission, and `merged` into another (final). */
export type TopicStatus = ModerationStatus | 'merged';

export interface TopicItemView {
	id: number;
	source: 'question' | 'topic';
	status: TopicStatus;
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

export const topicsCommandSchemas = {
	'topics.saveQuestion': z
		.object({
			id: id.optional(),
			textFr: optionalText(TOPIC_LIMITS.question),
			textNl: optionalText(TOPIC_LIMITS.question),
			/** English (a content language of some concertations); kept when absent. */
			textEn: optionalText(TOPIC_LIMITS.question)
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
	 * Each language (`textFr`, `textNl`, `textEn`; '' for one nobody wrote, absent to keep it).
	 * `text` alone, as before: a question in the main content language (French for fr–nl),
	 * a proposal's text in the language it was typed in.
	 */
	'topics.edit': z
		.object({
			id,
			text: optionalText(TOPIC_LIMITS.text),
			textFr: optionalText(TOPIC_LIMITS.text),
			textNl: optionalText(TOPIC_LIMITS.text),
			textEn: optionalText(TOPIC_LIMITS.text),
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

export interface TopicsCommandResults {
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

export interface TopicsSections {
	topics: TopicsView;
}

export interface TopicsSelf {
	topics?: OwnTopicView[];
}

/** A participant's own topic proposal; only a `pending` one can be edited or withdrawn. */
export interface OwnTopicView {
	id: number;
	text: string;
	details: string;
	status: TopicStatus;
}

export const topics = definePhase<TopicsCommandResults, TopicsSections, TopicsSelf>()({
	kind: 'topics',
	commands: topicsCommandSchemas
});
