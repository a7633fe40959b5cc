import { changeOwnPassword } from '$lib/server/auth/accounts';
import { PASSWORD_MIN_LENGTH } from '$lib/server/auth/passwords';
import { requireAccount } from '$lib/server/http/guards';
import { formValues, runFormAction } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const account = requireAccount(locals, url);
	return {
		me: { email: account.email, role: account.role },
		passwordMinLength: PASSWORD_MIN_LENGTH
	};
};

export const actions: Actions = {
	password: async ({ request, locals, url }) => {
		const account = requireAccount(locals, url);
		const values = formValues(await request.formData(), ['current', 'next', 'confirm'], 300);
		// Passwords are never sent back to the page, even when the change is refused.
		const outcome = await runFormAction(locals.locale, {}, () =>
			changeOwnPassword(locals.db, account, locals.sessionToken, values)
		);
		return outcome.ok ? { changed: true } : outcome.failure;
	}
};
