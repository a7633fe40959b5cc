import { publicOrigin } from '$lib/server/concertation/join-link';
import { ApiError, jsonEndpoint } from '$lib/server/http/api';
import { downloadHeaders } from '$lib/server/http/download';
import { isExportFormat, renderExport } from '$lib/server/restitution/exports';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { publicSeriesPageUrl } from '$lib/server/restitution/series-page';
import { loadRestitution } from '$lib/server/restitution/source';
import type { RequestHandler } from './$types';

/**
 * The restitution as PDF, DOCX, Markdown or JSON, with the coordinators' edits applied; while
 * the series' public page is on, the PDF carries its QR code and address.
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		if (!isExportFormat(params.format)) throw new ApiError(404, 'not_found');
		const { concertation } = await authoriseRestitution(locals, params.id, url);
		const [{ restitution }, seriesPageUrl] = await Promise.all([
			loadRestitution(locals.db, concertation),
			publicSeriesPageUrl(locals.db, concertation, publicOrigin(url.origin).origin)
		]);
		const file = await renderExport(restitution, params.format, { seriesPageUrl });
		return new Response(file.body, { headers: downloadHeaders(file) });
	});
