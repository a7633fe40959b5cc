import { exportProgramme, importProgramme } from '$lib/server/concertation/service';
import { findConcertation } from '$lib/server/concertation/store';
import { ApiError, jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { concertationFileName, downloadHeaders } from '$lib/server/http/download';
import { accountCanReview } from '$lib/server/restitution/access';
import { CONTENT_TYPES } from '$lib/server/restitution/exports';
import { facilitatorActor } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/**
 * The programme as a reusable template file: for facilitators, and for the coordinators of
 * the concertation's series (the same rule as its restitution).
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const id = Number(params.id) || 0;
		const concertation = await findConcertation(locals.db, id);
		if (!concertation) throw new ApiError(404, 'not_found');
		if (!(await accountCanReview(locals.db, account, concertation)))
			throw new ApiError(403, 'forbidden');
		const programme = await exportProgramme(locals.db, id);
		return new Response(JSON.stringify(programme, null, '\t'), {
			headers: downloadHeaders({
				contentType: CONTENT_TYPES.json,
				fileName: concertationFileName('programme', concertation, 'json')
			})
		});
	});

/** Replaces the programme of a concertation that has not started. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { version } = await importProgramme(
			locals.db,
			facilitatorActor(account),
			Number(params.id) || 0,
			await readJson(request)
		);
		return Response.json({ ok: true, version });
	});
