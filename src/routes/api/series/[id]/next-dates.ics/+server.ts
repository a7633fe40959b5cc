import { isoDateInBrussels } from '$lib/i18n/format';
import { jsonEndpoint } from '$lib/server/http/api';
import { downloadFileName, downloadHeaders } from '$lib/server/http/download';
import { CALENDAR_CONTENT_TYPE, nextDatesCalendar } from '$lib/server/restitution/calendar';
import { authoriseSeriesCalendarReader } from '$lib/server/restitution/http';
import { seriesComingDates } from '$lib/server/restitution/next-dates';
import type { RequestHandler } from './$types';

/**
 * The series' coming dates as one calendar file (RFC 5545): the next dates of every
 * concertation of the series from today (Brussels) on, each once. For facilitators, the
 * series' coordinators, and holders of a share link of one of its concertations (`?share=`).
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const series = await authoriseSeriesCalendarReader(locals, params.id, url);
		const dates = await seriesComingDates(locals.db, series.id, isoDateInBrussels());
		const name = locals.locale === 'nl' ? series.title.nl : series.title.fr;
		return new Response(nextDatesCalendar({ name, dates, locale: locals.locale }), {
			headers: downloadHeaders({
				contentType: CALENDAR_CONTENT_TYPE,
				fileName: downloadFileName(['series', String(series.id), 'next-dates'], 'ics')
			})
		});
	});
