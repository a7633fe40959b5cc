import { parseContentLanguages } from '$lib/protocol';
import { error, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { isLocale } from '$lib/i18n/locales';
import { joinCodeMessage } from '$lib/server/concertation/join-code';
import { joinLimitedMessage, lookUpJoinCode } from '$lib/server/concertation/join-lookup';
import { parseSectors } from '$lib/server/concertation/views';
import { runFormAction } from '$lib/server/http/forms';
import { LOCALE_COOKIE } from '$lib/server/http/locale';
import {
	joinConcertation,
	participantCookieName,
	participantForToken,
	selfView
} from '$lib/server/participants/service';
import { participantMemoryDays } from '$lib/server/parts/store';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PARTICIPANT_COOKIE_DAYS = 60;

/** The concertation of the code in the address; unknown codes count towards the join limit. */
async function concertationForCode(
	event: Pick<RequestEvent, 'locals' | 'params' | 'setHeaders' | 'getClientAddress'>
) {
	const { locals, setHeaders } = event;
	const rawCode = event.params.code ?? '';
	const lookup = await lookUpJoinCode(locals.db, rawCode, event.getClientAddress());
	if (lookup.status === 'limited') {
		setHeaders({ 'retry-after': String(lookup.retryAfterSeconds) });
		error(429, {
			message: joinLimitedMessage(locals.locale, lookup.retryAfterSeconds),
			code: 'rate_limited'
		});
	}
	if (lookup.status !== 'found') {
		error(404, {
			// A link that cannot be a code says the rule; a well-formed one that matches nothing says so.
			message:
				lookup.status === 'unknown'
					? translator(locals.locale, 'errors')('unknown_code', { code: rawCode.slice(0, 12) })
					: joinCodeMessage(translator(locals.locale), rawCode.slice(0, 12)),
			code: 'unknown_code'
		});
	}
	if (lookup.code !== rawCode) redirect(308, `/j/${lookup.code}`);
	return lookup.concertation;
}

export const load: PageServerLoad = async (event) => {
	const { locals, cookies } = event;
	const concertation = await concertationForCode(event);
	const participant = await participantForToken(
		locals.db,
		concertation.id,
		cookies.get(participantCookieName(concertation.id))
	);
	return {
		concertation: {
			id: concertation.id,
			joinCode: concertation.join_code,
			title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			languages: parseContentLanguages(concertation.languages),
			date: concertation.date,
			status: concertation.status,
			sectors: parseSectors(concertation)
		},
		self: participant ? selfView(participant) : null
	};
};

export const actions: Actions = {
	join: async (event) => {
		const { locals, request, cookies, url } = event;
		const concertation = await concertationForCode(event);
		const form = await request.formData();
		const values = {
			displayName: String(form.get('displayName') ?? ''),
			organisation: String(form.get('organisation') ?? ''),
			sector: String(form.get('sector') ?? '') || null,
			locale: isLocale(form.get('locale')) ? String(form.get('locale')) : locals.locale,
			consentAttendance: form.get('consentAttendance') === 'on',
			// In the room unless "remote" was chosen; anything else is refused by the schema.
			attendanceMode: String(form.get('attendanceMode') ?? 'room')
		};
		const outcome = await runFormAction(locals.locale, values, () =>
			joinConcertation(locals.db, concertation, values)
		);
		if (!outcome.ok) return outcome.failure;
		// A meeting in several parts: remembered until after its last date.
		const days = await participantMemoryDays(
			locals.db.withTables(),
			concertation.id,
			PARTICIPANT_COOKIE_DAYS
		);
		const cookieOptions = {
			path: '/',
			httpOnly: true,
			sameSite: 'lax' as const,
			secure: url.protocol === 'https:',
			maxAge: days * 86_400
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
