import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { joinCodeMessage } from '$lib/server/concertation/join-code';
import { joinLimitedMessage, lookUpJoinCode } from '$lib/server/concertation/join-lookup';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, getClientAddress, setHeaders }) => {
		const raw = String((await request.formData()).get('code') ?? '').slice(0, 40);
		const lookup = await lookUpJoinCode(locals.db, raw, getClientAddress());
		switch (lookup.status) {
			case 'malformed':
				return fail(400, { code: raw, error: joinCodeMessage(translator(locals.locale), raw) });
			case 'limited':
				setHeaders({ 'retry-after': String(lookup.retryAfterSeconds) });
				return fail(429, {
					code: raw,
					error: joinLimitedMessage(locals.locale, lookup.retryAfterSeconds)
				});
			case 'unknown':
				return fail(404, {
					code: raw,
					error: translator(locals.locale, 'errors')('unknown_code', { code: lookup.code })
				});
			case 'found':
				redirect(303, `/j/${lookup.code}`);
		}
	}
};
