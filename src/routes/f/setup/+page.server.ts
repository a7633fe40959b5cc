import { fail, redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { createFacilitator, hasAnyAccount } from '$lib/server/auth/facilitators';
import { startSessionCookie } from '$lib/server/http/session-cookie';
import { runFormAction } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

/**
 * First start without ADMIN_EMAIL: whoever opens the app first creates the first facilitator
 * account (as in most self-hosted tools). Once an account exists, this page is gone.
 */
export const load: PageServerLoad = async ({ locals }) => {
	if (await hasAnyAccount(locals.db)) redirect(303, '/f/login');
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		if (await hasAnyAccount(locals.db)) redirect(303, '/f/login');
		const form = await request.formData();
		const values = {
			email: String(form.get('email') ?? '').slice(0, 300),
			displayName: String(form.get('displayName') ?? '').slice(0, 100)
		};
		const password = String(form.get('password') ?? '').slice(0, 300);
		if (password !== String(form.get('confirm') ?? '')) {
			return fail(400, {
				values,
				message: translator(locals.locale)('setup.mismatch'),
				fields: []
			});
		}
		const outcome = await runFormAction(locals.locale, values, () =>
			createFacilitator(locals.db, { ...values, password })
		);
		if (!outcome.ok) return outcome.failure;
		await startSessionCookie(locals.db, cookies, url, outcome.result.id);
		redirect(303, '/f');
	}
};
