/**
 * The cycle of what participants submit to a phase and facilitators moderate, as pure rules
 * (no I/O): a participant submits, may edit or withdraw their own submission until it is
 * moderated, and a facilitator approves or rejects it (and may change their mind). News
 * items and topics follow it; so will the phase kinds to come that take participants' text
 * (opinions on the follow-up, questions for a Q&A).
 *
 * Each phase keeps its own fields, statuses beyond these three (a topic can be `merged`) and
 * error codes: `<namespace>_locked` and `<namespace>_bad_transition`, translated from its own
 * namespace (`<namespace>:errors.<code>`). The steps that read and write are in ./service.
 */
import type { ModerationStatus } from '../../protocol';
import { requireRunner, type Actor, type ActorKind } from '../auth/actor';
import { DomainError, refusals, type Refusal } from '../errors';

/** Which moderation decisions exist; a facilitator can change their mind either way. */
export const SUBMISSION_TRANSITIONS: Readonly<
	Record<ModerationStatus, readonly ModerationStatus[]>
> = {
	pending: ['approved', 'rejected'],
	approved: ['rejected'],
	rejected: ['approved']
};

/** Only facilitators moderate; a coordinator account is refused further by its role. */
export function canModerate(actorKind: ActorKind): boolean {
	return actorKind === 'facilitator';
}

/** One phase's cycle: its statuses, its decisions and its own error codes. */
export interface SubmissionCycle<S extends string> {
	readonly transitions: Readonly<Record<S, readonly S[]>>;
	canTransition(from: S, to: S): boolean;
	/**
	 * Only a running facilitator moderates (else `forbidden`): a participant never does, and
	 * a fortiori never approves their own submission; a read-only coordinator or the
	 * projector neither. Then the decision must exist (else `<namespace>_bad_transition`).
	 */
	assertModeration(actor: Actor, from: S, to: S): void;
	/**
	 * A participant may fix their own submission until it is moderated (else
	 * `<namespace>_locked`): after that, the facilitator approved (or refused) precisely what
	 * they read. A running facilitator may always; anyone else is `forbidden`.
	 */
	assertCanEditOwn(actor: Actor, submission: { authorId: number | null; status: S }): void;
	/** Refuses a change to a submission that can no longer change (`<namespace>_locked`). */
	locked(): never;
}

export function submissionCycle<S extends string>(
	namespace: string,
	transitions: Readonly<Record<S, readonly S[]>>
): SubmissionCycle<S> {
	const fail: Refusal = refusals(namespace);
	const canTransition = (from: S, to: S) => transitions[from].includes(to);
	return {
		transitions,
		canTransition,
		assertModeration(actor, from, to) {
			requireRunner(actor);
			if (!canTransition(from, to)) fail(`${namespace}_bad_transition`, { from, to });
		},
		assertCanEditOwn(actor, submission) {
			if (actor.kind === 'facilitator') {
				requireRunner(actor);
				return;
			}
			if (actor.kind !== 'participant' || actor.participantId !== submission.authorId) {
				throw new DomainError('forbidden');
			}
			if (submission.status !== 'pending') fail(`${namespace}_locked`);
		},
		locked: () => fail(`${namespace}_locked`)
	};
}
