import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { downloadFileName, downloadHeaders } from '$lib/server/http/download';
import { idParam } from '$lib/server/http/params';
import { CONTENT_TYPES } from '$lib/server/restitution/exports';
import { seriesOverview, seriesOverviewCsv } from '$lib/server/restitution/series-overview';
import type { RequestHandler } from './$types';

/** The series overview as CSV, one row per priority: facilitators and the series' coordinators. */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const id = idParam(params.id);
		const overview = await seriesOverview(locals.db, account, id);
		return new Response(seriesOverviewCsv(overview), {
			headers: downloadHeaders({
				contentType: CONTENT_TYPES.csv,
				fileName: downloadFileName(['series', String(overview.series.id), 'priorities'], 'csv')
			})
		});
	});
