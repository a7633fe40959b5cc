import { parseContentLanguages } from '$lib/protocol/localized';
import { joinDetails } from '$lib/server/concertation/join-link';
import { requireRunnerAccount } from '$lib/server/http/guards';
import { loadConcertationOr404 } from '$lib/server/http/params';
import type { PageServerLoad } from './$types';

/** The printable A4 join poster of a concertation, for its facilitators. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireRunnerAccount(locals, url);
	const concertation = await loadConcertationOr404(locals, params.id);
	return {
		concertation: {
			id: concertation.id,
			title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			languages: parseContentLanguages(concertation.languages),
			number: concertation.number,
			date: concertation.date,
			startTime: concertation.start_time,
			place: concertation.place
		},
		...(await joinDetails(url.origin, concertation.join_code))
	};
};
