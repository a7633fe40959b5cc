import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { seriesActionPaths } from '$lib/server/actions/service';
import { seriesOverview } from '$lib/server/restitution/series-overview';
import type { RequestHandler } from './$types';

/**
 * The series at a glance, as its page (`/r/series/<id>`) shows it: each concertation's
 * attendance, turnout and priorities, and each action's path (its status at each of those
 * concertations, in the same order). Facilitators and the series' coordinators.
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const seriesId = idParam(params.id);
		const overview = await seriesOverview(locals.db, account, seriesId);
		const paths = await seriesActionPaths(
			locals.db,
			seriesId,
			overview.concertations.map((concertation) => concertation.date)
		);
		return Response.json(
			{ ok: true, ...overview, paths },
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});
