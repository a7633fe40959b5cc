// What the restitution prints of the sector news: the items shown in the room, published
// through the ports (news → restitution).
import { localizedFromColumns } from '../../protocol';
import { provideNewsShown, type SourceNews } from '../ports';
import type { NewsDb } from './schema';

/** The news shown in the room: approved items only, in their running order. */
async function loadNews(db: NewsDb, concertationId: number): Promise<SourceNews[]> {
	const rows = await db
		.selectFrom('news_item')
		.select(['id', 'title_fr', 'title_nl', 'title_en', 'start_date'])
		.where('concertation_id', '=', concertationId)
		.where('status', '=', 'approved')
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows
		.filter((row) => [row.title_fr, row.title_nl, row.title_en].some((t) => t.trim() !== ''))
		.map((row) => ({
			id: row.id,
			// A language nobody wrote stays '': printed once, in the language it was written in.
			title: localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
			date: row.start_date
		}));
}

provideNewsShown((db, concertationId) => loadNews(db as NewsDb, concertationId));
