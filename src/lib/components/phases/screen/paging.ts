/**
 * Long lists on the projector (needs themes, news, the tour's expectations) are cut into pages that rotate on their
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
/** The type of a news item shown on its own (single mode), before any shrink to fit. */
export const SINGLE_NEWS_SCALE = 1.25;
/**
 * The vote on the projector, at a size read from the back of the room with each label on
 * one line per language: `rows` bars a page, or while results are hidden (a note says so)
 * `hiddenRows` rows of options in two columns.
 */
export const VOTE_PAGE = { rows: 5, hiddenRows: 4, seconds: 12 } as const;
/**
 * The tour's keywords shared by several people (at most 8, see KEYWORD_GROUPS): who shares
 * each, in `nameChars` characters of names at most (about two lines), then "+N".
 */
export const KEYWORDS_PAGE = { size: 4, seconds: 15, nameChars: 130 } as const;
/**
 * Expectations of the tour run from a few words to 500 characters, under the join code that
 * stays on screen while people arrive: a page holds as many as fit in `lines` lines of the
 * projector's list, each estimated from its length at `charsPerLine` characters a line, at
 * most `maxLines` (longer ones are cut there with "…": the console and the spotlight show
 * them whole), plus `gapLines` for its spacing and rule.
 */
export const TOUR_PAGE = {
	lines: 6,
	maxLines: 5,
	charsPerLine: 64,
	gapLines: 0.35,
	seconds: 15
} as const;

/** Discussion tables on the projector during their phase: a row of cards a page. */
export const TABLES_PAGE = { size: 3, seconds: 15 } as const;
/**
 * Questions of the day and approved topics (up to 300 characters in each language), the
 * full width under the phase title: as many as fit in `lines` lines, the French text at
 * `charsPerLine` a line and the Dutch one in smaller type, each cut at `maxLines`.
 */
export const TOPICS_PAGE = {
	lines: 7,
	maxLines: 3,
	charsPerLine: 88,
	nlScale: 0.85,
	gapLines: 0.4,
	seconds: 15
} as const;

/** Estimated lines of a text of `length` characters, cut at `maxLines` lines. */
export function estimatedLines(length: number, charsPerLine: number, maxLines: number): number {
	return Math.min(maxLines, Math.max(1, Math.ceil(length / charsPerLine)));
}

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

/**
 * Where each page starts when items of the given sizes fill pages of `capacity` in order.
 * An item larger than a page gets a page of its own rather than being cut.
 */
export function pageStarts(sizes: readonly number[], capacity: number): number[] {
	const starts: number[] = [];
	let used = Infinity;
	for (const [index, size] of sizes.entries()) {
		if (used + size > capacity) {
			starts.push(index);
			used = 0;
		}
		used += size;
	}
	return starts;
}

/** Like `screenPage`, for items of different sizes (see `pageStarts`). */
export function screenPageBySize(
	sizes: readonly number[],
	capacity: number,
	seconds: number,
	serverNow: number
): ScreenPage {
	const starts = pageStarts(sizes, capacity);
	const total = Math.max(1, starts.length);
	const index = rotation(total, seconds, serverNow);
	return { index, total, start: starts[index] ?? 0, end: starts[index + 1] ?? sizes.length };
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
