import { removeAccount } from '$lib/server/auth/accounts';
import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Removes another account; its sessions end at once. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : 0;
		return Response.json({ ok: true, ...(await removeAccount(locals.db, account, id)) });
	});
