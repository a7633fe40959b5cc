/** Page 1 of the restitution: the document's own sections, and the page they make with the parts'. */
import QRCode from 'qrcode';
import { partCountRows } from './meeting-parts';
import {
	bilingualLabel,
	colon,
	coordinatorText,
	label,
	longDate,
	printIn,
	printedLine,
	sectionOf,
	shortDate,
	textIn,
	timeRange,
	type Restitution
} from '../../../protocol/summary';
import { partsOf, type Part } from '../parts';
import {
	type Ctx,
	GAP,
	bilingual,
	cap,
	countRow,
	formatCount,
	frNl,
	heading,
	labelPair,
	labelsJoined,
	moreLabel,
	moreLine,
	span,
	weightedRow
} from './blocks';
import { type Box, EMPTY, beside, list, padded, stack, withRole } from './boxes';
import { COLORS, type Span, type TextStyle, paragraph } from './text';

function headerSection(
	ctx: Ctx,
	model: Restitution,
	width: number,
	logo: { bytes: Buffer; w: number; h: number } | null
): Box {
	const { header } = model;
	// The right-hand column: the logo, and under it the series' public page while it is on.
	const sideWidth = header.seriesPageUrl
		? Math.max(logo?.w ?? 0, SERIES_PAGE_WIDTH)
		: (logo?.w ?? 0);
	const logoArea = sideWidth > 0 ? sideWidth + GAP * 1.5 : 0;
	const textWidth = width - logoArea;
	const lines = (text: string, style: TextStyle, w: number, maxLines: number) =>
		paragraph(ctx, [span(text, style)], w, { maxLines });
	const time = timeRange(header.startTime, header.endTime);
	const number = header.number.trim();

	const rows: Box[] = [];
	const pairRow = (
		value: { fr: string; nl: string; en: string },
		style: TextStyle,
		maxLines: number
	) => {
		const p = printIn(value, ctx.langs);
		if (p.kind === 'single') {
			rows.push(lines(p.text, style, textWidth, maxLines));
			return;
		}
		rows.push(
			frNl(ctx, textWidth, (language, w) =>
				lines(language === p.first.language ? p.first.text : p.second.text, style, w, maxLines)
			)
		);
	};
	pairRow(bilingualLabel('title'), ctx.s.kicker, 2);
	const own = (value: Parameters<typeof textIn>[0], language: Parameters<typeof textIn>[1]) =>
		textIn(value, language, ctx.langs.list);
	rows.push(
		padded(
			frNl(ctx, textWidth, (language, w) =>
				withRole(lines(own(header.theme, language), ctx.s.title, w, 3), { role: 'H1' })
			),
			1,
			2
		)
	);
	if (header.series || number) {
		const seriesText = (language: Parameters<typeof textIn>[1]) =>
			[
				header.series ? own(header.series, language) : '',
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
		where.push(span(`${labelsJoined(ctx, 'place')}${colon(ctx.langs, '\u00a0')}`, ctx.s.muted));
		where.push(span(header.place, ctx.s.body));
		where.push(span(' — ', ctx.s.muted));
	}
	if (header.organiser) {
		where.push(span(`${labelsJoined(ctx, 'organiser')}${colon(ctx.langs, '\u00a0')}`, ctx.s.muted));
		where.push(...bilingual(ctx, header.organiser, ctx.s.body));
	} else where.pop(); // the dash after the place
	if (where.length > 0) rows.push(paragraph(ctx, where, textWidth, { maxLines: 3 }));
	const text = stack(rows, 1.5);
	const columns = [{ box: text, x: 0 }];
	const side: Box[] = [];
	if (logo) {
		side.push(
			beside([
				{
					box: {
						h: logo.h,
						ops: [{ kind: 'image', x: 0, y: 0, w: logo.w, h: logo.h, data: logo.bytes }],
						tag: {
							role: 'Figure',
							alt: `Logo — ${printedLine(header.organiser ?? header.theme, ctx.langs)}`
						}
					},
					x: sideWidth - logo.w
				}
			])
		);
	}
	if (header.seriesPageUrl) side.push(seriesPageSection(ctx, header.seriesPageUrl, sideWidth));
	if (side.length > 0) columns.push({ box: stack(side, 4), x: width - sideWidth });
	const body = beside(columns);
	return {
		h: body.h + 6,
		ops: [
			...body.ops,
			{ kind: 'rule', x: 0, y: body.h + 4.5, w: width, thickness: 1.4, color: COLORS.accent }
		]
	};
}

export function coordinatorSection(
	ctx: Ctx,
	model: Restitution,
	which: 'introduction' | 'conclusion',
	width: number
): Box {
	const text = model[which];
	const maxLines = cap(ctx, 'textLines');
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
	const shown = attendance.sectors.slice(0, cap(ctx, 'sectors'));
	parts.push(
		list(
			shown.map((sector) =>
				countRow(ctx, bilingual(ctx, sector.label, ctx.s.body), formatCount(sector.count), width)
			),
			1
		)
	);
	parts.push(moreLine(ctx, attendance.sectors.length - shown.length, width, 'sectors'));
	// A meeting in several parts: how many were present in each (nothing otherwise).
	parts.push(partCountRows(ctx, model, width));
	return stack(parts, 1);
}

function nextDatesSection(ctx: Ctx, model: Restitution, width: number): Box {
	if (model.nextDates.length === 0) return EMPTY;
	const parts: Box[] = [heading(ctx, labelPair('nextDates'), width)];
	for (const next of model.nextDates) {
		const hours = next.time ? `${next.time}${next.endTime ? `–${next.endTime}` : ''}` : '';
		const when = [shortDate(next.date), hours].filter(Boolean).join(' · ');
		// Place, link and description share one muted paragraph: the column beside the
		// attendance stays as tall as before for a typical session.
		const description = next.description;
		const details: Span[] = [next.place ?? '', next.link ?? '']
			.filter(Boolean)
			.map((text, index) => span(index > 0 ? ` · ${text}` : text, ctx.s.muted));
		if (description && (description.fr || description.nl || description.en)) {
			if (details.length > 0) details.push(span(' — ', ctx.s.muted));
			details.push(
				...bilingual(
					ctx,
					{
						fr: description.fr ?? '',
						nl: description.nl ?? '',
						...(description.en ? { en: description.en } : {})
					},
					ctx.s.muted
				)
			);
		}
		parts.push(
			stack([
				paragraph(ctx, [span(when, ctx.s.semibold)], width),
				paragraph(ctx, bilingual(ctx, next.label, ctx.s.body), width, { maxLines: 4 }),
				details.length > 0 ? paragraph(ctx, details, width, { maxLines: 3 }) : EMPTY
			])
		);
	}
	return stack(parts, 2.5);
}

/** The QR code's side on the page, in points (≈ 13 mm): scans from a printed A4 at reading distance. */
const QR_SIDE = 36;
/** The width the QR code and its address take in the header's right-hand column. */
const SERIES_PAGE_WIDTH = 128;

/**
 * The series' public page, while it is on: a QR code and its address beside it, in the
 * header's right-hand column under the logo, where it costs page 1 no height in a typical
 * session. Drawn as rectangles, one per run of dark modules, so it stays sharp at any zoom.
 */
function seriesPageSection(ctx: Ctx, url: string, width: number): Box {
	const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
	const size = qr.modules.size;
	// The quiet zone around the code: white, two modules wide (the page is white already).
	const quiet = 2;
	const cell = QR_SIDE / (size + 2 * quiet);
	const modules: Box['ops'] = [];
	for (let row = 0; row < size; row++) {
		let start = -1;
		for (let col = 0; col <= size; col++) {
			const dark = col < size && qr.modules.get(row, col) === 1;
			if (dark && start < 0) start = col;
			if (!dark && start >= 0) {
				modules.push({
					kind: 'rect',
					x: (quiet + start) * cell,
					y: (quiet + row) * cell,
					// A hair wider and taller, so that neighbouring runs leave no white seam.
					w: (col - start) * cell + 0.05,
					h: cell + 0.05,
					color: '#000000'
				});
				start = -1;
			}
		}
	}
	const code: Box = {
		h: QR_SIDE,
		ops: [...modules, { kind: 'link', x: 0, y: 0, w: QR_SIDE, h: QR_SIDE, url }],
		tag: { role: 'Figure', alt: `QR — ${url}` }
	};
	const textWidth = Math.max(40, width - QR_SIDE - 3);
	// Printed without its scheme: shorter, and what a person would type.
	const shortUrl = url.replace(/^https?:\/\//, '');
	const address = paragraph(
		ctx,
		[span(shortUrl, { ...ctx.s.small, color: COLORS.accent })],
		textWidth,
		{ maxLines: 4 }
	);
	const text = stack([
		paragraph(
			ctx,
			bilingual(ctx, labelPair('seriesPage'), { ...ctx.s.small, font: 'semibold' }, ' · '),
			textWidth,
			{
				maxLines: 3
			}
		),
		{
			...address,
			ops: [...address.ops, { kind: 'link', x: 0, y: 0, w: address.w, h: address.h, url }]
		}
	]);
	return beside([
		{ box: text, x: 0 },
		{ box: code, x: width - QR_SIDE }
	]);
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
	const thanks = model.thanks ?? bilingualLabel('thanks');
	const style = { ...ctx.s.semibold, size: ctx.b * 1.08, color: COLORS.accent };
	return paragraph(ctx, bilingual(ctx, thanks, style, '  ·  '), width, { maxLines: 4 });
}

function peopleSection(ctx: Ctx, model: Restitution, width: number): Box {
	const people = model.attendance.people;
	if (people.length === 0) return EMPTY;
	const title = `${labelsJoined(ctx, 'people')}${colon(ctx.langs, '\u00a0')}`;
	if (cap(ctx, 'people') <= 0) {
		ctx.cut.add('people');
		return paragraph(
			ctx,
			[span(title, ctx.s.semibold), span(labelsJoined(ctx, 'moreInAppendix'), ctx.s.mutedItalic)],
			width
		);
	}
	const shown = people.slice(0, cap(ctx, 'people'));
	const spans: Span[] = [span(title, ctx.s.semibold)];
	shown.forEach((person, index) => {
		spans.push(span(person.name, ctx.s.body));
		if (person.organisation) spans.push(span(` (${person.organisation})`, ctx.s.muted));
		if (index < shown.length - 1) spans.push(span(', ', ctx.s.muted));
	});
	const hidden = people.length - shown.length;
	if (hidden > 0) {
		ctx.cut.add('people');
		spans.push(span(` ${moreLabel(ctx, hidden)}`, ctx.s.mutedItalic));
	}
	return paragraph(ctx, spans, width);
}

/** A part's section on page 1, or nothing when an optional section is absent. */
export function partPage(ctx: Ctx, model: Restitution, part: Part, width: number): Box {
	const section = sectionOf(model, part);
	return section === undefined ? EMPTY : part.pdf.page(ctx, section, width, model);
}

/**
 * The page: the header, the introduction, the row of figures (attendance, the `figures`
 * parts' columns, next dates and contact), the names, the `results` parts, the conclusion,
 * the `closing` parts and the thanks.
 */
export function firstPage(
	ctx: Ctx,
	model: Restitution,
	width: number,
	logo: { bytes: Buffer; w: number; h: number } | null
): Box {
	const figures = weightedRow(width, [
		{ weight: 0.31, present: true, build: (w) => attendanceSection(ctx, model, w) },
		...partsOf('figures').map((part) => {
			const section = sectionOf(model, part);
			return {
				weight: part.pdf.column?.weight ?? 0.35,
				present: section !== undefined && (part.pdf.column?.present(section) ?? true),
				build: (w: number) => partPage(ctx, model, part, w)
			};
		}),
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
		...partsOf('results').map((part) => partPage(ctx, model, part, width)),
		coordinatorSection(ctx, model, 'conclusion', width),
		...partsOf('closing').map((part) => partPage(ctx, model, part, width)),
		thanksSection(ctx, model, width)
	];
	return stack(sections, ctx.b * 0.8);
}
