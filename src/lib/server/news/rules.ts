import type { Locale } from '../../i18n/locales';
import { NEWS_LIMITS, type ModerationStatus } from '../../protocol';
import type { Actor } from '../auth/actor';
import { refusals, type Refusal } from '../errors';
import { SUBMISSION_TRANSITIONS, canModerate, submissionCycle } from '../submissions/rules';
import { cleanBlock, cleanLine, textLength as length } from '../text';

/**
 * Sector news: items the organisers prepare (bilingual) and items participants submit
 * (in the language they typed, published after moderation). Pure rules, no I/O.
 */

// The limits are the protocol's, which forms show too; the rules enforce them.
export { NEWS_LIMITS };

/** A news item's status: the moderation's, nothing of its own. */
export type NewsStatus = ModerationStatus;

const fail: Refusal = refusals('news');

// ---------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------

function limit(text: string, max: number, code: string, field: string): string {
	if (length(text) > max) fail(code, { field, max });
	return text;
}

// ---------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------

// `example.be`, `www.bruxelles.brussels/fr`, `café.be:8080/x`: a host with a dot and a
// top-level domain of letters, then optionally a port and a path.
const BARE_DOMAIN =
	/^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?::\d{1,5})?(?:[/?#].*)?$/u;

/**
 * A link people can follow safely from the screen and their phone: http(s) only (never
 * `javascript:`, `data:` and the like, which would run in the viewer's page), no
 * credentials, `https://` added to a bare domain. Empty means no link.
 */
export function normaliseLink(raw: string | null | undefined): string | null {
	const trimmed = typeof raw === 'string' ? raw.trim() : '';
	if (trimmed === '') return null;
	if (length(trimmed) > NEWS_LIMITS.link) fail('news_link_too_long', { max: NEWS_LIMITS.link });
	// `new URL` silently drops tabs and newlines: `java\nscript:` must not become a scheme.
	if (/[\p{Cc}\s]/u.test(trimmed)) fail('news_bad_link');

	let candidate = trimmed;
	if (candidate.startsWith('//')) candidate = `https:${candidate}`;
	else if (!/^https?:\/\//i.test(candidate)) {
		// `example.be:8080` looks like a scheme to the URL parser; BARE_DOMAIN knows better.
		if (BARE_DOMAIN.test(candidate)) candidate = `https://${candidate}`;
		// Any other scheme (javascript:, data:, mailto:, ftp:…) or no link at all.
		else fail('news_bad_link');
	}

	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		fail('news_bad_link');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('news_bad_link');
	if (url.username !== '' || url.password !== '') fail('news_bad_link');
	if (url.hostname === '') fail('news_bad_link');
	if (length(url.href) > NEWS_LIMITS.link) fail('news_link_too_long', { max: NEWS_LIMITS.link });
	return url.href;
}

// ---------------------------------------------------------------------------------------
// Dates and times
// ---------------------------------------------------------------------------------------

/** Lower case, accents folded, abbreviation dots removed: `Févr.` matches `fevr`. */
function foldWord(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// Every language's names are accepted whatever the interface language: in Brussels people
// switch languages, and no name means one thing in one language and another in the next.
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string[]][] = [
	[1, ['janvier', 'janv', 'januari', 'january', 'jan']],
	[2, ['fevrier', 'fevr', 'fev', 'februari', 'february', 'feb']],
	[3, ['mars', 'maart', 'mrt', 'march', 'mar']],
	[4, ['avril', 'avr', 'april', 'apr']],
	[5, ['mai', 'mei', 'may']],
	[6, ['juin', 'juni', 'june', 'jun']],
	[7, ['juillet', 'juil', 'juli', 'july', 'jul']],
	[8, ['aout', 'augustus', 'august', 'aug']],
	[9, ['septembre', 'september', 'sept', 'sep']],
	[10, ['octobre', 'oktober', 'october', 'oct', 'okt']],
	[11, ['novembre', 'november', 'nov']],
	[12, ['decembre', 'december', 'dec']]
];
for (const [month, names] of MONTH_NAMES) for (const name of names) MONTHS[name] = month;

/** Day of the week as Date.getUTCDay() numbers it (0 = Sunday). */
const WEEKDAYS: Record<string, number> = {};
const WEEKDAY_NAMES: [number, string[]][] = [
	[1, ['lundi', 'lun', 'maandag', 'ma', 'monday', 'mon']],
	[2, ['mardi', 'mar', 'dinsdag', 'di', 'tuesday', 'tue', 'tues']],
	[3, ['mercredi', 'mer', 'woensdag', 'wo', 'wednesday', 'wed']],
	[4, ['jeudi', 'jeu', 'donderdag', 'do', 'thursday', 'thu', 'thur', 'thurs']],
	[5, ['vendredi', 'ven', 'vrijdag', 'vr', 'friday', 'fri']],
	[6, ['samedi', 'sam', 'zaterdag', 'za', 'saturday', 'sat']],
	[0, ['dimanche', 'dim', 'zondag', 'zo', 'sunday', 'sun']]
];
for (const [day, names] of WEEKDAY_NAMES) for (const name of names) WEEKDAYS[name] = day;

const DATE_EXAMPLE: Record<Locale, string> = {
	fr: '23/09/2024 ou 23 septembre 2024',
	nl: '23/09/2024 of 23 september 2024',
	en: '23/09/2024 or 23 September 2024'
};

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
// `1er septembre`, `1st September`, `23 sept. 2024`, `lundi 23 septembre 2024`
const WRITTEN_DATE = /^(\d{1,2})(?:er|re|e|ste|de|st|nd|rd|th)?\.?\s+(\p{L}+)\.?,?\s+(\d{4})$/u;
// `September 23, 2024`
const WRITTEN_DATE_MONTH_FIRST = /^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/u;
const LEADING_WEEKDAY = /^(\p{L}+)\.?,? /u;

function isRealDate(year: number, month: number, day: number): boolean {
	if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
	// Day 0 of the next month is the last day of this one, leap years included.
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as people type it in Brussels, day first: `2024-09-23`, `23/09/2024`,
 * `23-09-2024`, `23.09.2024`, `23/9/24`, `23 septembre 2024`, `maandag 23 september 2024`.
 * Returns `yyyy-mm-dd`; a weekday that contradicts the date is refused as a likely typo.
 * The locale only chooses the example shown when the date is refused.
 */
export function parseLocalDate(raw: string, locale: Locale): string {
	const refuse = (): never => {
		const value = typeof raw === 'string' ? raw.trim().slice(0, 40) : '';
		return fail('news_bad_date', { value, example: DATE_EXAMPLE[locale] });
	};
	if (typeof raw !== 'string' || raw.length > 80) refuse();
	const text = foldWord(raw.normalize('NFC').trim()).replace(/\s+/g, ' ');

	let date = dateParts(text);
	if (!date) {
		// `mar 5, 2024` is March in English before it is mardi: strip a weekday only when needed.
		const leading = LEADING_WEEKDAY.exec(text);
		const weekday = leading ? WEEKDAYS[leading[1] ?? ''] : undefined;
		if (!leading || weekday === undefined) return refuse();
		date = dateParts(text.slice(leading[0].length));
		if (date && new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() !== weekday) {
			refuse();
		}
	}
	if (!date || !isRealDate(date.year, date.month, date.day)) return refuse();
	return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/** Year, month and day as written (not yet checked against the calendar). */
function dateParts(text: string): { year: number; month: number; day: number } | null {
	let match: RegExpExecArray | null;
	if ((match = ISO_DATE.exec(text))) {
		return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
	}
	if ((match = NUMERIC_DATE.exec(text))) {
		const y = match[4] ?? '';
		// Two-digit years are this century's: nobody announces an event for 1924.
		const year = y.length === 2 ? 2000 + Number(y) : Number(y);
		return { year, month: Number(match[3]), day: Number(match[1]) };
	}
	if ((match = WRITTEN_DATE.exec(text))) {
		const month = MONTHS[match[2] ?? ''];
		return month ? { year: Number(match[3]), month, day: Number(match[1]) } : null;
	}
	if ((match = WRITTEN_DATE_MONTH_FIRST.exec(text))) {
		const month = MONTHS[match[1] ?? ''];
		return month ? { year: Number(match[3]), month, day: Number(match[2]) } : null;
	}
	return null;
}

// `14h`, `14h30`, `14 h 30`, `14u30` (Flemish), `14:30`, `9.30`, `14.30 uur`, `2:30 pm`
const TIME =
	/^(\d{1,2})(?:\s*[hu]\s*(\d{2})?|\s*[:.]\s*(\d{2}))?(?:\s*(?:uur|u|h))?(?:\s*([ap])\.?\s*m\.?)?$/;

/** A time of day as typed, returned as `HH:MM` (24-hour clock). */
export function parseLocalTime(raw: string): string {
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
	const match = text.length <= 20 ? TIME.exec(text) : null;
	if (!match) return fail('news_bad_time', { value: text.slice(0, 20) });
	let hours = Number(match[1]);
	const minutes = Number(match[2] ?? match[3] ?? '0');
	const meridiem = match[4];
	if (meridiem) {
		if (hours < 1 || hours > 12) fail('news_bad_time', { value: text });
		hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
	}
	if (hours > 23 || minutes > 59) fail('news_bad_time', { value: text });
	return `${pad(hours)}:${pad(minutes)}`;
}

function optionalDate(raw: string | null | undefined, locale: Locale): string | null {
	return typeof raw === 'string' && raw.trim() !== '' ? parseLocalDate(raw, locale) : null;
}

function optionalTime(raw: string | null | undefined): string | null {
	return typeof raw === 'string' && raw.trim() !== '' ? parseLocalTime(raw) : null;
}

export interface NewsSchedule {
	startDate: string | null;
	startTime: string | null;
	endDate: string | null;
	endTime: string | null;
}

/**
 * Coherence of normalised dates (`yyyy-mm-dd`) and times (`HH:MM`): a time needs a day, an
 * end needs a start, and the end is not before the start (an end time alone is that day's).
 */
export function assertSchedule(s: NewsSchedule): void {
	if (s.startTime !== null && s.startDate === null) fail('news_time_without_date');
	if (s.endDate !== null && s.startDate === null) fail('news_end_without_start');
	if (s.endTime !== null && s.startDate === null) fail('news_time_without_date');
	if (s.startDate === null) return;
	const endDate = s.endDate ?? s.startDate;
	// ISO dates and HH:MM times compare correctly as strings.
	if (endDate < s.startDate) fail('news_end_before_start');
	if (
		endDate === s.startDate &&
		s.startTime !== null &&
		s.endTime !== null &&
		s.endTime < s.startTime
	) {
		fail('news_end_before_start');
	}
}

// ---------------------------------------------------------------------------------------
// Organisers' items and participants' submissions
// ---------------------------------------------------------------------------------------

export interface NewsItemInput {
	titleFr?: string | null;
	titleNl?: string | null;
	titleEn?: string | null;
	textFr?: string | null;
	textNl?: string | null;
	textEn?: string | null;
	startDate?: string | null;
	startTime?: string | null;
	endDate?: string | null;
	endTime?: string | null;
	place?: string | null;
	price?: string | null;
	link?: string | null;
	position?: number | null;
}

export interface NewsItem extends NewsSchedule {
	titleFr: string;
	titleNl: string;
	/** Only when written (English is a content language of some concertations). */
	titleEn?: string;
	textFr: string;
	textNl: string;
	textEn?: string;
	place: string;
	price: string;
	link: string | null;
	position: number;
}

/** An organisers' item: a title in French, Dutch or both; dates as typed in `locale`. */
export function validateNewsItem(input: NewsItemInput, locale: Locale): NewsItem {
	const titleFr = limit(
		cleanLine(input.titleFr),
		NEWS_LIMITS.title,
		'news_title_too_long',
		'titleFr'
	);
	const titleNl = limit(
		cleanLine(input.titleNl),
		NEWS_LIMITS.title,
		'news_title_too_long',
		'titleNl'
	);
	const titleEn = limit(
		cleanLine(input.titleEn),
		NEWS_LIMITS.title,
		'news_title_too_long',
		'titleEn'
	);
	if (titleFr === '' && titleNl === '' && titleEn === '')
		fail('news_title_required', { field: 'titleFr' });
	const textEn = limit(cleanBlock(input.textEn), NEWS_LIMITS.text, 'news_text_too_long', 'textEn');
	const position = input.position ?? 0;
	if (!Number.isInteger(position) || position < 0 || position > NEWS_LIMITS.position) {
		fail('news_bad_position', { max: NEWS_LIMITS.position });
	}
	const schedule: NewsSchedule = {
		startDate: optionalDate(input.startDate, locale),
		startTime: optionalTime(input.startTime),
		endDate: optionalDate(input.endDate, locale),
		endTime: optionalTime(input.endTime)
	};
	assertSchedule(schedule);
	return {
		titleFr,
		titleNl,
		...(titleEn ? { titleEn } : {}),
		textFr: limit(cleanBlock(input.textFr), NEWS_LIMITS.text, 'news_text_too_long', 'textFr'),
		textNl: limit(cleanBlock(input.textNl), NEWS_LIMITS.text, 'news_text_too_long', 'textNl'),
		...(textEn ? { textEn } : {}),
		...schedule,
		place: limit(cleanLine(input.place), NEWS_LIMITS.place, 'news_place_too_long', 'place'),
		price: limit(cleanLine(input.price), NEWS_LIMITS.price, 'news_price_too_long', 'price'),
		link: normaliseLink(input.link),
		position
	};
}

export interface NewsSubmissionInput {
	title?: string | null;
	text?: string | null;
	date?: string | null;
	place?: string | null;
	price?: string | null;
	link?: string | null;
}

export interface NewsSubmission {
	title: string;
	text: string;
	date: string | null;
	place: string;
	price: string;
	link: string | null;
}

/** A participant's item, kept in the language it was typed in (nobody translates it). */
export function validateNewsSubmission(input: NewsSubmissionInput, locale: Locale): NewsSubmission {
	const title = limit(cleanLine(input.title), NEWS_LIMITS.title, 'news_title_too_long', 'title');
	if (title === '') fail('news_title_required', { field: 'title' });
	return {
		title,
		text: limit(cleanBlock(input.text), NEWS_LIMITS.submissionText, 'news_text_too_long', 'text'),
		date: optionalDate(input.date, locale),
		place: limit(cleanLine(input.place), NEWS_LIMITS.place, 'news_place_too_long', 'place'),
		price: limit(cleanLine(input.price), NEWS_LIMITS.price, 'news_price_too_long', 'price'),
		link: normaliseLink(input.link)
	};
}

// ---------------------------------------------------------------------------------------
// Moderation: the submissions' cycle (../submissions/rules), with the news' own error codes
// ---------------------------------------------------------------------------------------

export const newsCycle = submissionCycle<NewsStatus>('news', SUBMISSION_TRANSITIONS);

export { canModerate };
export const NEWS_TRANSITIONS = newsCycle.transitions;
export const canTransitionNews = newsCycle.canTransition;
export const assertNewsModeration = newsCycle.assertModeration;

/** A participant's own submission: editable until moderated (else `news_locked`). */
export function assertCanEditSubmission(
	actor: Actor,
	submission: { participantId: number | null; status: NewsStatus }
): void {
	newsCycle.assertCanEditOwn(actor, {
		authorId: submission.participantId,
		status: submission.status
	});
}

// ---------------------------------------------------------------------------------------
// Headings the news are grouped under
// ---------------------------------------------------------------------------------------

export interface NewsHeadingInput {
	titleFr?: string | null;
	titleNl?: string | null;
	titleEn?: string | null;
}

export interface NewsHeading {
	titleFr: string;
	titleNl: string;
	titleEn: string;
}

/** A heading's title: one line per language, at least one written (the others "to translate"). */
export function validateNewsHeading(input: NewsHeadingInput): NewsHeading {
	const max = NEWS_LIMITS.heading;
	const titleFr = limit(cleanLine(input.titleFr), max, 'news_heading_too_long', 'titleFr');
	const titleNl = limit(cleanLine(input.titleNl), max, 'news_heading_too_long', 'titleNl');
	const titleEn = limit(cleanLine(input.titleEn), max, 'news_heading_too_long', 'titleEn');
	if (titleFr === '' && titleNl === '' && titleEn === '') {
		fail('news_heading_required', { field: 'titleFr' });
	}
	return { titleFr, titleNl, titleEn };
}

/** One more heading, when `count` exist already: a few fit the one-page restitution. */
export function assertHeadingRoom(count: number): void {
	if (count >= NEWS_LIMITS.headings) fail('news_too_many_headings', { max: NEWS_LIMITS.headings });
}

/**
 * A new order of the headings names each existing one exactly once: a console that missed a
 * heading added meanwhile is refused rather than leaving two headings at one position.
 */
export function assertHeadingOrder(ids: readonly number[], existing: readonly number[]): void {
	const given = new Set(ids);
	if (
		given.size !== ids.length ||
		ids.length !== existing.length ||
		existing.some((id) => !given.has(id))
	) {
		fail('news_headings_changed');
	}
}

/** Deleting a heading that has news asks first: the caller confirms with `moveItems`. */
export function assertHeadingDeletable(itemCount: number, moveItems: boolean): void {
	if (itemCount > 0 && !moveItems) fail('news_heading_not_empty', { count: itemCount });
}
