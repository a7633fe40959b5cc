import { getConcertation } from '$lib/server/concertation/store';
import { ApiError, jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { voteResultsCsv } from '$lib/server/voting/views';
import type { RequestHandler } from './$types';

/**
 * The vote's results as CSV: one row per candidate, totals only (never who chose what).
 * Facilitators and coordinators (who read and export) may download it.
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		requireApiAccount(locals);
		const id = Number(params.id);
		if (!Number.isSafeInteger(id) || id <= 0) throw new ApiError(404, 'not_found');
		const concertation = await getConcertation(locals.db, id);
		const csv = await voteResultsCsv(locals.db, id);
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
