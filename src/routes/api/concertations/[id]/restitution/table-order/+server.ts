import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { moveTable } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

const moveSchema = z
	.object({ tableId: z.number().int().positive(), direction: z.enum(['up', 'down']) })
	.strict();

/** Moves a discussion table one place up or down in the restitution's order. */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const { tableId, direction } = moveSchema.parse(await readJson(request));
		await moveTable(locals.db, account, concertation, tableId, direction);
		return Response.json({ ok: true });
	});
