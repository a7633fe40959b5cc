import { requireApiAccount, jsonEndpoint, ApiError } from '$lib/server/http/api';
import { deleteConcertation } from '$lib/server/concertation/service';
import { findConcertation } from '$lib/server/concertation/store';
import { facilitatorActor } from '$lib/server/http/guards';
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

/**
 * Deletes the concertation and everything recorded in it, for good (see `deleteConcertation`).
 * The console asks to type the join code first; a script says what it means by the verb.
 */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		await deleteConcertation(locals.db, facilitatorActor(account), Number(params.id) || 0);
		return Response.json({ ok: true });
	});
