import { isoDateInBrussels } from '$lib/i18n/format';
import { jsonEndpoint } from '$lib/server/http/api';
import { downloadFileName, downloadHeaders } from '$lib/server/http/download';
import { CALENDAR_CONTENT_TYPE, nextDatesCalendar } from '$lib/server/restitution/calendar';
import { seriesComingDates } from '$lib/server/restitution/next-dates';
import { seriesOfPublicToken } from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

/** Every coming date of a series with its public page on, as one calendar file. */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const seriesId = await seriesOfPublicToken(locals.db, params.token);
		const series = await locals.db
			.selectFrom('series')
			.select(['title_fr', 'title_nl'])
			.where('id', '=', seriesId)
			.executeTakeFirstOrThrow();
		const dates = await seriesComingDates(locals.db, seriesId, isoDateInBrussels());
		const name = locals.locale === 'nl' ? series.title_nl : series.title_fr;
		return new Response(nextDatesCalendar({ name, dates, locale: locals.locale }), {
			headers: downloadHeaders({
				contentType: CALENDAR_CONTENT_TYPE,
				fileName: downloadFileName(['series', 'next-dates'], 'ics')
			})
		});
	});
