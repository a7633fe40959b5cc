import { isoDateInBrussels } from '$lib/i18n/format';
import { pageAccess } from '$lib/server/restitution/review-page';
import { publicSeriesPage } from '$lib/server/restitution/series-page';
import type { PageServerLoad } from './$types';

/**
 * A series' public page, without signing in (series-page.ts). Off, regenerated or unknown,
 * the answer is the same translated 404, which names nothing of the series.
 */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	// The address is the key: keep it out of other sites' logs and shared caches. Same-origin
	// rather than no-referrer: with no-referrer the browser sends `Origin: null` with the
	// language switcher's form, which the CSRF check then refuses.
	setHeaders({ 'referrer-policy': 'same-origin', 'cache-control': 'no-store' });
	const page = await pageAccess(locals, url, () =>
		publicSeriesPage(locals.db, params.token, isoDateInBrussels())
	);
	return { page };
};
