/**
 * What every restitution route does first: find the concertation and decide who is asking
 * (an account that may review it, or a share link). Refusals are DomainErrors, which the
 * JSON endpoints and pages turn into 401 / 403 / 404.
 */
import { findConcertation } from '../concertation/store';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { resolveAccess, type RestitutionAccess } from './access';

export interface RestitutionRequest {
	concertation: Concertation;
	access: RestitutionAccess;
	/** The share token of the request, to keep in links made for a share-link reader. */
	shareToken: string | null;
}

export async function authoriseRestitution(
	locals: App.Locals,
	rawId: string,
	url: URL
): Promise<RestitutionRequest> {
	const id = /^\d{1,12}$/.test(rawId) ? Number(rawId) : NaN;
	const concertation = Number.isSafeInteger(id) ? await findConcertation(locals.db, id) : undefined;
	const shareToken = url.searchParams.get('share')?.slice(0, 200) || null;
	if (!concertation) {
		// Anonymous callers learn nothing about which ids exist.
		throw new DomainError(locals.facilitator || shareToken ? 'not_found' : 'unauthenticated');
	}
	const access = await resolveAccess(locals.db, locals.facilitator, concertation, shareToken);
	return { concertation, access, shareToken: access.kind === 'share' ? shareToken : null };
}
