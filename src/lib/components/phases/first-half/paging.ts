/**
 * Long lists on the projector (needs themes, news) are cut into pages that rotate on their
 * own: nobody has to step them while the facilitator talks. The page shown is a function of
 * the server's clock, so every projector of a concertation (a second screen, a reloaded
 * tab) shows the same page at the same moment, without any stored state.
 */
export interface ScreenPage {
	/** 0-based. */
	index: number;
	total: number;
	start: number;
	end: number;
}

/**
 * What fits under the phase title at 1920×1080 in the projector's type (checked by the e2e
 * test with 30 themes and 20 news items), and how long each page stays up: long enough to
 * read it in French and in Dutch.
 */
export const NEEDS_PAGE = { size: 6, seconds: 12 } as const;
export const NEWS_PAGE = { size: 2, seconds: 15 } as const;

export function screenPage(
	count: number,
	size: number,
	seconds: number,
	serverNow: number
): ScreenPage {
	const total = Math.max(1, Math.ceil(count / size));
	const index = Math.floor(serverNow / (seconds * 1000)) % total;
	return { index, total, start: index * size, end: Math.min(count, (index + 1) * size) };
}
