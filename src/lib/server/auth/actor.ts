import type { Audience } from '../../protocol';
import type { Facilitator, FacilitatorRole } from '../db/schema';
import { DomainError } from '../errors';

/** Who asks for a change. Every command and form action is authorised against this. */
export type Actor =
	| { kind: 'facilitator'; facilitatorId: number; role: FacilitatorRole }
	| { kind: 'participant'; participantId: number; concertationId: number }
	| { kind: 'screen'; concertationId: number };

export type ActorKind = Actor['kind'];

/** A stable string for logs and idempotency keys. */
export function actorKey(actor: Actor): string {
	switch (actor.kind) {
		case 'facilitator':
			return `f:${actor.facilitatorId}`;
		case 'participant':
			return `p:${actor.participantId}`;
		case 'screen':
			return `s:${actor.concertationId}`;
	}
}

export function audienceOf(actor: Actor): Audience {
	return actor.kind;
}

/** Facilitators run sessions; coordinators only read and export restitutions. */
export function requireRunner(
	actor: Actor
): asserts actor is Extract<Actor, { kind: 'facilitator' }> {
	if (actor.kind !== 'facilitator' || actor.role !== 'facilitator')
		throw new DomainError('forbidden');
}

/** The same rule for a signed-in account outside a live session (pages, administration). */
export function requireFacilitatorAccount(account: Pick<Facilitator, 'id' | 'role'>): void {
	requireRunner({ kind: 'facilitator', facilitatorId: account.id, role: account.role });
}

export function requireParticipant(
	actor: Actor
): asserts actor is Extract<Actor, { kind: 'participant' }> {
	if (actor.kind !== 'participant') throw new DomainError('forbidden');
}
