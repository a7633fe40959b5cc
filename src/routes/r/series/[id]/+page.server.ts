import { DomainError } from '$lib/server/errors';
import { pageAccess } from '$lib/server/restitution/review-page';
import { seriesOverview } from '$lib/server/restitution/series-overview';
import type { PageServerLoad } from './$types';
import { idParam } from '$lib/server/http/params';

/** A series at a glance: facilitators, and the coordinators who follow it. */
export const load: PageServerLoad = ({ locals, params, url }) =>
	pageAccess(locals, url, async () => {
		if (!locals.facilitator) throw new DomainError('unauthenticated');
		const id = idParam(params.id);
		return seriesOverview(locals.db, locals.facilitator, id);
	});
