/**
 * What every restitution route does first: find the concertation and decide who is asking
 * (an account that may review it, or a share link). Refusals are DomainErrors, which the
 * JSON endpoints and pages turn into 401 / 403 / 404.
 */
import { findConcertation } from '../concertation/store';
import type { Concertation, Facilitator } from '../db/schema';
import { DomainError } from '../errors';
import {
	accountCanReview,
	concertationOfShare,
	resolveAccess,
	type RestitutionAccess
} from './access';
import { idParam } from '../http/params';

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
	const id = idParam(rawId);
	const concertation = id > 0 ? await findConcertation(locals.db, id) : undefined;
	const shareToken = url.searchParams.get('share')?.slice(0, 200) || null;
	if (!concertation) {
		// Anonymous callers learn nothing about which ids exist.
		throw new DomainError(locals.facilitator || shareToken ? 'not_found' : 'unauthenticated');
	}
	const access = await resolveAccess(locals.db, locals.facilitator, concertation, shareToken);
	return { concertation, access, shareToken: access.kind === 'share' ? shareToken : null };
}

/**
 * A share link given as a path (`/r/share/<token>`, which reads well in an email): the token
 * alone names the concertation. Same rules as `?share=`: a revoked or unknown link is 404.
 * The reader is always treated as a share-link reader, even when signed in, so the page is
 * the one the link's recipients see.
 */
export async function authoriseShareLink(
	locals: App.Locals,
	rawToken: string
): Promise<RestitutionRequest> {
	const token = rawToken.slice(0, 200);
	const concertationId = await concertationOfShare(locals.db, token);
	const concertation =
		concertationId === undefined ? undefined : await findConcertation(locals.db, concertationId);
	if (!concertation) throw new DomainError('not_found');
	const access = await resolveAccess(locals.db, null, concertation, token);
	return { concertation, access, shareToken: token };
}

/**
 * The JSON API's editing routes: the same readers as `authoriseRestitution`, of whom only
 * accounts may change anything (a share link reads only: 403).
 */
export async function authoriseRestitutionEditor(
	locals: App.Locals,
	rawId: string,
	url: URL
): Promise<{ concertation: Concertation; account: Facilitator }> {
	const { concertation, access } = await authoriseRestitution(locals, rawId, url);
	if (access.kind === 'share') throw new DomainError('forbidden');
	return { concertation, account: access.account };
}

/**
 * Who may read a concertation's next dates (their calendar files): whoever may read its
 * restitution (an account that reviews it, a live share link in `?share=`), and the phones
 * that joined it, which `isParticipant` recognises by their cookie.
 */
export async function authoriseNextDatesReader(
	locals: App.Locals,
	rawId: string,
	url: URL,
	isParticipant: (concertation: Concertation) => Promise<boolean>
): Promise<Concertation> {
	const id = idParam(rawId);
	const concertation = id > 0 ? await findConcertation(locals.db, id) : undefined;
	const shareToken = url.searchParams.get('share')?.slice(0, 200) || null;
	if (!concertation) {
		throw new DomainError(locals.facilitator || shareToken ? 'not_found' : 'unauthenticated');
	}
	if (!shareToken && (await isParticipant(concertation))) return concertation;
	await resolveAccess(locals.db, locals.facilitator, concertation, shareToken);
	return concertation;
}

/**
 * Who may read a series' calendar of coming dates: facilitators, the series' coordinators,
 * and whoever holds a live share link of one of its concertations (`?share=`).
 */
export async function authoriseSeriesCalendarReader(
	locals: App.Locals,
	rawId: string,
	url: URL
): Promise<{ id: number; title: { fr: string; nl: string } }> {
	const id = idParam(rawId);
	const series =
		id > 0
			? await locals.db
					.selectFrom('series')
					.select(['id', 'title_fr', 'title_nl'])
					.where('id', '=', id)
					.executeTakeFirst()
			: undefined;
	const shareToken = url.searchParams.get('share')?.slice(0, 200) || null;
	if (!series) {
		throw new DomainError(locals.facilitator || shareToken ? 'not_found' : 'unauthenticated');
	}
	const found = { id: series.id, title: { fr: series.title_fr, nl: series.title_nl } };
	const account = locals.facilitator;
	if (account && (await accountCanReview(locals.db, account, { series_id: series.id }))) {
		return found;
	}
	if (shareToken) {
		const concertationId = await concertationOfShare(locals.db, shareToken);
		const concertation =
			concertationId === undefined ? undefined : await findConcertation(locals.db, concertationId);
		if (concertation?.series_id === series.id) return found;
		throw new DomainError('not_found');
	}
	throw new DomainError(account ? 'forbidden' : 'unauthenticated');
}
