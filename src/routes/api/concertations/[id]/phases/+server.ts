import { addPhase } from '$lib/server/concertation/service';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import { idParam } from '$lib/server/http/params';
import type { RequestHandler } from './$types';

/** Adds a step at the end of the programme (the programme page's "Add a step"). */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { result, version } = await addPhase(
			locals.db,
			facilitatorActor(account),
			idParam(params.id),
			await readJson(request)
		);
		return Response.json({ ok: true, phase: result, version }, { status: 201 });
	});
