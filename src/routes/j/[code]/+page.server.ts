import { error, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { isLocale } from '$lib/i18n/locales';
import { joinCodeMessage, normaliseJoinCode } from '$lib/server/concertation/join-code';
import { findByJoinCode } from '$lib/server/concertation/store';
import { parseSectors } from '$lib/server/concertation/views';
import { runFormAction } from '$lib/server/http/forms';
import { LOCALE_COOKIE } from '$lib/server/http/locale';
import {
	joinConcertation,
	participantCookieName,
	participantForToken,
	selfView
} from '$lib/server/participants/service';
import type { Actions, PageServerLoad } from './$types';

const PARTICIPANT_COOKIE_DAYS = 60;

async function concertationForCode(locals: App.Locals, rawCode: string) {
	const code = normaliseJoinCode(rawCode);
	const concertation = code ? await findByJoinCode(locals.db, code) : undefined;
	if (!concertation) {
		error(404, {
			// A link that cannot be a code says the rule; a well-formed one that matches nothing says so.
			message: code
				? translator(locals.locale, 'errors')('unknown_code', { code: rawCode.slice(0, 12) })
				: joinCodeMessage(translator(locals.locale), rawCode.slice(0, 12)),
			code: 'unknown_code'
		});
	}
	if (code !== rawCode) redirect(308, `/j/${code}`);
	return concertation;
}

export const load: PageServerLoad = async ({ params, locals, cookies }) => {
	const concertation = await concertationForCode(locals, params.code);
	const participant = await participantForToken(
		locals.db,
		concertation.id,
		cookies.get(participantCookieName(concertation.id))
	);
	return {
		concertation: {
			id: concertation.id,
			joinCode: concertation.join_code,
			title: { fr: concertation.title_fr, nl: concertation.title_nl },
			date: concertation.date,
			status: concertation.status,
			sectors: parseSectors(concertation)
		},
		self: participant ? selfView(participant) : null
	};
};

export const actions: Actions = {
	join: async ({ params, locals, request, cookies, url }) => {
		const concertation = await concertationForCode(locals, params.code);
		const form = await request.formData();
		const values = {
			displayName: String(form.get('displayName') ?? ''),
			organisation: String(form.get('organisation') ?? ''),
			sector: String(form.get('sector') ?? '') || null,
			locale: isLocale(form.get('locale')) ? String(form.get('locale')) : locals.locale,
			consentAttendance: form.get('consentAttendance') === 'on'
		};
		const outcome = await runFormAction(locals.locale, values, () =>
			joinConcertation(locals.db, concertation, values)
		);
		if (!outcome.ok) return outcome.failure;
		const cookieOptions = {
			path: '/',
			httpOnly: true,
			sameSite: 'lax' as const,
			secure: url.protocol === 'https:',
			maxAge: PARTICIPANT_COOKIE_DAYS * 86_400
		};
		// The device keeps its token in an http-only cookie: it survives reloads and restarts
		// and no script on the page can read it.
		cookies.set(participantCookieName(concertation.id), outcome.result.token, cookieOptions);
		cookies.set(LOCALE_COOKIE, values.locale, {
			...cookieOptions,
			httpOnly: false,
			maxAge: 365 * 86_400
		});
		redirect(303, `/j/${concertation.join_code}`);
	}
};
