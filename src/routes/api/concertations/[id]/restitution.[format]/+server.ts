import { ApiError, jsonEndpoint } from '$lib/server/http/api';
import { downloadHeaders } from '$lib/server/http/download';
import { isExportFormat, renderExport } from '$lib/server/restitution/exports';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { loadRestitution } from '$lib/server/restitution/source';
import type { RequestHandler } from './$types';

/** The restitution as PDF, DOCX, Markdown or JSON, with the coordinators' edits applied. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		if (!isExportFormat(params.format)) throw new ApiError(404, 'not_found');
		const { concertation } = await authoriseRestitution(locals, params.id, url);
		const { restitution } = await loadRestitution(locals.db, concertation);
		const file = await renderExport(restitution, params.format);
		return new Response(file.body, { headers: downloadHeaders(file) });
	});
