import { fail, redirect } from '@sveltejs/kit';
import { authenticate, hasAnyAccount } from '$lib/server/auth/facilitators';
import { startSessionCookie } from '$lib/server/http/session-cookie';
import { isStorageFailure } from '$lib/server/db/storage';
import { DomainError } from '$lib/server/errors';
import { toCommandError } from '$lib/server/realtime/errors';
import { sameOriginPath } from '$lib/server/http/redirect';
import type { Actions, PageServerLoad } from './$types';

/** After signing in: back to the page that asked for it, on this site only. */
function afterSignIn(url: URL): string {
	return sameOriginPath(url.searchParams.get('redirectTo'), url.origin, '/f');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.facilitator) redirect(303, afterSignIn(url));
	if (!(await hasAnyAccount(locals.db))) redirect(303, '/f/setup');
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').slice(0, 300);
		const password = String(form.get('password') ?? '').slice(0, 300);
		try {
			const facilitator = await authenticate(
				locals.db,
				email,
				password,
				new Date(),
				getClientAddress()
			);
			await startSessionCookie(locals.db, cookies, url, facilitator.id);
		} catch (caught) {
			if (caught instanceof DomainError || isStorageFailure(caught)) {
				const refusal = toCommandError(caught, locals.locale);
				const status =
					refusal.code === 'rate_limited'
						? 429
						: refusal.code === 'storage_unavailable'
							? 503
							: 400;
				return fail(status, { email, message: refusal.message });
			}
			throw caught;
		}
		redirect(303, afterSignIn(url));
	}
};
