import { removePhase, updatePhase } from '$lib/server/concertation/service';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import { idParam } from '$lib/server/http/params';
import type { RequestHandler } from './$types';

/** Rewrites a step: titles, texts, planned minutes and (when given) the facilitators' notes. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { version } = await updatePhase(
			locals.db,
			facilitatorActor(account),
			idParam(params.id),
			idParam(params.phaseId),
			await readJson(request)
		);
		return Response.json({ ok: true, version });
	});

/** Removes a step (never the last one). */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { version } = await removePhase(
			locals.db,
			facilitatorActor(account),
			idParam(params.id),
			idParam(params.phaseId)
		);
		return Response.json({ ok: true, version });
	});
