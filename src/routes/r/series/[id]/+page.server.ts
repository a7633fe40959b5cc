import { isoDateInBrussels } from '$lib/i18n/format';
import { actionPaths } from '$lib/server/actions/rules';
import {
	actionCandidates,
	actionHistory,
	actionsAccessFor,
	createAction,
	findSeries,
	listActions,
	updateAction
} from '$lib/server/actions/service';
import { DomainError } from '$lib/server/errors';
import { formValues, runFormAction } from '$lib/server/http/forms';
import { idParam } from '$lib/server/http/params';
import { publicOrigin } from '$lib/server/concertation/join-link';
import {
	regenerateSeriesPageToken,
	seriesPageSettings,
	setSeriesPage
} from '$lib/server/restitution/series-page';
import { pageAccess } from '$lib/server/restitution/review-page';
import { seriesOverview } from '$lib/server/restitution/series-overview';
import type { ActionFieldsInput, ActionSourceInput } from '$lib/protocol/actions';
import type { Facilitator } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

/**
 * A series at a glance (facilitators, and the coordinators who follow it) and its actions,
 * which those may edit between meetings; holders of a share link of one of its concertations
 * (`?share=<token>`) read the actions only.
 */
export const load: PageServerLoad = ({ locals, params, url }) =>
	pageAccess(locals, url, async () => {
		const id = idParam(params.id);
		const shareToken = locals.facilitator
			? null
			: url.searchParams.get('share')?.slice(0, 200) || null;
		if (!locals.facilitator && !shareToken) throw new DomainError('unauthenticated');
		const { canEdit } = await actionsAccessFor(locals.db, locals.facilitator, id, shareToken);
		const [overview, actions, history, candidates] = await Promise.all([
			locals.facilitator
				? seriesOverview(locals.db, locals.facilitator, id)
				: findSeries(locals.db, id).then((series) => ({ series, concertations: [] })),
			listActions(locals.db, id),
			actionHistory(locals.db, id),
			canEdit ? actionCandidates(locals.db, id) : Promise.resolve([])
		]);
		// The public page's switch and address: for those who may turn it on, only.
		const publicPage = canEdit
			? await seriesPageSettings(locals.db, id, publicOrigin(url.origin).origin)
			: null;
		const paths = actionPaths(
			actions,
			history,
			overview.concertations.map((concertation) => concertation.date),
			(iso) => isoDateInBrussels(new Date(iso))
		);
		return {
			...overview,
			actions,
			history,
			candidates,
			canEdit,
			shareOnly: !!shareToken,
			publicPage,
			paths
		};
	});

const FIELDS = [
	'formId',
	'actionId',
	'version',
	'source',
	'titleFr',
	'titleNl',
	'descriptionFr',
	'descriptionNl',
	'leadOrganisations',
	'contact',
	'status',
	'progressNote',
	'dueDate'
] as const;

type Values = Record<(typeof FIELDS)[number], string>;

/** The form's fields as the domain takes them (organisations one per line). */
function fields(values: Values): ActionFieldsInput {
	return {
		titleFr: values.titleFr,
		titleNl: values.titleNl,
		descriptionFr: values.descriptionFr,
		descriptionNl: values.descriptionNl,
		leadOrganisations: values.leadOrganisations.split(/\r?\n/),
		contact: values.contact,
		status: (values.status || undefined) as ActionFieldsInput['status'],
		progressNote: values.progressNote,
		dueDate: values.dueDate
	};
}

/** `priority:<concertationId>:<candidateId>`, `table:<concertationId>:<tableId>` or nothing. */
function sourceOf(raw: string): ActionSourceInput {
	const [kind, concertation, item] = raw.split(':');
	const concertationId = idParam(concertation ?? '');
	const itemId = idParam(item ?? '');
	if (kind === 'priority') return { kind, concertationId, candidateId: itemId };
	if (kind === 'table') return { kind, concertationId, tableId: itemId };
	return { kind: 'scratch' };
}

type Event = Parameters<Actions[string]>[0];

/** The same domain functions as the JSON API; a refusal keeps what was typed, in its form. */
async function save(event: Event, run: (values: Values) => Promise<unknown>) {
	const { locals } = event;
	if (!locals.facilitator) throw new DomainError('unauthenticated');
	const values = formValues(await event.request.formData(), FIELDS);
	const outcome = await runFormAction(locals.locale, values, () => run(values));
	if (!outcome.ok) return outcome.failure;
	return { saved: values.formId };
}

/** The public page's switch and its new address: the same domain functions as the JSON API. */
async function publicPageChange(event: Event, run: (account: Facilitator) => Promise<void>) {
	const { locals } = event;
	if (!locals.facilitator) throw new DomainError('unauthenticated');
	const account = locals.facilitator;
	const outcome = await runFormAction(locals.locale, { formId: 'public-page' }, () => run(account));
	if (!outcome.ok) return outcome.failure;
	return { saved: 'public-page' };
}

export const actions: Actions = {
	publicPage: (event) =>
		publicPageChange(event, async (account) => {
			const enabled = (await event.request.formData()).get('enabled') === 'on';
			await setSeriesPage(event.locals.db, account, idParam(event.params.id), enabled);
		}),
	publicPageToken: (event) =>
		publicPageChange(event, (account) =>
			regenerateSeriesPageToken(event.locals.db, account, idParam(event.params.id))
		),
	createAction: (event) =>
		save(event, (values) => {
			const source = sourceOf(values.source);
			const given = fields(values);
			// From a priority or a table, a field left empty takes the source's words.
			if (source.kind !== 'scratch')
				for (const name of ['titleFr', 'titleNl', 'descriptionFr', 'descriptionNl'] as const)
					if (!given[name]?.trim()) delete given[name];
			return createAction(event.locals.db, event.locals.facilitator!, idParam(event.params.id), {
				...given,
				source
			});
		}),
	updateAction: (event) =>
		save(event, (values) =>
			updateAction(
				event.locals.db,
				event.locals.facilitator!,
				idParam(event.params.id),
				idParam(values.actionId),
				{ ...fields(values), version: Number(values.version) || undefined }
			)
		)
};
