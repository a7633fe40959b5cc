/** Page 1 of the restitution: its sections, and the page they make together. */
import {
	byRank,
	compactDate,
	coordinatorText,
	label,
	longDate,
	printable,
	printableLine,
	rankLabel,
	shortDate,
	timeRange,
	turnoutPercent,
	type LocalizedText,
	type Restitution
} from '../model';
import {
	type Ctx,
	GAP,
	bilingual,
	countRow,
	formatCount,
	frNl,
	heading,
	labelPair,
	moreLabel,
	moreLine,
	span
} from './blocks';
import {
	type Box,
	EMPTY,
	LIST_ITEM,
	type Node,
	at,
	beside,
	list,
	padded,
	stack,
	withRole
} from './boxes';
import { tablesSection } from './tables';
import { COLORS, type Span, type TextStyle, paragraph } from './text';

function headerSection(
	ctx: Ctx,
	model: Restitution,
	width: number,
	logo: { bytes: Buffer; w: number; h: number } | null
): Box {
	const { header } = model;
	const logoArea = logo ? logo.w + GAP * 1.5 : 0;
	const textWidth = width - logoArea;
	const lines = (text: string, style: TextStyle, w: number, maxLines: number) =>
		paragraph(ctx, [span(text, style)], w, { maxLines });
	const time = timeRange(header.startTime, header.endTime);
	const number = header.number.trim();

	const rows: Box[] = [];
	const pairRow = (fr: string, nl: string, style: TextStyle, maxLines: number) => {
		const p = printable({ fr, nl });
		if (p.kind === 'single') {
			rows.push(lines(p.text, style, textWidth, maxLines));
			return;
		}
		rows.push(
			frNl(ctx, textWidth, (language, w) =>
				lines(language === 'fr' ? p.fr : p.nl, style, w, maxLines)
			)
		);
	};
	pairRow(label('fr', 'title'), label('nl', 'title'), ctx.s.kicker, 2);
	rows.push(
		padded(
			frNl(ctx, textWidth, (language, w) =>
				withRole(lines(printableIn(header.theme, language), ctx.s.title, w, 3), { role: 'H1' })
			),
			1,
			2
		)
	);
	if (header.series || number) {
		const seriesText = (language: 'fr' | 'nl') =>
			[
				header.series ? printableIn(header.series, language) : '',
				number ? label(language, 'number', { number }) : ''
			]
				.filter(Boolean)
				.join(' — ');
		rows.push(
			frNl(ctx, textWidth, (language, w) => lines(seriesText(language), ctx.s.muted, w, 2))
		);
	}
	rows.push(
		frNl(ctx, textWidth, (language, w) =>
			paragraph(
				ctx,
				[
					span(longDate(header.date, language), ctx.s.semibold),
					span(time ? ` · ${time}` : '', ctx.s.semibold)
				],
				w,
				{ maxLines: 2 }
			)
		)
	);
	const where: Span[] = [];
	if (header.place.trim()) {
		where.push(span(`${label('fr', 'place')} · ${label('nl', 'place')}\u00a0: `, ctx.s.muted));
		where.push(span(header.place, ctx.s.body));
		where.push(span(' — ', ctx.s.muted));
	}
	if (header.organiser) {
		where.push(
			span(`${label('fr', 'organiser')} · ${label('nl', 'organiser')}\u00a0: `, ctx.s.muted)
		);
		where.push(...bilingual(ctx, header.organiser, ctx.s.body));
	} else where.pop(); // the dash after the place
	if (where.length > 0) rows.push(paragraph(ctx, where, textWidth, { maxLines: 3 }));
	const text = stack(rows, 1.5);
	const columns = [{ box: text, x: 0 }];
	if (logo) {
		columns.push({
			box: {
				h: logo.h,
				ops: [{ kind: 'image', x: 0, y: 0, w: logo.w, h: logo.h, data: logo.bytes }],
				tag: {
					role: 'Figure',
					alt: `Logo — ${printableLine(header.organiser ?? header.theme)}`
				}
			},
			x: width - logo.w
		});
	}
	const body = beside(columns);
	return {
		h: body.h + 6,
		ops: [
			...body.ops,
			{ kind: 'rule', x: 0, y: body.h + 4.5, w: width, thickness: 1.4, color: COLORS.accent }
		]
	};
}

/** The organiser text in one language, falling back to the other when it is empty. */
function printableIn(value: LocalizedText, language: 'fr' | 'nl'): string {
	const own = value[language].trim();
	return own || (language === 'fr' ? value.nl : value.fr).trim();
}

export function coordinatorSection(
	ctx: Ctx,
	model: Restitution,
	which: 'introduction' | 'conclusion',
	width: number
): Box {
	const text = model[which];
	const maxLines = ctx.caps.textLines;
	return frNl(ctx, width, (language, w) => {
		const value = coordinatorText(text, language);
		if (!value) return null;
		const spans =
			which === 'conclusion'
				? [span(`${label(language, 'conclusion')} — `, ctx.s.bold), span(value, ctx.s.body)]
				: [span(value, ctx.s.body)];
		const box = paragraph(ctx, spans, w, { maxLines });
		if (box.clipped) ctx.cut.add('texts');
		return box;
	});
}

export function attendanceSection(ctx: Ctx, model: Restitution, width: number): Box {
	const { attendance } = model;
	const parts: Box[] = [
		heading(ctx, labelPair('participants'), width, [
			span(formatCount(attendance.participants), ctx.s.figure)
		])
	];
	const shown = attendance.sectors.slice(0, ctx.caps.sectors);
	parts.push(
		list(
			shown.map((sector) =>
				countRow(ctx, bilingual(ctx, sector.label, ctx.s.body), formatCount(sector.count), width)
			),
			1
		)
	);
	parts.push(moreLine(ctx, attendance.sectors.length - shown.length, width, 'sectors'));
	return stack(parts, 1);
}

export function needsSection(ctx: Ctx, model: Restitution, width: number): Box {
	const { needs } = model.context;
	if (needs.length === 0) return EMPTY;
	const max = Math.max(1, ...needs.map((need) => need.count));
	const parts: Box[] = [heading(ctx, labelPair('needs'), width)];
	parts.push(
		paragraph(ctx, bilingual(ctx, labelPair('needsSource'), ctx.s.mutedItalic, ' · '), width)
	);
	const shown = needs.slice(0, ctx.caps.needs);
	parts.push(
		list(
			shown.map((need) =>
				countRow(
					ctx,
					bilingual(ctx, need.label, ctx.s.body),
					formatCount(need.count),
					width,
					need.count / max
				)
			),
			1
		)
	);
	parts.push(moreLine(ctx, needs.length - shown.length, width, 'needs'));
	return stack(parts, 1);
}

export function voteSection(ctx: Ctx, model: Restitution, width: number): Box {
	const vote = model.vote;
	if (!vote || vote.priorities.length === 0) return EMPTY;
	const turnout = (language: 'fr' | 'nl') =>
		label(language, 'turnout', {
			voters: formatCount(vote.voters),
			present: formatCount(vote.present),
			percent: turnoutPercent(vote, language)
		});
	const note =
		vote.present > 0 ? [span(`${turnout('fr')} · ${turnout('nl')}`, ctx.s.mutedItalic)] : undefined;
	const parts: Box[] = [heading(ctx, labelPair('vote'), width, note)];
	const ranked = byRank(vote.priorities);
	const shown = ranked.slice(0, ctx.caps.vote);
	const max = Math.max(1, ...ranked.map((priority) => priority.points));
	const rankWidth = ctx.m.width('=10', 'bold', ctx.b) + 4;
	const pointsWidth = ctx.m.width('888', 'semibold', ctx.b) + 2;
	const barWidth = ctx.b * 4;
	const labelWidth = width - rankWidth - barWidth - pointsWidth - 8;
	// Wide enough: French and Dutch in their own columns; participant text spans both.
	const split = labelWidth >= 300;
	const half = (labelWidth - GAP) / 2;
	const rows: Box[] = shown.map((priority) => {
		const rankBox = withRole(paragraph(ctx, [span(rankLabel(priority), ctx.s.bold)], rankWidth), {
			role: 'Lbl'
		});
		const text = printable(priority.label);
		const labelBox =
			split && text.kind === 'bilingual'
				? beside([
						{ box: paragraph(ctx, [span(text.fr, ctx.s.body)], half), x: 0 },
						{ box: paragraph(ctx, [span(text.nl, ctx.s.body)], half), x: half + GAP }
					])
				: paragraph(ctx, bilingual(ctx, priority.label, ctx.s.body), labelWidth);
		const pointsBox = paragraph(
			ctx,
			[span(formatCount(priority.points), ctx.s.semibold)],
			pointsWidth,
			{ align: 'right' }
		);
		const row = beside([
			{ box: rankBox, x: 0 },
			{ box: labelBox, x: rankWidth },
			{ box: pointsBox, x: width - pointsWidth }
		]);
		const barH = ctx.b * 0.55;
		const barX = width - pointsWidth - barWidth - 3;
		const barY = ctx.b * 0.3 + 0.6;
		const ops: Node[] = [
			{ kind: 'rect', x: barX, y: barY, w: barWidth, h: barH, color: COLORS.track },
			{
				kind: 'rect',
				x: barX,
				y: barY,
				w: Math.max(0.5, (barWidth * priority.points) / max),
				h: barH,
				color: COLORS.accentSoft
			},
			at(row, 0, 0.3)
		];
		if (priority.selected)
			ops.unshift({ kind: 'rect', x: -2, y: 0, w: width + 4, h: row.h + 0.6, color: COLORS.band });
		return { h: row.h + 0.6, ops, tag: LIST_ITEM };
	});
	parts.push(list(rows, 0.4));
	parts.push(moreLine(ctx, ranked.length - shown.length, width, 'vote'));
	return stack(parts, 1);
}

export function newsSection(ctx: Ctx, model: Restitution, width: number): Box {
	const { news } = model.context;
	if (news.length === 0) return EMPTY;
	const shown = news.slice(0, ctx.caps.news);
	// Wide: two columns of news, so that short titles do not leave half the width empty.
	const columns = width > 400 && shown.length > 1 ? 2 : 1;
	const gutter = GAP * 1.5;
	const columnWidth = (width - gutter * (columns - 1)) / columns;
	const year = model.header.date.slice(0, 4);
	const dates = shown.map((item) => (item.date ? compactDate(item.date, year) : ''));
	const dateWidth =
		Math.max(0, ...dates.map((date) => ctx.m.width(date, 'regular', ctx.b))) + ctx.b * 0.7;
	const rows = shown.map((item, index) => {
		const date = paragraph(ctx, [span(dates[index] ?? '', ctx.s.muted)], dateWidth);
		const title = paragraph(ctx, bilingual(ctx, item.title, ctx.s.body), columnWidth - dateWidth);
		return padded(
			beside([
				{ box: date, x: 0 },
				{ box: title, x: dateWidth }
			]),
			0.5
		);
	});
	return stack(
		[
			heading(ctx, labelPair('news'), width),
			balancedColumns(rows, columns, columnWidth, gutter),
			moreLine(ctx, news.length - shown.length, width, 'news')
		],
		0.6
	);
}

/** Deals boxes into `count` columns of similar height, keeping their order down each column. */
export function balancedColumns(
	boxes: readonly Box[],
	count: number,
	columnWidth: number,
	gutter: number
): Box {
	if (count <= 1) return stack(boxes);
	const total = boxes.reduce((sum, box) => sum + box.h, 0);
	const columns: Box[][] = [[]];
	let filled = 0;
	for (const box of boxes) {
		const current = columns[columns.length - 1] ?? [];
		// Start the next column once this one holds its share (the box goes where it overshoots less).
		if (
			columns.length < count &&
			current.length > 0 &&
			filled + box.h / 2 > (total / count) * columns.length
		) {
			columns.push([box]);
		} else {
			current.push(box);
		}
		filled += box.h;
	}
	return beside(
		columns.map((column, index) => ({ box: stack(column), x: index * (columnWidth + gutter) }))
	);
}

function nextDatesSection(ctx: Ctx, model: Restitution, width: number): Box {
	if (model.nextDates.length === 0) return EMPTY;
	const parts: Box[] = [heading(ctx, labelPair('nextDates'), width)];
	for (const next of model.nextDates) {
		const when = [shortDate(next.date), next.time ?? ''].filter(Boolean).join(' · ');
		parts.push(
			stack([
				paragraph(ctx, [span(when, ctx.s.semibold)], width),
				paragraph(ctx, bilingual(ctx, next.label, ctx.s.body), width, { maxLines: 4 }),
				next.place ? paragraph(ctx, [span(next.place, ctx.s.muted)], width, { maxLines: 2 }) : EMPTY
			])
		);
	}
	return stack(parts, 2.5);
}

function contactSection(ctx: Ctx, model: Restitution, width: number): Box {
	const parts: Box[] = [];
	const contact = model.contact;
	if (contact && (contact.name || contact.email || contact.phone)) {
		parts.push(heading(ctx, labelPair('contact'), width));
		if (contact.name)
			parts.push(paragraph(ctx, [span(contact.name, ctx.s.semibold)], width, { maxLines: 2 }));
		if (contact.email) {
			const email = paragraph(
				ctx,
				[span(contact.email, { ...ctx.s.body, color: COLORS.accent })],
				width,
				{ maxLines: 2 }
			);
			const safe = /^[^\s<>"]+@[^\s<>"]+$/.test(contact.email);
			parts.push(
				safe
					? {
							...email,
							ops: [
								...email.ops,
								{ kind: 'link', x: 0, y: 0, w: email.w, h: email.h, url: `mailto:${contact.email}` }
							]
						}
					: email
			);
		}
		if (contact.phone)
			parts.push(paragraph(ctx, [span(contact.phone, ctx.s.body)], width, { maxLines: 1 }));
	}
	return stack(parts, 1);
}

/** The closing thanks, French then Dutch, on one line when it fits. */
function thanksSection(ctx: Ctx, model: Restitution, width: number): Box {
	const thanks = model.thanks ?? { fr: label('fr', 'thanks'), nl: label('nl', 'thanks') };
	const style = { ...ctx.s.semibold, size: ctx.b * 1.08, color: COLORS.accent };
	return paragraph(ctx, bilingual(ctx, thanks, style, '  ·  '), width, { maxLines: 4 });
}

function peopleSection(ctx: Ctx, model: Restitution, width: number): Box {
	const people = model.attendance.people;
	if (people.length === 0) return EMPTY;
	const title = `${label('fr', 'people')} · ${label('nl', 'people')}\u00a0: `;
	if (ctx.caps.people <= 0) {
		ctx.cut.add('people');
		return paragraph(
			ctx,
			[
				span(title, ctx.s.semibold),
				span(
					`${label('fr', 'moreInAppendix')} · ${label('nl', 'moreInAppendix')}`,
					ctx.s.mutedItalic
				)
			],
			width
		);
	}
	const shown = people.slice(0, ctx.caps.people);
	const spans: Span[] = [span(title, ctx.s.semibold)];
	shown.forEach((person, index) => {
		spans.push(span(person.name, ctx.s.body));
		if (person.organisation) spans.push(span(` (${person.organisation})`, ctx.s.muted));
		if (index < shown.length - 1) spans.push(span(', ', ctx.s.muted));
	});
	const hidden = people.length - shown.length;
	if (hidden > 0) {
		ctx.cut.add('people');
		spans.push(span(` ${moreLabel(hidden)}`, ctx.s.mutedItalic));
	}
	return paragraph(ctx, spans, width);
}

/** Columns with relative weights; absent (empty) columns give their room to the others. */
export function weightedRow(
	width: number,
	columns: readonly { weight: number; build: (w: number) => Box; present: boolean }[]
): Box {
	const present = columns.filter((column) => column.present);
	if (present.length === 0) return EMPTY;
	const total = present.reduce((sum, column) => sum + column.weight, 0);
	const free = width - GAP * 1.5 * (present.length - 1);
	let x = 0;
	const placed = present.map((column) => {
		const w = (free * column.weight) / total;
		const box = column.build(w);
		const at = x;
		x += w + GAP * 1.5;
		return { box, x: at };
	});
	return beside(placed);
}

export function firstPage(
	ctx: Ctx,
	model: Restitution,
	width: number,
	logo: { bytes: Buffer; w: number; h: number } | null
): Box {
	const figures = weightedRow(width, [
		{ weight: 0.31, present: true, build: (w) => attendanceSection(ctx, model, w) },
		{
			weight: 0.35,
			present: model.context.needs.length > 0,
			build: (w) => needsSection(ctx, model, w)
		},
		{
			weight: 0.34,
			present: true,
			build: (w) =>
				stack([nextDatesSection(ctx, model, w), contactSection(ctx, model, w)], ctx.b * 0.9)
		}
	]);
	const sections = [
		headerSection(ctx, model, width, logo),
		coordinatorSection(ctx, model, 'introduction', width),
		figures,
		peopleSection(ctx, model, width),
		voteSection(ctx, model, width),
		tablesSection(ctx, model, width),
		coordinatorSection(ctx, model, 'conclusion', width),
		newsSection(ctx, model, width),
		thanksSection(ctx, model, width)
	];
	return stack(sections, ctx.b * 0.8);
}
