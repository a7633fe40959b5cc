import { formatDate } from '$lib/i18n/format';
import type { Locale } from '$lib/i18n/locales';
import { clockTime, type MeetingPartView } from '$lib/protocol';

/** "mardi 3 mars 2026, 9h30–12h30": a part's date and times in the reader's language. */
export function partWhen(
	part: Pick<MeetingPartView, 'date' | 'startTime' | 'endTime'>,
	locale: Locale
): string {
	const date = formatDate(part.date, locale);
	if (!part.startTime) return date;
	const start = clockTime(part.startTime, locale);
	return part.endTime
		? `${date}, ${start}–${clockTime(part.endTime, locale)}`
		: `${date}, ${start}`;
}
