import { changeOwnPassword } from '$lib/server/auth/accounts';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** `{ current, next, confirm }`: any account changes its own password; other sessions end. */
export const PUT: RequestHandler = ({ locals, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		await changeOwnPassword(locals.db, account, locals.sessionToken, await readJson(request));
		return Response.json({ ok: true });
	});
