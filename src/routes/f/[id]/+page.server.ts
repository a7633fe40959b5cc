import { joinDetails } from '$lib/server/concertation/join-link';
import { screenPath } from '$lib/server/concertation/screen-key';
import { requireRunnerAccount } from '$lib/server/http/guards';
import { loadConcertationOr404 } from '$lib/server/http/params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRunnerAccount(locals, url);
	const concertation = await loadConcertationOr404(locals, params.id);
	return {
		concertation: {
			id: concertation.id,
			joinCode: concertation.join_code,
			title: { fr: concertation.title_fr, nl: concertation.title_nl },
			number: concertation.number,
			date: concertation.date
		},
		...(await joinDetails(url.origin, concertation.join_code)),
		screenUrl: screenPath(concertation)
	};
};
