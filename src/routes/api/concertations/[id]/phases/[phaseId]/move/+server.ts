import { z } from 'zod';
import { movePhase } from '$lib/server/concertation/service';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import { idParam } from '$lib/server/http/params';
import type { RequestHandler } from './$types';

/** The page's ↑ ↓ buttons (`direction`) or a drop at a place in the list (`toIndex`, 0 first). */
const moveSchema = z.union([
	z.object({ direction: z.enum(['up', 'down']) }).strict(),
	z.object({ toIndex: z.number().int() }).strict()
]);

/** Moves a step in the programme. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const move = moveSchema.parse(await readJson(request));
		const { version } = await movePhase(
			locals.db,
			facilitatorActor(account),
			idParam(params.id),
			idParam(params.phaseId),
			'direction' in move ? move.direction : move
		);
		return Response.json({ ok: true, version });
	});
