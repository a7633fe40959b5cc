import { DomainError } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/http/api';
import { downloadFileName, downloadHeaders } from '$lib/server/http/download';
import { participantCookieName, participantForToken } from '$lib/server/participants/service';
import { CALENDAR_CONTENT_TYPE, nextDatesCalendar } from '$lib/server/restitution/calendar';
import { parseContentLanguages, pickLocalized } from '$lib/protocol/localized';
import { authoriseNextDatesReader } from '$lib/server/restitution/http';
import { concertationNextDates } from '$lib/server/restitution/next-dates';
import type { RequestHandler } from './$types';

/**
 * One next date as a calendar file (RFC 5545), in the reader's language: for the phones that
 * joined the concertation (their cookie), the accounts that review its restitution and the
 * holders of a share link (`?share=<token>`). `<key>` is the date's key, as the `screen`
 * section and the review page give it.
 */
export const GET: RequestHandler = ({ locals, params, url, cookies }) =>
	jsonEndpoint(locals, async () => {
		const concertation = await authoriseNextDatesReader(
			locals,
			params.id,
			url,
			async (candidate) =>
				(await participantForToken(
					locals.db,
					candidate.id,
					cookies.get(participantCookieName(candidate.id))
				)) !== undefined
		);
		const dated = (await concertationNextDates(locals.db, concertation)).find(
			(entry) => entry.key === params.key
		);
		if (!dated) throw new DomainError('not_found');
		// In the reader's language when it is a content language, else the main one.
		const title = pickLocalized(
			{ fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			locals.locale,
			parseContentLanguages(concertation.languages)
		).text;
		return new Response(nextDatesCalendar({ name: title, dates: [dated], locale: locals.locale }), {
			headers: downloadHeaders({
				contentType: CALENDAR_CONTENT_TYPE,
				fileName: downloadFileName(
					['next-date', dated.next.date, dated.next.time?.replace(':', 'h') ?? ''],
					'ics'
				)
			})
		});
	});
