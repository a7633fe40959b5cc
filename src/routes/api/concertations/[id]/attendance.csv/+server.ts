import { jsonEndpoint } from '$lib/server/http/api';
import { attendanceCsv } from '$lib/server/restitution/attendance-csv';
import { buildRestitution } from '$lib/server/restitution/build';
import { downloadHeaders } from '$lib/server/http/download';
import { CONTENT_TYPES, csvFileName } from '$lib/server/restitution/exports';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { loadEdits, loadRestitutionSource } from '$lib/server/restitution/source';
import type { RequestHandler } from './$types';

/** The attendance list of participants who consented to it, as CSV for Excel. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation } = await authoriseRestitution(locals, params.id, url);
		const [source, edits] = await Promise.all([
			loadRestitutionSource(locals.db, concertation),
			loadEdits(locals.db, concertation.id)
		]);
		const { restitution } = buildRestitution(source, edits);
		return new Response(attendanceCsv(source, edits), {
			headers: downloadHeaders({
				contentType: CONTENT_TYPES.csv,
				fileName: csvFileName(restitution, 'attendance')
			})
		});
	});
