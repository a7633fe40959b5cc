import { publicOrigin } from '$lib/server/concertation/join-link';
import { jsonEndpoint } from '$lib/server/http/api';
import { createShare, listShares } from '$lib/server/restitution/access';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import type { RequestHandler } from './$types';

/** The concertation's share links, newest first (never their tokens: only hashes are kept). */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation } = await authoriseRestitutionEditor(locals, params.id, url);
		return Response.json({ ok: true, shares: await listShares(locals.db, concertation.id) });
	});

/** Makes a read-only share link; its address is given this once. */
export const POST: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const { id, token } = await createShare(locals.db, concertation.id, account);
		return Response.json(
			{
				ok: true,
				share: { id, token, url: `${publicOrigin(url.origin).origin}/r/share/${token}` }
			},
			{ status: 201, headers: { 'cache-control': 'no-store' } }
		);
	});
