import { isoDateInBrussels } from '$lib/i18n/format';
import { jsonEndpoint } from '$lib/server/http/api';
import { publicSeriesPage } from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

/**
 * The series' public page as data, without signing in: its coming dates, its actions and the
 * restitutions published on it. Off, regenerated or unknown: 404, the same for all three.
 */
export const GET: RequestHandler = ({ locals, params, setHeaders }) =>
	jsonEndpoint(locals, async () => {
		const page = await publicSeriesPage(locals.db, params.token, isoDateInBrussels());
		setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
		return Response.json({ ok: true, page });
	});
