/**
 * A series at a glance, for its coordinators: each concertation of the series with its
 * attendance, turnout and the priorities that came out of its vote (those taken to the tables,
 * by default the top three; the top three when none was), read from the same restitution model as the one-page summaries, so the
 * coordinators' rewordings apply here too. Also as CSV, one row per priority, to follow a
 * theme across meetings in a spreadsheet.
 */
import { byRank, rankLabel, type RankedPriority } from '../../protocol';
import { printable, type OverviewConcertation, type SeriesOverview } from '../../protocol/summary';
import type { Db } from '../db';
import type { Facilitator } from '../db/schema';
import { DomainError } from '../errors';
import { writeCsv } from '../csv';
import { loadRestitution } from './source';

export type {
	OverviewConcertation,
	OverviewPriority,
	SeriesOverview
} from '../../protocol/summary';

/** How many of a vote's entries the overview shows when none went on to a table. */
export const TOP_PRIORITIES = 3;

/** Facilitators see every series; a coordinator, those they follow. */
async function requireSeriesReader(db: Db, account: Facilitator, seriesId: number) {
	const series = await db
		.selectFrom('series')
		.select(['id', 'title_fr', 'title_nl'])
		.where('id', '=', seriesId)
		.executeTakeFirst();
	if (!series) throw new DomainError('not_found');
	if (account.role !== 'facilitator') {
		const follows = await db
			.selectFrom('series_coordinator')
			.select('series_id')
			.where('series_id', '=', seriesId)
			.where('facilitator_id', '=', account.id)
			.executeTakeFirst();
		if (!follows) throw new DomainError('forbidden');
	}
	return series;
}

function shownPriorities(priorities: readonly RankedPriority[]): RankedPriority[] {
	const ranked = byRank(priorities);
	const selected = ranked.filter((priority) => priority.selected);
	return selected.length > 0 ? selected : ranked.slice(0, TOP_PRIORITIES);
}

export async function seriesOverview(
	db: Db,
	account: Facilitator,
	seriesId: number
): Promise<SeriesOverview> {
	const series = await requireSeriesReader(db, account, seriesId);
	const concertations = await db
		.selectFrom('concertation')
		.selectAll()
		.where('series_id', '=', seriesId)
		.orderBy('date')
		.orderBy('id')
		.execute();
	const rows: OverviewConcertation[] = [];
	for (const concertation of concertations) {
		const { restitution } = await loadRestitution(db, concertation);
		rows.push({
			id: concertation.id,
			date: concertation.date,
			number: concertation.number,
			title: { fr: concertation.title_fr, nl: concertation.title_nl },
			status: concertation.status,
			participants: restitution.attendance.participants,
			voters: restitution.vote?.voters ?? null,
			priorities: shownPriorities(restitution.vote?.priorities ?? []).map((priority) => ({
				rank: rankLabel(priority),
				points: priority.points,
				selected: priority.selected === true,
				label: printable(priority.label)
			})),
			tables: restitution.tables.length
		});
	}
	return {
		series: { id: series.id, title: { fr: series.title_fr, nl: series.title_nl } },
		concertations: rows
	};
}

export const SERIES_CSV_COLUMNS = [
	'date',
	'number',
	'concertation_fr',
	'concertation_nl',
	'participants',
	'voters',
	'rank',
	'points',
	'selected',
	'priority_fr',
	'priority_nl'
] as const;

/** One row per priority shown (a meeting without one gets a row of its own, blank there). */
export function seriesOverviewCsv(overview: SeriesOverview): string {
	const rows: (string | number)[][] = [[...SERIES_CSV_COLUMNS]];
	for (const concertation of overview.concertations) {
		const meeting = [
			concertation.date,
			concertation.number,
			concertation.title.fr,
			concertation.title.nl,
			concertation.participants,
			concertation.voters ?? ''
		];
		if (concertation.priorities.length === 0) rows.push([...meeting, '', '', '', '', '']);
		for (const priority of concertation.priorities) {
			const { label } = priority;
			rows.push([
				...meeting,
				priority.rank,
				priority.points,
				priority.selected ? 'yes' : 'no',
				label.kind === 'bilingual' ? label.fr : label.language === 'nl' ? '' : label.text,
				label.kind === 'bilingual' ? label.nl : label.language === 'nl' ? label.text : ''
			]);
		}
	}
	return writeCsv(rows, { bom: true });
}
