/**
 * The next dates ("save the date") as others read them: the closing screen and the phones
 * (the coming ones, each with its key), a date's calendar file and the series' calendar of
 * coming dates. They are stored in the restitution's `doc:nextDates` edit (edits.ts); this
 * module only reads them.
 */
import { createHash } from 'node:crypto';
import type { ScreenNextDate } from '../../protocol/screen';
import type { NextDate } from '../../protocol/summary';
import { localizedFromColumns } from '../../protocol/localized';
import type { Concertation } from '../db/schema';
import { parseEdits } from './edits';
import { loadEdits } from './source';
import type { RestitutionDb } from './schema';

/** Where a date belongs: its series when the concertation has one, else the concertation. */
export function nextDateScope(concertation: Pick<Concertation, 'id' | 'series_id'>): string {
	return concertation.series_id === null ? `c${concertation.id}` : `s${concertation.series_id}`;
}

/**
 * A date's stable name, for its calendar file's address and the event's UID: the same date
 * (day, time and label) entered in two concertations of one series is one event, so that
 * adding both calendars does not show it twice. An edited date keeps the name it had (`uid`),
 * so what names it does not change under a calendar that holds it.
 */
export function nextDateKey(scope: string, next: NextDate): string {
	if (next.uid) return next.uid;
	return createHash('sha256')
		.update(JSON.stringify([scope, next.date, next.time ?? '', next.label.fr, next.label.nl]))
		.digest('hex')
		.slice(0, 16);
}

/** Soonest first; a date without a time before the same day's timed ones. */
export function compareNextDates(a: NextDate, b: NextDate): number {
	return (a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? ''));
}

/** The dates from `today` (a Brussels day, yyyy-mm-dd) on, soonest first, for screens and phones. */
export function upcomingDates(
	dates: readonly NextDate[],
	today: string,
	scope: string
): ScreenNextDate[] {
	return dates
		.filter((next) => next.date >= today)
		.sort(compareNextDates)
		.map((next) => ({
			key: nextDateKey(scope, next),
			// As written: each reader falls back on the other language and says so.
			label: localizedFromColumns(
				next.label.fr.trim(),
				next.label.nl.trim(),
				next.label.en?.trim() ?? ''
			),
			date: next.date,
			time: next.time || null,
			endTime: next.endTime || null,
			place: next.place || null,
			link: next.link || null,
			description:
				next.description && (next.description.fr || next.description.nl || next.description.en)
					? localizedFromColumns(
							next.description.fr ?? '',
							next.description.nl ?? '',
							next.description.en ?? ''
						)
					: null
		}));
}

export interface KeyedNextDate {
	key: string;
	next: NextDate;
}

/** One concertation's next dates, each with its key (all of them, past ones too). */
export async function concertationNextDates(
	db: RestitutionDb,
	concertation: Pick<Concertation, 'id' | 'series_id'>
): Promise<KeyedNextDate[]> {
	const scope = nextDateScope(concertation);
	const dates = (await loadEdits(db, concertation.id)).nextDates ?? [];
	return [...dates].sort(compareNextDates).map((next) => ({ key: nextDateKey(scope, next), next }));
}

/**
 * The coming dates of a series (from `today` on): those of every concertation of the series,
 * soonest first, one event per key.
 */
export async function seriesComingDates(
	db: RestitutionDb,
	seriesId: number,
	today: string
): Promise<KeyedNextDate[]> {
	// One query for the whole series: its concertations' `doc:nextDates` edits.
	const rows = await db
		.selectFrom('restitution_edit')
		.innerJoin('concertation', 'concertation.id', 'restitution_edit.concertation_id')
		.select(['concertation.id as id', 'concertation.series_id as seriesId', 'value_json'])
		.where('concertation.series_id', '=', seriesId)
		.where('restitution_edit.item_key', '=', 'doc:nextDates')
		.orderBy('concertation.id')
		.execute();
	const byKey = new Map<string, KeyedNextDate>();
	for (const row of rows) {
		const scope = nextDateScope({ id: row.id, series_id: row.seriesId });
		const dates = parseEdits([{ key: 'doc:nextDates', valueJson: row.value_json }]).nextDates ?? [];
		for (const next of dates) {
			const key = nextDateKey(scope, next);
			if (next.date >= today && !byKey.has(key)) byKey.set(key, { key, next });
		}
	}
	return [...byKey.values()].sort((a, b) => compareNextDates(a.next, b.next));
}
