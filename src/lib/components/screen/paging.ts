/**
 * Long lists on the projector (needs themes, news, the tour's expectations, topics, the vote,
 * the tables) are cut into pages that rotate on their own: nobody has to step them while the
 * facilitator talks. The page shown is a function of
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
 * How long each page of a rotating list stays up: long enough to read it in French and in
 * Dutch. How many items a page holds is measured on the screen itself (see `FitPages`).
 */
export const NEEDS_PAGE = { seconds: 12 } as const;
export const NEWS_PAGE = { seconds: 15 } as const;
/** The type of a news item shown on its own (single mode), before any shrink to fit. */
export const SINGLE_NEWS_SCALE = 1.25;
export const VOTE_PAGE = { seconds: 12 } as const;
/**
 * The tour's keywords shared by several people (at most 8, see KEYWORD_GROUPS): who shares
 * each, in `nameChars` characters of names at most (about two lines), then "+N".
 */
export const KEYWORDS_PAGE = { seconds: 15, nameChars: 130 } as const;
export const TOUR_PAGE = { seconds: 15 } as const;
/** Discussion tables during their phase: rows of at most `size` cards. */
export const TABLES_PAGE = { size: 3, seconds: 15 } as const;
export const TOPICS_PAGE = { seconds: 15 } as const;

/** The page up now, of `total`, when each stays `seconds`. */
function rotation(total: number, seconds: number, serverNow: number): number {
	return Math.floor(serverNow / (seconds * 1000)) % total;
}

export function screenPage(
	count: number,
	size: number,
	seconds: number,
	serverNow: number
): ScreenPage {
	const total = Math.max(1, Math.ceil(count / size));
	const index = rotation(total, seconds, serverNow);
	return { index, total, start: index * size, end: Math.min(count, (index + 1) * size) };
}

/** Like `screenPage`, for pages that start at the item indexes `starts` (from `packRows`). */
export function screenPageFromStarts(
	starts: readonly number[],
	count: number,
	seconds: number,
	serverNow: number
): ScreenPage {
	const total = Math.max(1, starts.length);
	const index = rotation(total, seconds, serverNow);
	return { index, total, start: starts[index] ?? 0, end: starts[index + 1] ?? count };
}

/** A row of a list as laid out on the projector: its items share one line of the grid. */
export interface MeasuredRow {
	/** Index of the row's first item. */
	first: number;
	/** Its top and bottom, in px from the list's top. */
	top: number;
	bottom: number;
}

/**
 * Where each page starts (item indexes) when rows as measured on the screen fill pages of
 * `capacity` px, in order: a page holds its rows from the first one's top to the last one's
 * bottom (gaps between them count, the gap before a page's first row does not). A row taller
 * than a page gets a page of its own rather than being cut.
 */
export function packRows(rows: readonly MeasuredRow[], capacity: number): number[] {
	const starts: number[] = [];
	let pageTop = 0;
	for (const row of rows) {
		if (starts.length === 0 || row.bottom - pageTop > capacity) {
			starts.push(row.first);
			pageTop = row.top;
		}
	}
	return starts;
}

/** The height of the pager under a list ("page 2/3 · pagina 2/3"), in the screen's unit. */
export const PAGER_HEIGHT = 1.3;
