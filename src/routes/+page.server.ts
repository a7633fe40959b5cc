import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { joinCodeMessage, normaliseJoinCode } from '$lib/server/concertation/join-code';
import { findByJoinCode } from '$lib/server/concertation/store';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const raw = String((await request.formData()).get('code') ?? '').slice(0, 40);
		const code = normaliseJoinCode(raw);
		const t = translator(locals.locale);
		if (!code) return fail(400, { code: raw, error: joinCodeMessage(t, raw) });
		if (!(await findByJoinCode(locals.db, code))) {
			return fail(404, {
				code: raw,
				error: translator(locals.locale, 'errors')('unknown_code', { code })
			});
		}
		redirect(303, `/j/${code}`);
	}
};
