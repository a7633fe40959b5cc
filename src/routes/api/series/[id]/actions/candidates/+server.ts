import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { actionCandidates, actionsAccessFor } from '$lib/server/actions/service';
import { DomainError } from '$lib/server/errors';
import type { RequestHandler } from './$types';

/**
 * What could become an action: the selected priorities and the discussion tables of each of
 * the series' concertations, newest first, each with the text a new action would start with.
 * Those who may create actions only.
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const seriesId = idParam(params.id);
		const { canEdit } = await actionsAccessFor(locals.db, account, seriesId, null);
		if (!canEdit) throw new DomainError('forbidden');
		const candidates = await actionCandidates(locals.db, seriesId);
		return Response.json(
			{ ok: true, candidates },
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});
