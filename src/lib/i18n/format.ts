import { INTL_LOCALE, type Locale } from './locales';

/** Every date and time is shown in the venue's time zone, whatever the device's. */
export const TIME_ZONE = 'Europe/Brussels';

export function formatDate(
	value: Date | string,
	locale: Locale,
	options?: Intl.DateTimeFormatOptions
): string {
	const date = typeof value === 'string' ? parseIsoDate(value) : value;
	return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
		dateStyle: 'full',
		timeZone: TIME_ZONE,
		...options
	}).format(date);
}

/** Now, as ISO 8601 with the Brussels offset ("2024-09-24T09:00:00+02:00"). */
export function brusselsTimestamp(now = new Date()): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: TIME_ZONE,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(now)
			.map((part) => [part.type, part.value])
	);
	const local = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute),
		Number(parts.second)
	);
	const offsetMinutes = Math.round((local - Math.floor(now.getTime() / 1000) * 1000) / 60000);
	const sign = offsetMinutes >= 0 ? '+' : '-';
	const abs = Math.abs(offsetMinutes);
	const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
	return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** Today's date in Brussels as "YYYY-MM-DD" (a date input's value), not the UTC date. */
export function isoDateInBrussels(now: Date = new Date()): string {
	return brusselsTimestamp(now).slice(0, 10);
}

export function formatDateTime(value: Date | string | number, locale: Locale): string {
	return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(value));
}

export function formatNumber(
	value: number,
	locale: Locale,
	options?: Intl.NumberFormatOptions
): string {
	return new Intl.NumberFormat(INTL_LOCALE[locale], options).format(value);
}

/** mm:ss (or h:mm:ss) for timers; negative values mean overtime and keep their sign. */
export function formatDuration(milliseconds: number): string {
	const sign = milliseconds < 0 ? '−' : '';
	const total = Math.round(Math.abs(milliseconds) / 1000);
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = total % 60;
	const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
	const ss = String(seconds).padStart(2, '0');
	return hours > 0 ? `${sign}${hours}:${mm}:${ss}` : `${sign}${mm}:${ss}`;
}

/**
 * A calendar date "2024-09-23" is a day in Brussels, not an instant: anchor it at noon UTC so
 * that formatting it in Europe/Brussels can never slip to the previous or next day.
 */
function parseIsoDate(value: string): Date {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}
