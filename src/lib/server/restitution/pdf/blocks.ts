/**
 * The building blocks of the restitution's sections: the type sizes of one attempt at page 1,
 * what its lists may show, headings, French and Dutch side by side, rows with a figure, rows
 * and columns of boxes. The document's own sections and each part's (`<kind>/restitution.ts`)
 * are made of them.
 */
import {
	bilingualLabel,
	bilingualLabelText,
	label,
	pluralLine,
	printIn,
	type ContentLanguage,
	type DocumentLanguages,
	type Label,
	type Person,
	type RestitutionLabelKey
} from '../../../protocol/summary';
import type { TextLanguage } from '../../../protocol/localized';
import { type Box, EMPTY, LIST_ITEM, at, beside, padded, stack, tagged, withRole } from './boxes';
import { type MainFont } from './fonts';
import { COLORS, type LayoutContext, type Span, type TextStyle, paragraph } from './text';

/**
 * How many entries each list may show on page 1, by the list's name (a list not named: all of
 * it); the rest goes to the appendix. The document's lists are `sectors`, `people` and
 * `textLines` (the lines of a long text); each part names its own (see part.ts).
 */
export type Caps = Readonly<Record<string, number>>;

export const NO_CAPS: Caps = {};

/** What one list may show on this attempt at page 1 (Infinity: all of it). */
export function cap(ctx: { caps: Caps }, name: string): number {
	return ctx.caps[name] ?? Infinity;
}

/**
 * A section page 1 shortened, which the appendix prints in full: the document's `texts`,
 * `people` or `sectors`, or a part's kind.
 */
export type Section = string;

export interface Ctx extends LayoutContext {
	/** Body type size, in points. */
	b: number;
	caps: Caps;
	/** Sections shortened on this page: the appendix prints them in full. */
	cut: Set<Section>;
	s: ReturnType<typeof styles>;
	/** The document's languages: which languages of a text are printed, in which order. */
	langs: DocumentLanguages;
}

export function styles(b: number) {
	const style = (font: MainFont, size: number, color: string): TextStyle => ({ font, size, color });
	return {
		body: style('regular', b, COLORS.text),
		bold: style('bold', b, COLORS.text),
		semibold: style('semibold', b, COLORS.text),
		italic: style('italic', b, COLORS.text),
		muted: style('regular', b, COLORS.muted),
		mutedItalic: style('italic', b, COLORS.muted),
		small: style('regular', b * 0.9, COLORS.muted),
		heading: style('bold', b * 1.08, COLORS.accent),
		subheading: style('semibold', b * 0.98, COLORS.accent),
		kicker: style('semibold', b * 1.08, COLORS.accent),
		title: style('bold', b * 1.6, COLORS.text),
		figure: style('bold', b * 1.45, COLORS.accent)
	};
}

export const GAP = 12;

export function span(text: string, style: TextStyle): Span {
	return { text, style };
}

/**
 * A text in the document's languages as spans, "FR / NL" with the separator muted, or the
 * single text; text in a language that is not the document's carries its tag ("[EN]").
 */
export function bilingual(
	ctx: Ctx,
	value: Label | { fr: string; nl: string; en?: string },
	style: TextStyle,
	separator = ' / '
): Span[] {
	const p = printIn(value, ctx.langs);
	if (p.kind === 'single') return [span(p.text, style), ...languageTag(p.tag, style)];
	return [
		span(p.first.text, style),
		span(separator, { ...style, font: 'regular', color: COLORS.muted }),
		span(p.second.text, style)
	];
}

/** The small muted "[EN]" after a text printed as typed, in another language than the document's. */
export function languageTag(tag: ContentLanguage | undefined, style: TextStyle): Span[] {
	return tag
		? [
				span(` [${tag.toUpperCase()}]`, {
					font: 'semibold',
					size: style.size * 0.75,
					color: COLORS.muted
				})
			]
		: [];
}

/** A label in every language; `bilingual` prints the document's. */
export function labelPair(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): { fr: string; nl: string; en: string } {
	return bilingualLabel(key, params);
}

/** A label in the document's languages, "fr · nl" (once when the same), or its one language. */
export function labelText(
	ctx: Ctx,
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	return bilingualLabelText(key, params, ctx.langs.list);
}

/** A label in each of the document's languages joined with " · " (once when they are the same). */
export function labelsJoined(
	ctx: Ctx,
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	return [...new Set(ctx.langs.list.map((language) => label(language, key, params)))].join(' · ');
}

export function moreLabel(ctx: Ctx, count: number): string {
	return pluralLine(ctx.langs.list, 'more', count);
}

export function moreLine(ctx: Ctx, hidden: number, width: number, section: Section): Box {
	if (hidden <= 0) return EMPTY;
	ctx.cut.add(section);
	return paragraph(ctx, [span(moreLabel(ctx, hidden), ctx.s.mutedItalic)], width);
}

/** A section heading, "FR · NL", with an optional note on the right and a hairline under it. */
export function heading(
	ctx: Ctx,
	title: { fr: string; nl: string; en?: string },
	width: number,
	note?: Span[]
): Box {
	const titlePara = paragraph(ctx, bilingual(ctx, title, ctx.s.heading, ' · '), width);
	const titleBox = { ...withRole(titlePara, { role: 'H2' }), w: titlePara.w };
	let box: Box = titleBox;
	if (note) {
		const noteBox = paragraph(ctx, note, width, { align: 'right' });
		box =
			titleBox.w + noteBox.w + 12 <= width
				? beside([
						{ box: titleBox, x: 0 },
						{ box: noteBox, x: 0 }
					])
				: stack([titleBox, noteBox]);
	}
	const ruleY = box.h + 1.5;
	return {
		h: ruleY + 3,
		ops: [
			at(box, 0, 0),
			{ kind: 'rule', x: 0, y: ruleY, w: width, thickness: 0.6, color: COLORS.accentSoft }
		]
	};
}

/**
 * The document's two languages in two columns (French on the left and Dutch on the right);
 * one full-width column when only one is written, or when the document has one language.
 */
export function frNl(
	ctx: Ctx,
	width: number,
	build: (language: TextLanguage, width: number) => Box | null
): Box {
	const [first, second] = ctx.langs.list;
	if (second === undefined) {
		const only = build(first, width);
		return only ? inLanguage(only, first) : EMPTY;
	}
	const gutter = GAP * 1.5;
	const columnWidth = (width - gutter) / 2;
	// Built at its final width only: building also records what had to be cut.
	const cut = new Set(ctx.cut);
	const firstBox = build(first, columnWidth);
	const secondBox = build(second, columnWidth);
	if (firstBox && secondBox)
		return beside([
			{ box: inLanguage(firstBox, first), x: 0 },
			{ box: inLanguage(secondBox, second), x: columnWidth + gutter }
		]);
	ctx.cut.clear();
	for (const section of cut) ctx.cut.add(section);
	const language = firstBox ? first : secondBox ? second : null;
	const only = language ? build(language, width) : null;
	return only && language ? inLanguage(only, language) : EMPTY;
}

/** BCP 47 tags of the languages, as the PDF marks its text (a screen reader's voice). */
export const PDF_LANGUAGE: Record<TextLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** A box whose text is in one language, so that a screen reader speaks it with that voice. */
function inLanguage(box: Box, language: TextLanguage): Box {
	return tagged(box, { role: 'Div', lang: PDF_LANGUAGE[language] });
}

/** A list row: a wrapped label on the left, a figure on the right, an optional bar below. */
export function countRow(
	ctx: Ctx,
	labelSpans: Span[],
	figure: string,
	width: number,
	fraction?: number
): Box {
	const figureStyle = ctx.s.semibold;
	const figureWidth = ctx.m.width(figure, figureStyle.font, figureStyle.size);
	const labelBox = paragraph(ctx, labelSpans, width - figureWidth - 6);
	const figureBox = paragraph(ctx, [span(figure, figureStyle)], width, { align: 'right' });
	const row = beside([
		{ box: labelBox, x: 0 },
		{ box: figureBox, x: 0 }
	]);
	if (fraction === undefined) return { ...padded(row, 0.6), tag: LIST_ITEM };
	const barY = row.h + 0.4;
	const barH = Math.max(1.2, ctx.b * 0.2);
	const barW = width - figureWidth - 6;
	return {
		h: barY + barH + 1.6,
		tag: LIST_ITEM,
		ops: [
			...row.ops,
			{ kind: 'rect', x: 0, y: barY, w: barW, h: barH, color: COLORS.track },
			{
				kind: 'rect',
				x: 0,
				y: barY,
				w: Math.max(0.5, barW * Math.min(1, fraction)),
				h: barH,
				color: COLORS.accentSoft
			}
		]
	};
}

const countFormat = new Intl.NumberFormat('fr-BE');

export function formatCount(value: number): string {
	return countFormat.format(value);
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

/**
 * "Participants · Deelnemers N" and the names with their organisations in three balanced
 * columns: the appendix's list of everyone, and each part's page of a meeting in parts.
 */
export function peopleColumns(ctx: Ctx, people: readonly Person[], width: number): Box {
	const columnWidth = (width - 2 * GAP) / 3;
	const names = people.map((person) =>
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
	return stack(
		[
			heading(ctx, labelPair('people'), width, [span(formatCount(people.length), ctx.s.semibold)]),
			balancedColumns(names, 3, columnWidth, GAP)
		],
		2
	);
}
