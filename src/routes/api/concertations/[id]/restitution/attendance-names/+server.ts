import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { setAttendanceNames } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

const namesSchema = z.object({ listed: z.boolean() }).strict();

/** Prints the names of those who consented to the attendance list (`listed: true`), or not. */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const { listed } = namesSchema.parse(await readJson(request));
		await setAttendanceNames(locals.db, account, concertation, listed);
		return Response.json({ ok: true, listed });
	});
