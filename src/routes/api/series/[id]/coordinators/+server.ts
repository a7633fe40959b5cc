import { z } from 'zod';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { addCoordinator } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

const coordinatorSchema = z.object({ email: z.string().max(500) }).strict();

/** Lets a coordinator account (by its email) follow the series: read, edit, export. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { email } = coordinatorSchema.parse(await readJson(request));
		await addCoordinator(locals.db, account, idParam(params.id), email);
		return Response.json({ ok: true });
	});
