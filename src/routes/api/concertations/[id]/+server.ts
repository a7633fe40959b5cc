import { requireApiAccount, jsonEndpoint, ApiError } from '$lib/server/http/api';
import { findConcertation } from '$lib/server/concertation/store';
import { buildSnapshot } from '$lib/server/realtime/attach';
import type { RequestHandler } from './$types';

/**
 * The state a facilitator's console sees: the same snapshot as on a socket connection. It
 * names the participants, so it is for facilitator accounts only (coordinators read the
 * restitution, which prints names only with consent).
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const concertation = await findConcertation(locals.db, Number(params.id) || 0);
		if (!concertation) throw new ApiError(404, 'not_found');
		const snapshot = await buildSnapshot(locals.db, {
			actor: { kind: 'facilitator', facilitatorId: account.id, role: account.role },
			audience: 'facilitator',
			concertation,
			locale: locals.locale
		});
		return Response.json({ ok: true, ...snapshot }, { headers: { 'cache-control': 'no-store' } });
	});
