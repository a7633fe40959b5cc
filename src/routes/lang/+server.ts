import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { LOCALE_COOKIE } from '$lib/server/http/locale';
import type { RequestHandler } from './$types';

/** Stores the chosen interface language (a year) and goes back to the page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (isLocale(locale)) {
		cookies.set(LOCALE_COOKIE, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 365 * 86_400
		});
	}
	const target = String(form.get('redirectTo') ?? '/');
	// Only local paths: never an open redirect to another site.
	redirect(303, target.startsWith('/') && !target.startsWith('//') ? target : '/');
};
