import { resetPassword } from '$lib/server/auth/accounts';
import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';
import { idParam } from '$lib/server/http/params';

/** Resets another account's password: a new one, given this once; its sessions end. */
export const POST: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const id = idParam(params.id);
		return Response.json({ ok: true, ...(await resetPassword(locals.db, account, id)) });
	});
