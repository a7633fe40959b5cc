/**
 * A meeting in several parts in the PDF: on page 1, beside the participants, one line per
 * part with how many were present (the synthesis covers every part); then one page per
 * part after the synthesis and its appendix, with when and where it took place, its steps
 * and who was present. Nothing for a meeting in one part: its PDF stays as it was.
 */
import { longDate, shortDate, timeRange, type Restitution } from '../../../protocol/summary';
import { partPosition, partPresent } from '../meeting-parts';
import {
	type Ctx,
	bilingual,
	countRow,
	formatCount,
	heading,
	labelPair,
	labelText,
	span,
	peopleColumns
} from './blocks';
import { type Box, EMPTY, list, padded, stack, withRole } from './boxes';
import { COLORS, paragraph } from './text';

/** Page 1: "1 · 03/03 — title … 12" per part, under the participants' count. */
export function partCountRows(ctx: Ctx, model: Restitution, width: number): Box {
	const parts = model.meetingParts;
	if (!parts || parts.length === 0) return EMPTY;
	const title = paragraph(
		ctx,
		[span(labelText(ctx, 'meetingParts'), { ...ctx.s.semibold, color: COLORS.accent })],
		width
	);
	const rows = list(
		parts.map((part) =>
			countRow(
				ctx,
				[
					span(`${part.number} · ${shortDate(part.date)} — `, ctx.s.semibold),
					...bilingual(ctx, part.title, ctx.s.body)
				],
				formatCount(part.present),
				width
			)
		),
		1
	);
	return padded(stack([withRole(title, { role: 'P' }), rows], 1), 3, 0);
}

/** One block per part, each drawn on a page of its own by the renderer. */
export function meetingPartPages(ctx: Ctx, model: Restitution, width: number): Box[] {
	const parts = model.meetingParts;
	if (!parts || parts.length === 0) return [];
	return parts.map((part) => {
		const title = paragraph(
			ctx,
			[
				span(`${partPosition(part, parts.length, ctx.langs)} — `, {
					...ctx.s.title,
					color: COLORS.accent
				}),
				...bilingual(ctx, part.title, ctx.s.title)
			],
			width
		);
		const time = timeRange(part.startTime, part.endTime);
		const when = paragraph(
			ctx,
			[
				...ctx.langs.list.flatMap((language, index) => [
					...(index > 0 ? [span(' · ', ctx.s.muted)] : []),
					span(longDate(part.date, language), ctx.s.semibold)
				]),
				span(time ? `, ${time}` : '', ctx.s.semibold)
			],
			width
		);
		const where = [part.place ?? '', part.link ?? ''].filter(Boolean).join(' · ');
		const blocks: Box[] = [
			withRole(title, { role: 'H1' }),
			when,
			where ? paragraph(ctx, [span(where, ctx.s.muted)], width) : EMPTY,
			paragraph(ctx, [span(partPresent(part, ctx.langs), { ...ctx.s.figure })], width)
		];
		if (part.steps.length > 0)
			blocks.push(
				stack(
					[
						heading(ctx, labelPair('partSteps'), width),
						list(
							part.steps.map((step) =>
								padded(paragraph(ctx, bilingual(ctx, step, ctx.s.body), width), 0.5)
							)
						)
					],
					2
				)
			);
		if (part.people.length > 0) blocks.push(peopleColumns(ctx, part.people, width));
		return stack(
			blocks.filter((block) => block.h > 0),
			4
		);
	});
}
