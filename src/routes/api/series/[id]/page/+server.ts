import { z } from 'zod';
import { publicOrigin } from '$lib/server/concertation/join-link';
import { jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { idParam } from '$lib/server/http/params';
import { seriesPageSettingsFor, setSeriesPage } from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

const noStore = { 'cache-control': 'private, no-store' };
const switchSchema = z.object({ enabled: z.boolean() }).strict();

/** The series' public page: on or off, and its address. Facilitators and the series' coordinators. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const page = await seriesPageSettingsFor(
			locals.db,
			account,
			idParam(params.id),
			publicOrigin(url.origin).origin
		);
		return Response.json({ ok: true, page }, { headers: noStore });
	});

/** Turns the public page on (`enabled: true`) or off; answers the new settings. */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals);
		const { enabled } = switchSchema.parse(await readJson(request));
		const seriesId = idParam(params.id);
		await setSeriesPage(locals.db, account, seriesId, enabled);
		const page = await seriesPageSettingsFor(
			locals.db,
			account,
			seriesId,
			publicOrigin(url.origin).origin
		);
		return Response.json({ ok: true, page }, { headers: noStore });
	});
