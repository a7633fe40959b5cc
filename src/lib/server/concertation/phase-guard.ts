import type { PhaseKind } from '../../protocol';
import { requireParticipant, type Actor } from '../auth/actor';
import type { Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { assertParticipantActionOpen, type ParticipantAction } from '../topics/rules';
import { currentPhase } from './store';

/**
 * What a participant may do depends on the phase the facilitator has opened: a phone that
 * was offline may send a proposal after the phase moved on, and that must be refused.
 * Returns the participant's id.
 */
export async function assertParticipantMay(
	tx: Tx,
	actor: Actor,
	concertation: Concertation,
	action: ParticipantAction
): Promise<number> {
	requireParticipant(actor);
	if (concertation.status === 'closed') throw new DomainError('session_closed');
	const phase = concertation.status === 'live' ? await currentPhase(tx, concertation) : undefined;
	assertParticipantActionOpen(action, (phase?.kind as PhaseKind | undefined) ?? null);
	return actor.participantId;
}

/** Appends after the last item: the next free position of a list. */
export function nextPosition(rows: { position: number }[]): number {
	return rows.reduce((max, row) => Math.max(max, row.position + 1), 0);
}
