/**
 * Next dates as calendar files (RFC 5545), written by ical-generator. Times are Brussels
 * wall-clock times: each event says `TZID=Europe/Brussels` and the file carries the zone's
 * VTIMEZONE (from @touch4it/ical-timezones), so a date keeps its local hour whatever the
 * server's time zone and on either side of a change to or from summer time. TZDate
 * (@date-fns/tz) is how ical-generator is told the hour in Brussels rather than the server's.
 */
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import type { Locale } from '../../i18n/locales';
import type { NextDate } from '../../protocol/summary';
import type { KeyedNextDate } from './next-dates';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const TIME_ZONE = 'Europe/Brussels';
/** The right-hand side of every UID: names this application, not a host that may change. */
const UID_DOMAIN = 'next-dates.concertation';

/**
 * The date's text in the reader's language, else French, else Dutch (an English reader
 * reads French unless the English was written), else the English of a text written only in
 * English (a concertation in English).
 */
function pick(text: { fr?: string; nl?: string; en?: string } | undefined, locale: Locale): string {
	if (!text) return '';
	const order =
		locale === 'nl' ? (['nl', 'fr', 'en'] as const) : ([locale, 'fr', 'nl', 'en'] as const);
	for (const language of order) {
		const value = text[language]?.trim();
		if (value) return value;
	}
	return '';
}

function brusselsTime(date: string, time: string): TZDate {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const [hours, minutes] = time.split(':').map(Number) as [number, number];
	return new TZDate(year, month - 1, day, hours, minutes, TIME_ZONE);
}

/** A whole day: written as a DATE value, which has no time zone. */
function wholeDay(date: string): TZDate {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return new TZDate(year, month - 1, day, 'UTC');
}

function description(next: NextDate, locale: Locale): string {
	return [pick(next.description, locale), next.link ?? ''].filter(Boolean).join('\n\n');
}

/**
 * One calendar of next dates. `name` is the calendar's title (the concertation's or the
 * series'); `stamp` is when the file is made (DTSTAMP, UTC).
 */
export function nextDatesCalendar(input: {
	name: string;
	dates: readonly KeyedNextDate[];
	locale: Locale;
	stamp?: Date;
}): string {
	const calendar = ical({ name: input.name, prodId: '//Concertation//Next dates//FR' });
	// No calendar-wide zone (it would write DTSTAMP in local time): each event names Brussels,
	// and the generator adds the VTIMEZONE of every zone the events use.
	calendar.timezone({ name: null, generator: getVtimezoneComponent });
	for (const { key, next } of input.dates) {
		const summary = pick(next.label, input.locale);
		const common = {
			id: `${key}@${UID_DOMAIN}`,
			stamp: input.stamp ?? new Date(),
			summary,
			description: description(next, input.locale) || null,
			location: next.place ?? (next.link ? next.link : null),
			url: next.link ?? null
		};
		if (next.time) {
			calendar.createEvent({
				...common,
				start: brusselsTime(next.date, next.time),
				// Without an end, an hour: most calendars show nothing useful for a zero-length event.
				end: next.endTime
					? brusselsTime(next.date, next.endTime)
					: new TZDate(brusselsTime(next.date, next.time).getTime() + 3_600_000, TIME_ZONE),
				timezone: TIME_ZONE
			});
		} else {
			calendar.createEvent({ ...common, start: wholeDay(next.date), allDay: true });
		}
	}
	return calendar.toString();
}
