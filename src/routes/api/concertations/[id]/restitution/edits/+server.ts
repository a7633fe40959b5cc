import { jsonEndpoint } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { resetAllEdits } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

/** "Reset everything": back to the raw data, the coordinators' texts and choices included. */
export const DELETE: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		await resetAllEdits(locals.db, account, concertation);
		return Response.json({ ok: true });
	});
