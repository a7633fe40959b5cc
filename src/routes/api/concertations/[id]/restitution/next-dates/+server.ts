import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { nextDateBodySchema, nextDateInputOf } from '$lib/server/restitution/edits';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { addNextDate } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

/**
 * Adds a next date ("save the date") to the restitution; at most 10. A refused field comes
 * back translated, with its name in `error.fields` (see edits.ts `normaliseNextDate`).
 */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const input = nextDateBodySchema.parse(await readJson(request));
		await addNextDate(locals.db, account, concertation, nextDateInputOf(input));
		return Response.json({ ok: true }, { status: 201 });
	});
