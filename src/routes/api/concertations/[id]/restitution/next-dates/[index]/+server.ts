import { jsonEndpoint } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { removeNextDate } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

/**
 * Removes a next date by its place (0 first) in the printed list, earliest first: the
 * restitution's `nextDates`, as `GET …/restitution` gives them.
 */
export const DELETE: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const index = /^\d{1,3}$/.test(params.index) ? Number(params.index) : -1;
		await removeNextDate(locals.db, account, concertation, index);
		return Response.json({ ok: true });
	});
