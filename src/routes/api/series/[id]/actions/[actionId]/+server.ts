import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import {
	actionHistory,
	actionsAccessFor,
	getAction,
	updateAction
} from '$lib/server/actions/service';
import type { RequestHandler } from './$types';

/** One action and its history (who, when, what changed), newest change first. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const seriesId = idParam(params.id);
		const actionId = idParam(params.actionId);
		const share = url.searchParams.get('share')?.slice(0, 200) || null;
		const { canEdit } = await actionsAccessFor(locals.db, locals.facilitator, seriesId, share);
		const action = await getAction(locals.db, seriesId, actionId);
		const history = await actionHistory(locals.db, seriesId, actionId);
		return Response.json(
			{ ok: true, canEdit, action, history },
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});

/**
 * Changes the fields given (with `version`, refused as `action_conflict` if the action changed
 * since): one history entry per change. Facilitators and the series' coordinators.
 */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const action = await updateAction(
			locals.db,
			account,
			idParam(params.id),
			idParam(params.actionId),
			await readJson(request)
		);
		return Response.json({ ok: true, action });
	});
