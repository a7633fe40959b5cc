import { error, fail, redirect } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { translator } from '$lib/i18n';
import { PHASE_KINDS, parseContentLanguages } from '$lib/protocol';
import {
	addPhase,
	concertationDetails,
	confirmsDeletion,
	deleteConcertation,
	importProgramme,
	languagesFromForm,
	movePhase,
	removePhase,
	type PhaseMove,
	updateDetails,
	updatePhase,
	updateSectors
} from '$lib/server/concertation/service';
import { anonymiseParticipants } from '$lib/server/concertation/anonymise';
import { screenKeyOf, screenPath } from '$lib/server/concertation/screen-key';
import { config } from '$lib/server/config';
import { executeCommand } from '$lib/server/realtime/commands';
import { listPhases } from '$lib/server/concertation/store';
import { parseSectorLines, sectorLines } from '$lib/server/concertation/programme';
import { parseSectors, phaseView } from '$lib/server/concertation/views';
import { DomainError } from '$lib/server/errors';
import { formValues, runFormAction } from '$lib/server/http/forms';
import { facilitatorActor, requireRunnerAccount } from '$lib/server/http/guards';
import { loadConcertationOr404 } from '$lib/server/http/params';
import { listSeries, setConcertationSeries } from '$lib/server/restitution/series';
import { partCommandFromForm, partFormValues } from '$lib/server/parts/form';
import { partsView } from '$lib/server/parts/views';
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

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRunnerAccount(locals, url);
	const concertation = await loadConcertationOr404(locals, params.id);
	return {
		// The projector's link to hand to a computer without an account (null once ended).
		screenLink: screenKeyOf(concertation)
			? `${config.publicUrl ?? url.origin}${screenPath(concertation)}`
			: null,
		concertation: {
			id: concertation.id,
			status: concertation.status,
			joinCode: concertation.join_code,
			participantsAnonymisedAt: concertation.participants_anonymised_at,
			details: concertationDetails(concertation),
			videoLink: concertation.video_link
		},
		sectors: parseSectors(concertation),
		// The form's lines: the labels in the content languages (parseSectorLines reads them).
		sectorLines: sectorLines(
			parseSectors(concertation),
			parseContentLanguages(concertation.languages)
		),
		phases: (await listPhases(locals.db, concertation.id)).map((phase) => phaseView(phase, true)),
		parts: await partsView(locals.db.withTables(), concertation, 'facilitator'),
		kinds: PHASE_KINDS,
		seriesId: concertation.series_id,
		series: (await listSeries(locals.db)).map((series) => ({ id: series.id, title: series.title }))
	};
};

async function context(locals: App.Locals, url: URL, rawId: string) {
	const account = requireRunnerAccount(locals, url);
	const concertation = await loadConcertationOr404(locals, rawId);
	return { actor: facilitatorActor(account), id: concertation.id, concertation };
}

function phaseId(form: FormData, locale: App.Locals['locale']): number {
	const id = Number(form.get('phaseId'));
	if (!Number.isSafeInteger(id) || id <= 0)
		error(400, { message: translator(locale, 'errors')('not_found'), code: 'not_found' });
	return id;
}

/**
 * The buttons send `direction` (up or down); a drop sends `toIndex`, the place in the list
 * (0 = first), which `movePhase` checks against the programme.
 */
function phaseMove(form: FormData): PhaseMove {
	const toIndex = form.get('toIndex');
	if (toIndex !== null) return { toIndex: toIndex === '' ? NaN : Number(toIndex) };
	return form.get('direction') === 'up' ? 'up' : 'down';
}

function phaseFields(form: FormData) {
	const text = (name: string) => String(form.get(name) ?? '').slice(0, 5000);
	return {
		kind: text('kind'),
		title: { fr: text('titleFr'), nl: text('titleNl'), en: text('titleEn') },
		body: { fr: text('bodyFr'), nl: text('bodyNl'), en: text('bodyEn') },
		durationMinutes: Number(form.get('durationMinutes')),
		notes: text('notes')
	};
}

export const actions: Actions = {
	series: async ({ request, locals, url, params }) => {
		const { id } = await context(locals, url, params.id);
		const raw = String((await request.formData()).get('seriesId') ?? '');
		const outcome = await runFormAction(locals.locale, {}, () =>
			setConcertationSeries(
				locals.db,
				requireRunnerAccount(locals, url),
				id,
				raw ? Number(raw) : null
			)
		);
		return outcome.ok ? { saved: 'series' } : outcome.failure;
	},
	details: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const values = formValues(await request.formData(), DETAIL_FIELDS);
		const outcome = await runFormAction(locals.locale, values, () =>
			updateDetails(locals.db, actor, id, { ...values, languages: languagesFromForm(values) })
		);
		return outcome.ok ? { saved: 'details' } : outcome.failure;
	},
	sectors: async ({ request, locals, url, params }) => {
		const { actor, id, concertation } = await context(locals, url, params.id);
		const text = String((await request.formData()).get('sectors') ?? '').slice(0, 20_000);
		const outcome = await runFormAction(locals.locale, { sectors: text }, () =>
			updateSectors(
				locals.db,
				actor,
				id,
				parseSectorLines(
					text,
					parseSectors(concertation),
					parseContentLanguages(concertation.languages)
				)
			)
		);
		return outcome.ok ? { saved: 'sectors' } : outcome.failure;
	},
	phase: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const form = await request.formData();
		const fields = phaseFields(form);
		const outcome = await runFormAction(locals.locale, fields, () =>
			updatePhase(locals.db, actor, id, phaseId(form, locals.locale), fields)
		);
		return outcome.ok ? { saved: 'phase' } : outcome.failure;
	},
	move: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const form = await request.formData();
		const outcome = await runFormAction(locals.locale, {}, () =>
			movePhase(locals.db, actor, id, phaseId(form, locals.locale), phaseMove(form))
		);
		return outcome.ok ? { saved: 'programme' } : outcome.failure;
	},
	remove: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const form = await request.formData();
		const outcome = await runFormAction(locals.locale, {}, () =>
			removePhase(locals.db, actor, id, phaseId(form, locals.locale))
		);
		return outcome.ok ? { saved: 'programme' } : outcome.failure;
	},
	add: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const fields = phaseFields(await request.formData());
		const outcome = await runFormAction(locals.locale, fields, () =>
			addPhase(locals.db, actor, id, fields)
		);
		return outcome.ok ? { saved: 'programme' } : outcome.failure;
	},
	/** The programme's parts: the same commands as the API (`parts.*`), `op` says which. */
	part: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const form = await request.formData();
		const { name, payload } = partCommandFromForm(form);
		const ack = await executeCommand(locals.db, {
			name,
			payload,
			actor,
			concertationId: id,
			locale: locals.locale
		});
		if (ack.ok) return { saved: 'parts' };
		return fail(ack.error.code === 'not_found' ? 404 : 400, {
			values: partFormValues(form),
			message: ack.error.message,
			fields: ack.error.fields ?? [],
			partError: ack.error.code
		});
	},
	delete: async ({ request, locals, url, params }) => {
		const { actor, id, concertation } = await context(locals, url, params.id);
		const typed = String((await request.formData()).get('confirmCode') ?? '').slice(0, 100);
		const outcome = await runFormAction(locals.locale, { confirmCode: typed }, async () => {
			if (!confirmsDeletion(concertation, typed))
				throw new DomainError('delete_not_confirmed', {
					code: concertation.join_code,
					field: 'confirmCode'
				});
			await deleteConcertation(locals.db, actor, id);
		});
		if (!outcome.ok) return outcome.failure;
		redirect(303, '/f?deleted=1');
	},
	/**
	 * A new projector link (`screen.rotateKey`, the same command as over the API): the old one
	 * opens nothing any more, and projectors opened with it disconnect.
	 */
	videoLink: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const videoLink = String((await request.formData()).get('videoLink') ?? '').slice(0, 5000);
		// The command's own path (validated, authorised, one transaction, broadcast to phones).
		const ack = await executeCommand(locals.db, {
			name: 'concertation.videoLink',
			payload: { commandId: randomUUID(), videoLink },
			actor,
			concertationId: id,
			locale: locals.locale
		});
		if (ack.ok) return { saved: 'videoLink' };
		const message = ack.error.message;
		return fail(ack.error.code === 'storage_unavailable' ? 503 : 400, {
			values: { videoLink },
			message,
			fields: [{ path: 'videoLink', message }]
		});
	},
	screenKey: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const confirmed = (await request.formData()).get('confirmScreenKey') === 'yes';
		const outcome = await runFormAction(locals.locale, {}, async () => {
			if (!confirmed)
				throw new DomainError('screen_key_not_confirmed', { field: 'confirmScreenKey' });
			const ack = await executeCommand(locals.db, {
				name: 'screen.rotateKey',
				payload: { commandId: randomUUID() },
				actor,
				concertationId: id,
				locale: locals.locale
			});
			if (!ack.ok) throw new DomainError(ack.error.code);
		});
		return outcome.ok ? { screenKeyRotated: true } : outcome.failure;
	},
	anonymise: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const confirmed = (await request.formData()).get('confirmAnonymise') === 'yes';
		const outcome = await runFormAction(locals.locale, {}, async () => {
			if (!confirmed)
				throw new DomainError('anonymise_not_confirmed', { field: 'confirmAnonymise' });
			return anonymiseParticipants(locals.db, actor, id);
		});
		return outcome.ok ? { anonymised: outcome.result.participants } : outcome.failure;
	},
	import: async ({ request, locals, url, params }) => {
		const { actor, id } = await context(locals, url, params.id);
		const file = (await request.formData()).get('programme');
		const outcome = await runFormAction(locals.locale, {}, async () => {
			if (!(file instanceof File) || file.size === 0)
				throw new DomainError('bad_programme', { detail: '∅' });
			if (file.size > 256 * 1024) throw new DomainError('too_large');
			let json: unknown;
			try {
				json = JSON.parse(await file.text());
			} catch {
				throw new DomainError('bad_programme', { detail: 'JSON' });
			}
			return importProgramme(locals.db, actor, id, json);
		});
		if (!outcome.ok) return outcome.failure;
		redirect(303, `/f/${id}/edit`);
	}
};
