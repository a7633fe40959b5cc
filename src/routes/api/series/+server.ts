import { z } from 'zod';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { seriesOfCoordinator } from '$lib/server/restitution/access';
import { createSeries, listSeries } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

/** Every series for facilitators; the series they follow for coordinators. */
export const GET: RequestHandler = ({ locals }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		let series = await listSeries(locals.db);
		if (account.role !== 'facilitator') {
			const followed = new Set(await seriesOfCoordinator(locals.db, account.id));
			series = series.filter((one) => followed.has(one.id));
		}
		return Response.json({ ok: true, series });
	});

const createSchema = z
	.object({ titleFr: z.string().max(2000), titleNl: z.string().max(2000) })
	.strict();

/** Creates a series (facilitators), as on `/f/series`. */
export const POST: RequestHandler = ({ locals, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const id = await createSeries(locals.db, account, createSchema.parse(await readJson(request)));
		return Response.json(
			{ ok: true, series: { id } },
			{ status: 201, headers: { location: `/api/series/${id}` } }
		);
	});
