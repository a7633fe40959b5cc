/**
 * What the review page shows, for both of its addresses: `/r/<id>` (an account, or
 * `?share=<token>`) and `/r/share/<token>` (a share link as a path).
 */
import { error, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseContentLanguages } from '../../protocol';
import type { ReviewPageData } from '../../protocol/summary';
import { DomainError } from '../errors';
import { listShares } from './access';
import { concertationNextDates } from './next-dates';
import { isPublishedOnSeriesPage, seriesPageEnabled } from './series-page';
import type { RestitutionRequest } from './http';
import { loadEdits, loadRestitution } from './source';

/** Access for a page: a refusal becomes the sign-in page (anonymous) or a translated error. */
export async function pageAccess<T = RestitutionRequest>(
	locals: App.Locals,
	url: URL,
	authorise: () => Promise<T>
): Promise<T> {
	try {
		return await authorise();
	} catch (caught) {
		if (caught instanceof DomainError) {
			if (caught.code === 'unauthenticated')
				redirect(303, `/f/login?redirectTo=${encodeURIComponent(url.pathname)}`);
			const status = caught.code === 'forbidden' ? 403 : 404;
			error(status, {
				message: translator(locals.locale, 'errors')(caught.code),
				code: caught.code
			});
		}
		throw caught;
	}
}

export async function loadReview(
	locals: App.Locals,
	request: RestitutionRequest
): Promise<ReviewPageData> {
	const { concertation, access, shareToken } = request;
	const seriesId = access.canEdit ? concertation.series_id : null;
	const [built, edits, shares, nextDates, published, page] = await Promise.all([
		loadRestitution(locals.db, concertation),
		loadEdits(locals.db, concertation.id),
		access.canEdit ? listShares(locals.db, concertation.id) : Promise.resolve([]),
		concertationNextDates(locals.db, concertation),
		seriesId === null ? false : isPublishedOnSeriesPage(locals.db, concertation.id),
		seriesId === null ? false : seriesPageEnabled(locals.db, seriesId)
	]);
	return {
		concertation: {
			id: concertation.id,
			title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			languages: parseContentLanguages(concertation.languages),
			number: concertation.number,
			date: concertation.date
		},
		access: access.kind,
		canEdit: access.canEdit,
		shareToken,
		restitution: built.restitution,
		// A share-link reader sees the document only, not what was hidden or changed.
		items: access.canEdit ? built.items : [],
		tableOrder: access.canEdit ? built.tableOrder : [],
		attendanceNames: built.attendanceNames,
		/** When the participants were anonymised: names can no longer be turned on. */
		participantsAnonymisedAt: concertation.participants_anonymised_at,
		texts: {
			introductionFr: edits.introduction?.fr ?? '',
			introductionNl: edits.introduction?.nl ?? '',
			conclusionFr: edits.conclusion?.fr ?? '',
			conclusionNl: edits.conclusion?.nl ?? '',
			thanksFr: edits.thanks?.fr ?? '',
			thanksNl: edits.thanks?.nl ?? '',
			organiserFr: edits.organiser?.fr ?? '',
			organiserNl: edits.organiser?.nl ?? '',
			introductionEn: edits.introduction?.en ?? '',
			conclusionEn: edits.conclusion?.en ?? '',
			thanksEn: edits.thanks?.en ?? '',
			organiserEn: edits.organiser?.en ?? '',
			contactName: edits.contact?.name ?? '',
			contactEmail: edits.contact?.email ?? '',
			contactPhone: edits.contact?.phone ?? ''
		},
		defaults: built.defaults,
		shares,
		nextDateKeys: nextDates.map((dated) => dated.key),
		seriesPage: seriesId === null ? null : { published, pageEnabled: page }
	};
}

export type { ReviewActionData, ReviewPageData } from '../../protocol/summary';
