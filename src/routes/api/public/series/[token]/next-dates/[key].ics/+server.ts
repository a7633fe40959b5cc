import { isoDateInBrussels } from '$lib/i18n/format';
import { DomainError } from '$lib/server/errors';
import { jsonEndpoint } from '$lib/server/http/api';
import { downloadFileName, downloadHeaders } from '$lib/server/http/download';
import { CALENDAR_CONTENT_TYPE, nextDatesCalendar } from '$lib/server/restitution/calendar';
import { seriesComingDates } from '$lib/server/restitution/next-dates';
import { seriesOfPublicToken } from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

/** One coming date of a series with its public page on, as a calendar file. */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const seriesId = await seriesOfPublicToken(locals.db, params.token);
		const dated = (await seriesComingDates(locals.db, seriesId, isoDateInBrussels())).find(
			(entry) => entry.key === params.key
		);
		if (!dated) throw new DomainError('not_found');
		const name = locals.locale === 'nl' ? dated.next.label.nl : dated.next.label.fr;
		return new Response(nextDatesCalendar({ name, dates: [dated], locale: locals.locale }), {
			headers: downloadHeaders({
				contentType: CALENDAR_CONTENT_TYPE,
				fileName: downloadFileName(
					['next-date', dated.next.date, dated.next.time?.replace(':', 'h') ?? ''],
					'ics'
				)
			})
		});
	});
