import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { LOCALE_COOKIE } from '$lib/server/http/locale';
import { sameOriginPath } from '$lib/server/http/redirect';
import type { RequestHandler } from './$types';

/** Stores the chosen interface language (a year) and goes back to the page. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
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
	// Only pages of this site: never an open redirect to another one.
	redirect(303, sameOriginPath(String(form.get('redirectTo') ?? '/'), url.origin, '/'));
};
