import { ApiError, jsonEndpoint } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/**
 * Any address under /api/ that no endpoint serves, with any method: a JSON 404 in the
 * caller's language, as scripts expect from the API, rather than the HTML error page.
 * (SvelteKit matches every other route of /api/ first: a rest parameter ranks last.)
 */
export const fallback: RequestHandler = ({ locals }) =>
	jsonEndpoint(locals, async () => {
		throw new ApiError(404, 'not_found');
	});
