import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { removeCoordinator } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

/** The coordinator (an account id) no longer follows the series. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		await removeCoordinator(locals.db, account, idParam(params.id), idParam(params.facilitatorId));
		return Response.json({ ok: true });
	});
