import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { actionsAccessFor, createAction, listActions } from '$lib/server/actions/service';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'private, no-store' };

/**
 * The series' actions, oldest first: facilitators, the series' coordinators, and holders of a
 * live share link of one of its concertations (`?share=<token>`, read only).
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const seriesId = idParam(params.id);
		const share = url.searchParams.get('share')?.slice(0, 200) || null;
		const { canEdit } = await actionsAccessFor(locals.db, locals.facilitator, seriesId, share);
		const actions = await listActions(locals.db, seriesId);
		return Response.json({ ok: true, canEdit, actions }, { headers: noStore });
	});

/**
 * A new action: `source` says where it comes from (`scratch`, a selected `priority` or a
 * discussion `table` of one of the series' concertations), whose words fill the fields not
 * given. Facilitators and the series' coordinators.
 */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const action = await createAction(
			locals.db,
			account,
			idParam(params.id),
			await readJson(request)
		);
		return Response.json({ ok: true, action }, { status: 201 });
	});
