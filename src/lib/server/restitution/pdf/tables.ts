import {
	TABLE_CATEGORIES,
	keyFirst,
	label,
	tableName,
	type ContributionItem,
	type DiscussionTable,
	type Restitution
} from '../model';
import {
	type Caps,
	type Ctx,
	GAP,
	bilingual,
	heading,
	labelPair,
	labelText,
	moreLabel,
	moreLine,
	span
} from './blocks';
import { type Box, EMPTY, LIST_ITEM, at, beside, list, padded, stack, withRole } from './boxes';
import { COLORS, type Span, paragraph } from './text';

/** Items run on in one paragraph, "·"-separated, key ones first and in bold. */
function inlineItems(
	ctx: Ctx,
	items: readonly ContributionItem[],
	width: number,
	cap: number
): { box: Box; hidden: number } {
	const ordered = keyFirst(items);
	const shown = ordered.slice(0, cap);
	const spans: Span[] = [];
	shown.forEach((item, index) => {
		if (index > 0) spans.push(span(' · ', ctx.s.muted));
		spans.push(span(item.text, item.key ? ctx.s.bold : ctx.s.body));
	});
	return { box: paragraph(ctx, spans, width), hidden: ordered.length - shown.length };
}

export function itemsList(
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
			[span(item.text, item.key ? ctx.s.bold : ctx.s.body)],
			width - indent
		);
		const bullet = paragraph(
			ctx,
			[span(item.key ? '▪' : '·', item.key ? { ...ctx.s.bold, color: COLORS.accent } : ctx.s.bold)],
			indent
		);
		return {
			...padded(
				beside([
					{ box: withRole(bullet, { role: 'Lbl' }), x: 0 },
					{ box: withRole(textBox, { role: 'LBody' }), x: indent }
				]),
				0.15
			),
			tag: LIST_ITEM
		};
	});
	return { box: list(boxes), hidden: ordered.length - shown.length };
}

function tableColumn(
	ctx: Ctx,
	table: DiscussionTable,
	index: number,
	width: number,
	caps: Caps
): Box {
	const name = tableName(table, index);
	const inner = width - 8;
	const title = paragraph(
		ctx,
		[
			span(
				`${label('fr', 'table', { name })} · ${label('nl', 'table', { name })} — `,
				ctx.s.subheading
			),
			...bilingual(ctx, table.priority, ctx.s.bold)
		],
		inner,
		{ maxLines: Math.max(4, caps.textLines) }
	);
	const band = padded(title, 3, 3);
	const parts: Box[] = [
		{
			h: band.h,
			ops: [{ kind: 'rect', x: 0, y: 0, w: width, h: band.h, color: COLORS.band }, at(band, 4, 0)]
		}
	];
	for (const category of TABLE_CATEGORIES) {
		const items = table[category];
		const categoryHeading = paragraph(
			ctx,
			bilingual(ctx, labelPair(category), ctx.s.subheading, ' · '),
			width
		);
		// Actors are short names: run on, they take half the lines a list would.
		const list =
			category === 'actors'
				? inlineItems(ctx, items, width, caps.items)
				: itemsList(ctx, items, width, caps.items);
		const more = moreLine(ctx, list.hidden, width, 'tables');
		const empty = items.length === 0 ? paragraph(ctx, [span('—', ctx.s.muted)], width) : EMPTY;
		parts.push(stack([categoryHeading, list.box, more, empty], 0.5));
	}
	const justification = table.justification?.text.trim();
	const rapporteur = table.rapporteur?.trim();
	if (justification || rapporteur) {
		// One paragraph: « justification » — name, rapporteur (the name ends the quote's line).
		const spans: Span[] = [];
		if (justification) {
			spans.push(span(`${labelText('justification')} : `, ctx.s.semibold));
			spans.push(span(`« ${justification} »`, ctx.s.italic));
		}
		if (rapporteur) {
			spans.push(span(`${justification ? ' — ' : ''}${rapporteur}`, ctx.s.semibold));
			spans.push(span(` (${labelText('rapporteur').toLowerCase()})`, ctx.s.muted));
		}
		const box = paragraph(ctx, spans, width, { maxLines: caps.textLines });
		if (box.clipped) ctx.cut.add('tables');
		parts.push(box);
	}
	return stack(parts, ctx.b * 0.35);
}

export function tablesSection(ctx: Ctx, model: Restitution, width: number): Box {
	if (model.tables.length === 0) return EMPTY;
	const legend = [
		span('▪ ', { ...ctx.s.bold, color: COLORS.accent }),
		span(`${label('fr', 'keyLegend')} · ${label('nl', 'keyLegend')}`, ctx.s.mutedItalic)
	];
	const parts: Box[] = [heading(ctx, labelPair('tables'), width, legend)];
	const shown = model.tables.slice(0, ctx.caps.tables);
	if (shown.length < model.tables.length) ctx.cut.add('tables');
	const perRow = Math.min(3, shown.length);
	const rows: Box[] = [];
	for (let start = 0; start < shown.length; start += perRow) {
		rows.push(tablesRow(ctx, shown.slice(start, start + perRow), start, width));
	}
	parts.push(stack(rows, GAP * 0.8));
	const hiddenTables = model.tables.length - shown.length;
	if (hiddenTables > 0)
		parts.push(paragraph(ctx, [span(moreLabel(hiddenTables), ctx.s.mutedItalic)], width));
	return stack(parts, 3);
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
	const gutter = GAP;
	const free = width - gutter * (tables.length - 1);
	const even = free / tables.length;
	const build = (widths: readonly number[]) =>
		tables.map((table, offset) =>
			tableColumn(ctx, table, firstIndex + offset, widths[offset] ?? even, ctx.caps)
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
	return beside(
		boxes.map((box, offset) => {
			const placed = { box, x };
			x += (widths[offset] ?? even) + gutter;
			return placed;
		})
	);
}
