import {
	addAccount,
	DISPLAY_NAME_MAX,
	listAccounts,
	removeAccount,
	resetPassword
} from '$lib/server/auth/accounts';
import { requireRunnerAccount } from '$lib/server/http/guards';
import { formValues, runFormAction } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { idParam } from '$lib/server/http/params';

export const load: PageServerLoad = async ({ locals, url }) => {
	const account = requireRunnerAccount(locals, url);
	return { accounts: await listAccounts(locals.db, account), displayNameMax: DISPLAY_NAME_MAX };
};

/** The account a row's form names; anything but a positive integer matches none. */
function accountIdOf(form: FormData): number {
	return idParam(String(form.get('accountId') ?? ''));
}

export const actions: Actions = {
	add: async ({ request, locals, url }) => {
		const account = requireRunnerAccount(locals, url);
		const values = formValues(await request.formData(), ['email', 'displayName', 'role'], 300);
		const outcome = await runFormAction(locals.locale, values, () =>
			addAccount(locals.db, account, values)
		);
		return outcome.ok ? { issued: outcome.result } : outcome.failure;
	},
	reset: async ({ request, locals, url }) => {
		const account = requireRunnerAccount(locals, url);
		const accountId = accountIdOf(await request.formData());
		const outcome = await runFormAction(locals.locale, { accountId }, () =>
			resetPassword(locals.db, account, accountId)
		);
		return outcome.ok ? { issued: outcome.result } : outcome.failure;
	},
	remove: async ({ request, locals, url }) => {
		const account = requireRunnerAccount(locals, url);
		const accountId = accountIdOf(await request.formData());
		const outcome = await runFormAction(locals.locale, { accountId }, () =>
			removeAccount(locals.db, account, accountId)
		);
		return outcome.ok ? { removed: outcome.result.email } : outcome.failure;
	}
};
