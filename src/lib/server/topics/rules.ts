import {
	DEFAULT_CONTENT_LANGUAGES,
	TOPIC_LIMITS,
	type ContentLanguages,
	type PhaseKind,
	type TopicStatus
} from '../../protocol';
import type { Actor } from '../auth/actor';
import { fieldsNamed, requireSomeLanguage } from '../content-languages';
import { DomainError, refusals, type Refusal } from '../errors';
import { SUBMISSION_TRANSITIONS, submissionCycle } from '../submissions/rules';
import { cleanBlock, cleanLine, textLength as length } from '../text';

/**
 * Questions of the day (the organisers', bilingual) and topics participants propose; the
 * approved ones become the vote's candidates. Also which participant action is open in
 * which phase. Pure rules, no I/O.
 */

// The limits are the protocol's, which forms show too; the rules enforce them.
export { TOPIC_LIMITS };

export type { TopicStatus };

const fail: Refusal = refusals('topics');

function limit(text: string, max: number, code: string, field: string): string {
	if (length(text) > max) fail(code, { field, max });
	return text;
}

function checkPosition(position: number | null | undefined): number {
	const value = position ?? 0;
	if (!Number.isInteger(value) || value < 0 || value > TOPIC_LIMITS.position) {
		fail('topics_bad_position', { max: TOPIC_LIMITS.position });
	}
	return value;
}

// ---------------------------------------------------------------------------------------
// Questions and proposals
// ---------------------------------------------------------------------------------------

export interface Question {
	textFr: string;
	textNl: string;
	/** Only when written (English is a content language of some concertations). */
	textEn?: string;
	position: number;
}

/**
 * An organisers' question, one line (it becomes a ballot entry): in one of the content
 * languages or both (French, Dutch or both for a French–Dutch concertation).
 */
export function validateQuestion(
	input: {
		textFr?: string | null;
		textNl?: string | null;
		textEn?: string | null;
		position?: number | null;
	},
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): Question {
	const textFr = limit(
		cleanLine(input.textFr),
		TOPIC_LIMITS.question,
		'topics_question_too_long',
		'textFr'
	);
	const textNl = limit(
		cleanLine(input.textNl),
		TOPIC_LIMITS.question,
		'topics_question_too_long',
		'textNl'
	);
	const textEn = limit(
		cleanLine(input.textEn),
		TOPIC_LIMITS.question,
		'topics_question_too_long',
		'textEn'
	);
	requireSomeLanguage(
		{ fr: textFr, nl: textNl, en: textEn },
		languages,
		{
			namespace: 'topics',
			code: 'topics_question_required',
			field: fieldsNamed('text')[languages[0]]
		},
		['fr', 'nl']
	);
	return {
		textFr,
		textNl,
		...(textEn ? { textEn } : {}),
		position: checkPosition(input.position)
	};
}

/**
 * A proposal's text in each language, as the facilitator edits it: each language one line
 * within the limit, and some text left in one of them ('' is a language nobody wrote).
 */
export function validateTopicTexts(input: {
	textFr?: string | null;
	textNl?: string | null;
	textEn?: string | null;
}): { textFr: string; textNl: string; textEn: string } {
	const textFr = limit(
		cleanLine(input.textFr),
		TOPIC_LIMITS.text,
		'topics_text_too_long',
		'textFr'
	);
	const textNl = limit(
		cleanLine(input.textNl),
		TOPIC_LIMITS.text,
		'topics_text_too_long',
		'textNl'
	);
	const textEn = cleanLine(input.textEn);
	if (!textFr && !textNl && !textEn) fail('topics_text_required', { field: 'textFr' });
	return { textFr, textNl, textEn };
}

export interface TopicProposal {
	text: string;
	details: string;
}

/** A participant's proposal, kept in the language it was typed in. */
export function validateTopicProposal(input: {
	text?: string | null;
	details?: string | null;
}): TopicProposal {
	return { text: validateTopicText(input.text), details: validateTopicDetails(input.details) };
}

function validateTopicText(raw: unknown): string {
	// One line: it becomes a ballot entry and a table's title.
	const text = limit(cleanLine(raw), TOPIC_LIMITS.text, 'topics_text_too_long', 'text');
	if (text === '') fail('topics_text_required', { field: 'text' });
	return text;
}

export function validateTopicDetails(raw: unknown): string {
	return limit(cleanBlock(raw), TOPIC_LIMITS.details, 'topics_details_too_long', 'details');
}

// ---------------------------------------------------------------------------------------
// Moderation and merging
// ---------------------------------------------------------------------------------------

/**
 * Decisions a facilitator can take directly: the submissions' cycle (../submissions/rules),
 * plus `merged`, reached only through mergeTopics and final (the merged topic carries the
 * votes from then on).
 */
export const topicsCycle = submissionCycle<TopicStatus>('topics', {
	...SUBMISSION_TRANSITIONS,
	merged: []
});

export const TOPIC_TRANSITIONS = topicsCycle.transitions;
export const canTransitionTopic = topicsCycle.canTransition;
/** Refuses a change to a merged topic, or to a question as if it were a proposal. */
export const topicLocked = topicsCycle.locked;

/** Only a running facilitator moderates, with a decision that exists. */
export function assertTopicModeration(
	actor: Actor,
	topic: { status: TopicStatus },
	to: TopicStatus
): void {
	topicsCycle.assertModeration(actor, topic.status, to);
}

/** Like a news submission, a proposal stays editable by its author until moderated. */
export function assertCanEditProposal(
	actor: Actor,
	topic: { authorParticipantId: number | null; status: TopicStatus }
): void {
	topicsCycle.assertCanEditOwn(actor, {
		authorId: topic.authorParticipantId,
		status: topic.status
	});
}

export interface MergeableTopic {
	id: number;
	status: TopicStatus;
	position: number;
}

/** What to write: the caller inserts `topic`, then marks `mergedIds` merged into its id. */
export interface MergePlan {
	topic: { text: string; details: string; status: 'approved'; position: number };
	mergedIds: [number, number];
}

const MERGEABLE: readonly TopicStatus[] = ['pending', 'approved'];

/**
 * Two proposals saying the same thing become one approved topic, placed where the first
 * of them stood. Rejected topics stay out and merged ones already live in another.
 */
export function mergeTopics(
	a: MergeableTopic,
	b: MergeableTopic,
	mergedText: string,
	mergedDetails = ''
): MergePlan {
	if (a.id === b.id) fail('topics_bad_merge', { reason: 'same' });
	for (const topic of [a, b]) {
		if (!MERGEABLE.includes(topic.status)) {
			fail('topics_bad_merge', { reason: topic.status, id: topic.id });
		}
	}
	return {
		topic: {
			text: validateTopicText(mergedText),
			details: validateTopicDetails(mergedDetails),
			status: 'approved',
			position: Math.min(a.position, b.position)
		},
		mergedIds: [a.id, b.id]
	};
}

// ---------------------------------------------------------------------------------------
// Vote candidates
// ---------------------------------------------------------------------------------------

export interface CandidateSource {
	id: number;
	position: number;
	status: TopicStatus;
}

/** A ballot entry; `position` is its 0-based place on the ballot, `sourceId` never changes. */
export interface Candidate {
	source: 'question' | 'topic';
	sourceId: number;
	position: number;
}

const byPositionThenId = (x: CandidateSource, y: CandidateSource) =>
	x.position - y.position || x.id - y.id;

/**
 * The ballot: approved questions first (the organisers' agenda), then approved topics, each
 * in their own order; the same inputs always give the same ballot.
 */
export function candidateList(
	questions: readonly CandidateSource[],
	topics: readonly CandidateSource[]
): Candidate[] {
	const approved = (list: readonly CandidateSource[]) =>
		list.filter((item) => item.status === 'approved').sort(byPositionThenId);
	return [
		...approved(questions).map((q) => ({ source: 'question' as const, sourceId: q.id })),
		...approved(topics).map((t) => ({ source: 'topic' as const, sourceId: t.id }))
	].map((candidate, position) => ({ ...candidate, position }));
}

// ---------------------------------------------------------------------------------------
// What participants may do in which phase
// ---------------------------------------------------------------------------------------

export type ParticipantAction =
	'share_expectations' | 'submit_news' | 'edit_news' | 'propose_topic' | 'edit_topic';

/**
 * The phases during which each participant action is open. Expectations can already be
 * written during the introduction, while people settle in before the tour de table.
 */
export const PARTICIPANT_ACTION_PHASES: Readonly<Record<ParticipantAction, readonly PhaseKind[]>> =
	{
		share_expectations: ['introduction', 'tour'],
		submit_news: ['news'],
		edit_news: ['news'],
		propose_topic: ['topics'],
		edit_topic: ['topics']
	};

export function isParticipantActionOpen(
	action: ParticipantAction,
	phase: PhaseKind | null
): boolean {
	return phase !== null && PARTICIPANT_ACTION_PHASES[action].includes(phase);
}

/** `phase` is the kind of the concertation's current phase (null before it starts). */
export function assertParticipantActionOpen(
	action: ParticipantAction,
	phase: PhaseKind | null
): void {
	if (!isParticipantActionOpen(action, phase)) throw new DomainError('phase_closed', { action });
}
