import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { seriesOverview } from '$lib/server/restitution/series-overview';
import type { RequestHandler } from './$types';

/**
 * The series at a glance, as its page (`/r/series/<id>`) shows it: each concertation's
 * attendance, turnout and priorities. Facilitators and the series' coordinators.
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const overview = await seriesOverview(locals.db, account, idParam(params.id));
		return Response.json(
			{ ok: true, ...overview },
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});
