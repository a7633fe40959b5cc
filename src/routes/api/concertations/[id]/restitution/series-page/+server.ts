import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { setRestitutionPublished } from '$lib/server/restitution/series-page';
import type { RequestHandler } from './$types';

const publishSchema = z.object({ published: z.boolean() }).strict();

/**
 * Publishes this restitution on its series' public page (`published: true`) or withdraws it.
 * Refused (`series_page_no_series`) for a concertation outside any series.
 */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const { published } = publishSchema.parse(await readJson(request));
		await setRestitutionPublished(locals.db, account, concertation, published);
		return Response.json({ ok: true, published });
	});
