import { fail } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { translator } from '$lib/i18n';
import { publicOrigin } from '$lib/server/concertation/join-link';
import { DomainError } from '$lib/server/errors';
import { toCommandError } from '$lib/server/realtime/errors';
import { createShare, revokeShare } from '$lib/server/restitution/access';
import { authoriseRestitution, type RestitutionRequest } from '$lib/server/restitution/http';
import {
	addNextDate,
	editItem,
	moveTable,
	removeNextDate,
	updateNextDate,
	resetAllEdits,
	resetEdit,
	saveDocumentTexts,
	setAttendanceNames
} from '$lib/server/restitution/service';
import { loadReview, pageAccess } from '$lib/server/restitution/review-page';
import { setRestitutionPublished } from '$lib/server/restitution/series-page';
import type { Facilitator } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

const access = (locals: App.Locals, id: string, url: URL) =>
	pageAccess(locals, url, () => authoriseRestitution(locals, id, url));

export const load: PageServerLoad = async ({ locals, params, url }) =>
	loadReview(locals, await access(locals, params.id, url));

/** Runs one editing action; refusals come back as a translated `fail` that keeps the input. */
async function editing(
	event: { locals: App.Locals; params: { id: string }; url: URL; request: Request },
	run: (
		account: Facilitator,
		request: RestitutionRequest,
		form: FormData
	) => Promise<{ key: string; shareUrl?: string }>
) {
	const { locals, params, url, request } = event;
	const form = await request.formData();
	const allowed = await access(locals, params.id, url);
	if (allowed.access.kind === 'share') {
		return fail(403, { message: translator(locals.locale, 'errors')('forbidden'), key: '' });
	}
	try {
		const done = await run(allowed.access.account, allowed, form);
		return { saved: true as const, key: done.key, shareUrl: done.shareUrl ?? '' };
	} catch (caught) {
		if (caught instanceof DomainError || caught instanceof ZodError) {
			const answer = toCommandError(caught, locals.locale);
			const values: Record<string, string> = {};
			for (const [name, value] of form) {
				if (typeof value === 'string') values[name.slice(0, 50)] = value.slice(0, 5000);
			}
			return fail(caught instanceof DomainError && caught.code === 'not_found' ? 404 : 400, {
				message: answer.message,
				key: String(form.get('key') ?? ''),
				field: answer.fields?.[0]?.path ?? '',
				values
			});
		}
		throw caught;
	}
}

const field = (form: FormData, name: string, max = 5000) =>
	String(form.get(name) ?? '').slice(0, max);

/** A next date's fields as the add and edit forms send them. */
const dateInput = (form: FormData) => ({
	fr: field(form, 'labelFr'),
	nl: field(form, 'labelNl'),
	date: field(form, 'date', 20),
	time: field(form, 'time', 10),
	endTime: field(form, 'endTime', 10),
	place: field(form, 'place'),
	link: field(form, 'link', 2100),
	descriptionFr: field(form, 'descriptionFr'),
	descriptionNl: field(form, 'descriptionNl'),
	en: field(form, 'labelEn'),
	descriptionEn: field(form, 'descriptionEn')
});

export const actions: Actions = {
	item: (event) =>
		editing(event, async (account, { concertation }, form) => {
			const key = field(form, 'key', 100);
			const value = (name: string) => (form.has(name) ? field(form, name) : undefined);
			await editItem(event.locals.db, account, concertation, key, {
				hidden: form.get('hidden') === 'on',
				text: value('text'),
				fr: value('fr'),
				nl: value('nl'),
				en: value('en')
			});
			return { key };
		}),
	reset: (event) =>
		editing(event, async (account, { concertation }, form) => {
			const key = field(form, 'key', 100);
			await resetEdit(event.locals.db, account, concertation, key);
			return { key };
		}),
	resetAll: (event) =>
		editing(event, async (account, { concertation }) => {
			await resetAllEdits(event.locals.db, account, concertation);
			return { key: 'all' };
		}),
	attendanceNames: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await setAttendanceNames(
				event.locals.db,
				account,
				concertation,
				form.get('attendanceNames') === 'on'
			);
			return { key: 'attendanceNames' };
		}),
	texts: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await saveDocumentTexts(event.locals.db, account, concertation, {
				introductionFr: field(form, 'introductionFr'),
				introductionNl: field(form, 'introductionNl'),
				conclusionFr: field(form, 'conclusionFr'),
				conclusionNl: field(form, 'conclusionNl'),
				thanksFr: field(form, 'thanksFr'),
				thanksNl: field(form, 'thanksNl'),
				organiserFr: field(form, 'organiserFr'),
				organiserNl: field(form, 'organiserNl'),
				introductionEn: field(form, 'introductionEn'),
				conclusionEn: field(form, 'conclusionEn'),
				thanksEn: field(form, 'thanksEn'),
				organiserEn: field(form, 'organiserEn'),
				contactName: field(form, 'contactName'),
				contactEmail: field(form, 'contactEmail'),
				contactPhone: field(form, 'contactPhone')
			});
			return { key: 'texts' };
		}),
	addDate: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await addNextDate(event.locals.db, account, concertation, dateInput(form));
			return { key: 'nextDates' };
		}),
	editDate: (event) =>
		editing(event, async (account, { concertation }, form) => {
			const index = /^\d{1,3}$/.test(field(form, 'index', 10)) ? Number(form.get('index')) : -1;
			await updateNextDate(event.locals.db, account, concertation, index, dateInput(form));
			return { key: 'nextDates' };
		}),
	seriesPage: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await setRestitutionPublished(
				event.locals.db,
				account,
				concertation,
				form.get('published') === 'on'
			);
			return { key: 'seriesPage' };
		}),
	removeDate: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await removeNextDate(event.locals.db, account, concertation, Number(form.get('index')));
			return { key: 'nextDates' };
		}),
	moveTable: (event) =>
		editing(event, async (account, { concertation }, form) => {
			const direction = form.get('direction') === 'up' ? 'up' : 'down';
			await moveTable(
				event.locals.db,
				account,
				concertation,
				Number(form.get('tableId')),
				direction
			);
			return { key: 'tableOrder' };
		}),
	share: (event) =>
		editing(event, async (account, { concertation }) => {
			const { token } = await createShare(event.locals.db, concertation.id, account);
			// Shown once: only the token's hash is stored.
			return {
				key: 'share',
				shareUrl: `${publicOrigin(event.url.origin).origin}/r/share/${token}`
			};
		}),
	revoke: (event) =>
		editing(event, async (account, { concertation }, form) => {
			await revokeShare(event.locals.db, concertation.id, account, Number(form.get('shareId')));
			return { key: 'share' };
		})
};
