import { jsonEndpoint } from '$lib/server/http/api';
import { authoriseRestitution } from '$lib/server/restitution/http';
import { loadReview } from '$lib/server/restitution/review-page';
import type { RequestHandler } from './$types';

/**
 * What the review page shows (`/r/<id>`), for the same readers: the restitution model, and for
 * accounts that may edit it every editable item with its key and state, the coordinators'
 * texts, the order of the tables and the share links. A share-link reader gets the document
 * only.
 */
export const GET: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const review = await loadReview(locals, await authoriseRestitution(locals, params.id, url));
		return Response.json(
			{ ok: true, ...review },
			{ headers: { 'cache-control': 'private, no-store' } }
		);
	});
