import type { Audience } from '../../protocol';

/** Everyone of one audience in a concertation. */
export function audienceRoom(concertationId: number, audience: Audience): string {
	return `c:${concertationId}:${audience}`;
}

/** One participant's devices (a phone and a laptop may both be open). */
export function participantRoom(participantId: number): string {
	return `p:${participantId}`;
}

/** The consoles opened with one sign-in session (by its token's hash), to end with it. */
export function sessionRoom(tokenHash: string): string {
	return `s:${tokenHash}`;
}

/** The projectors opened with a concertation's key (not a facilitator's session): they end with it. */
export function screenKeyRoom(concertationId: number): string {
	return `k:${concertationId}`;
}

/**
 * A concertation's remote participants' devices: they get the projector's updates (as
 * `screenUpdate`), which the phones in the room never receive.
 */
export function remoteRoom(concertationId: number): string {
	return `r:${concertationId}`;
}

export const AUDIENCES: readonly Audience[] = ['facilitator', 'screen', 'participant'];
