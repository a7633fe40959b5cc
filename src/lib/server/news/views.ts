/**
 * What each audience sees of the sector news: the approved items, and how they are shown
 * (everyone); every item with its status and author (facilitators); a participant's own
 * submissions in their self view, in the language they typed them in.
 */
import { localizedFromColumns, type NewsItemView, type NewsView } from '../../protocol';
import type { Concertation } from '../db/schema';
import { registerSection, registerSelfBuilder, rowsPerParticipant } from '../realtime/sections';
import { inOwnLanguage } from '../submissions/service';
import type { NewsDb, NewsItemRow, NewsTables, NewsTx } from './schema';

function itemView(
	row: NewsItemRow & { author?: string | null },
	withAuthor: boolean
): NewsItemView {
	return {
		id: row.id,
		source: row.source,
		status: row.status,
		language: row.language,
		// A language nobody wrote stays '': readers see the original with its language tag.
		title: localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
		text: localizedFromColumns(row.text_fr, row.text_nl, row.text_en),
		startDate: row.start_date,
		startTime: row.start_time,
		endDate: row.end_date,
		endTime: row.end_time,
		place: row.place,
		price: row.price,
		link: row.link,
		position: row.position,
		headingId: row.heading_id,
		...(withAuthor ? { author: row.author ?? null } : {})
	};
}

/** How the approved items are shown (a list, or one at a time), stored or the default. */
export async function displayRow(db: NewsDb | NewsTx, concertationId: number) {
	return (
		(await db
			.selectFrom('news_display')
			.selectAll()
			.where('concertation_id', '=', concertationId)
			.executeTakeFirst()) ?? {
			concertation_id: concertationId,
			mode: 'list' as const,
			current_id: null
		}
	);
}

export async function newsView(
	db: NewsDb,
	concertation: Concertation,
	forFacilitator: boolean
): Promise<NewsView> {
	let query = db
		.selectFrom('news_item')
		.leftJoin('participant', 'participant.id', 'news_item.participant_id')
		.selectAll('news_item')
		.select('participant.display_name as author')
		.where('news_item.concertation_id', '=', concertation.id);
	if (!forFacilitator) query = query.where('news_item.status', '=', 'approved');
	const rows = await query.orderBy('news_item.position').orderBy('news_item.id').execute();
	const display = await displayRow(db, concertation.id);
	const headings = await db
		.selectFrom('news_heading')
		.select(['id', 'title_fr', 'title_nl', 'title_en', 'position'])
		.where('concertation_id', '=', concertation.id)
		.orderBy('position')
		.orderBy('id')
		.execute();
	const currentApproved = rows.some((r) => r.id === display.current_id && r.status === 'approved');
	return {
		mode: display.mode,
		currentId: currentApproved ? display.current_id : null,
		items: rows.map((row) => itemView(row, forFacilitator)),
		headings: headings.map((row) => ({
			id: row.id,
			title: localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
			position: row.position
		}))
	};
}

registerSection<'news', NewsTables>('news', (db, concertation, audience) =>
	newsView(db, concertation, audience === 'facilitator')
);

registerSelfBuilder<NewsTables>(async (db, participants) => {
	const rows = await db
		.selectFrom('news_item')
		.selectAll()
		.where(
			'participant_id',
			'in',
			participants.map((participant) => participant.id)
		)
		.orderBy('id')
		.execute();
	return rowsPerParticipant(participants, rows, (row) => row.participant_id!).map((own) => ({
		news: own.map((row) => ({
			id: row.id,
			// A facilitator may have translated it: the author reads the language they typed in.
			title: inOwnLanguage(
				localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
				row.language
			),
			text: inOwnLanguage(
				localizedFromColumns(row.text_fr, row.text_nl, row.text_en),
				row.language
			),
			date: row.start_date,
			place: row.place,
			price: row.price,
			link: row.link,
			status: row.status
		}))
	}));
});
