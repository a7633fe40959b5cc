import { DomainError } from '$lib/server/errors';
import { pageAccess } from '$lib/server/restitution/review-page';
import { seriesOverview } from '$lib/server/restitution/series-overview';
import type { PageServerLoad } from './$types';

/** A series at a glance: facilitators, and the coordinators who follow it. */
export const load: PageServerLoad = ({ locals, params, url }) =>
	pageAccess(locals, url, async () => {
		if (!locals.facilitator) throw new DomainError('unauthenticated');
		const id = /^\d{1,12}$/.test(params.id) ? Number(params.id) : 0;
		return seriesOverview(locals.db, locals.facilitator, id);
	});
