import { ApiError, jsonEndpoint } from '$lib/server/http/api';
import { downloadHeaders } from '$lib/server/http/download';
import { idParam } from '$lib/server/http/params';
import { publicOrigin } from '$lib/server/concertation/join-link';
import { renderExport } from '$lib/server/restitution/exports';
import { publicSeriesPageUrl, publishedConcertation } from '$lib/server/restitution/series-page';
import { loadRestitution } from '$lib/server/restitution/source';
import type { RequestHandler } from './$types';

const PUBLIC_FORMATS = ['pdf', 'docx', 'md'] as const;
type PublicFormat = (typeof PUBLIC_FORMATS)[number];

/**
 * A restitution published on the series' public page, as PDF, Word or Markdown, exactly as its
 * coordinators export it. One that was not published answers 404, like one that does not exist.
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		if (!(PUBLIC_FORMATS as readonly string[]).includes(params.format))
			throw new ApiError(404, 'not_found');
		const concertation = await publishedConcertation(
			locals.db,
			params.token,
			idParam(params.concertationId)
		);
		const { restitution } = await loadRestitution(locals.db, concertation);
		const seriesPageUrl = await publicSeriesPageUrl(
			locals.db,
			concertation,
			publicOrigin(url.origin).origin
		);
		const file = await renderExport(restitution, params.format as PublicFormat, { seriesPageUrl });
		return new Response(file.body, { headers: downloadHeaders(file) });
	});
