import { removeAccount } from '$lib/server/auth/accounts';
import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';
import { idParam } from '$lib/server/http/params';

/** Removes another account; its sessions end at once. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const id = idParam(params.id);
		return Response.json({ ok: true, ...(await removeAccount(locals.db, account, id)) });
	});
