import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { seriesOverview, seriesOverviewCsv } from '$lib/server/restitution/series-overview';
import type { RequestHandler } from './$types';
import { idParam } from '$lib/server/http/params';

/** The series overview as CSV, one row per priority: facilitators and the series' coordinators. */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const id = idParam(params.id);
		const overview = await seriesOverview(locals.db, account, id);
		return new Response(seriesOverviewCsv(overview), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="series-${overview.series.id}-priorities.csv"`,
				'cache-control': 'no-store'
			}
		});
	});
