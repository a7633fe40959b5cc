import { jsonEndpoint } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { revokeShare } from '$lib/server/restitution/access';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import type { RequestHandler } from './$types';

/** Revokes a share link: it answers 404 from then on. */
export const DELETE: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		await revokeShare(locals.db, concertation.id, account, idParam(params.shareId));
		return Response.json({ ok: true });
	});
