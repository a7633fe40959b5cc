import { redirect } from '@sveltejs/kit';
import {
	createConcertation,
	languagesFromForm,
	listConcertations
} from '$lib/server/concertation/service';
import { facilitatorActor, requireAccount, requireRunnerAccount } from '$lib/server/http/guards';
import { formValues, runFormAction } from '$lib/server/http/forms';
import { DomainError } from '$lib/server/errors';
import { seriesOfCoordinator } from '$lib/server/restitution/access';
import { listSeries } from '$lib/server/restitution/series';
import type { Actions, PageServerLoad } from './$types';

const DETAIL_FIELDS = [
	'titleFr',
	'titleNl',
	'titleEn',
	'languageMain',
	'languageSecond',
	'number',
	'date',
	'startTime',
	'place',
	'contactName',
	'contactEmail',
	'contactPhone'
] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const account = requireAccount(locals, url);
	const concertations = await listConcertations(locals.db);
	if (account.role === 'facilitator') return { concertations };
	// Coordinators see the concertations of the series they follow, to review and export them,
	// and those series' overviews.
	const followed = new Set(await seriesOfCoordinator(locals.db, account.id));
	return {
		concertations: concertations.filter(
			(concertation) => concertation.series_id !== null && followed.has(concertation.series_id)
		),
		followedSeries: (await listSeries(locals.db))
			.filter((series) => followed.has(series.id))
			.map((series) => ({ id: series.id, title: series.title }))
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const account = requireRunnerAccount(locals, url);
		const form = await request.formData();
		const values = formValues(form, [...DETAIL_FIELDS, 'copyFrom']);
		const file = form.get('programme');
		const outcome = await runFormAction(locals.locale, values, async () => {
			// "" is the standard programme; anything else must name a concertation by its id.
			const copyFrom = values.copyFrom === '' ? undefined : Number(values.copyFrom);
			let programme: unknown;
			if (file instanceof File && file.size > 0) {
				if (copyFrom !== undefined)
					throw new DomainError('programme_source_conflict', { field: 'copyFrom' });
				if (file.size > 256 * 1024) throw new DomainError('too_large');
				try {
					programme = JSON.parse(await file.text());
				} catch {
					throw new DomainError('bad_programme', { detail: 'JSON' });
				}
			}
			return createConcertation(locals.db, facilitatorActor(account), {
				...values,
				languages: languagesFromForm(values),
				copyFrom,
				programme
			});
		});
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/f/${outcome.result.id}`);
	}
};
