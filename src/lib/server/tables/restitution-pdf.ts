// How the discussion tables' part of the restitution draws itself in the PDF (see
// restitution.ts): on page 1, up to three tables side by side, each with its four lists; in the
// appendix, one table at a time, its lists in full in two columns.
import {
	TABLE_CATEGORIES,
	keyFirst,
	tableName,
	type ContributionItem,
	type DiscussionTable
} from '../../protocol';
import { colon, foreignTag, quoted } from '../../protocol/summary';
import { pdf, type ShortenStep } from '../restitution/part';

type Ctx = pdf.Ctx;
type Box = pdf.Box;
const { span, paragraph } = pdf;

/** Items run on in one paragraph, "·"-separated, key ones first and in bold. */
function inlineItems(
	ctx: Ctx,
	items: readonly ContributionItem[],
	width: number,
	cap: number
): { box: Box; hidden: number } {
	const ordered = keyFirst(items);
	const shown = ordered.slice(0, cap);
	const spans: pdf.Span[] = [];
	shown.forEach((item, index) => {
		if (index > 0) spans.push(span(' · ', ctx.s.muted));
		spans.push(span(item.text, item.key ? ctx.s.bold : ctx.s.body));
		spans.push(...pdf.languageTag(foreignTag(ctx.langs, item.language), ctx.s.body));
	});
	return { box: paragraph(ctx, spans, width), hidden: ordered.length - shown.length };
}

function itemsList(
	ctx: Ctx,
	items: readonly ContributionItem[],
	width: number,
	cap: number
): { box: Box; hidden: number } {
	const ordered = keyFirst(items);
	const shown = ordered.slice(0, cap);
	const indent = ctx.b * 0.85;
	const boxes = shown.map((item) => {
		const textBox = paragraph(
			ctx,
			[
				span(item.text, item.key ? ctx.s.bold : ctx.s.body),
				...pdf.languageTag(foreignTag(ctx.langs, item.language), ctx.s.body)
			],
			width - indent
		);
		const bullet = paragraph(
			ctx,
			[
				span(
					item.key ? '▪' : '·',
					item.key ? { ...ctx.s.bold, color: pdf.COLORS.accent } : ctx.s.bold
				)
			],
			indent
		);
		return {
			...pdf.padded(
				pdf.beside([
					{ box: pdf.withRole(bullet, { role: 'Lbl' }), x: 0 },
					{ box: pdf.withRole(textBox, { role: 'LBody' }), x: indent }
				]),
				0.15
			),
			tag: pdf.LIST_ITEM
		};
	});
	return { box: pdf.list(boxes), hidden: ordered.length - shown.length };
}

/** "Justification : « … » — name (rapporteur)": what closes a table, or no spans. */
function closingSpans(ctx: Ctx, table: DiscussionTable): pdf.Span[] {
	const justification = table.justification?.text.trim();
	const rapporteur = table.rapporteur?.trim();
	const spans: pdf.Span[] = [];
	if (justification) {
		spans.push(span(`${pdf.labelText(ctx, 'justification')}${colon(ctx.langs)}`, ctx.s.semibold));
		spans.push(span(quoted(ctx.langs, justification), ctx.s.italic));
	}
	if (rapporteur) {
		spans.push(span(`${justification ? ' — ' : ''}${rapporteur}`, ctx.s.semibold));
		spans.push(span(` (${pdf.labelText(ctx, 'rapporteur').toLowerCase()})`, ctx.s.muted));
	}
	return spans;
}

function titleSpans(ctx: Ctx, table: DiscussionTable, index: number): pdf.Span[] {
	const name = tableName(table, index);
	return [
		span(`${pdf.labelsJoined(ctx, 'table', { name })} — `, ctx.s.subheading),
		...pdf.bilingual(ctx, table.priority, ctx.s.bold)
	];
}

function tableColumn(ctx: Ctx, table: DiscussionTable, index: number, width: number): Box {
	const inner = width - 8;
	const title = paragraph(ctx, titleSpans(ctx, table, index), inner, {
		maxLines: Math.max(4, pdf.cap(ctx, 'textLines'))
	});
	const band = pdf.padded(title, 3, 3);
	const parts: Box[] = [
		{
			h: band.h,
			ops: [
				{ kind: 'rect', x: 0, y: 0, w: width, h: band.h, color: pdf.COLORS.band },
				pdf.at(band, 4, 0)
			]
		}
	];
	for (const category of TABLE_CATEGORIES) {
		const items = table[category];
		const categoryHeading = paragraph(
			ctx,
			pdf.bilingual(ctx, pdf.labelPair(category), ctx.s.subheading, ' · '),
			width
		);
		// Actors are short names: run on, they take half the lines a list would.
		const list =
			category === 'actors'
				? inlineItems(ctx, items, width, pdf.cap(ctx, 'items'))
				: itemsList(ctx, items, width, pdf.cap(ctx, 'items'));
		const more = pdf.moreLine(ctx, list.hidden, width, 'tables');
		const empty = items.length === 0 ? paragraph(ctx, [span('—', ctx.s.muted)], width) : pdf.EMPTY;
		parts.push(pdf.stack([categoryHeading, list.box, more, empty], 0.5));
	}
	// One paragraph: « justification » — name, rapporteur (the name ends the quote's line).
	const closing = closingSpans(ctx, table);
	if (closing.length > 0) {
		const box = paragraph(ctx, closing, width, { maxLines: pdf.cap(ctx, 'textLines') });
		if (box.clipped) ctx.cut.add('tables');
		parts.push(box);
	}
	return pdf.stack(parts, ctx.b * 0.35);
}

/**
 * Tables side by side. A table with more to say gets a wider column (within limits), so the
 * columns end at about the same height instead of one long column and white space.
 */
function tablesRow(
	ctx: Ctx,
	tables: readonly DiscussionTable[],
	firstIndex: number,
	width: number
): Box {
	const gutter = pdf.GAP;
	const free = width - gutter * (tables.length - 1);
	const even = free / tables.length;
	const build = (widths: readonly number[]) =>
		tables.map((table, offset) =>
			tableColumn(ctx, table, firstIndex + offset, widths[offset] ?? even)
		);
	let widths = tables.map(() => even);
	let boxes = build(widths);
	const tallest = (list: readonly Box[]) => Math.max(...list.map((box) => box.h));
	for (let pass = 0; pass < 2 && tables.length > 1; pass++) {
		// Keep each column's area (height × width) and aim for equal heights.
		const areas = boxes.map((box, offset) => box.h * (widths[offset] ?? even));
		const total = areas.reduce((sum, area) => sum + area, 0);
		if (total <= 0) break;
		const wanted = areas.map((area) =>
			Math.min(even * 1.3, Math.max(even * 0.75, (free * area) / total))
		);
		const scale = free / wanted.reduce((sum, w) => sum + w, 0);
		const next = wanted.map((w) => w * scale);
		const candidate = build(next);
		if (tallest(candidate) >= tallest(boxes) - 0.5) break;
		widths = next;
		boxes = candidate;
	}
	let x = 0;
	return pdf.beside(
		boxes.map((box, offset) => {
			const placed = { box, x };
			x += (widths[offset] ?? even) + gutter;
			return placed;
		})
	);
}

function keyLegend(ctx: Ctx): pdf.Span[] {
	return [
		span('▪ ', { ...ctx.s.bold, color: pdf.COLORS.accent }),
		span(pdf.labelsJoined(ctx, 'keyLegend'), ctx.s.mutedItalic)
	];
}

/** Page 1: the tables three to a row, each list no longer than the `items` cap. */
export function tablesPage(ctx: Ctx, tables: readonly DiscussionTable[], width: number): Box {
	if (tables.length === 0) return pdf.EMPTY;
	const parts: Box[] = [pdf.heading(ctx, pdf.labelPair('tables'), width, keyLegend(ctx))];
	const shown = tables.slice(0, pdf.cap(ctx, 'tables'));
	if (shown.length < tables.length) ctx.cut.add('tables');
	const perRow = Math.min(3, shown.length);
	const rows: Box[] = [];
	for (let start = 0; start < shown.length; start += perRow) {
		rows.push(tablesRow(ctx, shown.slice(start, start + perRow), start, width));
	}
	parts.push(pdf.stack(rows, pdf.GAP * 0.8));
	const hiddenTables = tables.length - shown.length;
	if (hiddenTables > 0)
		parts.push(paragraph(ctx, [span(pdf.moreLabel(ctx, hiddenTables), ctx.s.mutedItalic)], width));
	return pdf.stack(parts, 3);
}

/** The appendix: one block per table, its four categories in two columns of full lists. */
export function tablesAppendix(ctx: Ctx, tables: readonly DiscussionTable[], width: number): Box[] {
	const half = (width - pdf.GAP * 1.5) / 2;
	return tables.map((table, index) => {
		const parts: Box[] = [];
		if (index === 0) parts.push(pdf.heading(ctx, pdf.labelPair('tables'), width, keyLegend(ctx)));
		parts.push(paragraph(ctx, titleSpans(ctx, table, index), width));
		for (const pair of [
			['barriers', 'levers'],
			['collaborations', 'actors']
		] as const) {
			parts.push(
				pdf.beside(
					pair.map((category, column) => ({
						box: pdf.stack([
							paragraph(
								ctx,
								pdf.bilingual(ctx, pdf.labelPair(category), ctx.s.subheading, ' · '),
								half
							),
							itemsList(ctx, table[category], half, Infinity).box,
							table[category].length === 0
								? paragraph(ctx, [span('—', ctx.s.muted)], half)
								: pdf.EMPTY
						]),
						x: column * (half + pdf.GAP * 1.5)
					}))
				)
			);
		}
		const closing = closingSpans(ctx, table);
		if (closing.length > 0) parts.push(paragraph(ctx, closing, width));
		return pdf.stack(parts, ctx.b * 0.5);
	});
}

/**
 * The steps in which page 1 shortens the tables (levels of restitution/pdf/pages.ts): their
 * lists first, one item fewer at a time down to three (their full text is in the appendix),
 * then two, then one; whole tables last of all.
 */
export function tablesShorten(tables: readonly DiscussionTable[]): ShortenStep[] {
	const longest = Math.max(
		0,
		...tables.flatMap((table) => TABLE_CATEGORIES.map((category) => table[category].length))
	);
	const down = (from: number, to: number) =>
		Array.from({ length: Math.max(0, from - to + 1) }, (_, index) => from - index);
	return [
		...down(longest - 1, 3).map((items) => ({ level: 2, caps: { items } })),
		{ level: 5, caps: { items: 2 } },
		{ level: 7, caps: { items: 1 } },
		...down(tables.length - 1, 1).map((count) => ({ level: 10, caps: { tables: count } }))
	];
}
