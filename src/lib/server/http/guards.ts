import { error, redirect } from '@sveltejs/kit';
import { translator } from '../../i18n';
import type { Actor } from '../auth/actor';
import type { Facilitator } from '../db/schema';

/** Pages of the facilitator area: sign in first, then come back here. */
export function requireAccount(locals: App.Locals, url: URL): Facilitator {
	if (!locals.facilitator) {
		redirect(303, `/f/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	return locals.facilitator;
}

/** Running a live session: facilitators only (coordinators read and export). */
export function requireRunnerAccount(locals: App.Locals, url: URL): Facilitator {
	const account = requireAccount(locals, url);
	if (account.role !== 'facilitator')
		error(403, { message: translator(locals.locale, 'errors')('forbidden'), code: 'forbidden' });
	return account;
}

export function facilitatorActor(account: Facilitator): Actor {
	return { kind: 'facilitator', facilitatorId: account.id, role: account.role };
}
