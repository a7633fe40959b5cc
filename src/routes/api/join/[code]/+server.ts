import { lookUpJoinCode } from '$lib/server/concertation/join-lookup';
import { ApiError, jsonEndpoint, readJson } from '$lib/server/http/api';
import { joinConcertation } from '$lib/server/participants/service';
import type { RequestHandler } from './$types';

/** Joins as a participant from a script; keep the token to connect the socket. */
export const POST: RequestHandler = ({ locals, params, request, getClientAddress }) =>
	jsonEndpoint(locals, async () => {
		const lookup = await lookUpJoinCode(locals.db, params.code, getClientAddress());
		if (lookup.status === 'limited') {
			throw new ApiError(
				429,
				'rate_limited',
				{ count: Math.ceil(lookup.retryAfterSeconds / 60) },
				{ 'retry-after': String(lookup.retryAfterSeconds) },
				'join_rate_limited'
			);
		}
		if (lookup.status !== 'found')
			throw new ApiError(404, 'unknown_code', { code: params.code.slice(0, 12) });
		const { concertation } = lookup;
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
