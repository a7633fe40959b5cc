import { parseContentLanguages } from '$lib/protocol';
import { joinUrl } from '$lib/server/concertation/join-link';
import { screenKeyOf } from '$lib/server/concertation/screen-key';
import { createConcertation, listConcertations } from '$lib/server/concertation/service';
import { facilitatorActor } from '$lib/server/http/guards';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { seriesOfCoordinator } from '$lib/server/restitution/access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		let rows = await listConcertations(locals.db);
		if (account.role !== 'facilitator') {
			// Coordinators see the concertations of the series they follow.
			const followed = new Set(await seriesOfCoordinator(locals.db, account.id));
			rows = rows.filter((row) => row.series_id !== null && followed.has(row.series_id));
		}
		return Response.json({
			ok: true,
			concertations: rows.map((row) => ({
				id: row.id,
				joinCode: row.join_code,
				title: { fr: row.title_fr, nl: row.title_nl, en: row.title_en },
				languages: parseContentLanguages(row.languages),
				number: row.number,
				date: row.date,
				startTime: row.start_time,
				place: row.place,
				status: row.status,
				seriesId: row.series_id,
				// The projector's key, for facilitators only (null once ended).
				...(account.role === 'facilitator' ? { screenKey: screenKeyOf(row) } : {})
			}))
		});
	});

/** Creates a concertation (standard programme unless `programme` is given). */
export const POST: RequestHandler = ({ locals, request, url }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const concertation = await createConcertation(
			locals.db,
			facilitatorActor(account),
			await readJson(request)
		);
		return Response.json(
			{
				ok: true,
				concertation: {
					id: concertation.id,
					joinCode: concertation.join_code,
					joinUrl: joinUrl(url.origin, concertation.join_code),
					screenKey: screenKeyOf(concertation)
				}
			},
			{ status: 201, headers: { location: `/api/concertations/${concertation.id}` } }
		);
	});
