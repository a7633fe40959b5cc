import { jsonEndpoint, readBytes, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { LOGO_MAX_BYTES, removeLogo, saveLogo } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

/**
 * The series' logo, sent as the image file itself (the request body, e.g. `curl -T logo.png`
 * or `--data-binary @logo.png`): PNG or JPEG, at most 512 KiB, told by its first bytes (the
 * declared content type is not trusted).
 */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const bytes = await readBytes(request, LOGO_MAX_BYTES);
		await saveLogo(locals.db, account, idParam(params.id), bytes);
		return Response.json({ ok: true });
	});

/** The series' restitutions are printed without a logo from now on. */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		await removeLogo(locals.db, account, idParam(params.id));
		return Response.json({ ok: true });
	});
