import { UTF8_BOM } from '$lib/server/csv';
import { jsonEndpoint } from '$lib/server/http/api';
import { concertationFileName, downloadHeaders } from '$lib/server/http/download';
import { CONTENT_TYPES, fileStem } from '$lib/server/restitution/exports';
import { parseContentLanguages } from '$lib/protocol/localized';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { voteResultsCsv } from '$lib/server/vote/views';
import type { RequestHandler } from './$types';

/**
 * The vote's results as CSV: one row per candidate, totals only (never who chose what).
 * Facilitators, coordinators of the concertation's series and holders of a restitution share
 * link may download it (the same readers as the restitution).
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation } = await authoriseRestitution(locals, params.id, url);
		const languages = parseContentLanguages(concertation.languages);
		const csv = await voteResultsCsv(locals.db, concertation.id, languages);
		// The byte-order mark makes spreadsheets read the accents as UTF-8.
		return new Response(UTF8_BOM + csv, {
			headers: downloadHeaders({
				contentType: CONTENT_TYPES.csv,
				fileName: concertationFileName(fileStem('votes', languages), concertation, 'csv')
			})
		});
	});
