/**
 * The follow-up step as pure rules (no I/O): an opinion on one of the series' actions, its
 * moderation (the submissions' cycle, shared with news and topics), how many one phone may
 * give on one action, and what the projector may show.
 */
import {
	FOLLOWUP_LIMITS,
	OPINION_MARKS,
	type ModerationStatus,
	type OpinionMark
} from '../../protocol';
import { refusals, type Refusal } from '../errors';
import { SUBMISSION_TRANSITIONS, submissionCycle } from '../submissions/rules';
import { cleanBlock, isReadableName, textLength } from '../text';

export { FOLLOWUP_LIMITS };

const fail: Refusal = refusals('followup');

/** Submitted, edited until read, approved or rejected (and back): as news and topics. */
export const followupCycle = submissionCycle<ModerationStatus>('followup', SUBMISSION_TRANSITIONS);

export interface Opinion {
	text: string;
	mark: OpinionMark | null;
}

/** An opinion as typed: some readable text within the limit, and a mark or none. */
export function validateOpinion(input: { text?: string | null; mark?: string | null }): Opinion {
	const text = cleanBlock(input.text ?? '');
	if (text === '' || !isReadableName(text)) fail('followup_text_required', { field: 'text' });
	if (textLength(text) > FOLLOWUP_LIMITS.opinion)
		fail('followup_text_too_long', { field: 'text', max: FOLLOWUP_LIMITS.opinion });
	const mark = input.mark ?? null;
	if (mark !== null && !(OPINION_MARKS as readonly string[]).includes(mark))
		fail('followup_bad_mark', { field: 'mark' });
	return { text, mark: mark as OpinionMark | null };
}

/**
 * An opinion is on one of the series' actions (else `followup_unknown_action`): a phone that
 * kept an old list, or a made-up id, cannot attach text to another series' action.
 */
export function assertActionOfSeries(actionId: number, seriesActionIds: readonly number[]): void {
	if (!seriesActionIds.includes(actionId)) fail('followup_unknown_action', { field: 'actionId' });
}

/**
 * A few opinions per phone and action (`followup_too_many`): enough to say several things,
 * not to flood the facilitators' queue. Rejected ones do not count (the author may rephrase).
 */
export function assertRoomForOpinion(own: readonly { status: ModerationStatus }[]): void {
	const counted = own.filter((opinion) => opinion.status !== 'rejected').length;
	if (counted >= FOLLOWUP_LIMITS.perAction)
		fail('followup_too_many', { max: FOLLOWUP_LIMITS.perAction });
}

/** One action at a time shows one of the series' actions, or none yet (the list until then). */
export function validateDisplay(
	mode: 'list' | 'single',
	currentId: number | null,
	seriesActionIds: readonly number[]
): { mode: 'list' | 'single'; currentId: number | null } {
	if (currentId !== null) assertActionOfSeries(currentId, seriesActionIds);
	return { mode, currentId };
}
