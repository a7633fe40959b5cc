import { anonymiseParticipants } from '$lib/server/concertation/anonymise';
import { facilitatorActor } from '$lib/server/http/guards';
import { jsonEndpoint, requireApiAccount } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** Anonymises a closed concertation's participants (see anonymiseParticipants). */
export const POST: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { participants } = await anonymiseParticipants(
			locals.db,
			facilitatorActor(account),
			Number(params.id) || 0
		);
		return Response.json({ ok: true, participants });
	});
