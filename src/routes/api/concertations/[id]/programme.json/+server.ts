import { exportProgramme, importProgramme } from '$lib/server/concertation/service';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import type { RequestHandler } from './$types';

/** The programme as a reusable template file. */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		requireApiAccount(locals);
		const id = Number(params.id) || 0;
		const programme = await exportProgramme(locals.db, id);
		return new Response(JSON.stringify(programme, null, '\t'), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="programme-${id}.json"`
			}
		});
	});

/** Replaces the programme of a concertation that has not started. */
export const PUT: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const { version } = await importProgramme(
			locals.db,
			facilitatorActor(account),
			Number(params.id) || 0,
			await readJson(request)
		);
		return Response.json({ ok: true, version });
	});
