/**
 * Q&A with experts: participants ask questions from their phones (anonymously to the room if
 * they wish), upvote each other's, and the facilitator pins the one being answered and marks
 * questions answered. Read again by the facilitation team when the step asks for it
 * (moderation, changeable live), else shown at once and hidden by the team when needed.
 *
 * Anonymity: an anonymous question names nobody to anyone, the facilitators included (the
 * server keeps its author only so that they can edit it and not vote for it). A question
 * asked with one's name shows that name to the room (phones, projector); the restitution
 * never names an asker.
 */
import { z } from 'zod';
import type { TextLanguage } from './localized';
import type { ModerationStatus, Saved } from './moderation';
import { definePhase } from './phase';
import { contentLanguageSchema, countSchema, defineSummaryPart } from './summary-blocks';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const QNA_LIMITS = {
	question: 300,
	/** Questions one participant may have in one step at once (a flood is not a question). */
	perParticipant: 20,
	/** How many open questions the projector shows under the pinned one, by votes. */
	screenTop: 5
} as const;

/** One Q&A step's settings (several steps of a programme may be Q&A). */
export interface QnaStepView {
	phaseId: number;
	/** On: questions wait for the team's approval; off: shown at once (and can be hidden). */
	moderated: boolean;
	/** The question being answered, shown large on the projector; null when none. */
	pinnedId: number | null;
}

export interface QnaQuestionView {
	id: number;
	phaseId: number;
	/** As typed, in `language`; never translated. */
	text: string;
	language: TextLanguage;
	/** The asker's name, or null when they asked anonymously (for everyone, facilitators too). */
	author: string | null;
	votes: number;
	/** Phones and projector only get approved questions. */
	status: ModerationStatus;
	answered: boolean;
}

export interface QnaView {
	steps: QnaStepView[];
	/**
	 * Phones and projector: approved questions; facilitators: every question. Most votes first,
	 * then the oldest.
	 */
	questions: QnaQuestionView[];
}

/** A participant's own question; they may change or withdraw it until it is pinned or answered. */
export interface OwnQuestionView {
	id: number;
	phaseId: number;
	text: string;
	anonymous: boolean;
	status: ModerationStatus;
	answered: boolean;
	pinned: boolean;
}

export const qnaCommandSchemas = {
	'qna.ask': z.object({ text: text(QNA_LIMITS.question), anonymous: z.boolean() }).strict(),
	/** The author's own changes, until the question is pinned or answered. */
	'qna.editOwn': z.object({ id, text: text(QNA_LIMITS.question), anonymous: z.boolean() }).strict(),
	'qna.withdraw': z.object({ id }).strict(),
	/** One vote per participant and question: `on` gives it, `false` takes it back. */
	'qna.vote': z.object({ id, on: z.boolean() }).strict(),
	/** Approve, or hide (`rejected`): also how a question is hidden when moderation is off. */
	'qna.moderate': z.object({ id, status: z.enum(['approved', 'rejected']) }).strict(),
	'qna.settings': z.object({ phaseId: id, moderated: z.boolean() }).strict(),
	/** `id` null: nothing pinned. */
	'qna.pin': z.object({ phaseId: id, id: id.nullable() }).strict(),
	'qna.answered': z.object({ id, answered: z.boolean() }).strict()
} as const;

export interface QnaCommandResults {
	'qna.ask': Saved & { status: ModerationStatus };
	'qna.editOwn': Saved & { status: ModerationStatus };
	'qna.withdraw': Record<string, never>;
	'qna.vote': { id: number; on: boolean };
	'qna.moderate': Saved;
	'qna.settings': { phaseId: number; moderated: boolean };
	'qna.pin': { phaseId: number; id: number | null };
	'qna.answered': { id: number; answered: boolean };
}

export interface QnaSections {
	qna: QnaView;
}

export interface QnaSelf {
	qna?: OwnQuestionView[];
	/** The questions this participant voted for (sent alone after each vote). */
	qnaVotes?: number[];
}

/** The order the room reads them in: most votes first, then the oldest (the lower id). */
export function byVotes(a: QnaQuestionView, b: QnaQuestionView): number {
	return b.votes - a.votes || a.id - b.id;
}

/** One step's settings, as stored or the defaults (moderation on, nothing pinned). */
export function qnaStep(view: QnaView | undefined, phaseId: number): QnaStepView {
	return (
		view?.steps.find((step) => step.phaseId === phaseId) ?? {
			phaseId,
			moderated: true,
			pinnedId: null
		}
	);
}

/**
 * What a step shows the room: the pinned question (approved, else none), the open questions
 * (approved, not answered, not pinned) by votes, and the answered ones. `top` keeps the first
 * open ones only (the projector's list). Shared by the phone, the console and the projector.
 */
export function qnaBoard(
	view: QnaView | undefined,
	phaseId: number,
	top = Infinity
): { pinned: QnaQuestionView | null; open: QnaQuestionView[]; answered: QnaQuestionView[] } {
	const { pinnedId } = qnaStep(view, phaseId);
	const shown = (view?.questions ?? [])
		.filter((q) => q.phaseId === phaseId && q.status === 'approved')
		.sort(byVotes);
	return {
		pinned: shown.find((q) => q.id === pinnedId) ?? null,
		open: shown.filter((q) => !q.answered && q.id !== pinnedId).slice(0, top),
		answered: shown.filter((q) => q.answered && q.id !== pinnedId)
	};
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** A question the room saw: as typed (never an asker's name), its votes, whether answered. */
export const qnaQuestionSummarySchema = z
	.object({
		text: z.string().min(1),
		language: contentLanguageSchema,
		votes: countSchema,
		answered: z.boolean()
	})
	.strict();
export type QnaQuestionSummary = z.infer<typeof qnaQuestionSummarySchema>;

/**
 * The questions asked to the experts and shown to the room, most votes first: `qna`, after
 * the meeting's other results; absent when nobody asked one.
 */
export const qnaSummary = defineSummaryPart({
	in: 'document',
	slot: 'results',
	optional: true,
	schema: z.array(qnaQuestionSummarySchema).min(1)
});

export const qna = definePhase<QnaCommandResults, QnaSections, QnaSelf>()({
	kind: 'qna',
	commands: qnaCommandSchemas,
	summary: qnaSummary
});
