/**
 * Q&A with experts: pure decisions and refusals, no I/O. Who may ask, change, withdraw and
 * vote, when; what moderation, pinning and answering do to a question and to its step.
 * Moderation follows the submissions' cycle (../submissions/rules): approve, or hide
 * (`rejected`), and change one's mind either way.
 */
import { QNA_LIMITS, type ModerationStatus, type PhaseKind } from '../../protocol';
import type { Actor } from '../auth/actor';
import { DomainError, refusals, type Refusal } from '../errors';
import { SUBMISSION_TRANSITIONS, submissionCycle } from '../submissions/rules';
import { cleanLine, textLength } from '../text';

export { QNA_LIMITS };

const fail: Refusal = refusals('qna');

export const qnaCycle = submissionCycle<ModerationStatus>('qna', SUBMISSION_TRANSITIONS);

/** A question as typed: one paragraph (it is read out and projected), within the limit. */
export function validateQuestionText(raw: unknown): string {
	const text = cleanLine(raw);
	if (text === '') fail('qna_text_required', { field: 'text' });
	if (textLength(text) > QNA_LIMITS.question)
		fail('qna_text_too_long', { field: 'text', max: QNA_LIMITS.question });
	return text;
}

/**
 * Participants ask, change and vote while a Q&A step is the current one, and only in it: a
 * phone that was offline may send a question after the meeting moved on (`phase_closed`).
 * `questionPhaseId`: the step of the question acted on, which must be the current one.
 */
export function assertStepOpen(
	current: { id: number; kind: PhaseKind | string } | null,
	questionPhaseId?: number
): number {
	if (current === null || current.kind !== 'qna') throw new DomainError('phase_closed');
	if (questionPhaseId !== undefined && questionPhaseId !== current.id)
		throw new DomainError('phase_closed');
	return current.id;
}

/** A flood is not a question: at most `QNA_LIMITS.perParticipant` each, per step. */
export function assertCanAsk(alreadyAsked: number): void {
	if (alreadyAsked >= QNA_LIMITS.perParticipant)
		fail('qna_too_many', { max: QNA_LIMITS.perParticipant });
}

/** Moderation on: a question waits for approval; off: the room sees it at once. */
export function initialStatus(moderated: boolean): ModerationStatus {
	return moderated ? 'pending' : 'approved';
}

export interface OwnQuestion {
	authorId: number;
	status: ModerationStatus;
	answered: boolean;
	pinned: boolean;
}

/**
 * Its author may change or withdraw a question until it is being answered (pinned) or has
 * been (`qna_locked`); nobody else may (`forbidden`: facilitators hide, they do not rewrite).
 * A hidden question can still be withdrawn, not rewritten (`edit`).
 */
export function assertCanChangeOwn(
	actor: Actor,
	question: OwnQuestion,
	change: 'edit' | 'withdraw'
): void {
	if (actor.kind !== 'participant' || actor.participantId !== question.authorId)
		throw new DomainError('forbidden');
	if (question.answered || question.pinned) fail('qna_locked');
	if (change === 'edit' && question.status === 'rejected') fail('qna_locked');
}

/**
 * After its author changed it: with moderation on, an approved question goes back to the
 * team (they approved what they read); otherwise it keeps its status.
 */
export function statusAfterEdit(status: ModerationStatus, moderated: boolean): ModerationStatus {
	return moderated && status === 'approved' ? 'pending' : status;
}

/**
 * One vote per participant and question, given or taken back; never on one's own question
 * (`qna_own_question`), and only on one the room sees (else `not_found`: for them it does not
 * exist). Taking a vote back is always possible, whatever became of the question.
 */
export function assertCanVote(
	participantId: number,
	question: { authorId: number; status: ModerationStatus },
	on: boolean
): void {
	if (!on) return;
	if (question.authorId === participantId) fail('qna_own_question');
	if (question.status !== 'approved') throw new DomainError('not_found');
}

/** Only a question the room sees can be pinned or marked answered (`qna_not_approved`). */
export function assertShown(question: { status: ModerationStatus }): void {
	if (question.status !== 'approved') fail('qna_not_approved');
}

/** The step's pinned question once `questionId` is answered or hidden: no longer pinned. */
export function pinnedAfterClosing(pinnedId: number | null, questionId: number): number | null {
	return pinnedId === questionId ? null : pinnedId;
}
