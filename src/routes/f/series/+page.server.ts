import { ZodError } from 'zod';
import { fail } from '@sveltejs/kit';
import { DomainError } from '$lib/server/errors';
import { requireRunnerAccount } from '$lib/server/http/guards';
import { toCommandError } from '$lib/server/realtime/errors';
import {
	addCoordinator,
	createSeries,
	listSeries,
	LOGO_MAX_BYTES,
	removeCoordinator,
	removeLogo,
	saveLogo,
	saveOrganiser
} from '$lib/server/restitution/series';
import type { Facilitator } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireRunnerAccount(locals, url);
	return { series: await listSeries(locals.db), logoMaxBytes: LOGO_MAX_BYTES };
};

type Event = Parameters<Actions[string]>[0];

/** One management action; refusals come back translated, attached to their series. */
async function manage(
	event: Event,
	run: (form: FormData, seriesId: number, account: Facilitator) => Promise<unknown>
) {
	const account = requireRunnerAccount(event.locals, event.url);
	const form = await event.request.formData();
	const seriesId = Number(form.get('seriesId') ?? 0);
	try {
		await run(form, seriesId, account);
		return { saved: seriesId || 'new' };
	} catch (caught) {
		if (caught instanceof DomainError || caught instanceof ZodError) {
			return fail(400, {
				seriesId: seriesId || 'new',
				message: toCommandError(caught, event.locals.locale).message
			});
		}
		throw caught;
	}
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').slice(0, 500);

export const actions: Actions = {
	create: (event) =>
		manage(event, (form, _seriesId, account) =>
			createSeries(event.locals.db, account, {
				titleFr: text(form, 'titleFr'),
				titleNl: text(form, 'titleNl')
			})
		),
	organiser: (event) =>
		manage(event, (form, seriesId, account) =>
			saveOrganiser(event.locals.db, account, seriesId, {
				fr: text(form, 'organiserFr'),
				nl: text(form, 'organiserNl')
			})
		),
	logo: (event) =>
		manage(event, async (form, seriesId, account) => {
			const file = form.get('logo');
			if (!(file instanceof File))
				throw new DomainError('bad_logo', {}, 'restitution:errors.bad_logo');
			if (file.size > LOGO_MAX_BYTES) throw new DomainError('too_large');
			await saveLogo(event.locals.db, account, seriesId, new Uint8Array(await file.arrayBuffer()));
		}),
	removeLogo: (event) =>
		manage(event, (_form, seriesId, account) => removeLogo(event.locals.db, account, seriesId)),
	addCoordinator: (event) =>
		manage(event, (form, seriesId, account) =>
			addCoordinator(event.locals.db, account, seriesId, text(form, 'email'))
		),
	removeCoordinator: (event) =>
		manage(event, (form, seriesId, account) =>
			removeCoordinator(event.locals.db, account, seriesId, Number(form.get('facilitatorId')))
		)
};
