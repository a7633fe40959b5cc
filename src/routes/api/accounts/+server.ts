import { addAccount, listAccounts } from '$lib/server/auth/accounts';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Every account (facilitators only): id, email, name, role, creation time. */
export const GET: RequestHandler = ({ locals }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		return Response.json({ ok: true, accounts: await listAccounts(locals.db, account) });
	});

/** `{ email, displayName?, role }` → 201 with the generated password, given this once. */
export const POST: RequestHandler = ({ locals, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const issued = await addAccount(locals.db, account, await readJson(request));
		return Response.json({ ok: true, ...issued }, { status: 201 });
	});
