import { ApiError, jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import { executeCommand } from '$lib/server/realtime/commands';
import type { RequestHandler } from './$types';

const STATUS_OF: Record<string, number> = {
	not_found: 404,
	forbidden: 403,
	invalid: 400,
	internal: 500,
	storage_unavailable: 503
};

/** Any facilitator command of the realtime protocol, over HTTP, with the same answer. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const concertationId = Number(params.id);
		if (!Number.isSafeInteger(concertationId) || concertationId <= 0)
			throw new ApiError(404, 'not_found');
		const ack = await executeCommand(locals.db, {
			name: params.name,
			payload: await readJson(request),
			actor: facilitatorActor(account),
			concertationId,
			locale: locals.locale
		});
		return Response.json(ack, { status: ack.ok ? 200 : (STATUS_OF[ack.error.code] ?? 409) });
	});
