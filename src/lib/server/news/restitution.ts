// The sector news' part of the restitution: the items shown in the room, in running order,
// after the conclusion (its section is declared in protocol/news.ts; the preview draws it with
// components/phases/news/NewsSummary.svelte). Found by restitution/parts.ts.
import { HeadingLevel, Paragraph } from 'docx';
import {
	groupNews,
	localizedFromColumns,
	newsRuns,
	type NewsHeadingView,
	type NewsItem
} from '../../protocol';
import { compactDate, documentLanguages } from '../../protocol/summary';
import { definePart, docx, markdown, pdf } from '../restitution/part';
import type { NewsDb } from './schema';

/** An item shown in the room, as stored. */
export interface SourceNews {
	id: number;
	/** '' in a language nobody wrote; `en` for an item typed in English. */
	title: { fr: string; nl: string; en?: string };
	date: string | null;
	/** The heading it was shown under (migration 030); none when absent or null. */
	heading?: NewsHeadingView | null;
}

export const part = definePart({
	kind: 'news',
	itemKeys: /news:\d{1,12}/,

	/** The news shown in the room: approved items only, in their running order. */
	async load({ db, concertationId }): Promise<SourceNews[]> {
		const headings = new Map(
			(
				await (db as NewsDb)
					.selectFrom('news_heading')
					.select(['id', 'title_fr', 'title_nl', 'title_en', 'position'])
					.where('concertation_id', '=', concertationId)
					.execute()
			).map((row) => [
				row.id,
				{
					id: row.id,
					title: localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
					position: row.position
				}
			])
		);
		const rows = await (db as NewsDb)
			.selectFrom('news_item')
			.select(['id', 'title_fr', 'title_nl', 'title_en', 'start_date', 'heading_id'])
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
				date: row.start_date,
				heading: row.heading_id === null ? null : (headings.get(row.heading_id) ?? null)
			}));
	},

	build(items, ctx) {
		const news: NewsItem[] = [];
		const headings = new Map<number, NewsHeadingView>();
		for (const item of items) if (item.heading) headings.set(item.heading.id, item.heading);
		const placed = items.map((item) => ({ ...item, headingId: item.heading?.id ?? null }));
		// In the order the room saw them: grouped under their headings (none: as always).
		for (const group of groupNews(placed, [...headings.values()])) {
			for (const item of group.items) {
				const title = ctx.bilingual(`news:${item.id}`, 'news', item.title);
				if (!title) continue;
				const date = item.date && /^\d{4}-\d{2}-\d{2}$/.test(item.date) ? item.date : undefined;
				news.push({
					title,
					...(date ? { date } : {}),
					...(group.heading ? { heading: group.heading.title } : {})
				});
			}
		}
		return news;
	},

	pdf: {
		page(ctx, news, width, model) {
			if (news.length === 0) return pdf.EMPTY;
			const shown = news.slice(0, pdf.cap(ctx, 'news'));
			// Wide: two columns of news, so that short titles do not leave half the width empty.
			const columns = width > 400 && shown.length > 1 ? 2 : 1;
			const gutter = pdf.GAP * 1.5;
			const columnWidth = (width - gutter * (columns - 1)) / columns;
			const year = model.header.date.slice(0, 4);
			const dates = shown.map((item) => (item.date ? compactDate(item.date, year) : ''));
			const dateWidth =
				Math.max(0, ...dates.map((date) => ctx.m.width(date, 'regular', ctx.b))) + ctx.b * 0.7;
			const rows = shown.map((item, index) => {
				const date = pdf.paragraph(ctx, [pdf.span(dates[index] ?? '', ctx.s.muted)], dateWidth);
				const title = pdf.paragraph(
					ctx,
					pdf.bilingual(ctx, item.title, ctx.s.body),
					columnWidth - dateWidth
				);
				return pdf.padded(
					pdf.beside([
						{ box: date, x: 0 },
						{ box: title, x: dateWidth }
					]),
					0.5
				);
			});
			// Each heading over its own items (its columns balanced apart, so that a heading is
			// never left at the foot of a column); items without one as the one list they were.
			let first = 0;
			const groups = newsRuns(shown).map((run) => {
				const own = rows.slice(first, first + run.items.length);
				first += run.items.length;
				const columnsOf = own.length > 1 ? columns : 1;
				const list = pdf.balancedColumns(own, columnsOf, columnWidth, gutter);
				if (!run.heading) return list;
				const title = pdf.paragraph(
					ctx,
					pdf.bilingual(ctx, run.heading, ctx.s.subheading, ' · '),
					width
				);
				return pdf.stack([title, list], 0.3);
			});
			return pdf.stack(
				[
					pdf.heading(ctx, pdf.labelPair('news'), width),
					...groups,
					pdf.moreLine(ctx, news.length - shown.length, width, 'news')
				],
				0.6
			);
		},
		caps: { news: 6 },
		shorten: () => [
			{ level: 4, caps: { news: 4 } },
			{ level: 8, caps: { news: 2 } }
		]
	},

	docx(news, model) {
		if (news.length === 0) return [];
		const year = model.header.date.slice(0, 4);
		const langs = documentLanguages(model);
		const bullets = (items: NewsItem[]) =>
			items.map((item) =>
				docx.bullet([
					...(item.date
						? docx.runs(`${compactDate(item.date, year)} — `, { color: docx.MUTED })
						: []),
					...docx.labelRuns(langs, item.title)
				])
			);
		return [
			docx.heading(docx.pair(langs, 'news'), HeadingLevel.HEADING_1),
			...newsRuns(news).flatMap((run) =>
				run.heading
					? [
							new Paragraph({
								heading: HeadingLevel.HEADING_2,
								keepNext: true,
								children: docx.labelRuns(langs, run.heading, {}, ' · ')
							}),
							...bullets(run.items)
						]
					: bullets(run.items)
			)
		];
	},

	markdown(news, model) {
		if (news.length === 0) return [];
		const year = model.header.date.slice(0, 4);
		const langs = documentLanguages(model);
		const list = (items: NewsItem[]) =>
			markdown.block(
				...items.map(
					(item) =>
						`- ${item.date ? `${markdown.escapeMarkdownLine(compactDate(item.date, year))} — ` : ''}${markdown.labelText(langs, item.title)}`
				)
			);
		return [
			`### ${markdown.both(langs, 'news')}`,
			...newsRuns(news).flatMap((run) =>
				run.heading
					? [`#### ${markdown.labelText(langs, run.heading, ' · ')}`, list(run.items)]
					: [list(run.items)]
			)
		];
	}
});
