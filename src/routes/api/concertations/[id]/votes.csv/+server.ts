import { jsonEndpoint } from '$lib/server/http/api';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { voteResultsCsv } from '$lib/server/voting/views';
import type { RequestHandler } from './$types';

/**
 * The vote's results as CSV: one row per candidate, totals only (never who chose what).
 * Facilitators, coordinators of the concertation's series and holders of a restitution share
 * link may download it (the same readers as the restitution).
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation } = await authoriseRestitution(locals, params.id, url);
		const csv = await voteResultsCsv(locals.db, concertation.id);
		const number = concertation.number.replace(/[^A-Za-z0-9-]/g, '');
		const filename = `vote-${concertation.date}${number ? `-N${number}` : ''}.csv`;
		// The byte-order mark makes spreadsheets read the accents as UTF-8.
		return new Response(`\uFEFF${csv}`, {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="${filename}"`,
				'cache-control': 'no-store'
			}
		});
	});
