import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	account: locals.facilitator
		? {
				email: locals.facilitator.email,
				displayName: locals.facilitator.display_name,
				role: locals.facilitator.role
			}
		: null
});
