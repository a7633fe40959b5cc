/** The appendix: everything page 1 shortened, in full, flowing over as many pages as needed. */
import { label, shortDate, tableName, type Restitution } from '../model';
import {
	type Ctx,
	GAP,
	NO_CAPS,
	type Section,
	bilingual,
	formatCount,
	heading,
	labelPair,
	labelText,
	span
} from './blocks';
import { type Box, EMPTY, beside, padded, stack, withRole } from './boxes';
import {
	attendanceSection,
	balancedColumns,
	coordinatorSection,
	needsSection,
	newsSection,
	voteSection,
	weightedRow
} from './first-page';
import { CONTENT_WIDTH } from './pages';
import { itemsList } from './tables';
import { COLORS, type Span, paragraph } from './text';

export function appendixBlocks(
	ctx: Ctx,
	model: Restitution,
	cut: ReadonlySet<Section>,
	width: number
): Box[] {
	const blocks: Box[] = [];
	const keyLegend = [
		span('▪ ', { ...ctx.s.bold, color: COLORS.accent }),
		span(`${label('fr', 'keyLegend')} · ${label('nl', 'keyLegend')}`, ctx.s.mutedItalic)
	];
	if (cut.has('texts')) {
		for (const which of ['introduction', 'conclusion'] as const) {
			const full = { ...ctx, caps: NO_CAPS };
			const text = coordinatorSection(full, model, which, width);
			if (text.h > 0) blocks.push(stack([heading(ctx, labelPair(which), width), text], 2));
		}
	}
	if (cut.has('people')) {
		const gutter = GAP;
		const columnWidth = (width - 2 * gutter) / 3;
		const names = model.attendance.people.map((person) =>
			padded(
				paragraph(
					ctx,
					[
						span(person.name, ctx.s.body),
						span(person.organisation ? ` (${person.organisation})` : '', ctx.s.muted)
					],
					columnWidth
				),
				0.4
			)
		);
		blocks.push(
			stack(
				[
					heading(ctx, labelPair('people'), width, [
						span(formatCount(model.attendance.people.length), ctx.s.semibold)
					]),
					balancedColumns(names, 3, columnWidth, gutter)
				],
				2
			)
		);
	}
	blocks.push(
		weightedRow(width, [
			{ weight: 1, present: cut.has('sectors'), build: (w) => attendanceSection(ctx, model, w) },
			{ weight: 1, present: cut.has('needs'), build: (w) => needsSection(ctx, model, w) }
		])
	);
	if (cut.has('vote')) blocks.push(voteSection(ctx, model, width));
	if (cut.has('news')) blocks.push(newsSection(ctx, model, width));
	if (cut.has('tables')) {
		// One table at a time, its four categories in two columns: long lists stay readable.
		const half = (width - GAP * 1.5) / 2;
		model.tables.forEach((table, index) => {
			const name = tableName(table, index);
			const parts: Box[] = [];
			if (index === 0) parts.push(heading(ctx, labelPair('tables'), width, keyLegend));
			parts.push(
				paragraph(
					ctx,
					[
						span(
							`${label('fr', 'table', { name })} · ${label('nl', 'table', { name })} — `,
							ctx.s.subheading
						),
						...bilingual(ctx, table.priority, ctx.s.bold)
					],
					width
				)
			);
			for (const pair of [
				['barriers', 'levers'],
				['collaborations', 'actors']
			] as const) {
				parts.push(
					beside(
						pair.map((category, column) => ({
							box: stack([
								paragraph(ctx, bilingual(ctx, labelPair(category), ctx.s.subheading, ' · '), half),
								itemsList(ctx, table[category], half, Infinity).box,
								table[category].length === 0
									? paragraph(ctx, [span('—', ctx.s.muted)], half)
									: EMPTY
							]),
							x: column * (half + GAP * 1.5)
						}))
					)
				);
			}
			const justification = table.justification?.text.trim();
			const rapporteur = table.rapporteur?.trim();
			const closing: Span[] = [];
			if (justification) {
				closing.push(span(`${labelText('justification')} : `, ctx.s.semibold));
				closing.push(span(`« ${justification} »`, ctx.s.italic));
			}
			if (rapporteur) {
				closing.push(span(`${justification ? ' — ' : ''}${rapporteur}`, ctx.s.semibold));
				closing.push(span(` (${labelText('rapporteur').toLowerCase()})`, ctx.s.muted));
			}
			if (closing.length > 0) parts.push(paragraph(ctx, closing, width));
			blocks.push(stack(parts, ctx.b * 0.5));
		});
	}
	return blocks.filter((block) => block.h > 0);
}

export function appendixHeader(ctx: Ctx, model: Restitution): Box {
	const title = paragraph(
		ctx,
		[
			span(`${label('fr', 'appendix')} · ${label('nl', 'appendix')}`, {
				...ctx.s.title,
				color: COLORS.accent
			})
		],
		CONTENT_WIDTH
	);
	const theme = paragraph(
		ctx,
		[
			...bilingual(ctx, model.header.theme, ctx.s.bold),
			span(` — ${shortDate(model.header.date)}`, ctx.s.muted)
		],
		CONTENT_WIDTH
	);
	const note = paragraph(
		ctx,
		[span(`${label('fr', 'appendixNote')} · ${label('nl', 'appendixNote')}`, ctx.s.mutedItalic)],
		CONTENT_WIDTH
	);
	const body = stack([withRole(title, { role: 'H1' }), theme, note], 1);
	return {
		h: body.h + 8,
		ops: [
			...body.ops,
			{ kind: 'rule', x: 0, y: body.h + 4, w: CONTENT_WIDTH, thickness: 1.4, color: COLORS.accent }
		]
	};
}
