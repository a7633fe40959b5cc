import { parseContentLanguages } from '$lib/protocol';
import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { joinDetails } from '$lib/server/concertation/join-link';
import { screenKeyMatches } from '$lib/server/concertation/screen-key';
import { loadConcertationOr404 } from '$lib/server/http/params';
import type { PageServerLoad } from './$types';

/**
 * The projector: a signed-in facilitator, or any machine given the screen key link. Not a
 * coordinator's session: the projector shows table members' names and items.
 */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const concertation = await loadConcertationOr404(locals, params.id);
	const key = url.searchParams.get('key');
	const keyMatches = screenKeyMatches(concertation, key);
	if (!keyMatches && locals.facilitator?.role !== 'facilitator') {
		error(403, { message: translator(locals.locale, 'errors')('forbidden'), code: 'forbidden' });
	}
	return {
		concertation: {
			id: concertation.id,
			joinCode: concertation.join_code,
			title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			languages: parseContentLanguages(concertation.languages)
		},
		screenKey: keyMatches ? key : undefined,
		...(await joinDetails(url.origin, concertation.join_code))
	};
};
