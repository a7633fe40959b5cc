import { authoriseShareLink } from '$lib/server/restitution/http';
import { loadReview, pageAccess } from '$lib/server/restitution/review-page';
import type { PageServerLoad } from './$types';

/** The read-only restitution behind a share link given as a path (`/r/share/<token>`). */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	// The token is the secret: keep it out of other sites' logs and out of shared caches.
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'private, no-store' });
	return loadReview(
		locals,
		await pageAccess(locals, url, () => authoriseShareLink(locals, params.token))
	);
};
