/** The appendix: everything page 1 shortened, in full, flowing over as many pages as needed. */
import { SUMMARY_SLOTS, sectionOf, shortDate, type Restitution } from '../../../protocol/summary';
import { PARTS, partsOf, type Part } from '../parts';
import {
	type Ctx,
	NO_CAPS,
	type Section,
	bilingual,
	heading,
	labelPair,
	labelsJoined,
	span,
	weightedRow,
	peopleColumns
} from './blocks';
import { type Box, stack, withRole } from './boxes';
import { attendanceSection, coordinatorSection, partPage } from './first-page';
import { CONTENT_WIDTH } from './pages';
import { COLORS, paragraph } from './text';

/**
 * In this order: the coordinators' texts, the names, the sectors beside the `figures` parts,
 * the other parts' sections drawn in full, then the parts that lay out their own appendix
 * (the tables, one block each), each only when page 1 cut it.
 */
export function appendixBlocks(
	ctx: Ctx,
	model: Restitution,
	cut: ReadonlySet<Section>,
	width: number
): Box[] {
	const blocks: Box[] = [];
	if (cut.has('texts')) {
		for (const which of ['introduction', 'conclusion'] as const) {
			const full = { ...ctx, caps: NO_CAPS };
			const text = coordinatorSection(full, model, which, width);
			if (text.h > 0) blocks.push(stack([heading(ctx, labelPair(which), width), text], 2));
		}
	}
	if (cut.has('people')) blocks.push(peopleColumns(ctx, model.attendance.people, width));
	const cutParts = PARTS.filter(
		(part) => cut.has(part.kind) && sectionOf(model, part) !== undefined
	);
	const drawn = (part: Part, w: number): Box[] =>
		part.pdf.appendix
			? part.pdf.appendix(ctx, sectionOf(model, part), w, model)
			: [partPage(ctx, model, part, w)];
	blocks.push(
		weightedRow(width, [
			{ weight: 1, present: cut.has('sectors'), build: (w) => attendanceSection(ctx, model, w) },
			...cutParts
				.filter((part) => part.slot === 'figures')
				.map((part) => ({ weight: 1, present: true, build: (w: number) => column(drawn(part, w)) }))
		])
	);
	const others = documentOrder(cutParts.filter((part) => part.slot !== 'figures'));
	for (const part of others.filter((part) => !part.pdf.appendix))
		blocks.push(...drawn(part, width));
	for (const part of others.filter((part) => part.pdf.appendix)) blocks.push(...drawn(part, width));
	return blocks.filter((block) => block.h > 0);
}

function column(boxes: Box[]): Box {
	return boxes.length === 1 && boxes[0] ? boxes[0] : stack(boxes);
}

/** Parts in the order the document draws them: by slot, then in the list of phase kinds. */
function documentOrder(parts: readonly Part[]): Part[] {
	const order = SUMMARY_SLOTS.flatMap((slot) => partsOf(slot));
	return [...parts].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export function appendixHeader(ctx: Ctx, model: Restitution): Box {
	const title = paragraph(
		ctx,
		[
			span(labelsJoined(ctx, 'appendix'), {
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
		[span(labelsJoined(ctx, 'appendixNote'), ctx.s.mutedItalic)],
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
