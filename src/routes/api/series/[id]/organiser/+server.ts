import { z } from 'zod';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { saveOrganiser } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

const organiserSchema = z
	.object({ fr: z.string().max(2000).default(''), nl: z.string().max(2000).default('') })
	.strict();

/** The organiser's name printed on every restitution of the series (empty: none). */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const organiser = organiserSchema.parse(await readJson(request));
		await saveOrganiser(locals.db, account, idParam(params.id), organiser);
		return Response.json({ ok: true });
	});
