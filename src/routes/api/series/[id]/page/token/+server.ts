import { publicOrigin } from '$lib/server/concertation/join-link';
import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import {
	regenerateSeriesPageToken,
	seriesPageSettingsFor
} from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

/**
 * A new address for the public page: the old one answers 404 from now on (QR codes already
 * printed with it included). Refused (`series_page_never_on`) before the page was ever on.
 */
export const POST: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const seriesId = idParam(params.id);
		await regenerateSeriesPageToken(locals.db, account, seriesId);
		const page = await seriesPageSettingsFor(
			locals.db,
			account,
			seriesId,
			publicOrigin(url.origin).origin
		);
		return Response.json({ ok: true, page }, { headers: { 'cache-control': 'private, no-store' } });
	});
