import { normaliseJoinCode } from '$lib/server/concertation/join-code';
import { findByJoinCode } from '$lib/server/concertation/store';
import { ApiError, jsonEndpoint, readJson } from '$lib/server/http/api';
import { joinConcertation } from '$lib/server/participants/service';
import type { RequestHandler } from './$types';

/** Joins as a participant from a script; keep the token to connect the socket. */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const code = normaliseJoinCode(params.code);
		const concertation = code ? await findByJoinCode(locals.db, code) : undefined;
		if (!concertation) throw new ApiError(404, 'unknown_code', { code: params.code.slice(0, 12) });
		const { participant, token } = await joinConcertation(
			locals.db,
			concertation,
			await readJson(request)
		);
		return Response.json(
			{ ok: true, token, participantId: participant.id, concertationId: concertation.id },
			{ status: 201 }
		);
	});
