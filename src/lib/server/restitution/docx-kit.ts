/**
 * What the DOCX restitution is made of (see render-docx.ts), for the document's own sections
 * and each part's (`<kind>/restitution.ts`): text runs tagged with their language, headings,
 * paragraphs, full-width tables, French and Dutch side by side.
 */
import {
	BorderStyle,
	HeadingLevel,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType,
	convertMillimetersToTwip,
	type IRunOptions,
	type ITableBordersOptions,
	type ParagraphChild
} from 'docx';
import {
	bilingualLabelText,
	printIn,
	type ContentLanguage,
	type DocumentLanguages,
	type Label,
	type RestitutionLabelKey
} from '../../protocol/summary';
import type { TextLanguage } from '../../protocol/localized';

export const ACCENT = '1D4F73';
export const MUTED = '56616C';
const BAND = 'EDF2F6';
const LANGUAGE_TAG: Record<ContentLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

// Characters XML 1.0 forbids (a single one makes Word refuse the file), bidi overrides, and
// lone UTF-16 surrogates; everything else, HTML and emoji included, is kept as typed.
export const XML_UNSAFE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One block of the document body. */
export type Block = Paragraph | Table;

export interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	color?: string;
	/** Half-points. */
	size?: number;
	language?: ContentLanguage;
}

/** Text runs; line breaks in the text become Word line breaks. */
export function runs(text: string, style: RunStyle = {}): TextRun[] {
	const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(XML_UNSAFE, '');
	const options: IRunOptions = {
		...(style.bold ? { bold: true } : {}),
		...(style.italics ? { italics: true } : {}),
		...(style.color ? { color: style.color } : {}),
		...(style.size ? { size: style.size } : {}),
		...(style.language ? { language: { value: LANGUAGE_TAG[style.language] } } : {})
	};
	return clean
		.split('\n')
		.map(
			(line, index) => new TextRun({ ...options, text: line, ...(index > 0 ? { break: 1 } : {}) })
		);
}

/** A label of the restitution namespace in the document's languages, "fr · nl". */
export function pair(
	langs: DocumentLanguages,
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	return bilingualLabelText(key, params, langs.list);
}

/** The small muted "[EN]" after a text typed in another language than the document's. */
export function tagRuns(tag: ContentLanguage | undefined, style: RunStyle = {}): TextRun[] {
	if (!tag) return [];
	const size = style.size ?? 20;
	return runs(` [${tag.toUpperCase()}]`, { color: MUTED, size: Math.round(size * 0.8) });
}

/**
 * A label's runs: its text in the document's languages (each run marked with its language),
 * or the participant's text once, as typed (tagged when in another language).
 */
export function labelRuns(
	langs: DocumentLanguages,
	value: Label,
	style: RunStyle = {},
	separator = ' / '
): TextRun[] {
	const p = printIn(value, langs);
	if (p.kind === 'single')
		return [
			...runs(p.text, { ...style, ...(p.language ? { language: p.language } : {}) }),
			...tagRuns(p.tag, style)
		];
	return [
		...runs(p.first.text, { ...style, language: p.first.language }),
		...runs(separator, { ...style, bold: false, color: MUTED }),
		...runs(p.second.text, { ...style, language: p.second.language })
	];
}

export function heading(
	text: string,
	level: (typeof HeadingLevel)[keyof typeof HeadingLevel]
): Paragraph {
	return new Paragraph({ heading: level, keepNext: true, children: runs(text) });
}

export function paragraph(
	children: ParagraphChild[],
	options: { spacingAfter?: number } = {}
): Paragraph {
	return new Paragraph({ children, spacing: { after: options.spacingAfter ?? 80 } });
}

/** A bulleted paragraph. */
export function bullet(children: ParagraphChild[], spacingAfter = 20): Paragraph {
	return new Paragraph({ bullet: { level: 0 }, spacing: { after: spacingAfter }, children });
}

export const NO_BORDERS: ITableBordersOptions = {
	top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
};

export const LIGHT_BORDERS: ITableBordersOptions = {
	top: { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CC' },
	bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CC' },
	left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'D5DCE3' },
	insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
};

/** The text width of the page (A4 less two 15 mm margins), in twentieths of a point. */
const TEXT_WIDTH = convertMillimetersToTwip(180);

function twips(percent: number): number {
	return Math.round((TEXT_WIDTH * percent) / 100);
}

/** A table cell `width` percent of the text width wide, shaded like a header when asked. */
export function cell(
	children: Paragraph[],
	options: { width: number; shade?: boolean; span?: number }
): TableCell {
	return new TableCell({
		children: children.length > 0 ? children : [new Paragraph('')],
		width: { size: twips(options.width), type: WidthType.DXA },
		margins: { top: 40, bottom: 40, left: 80, right: 80 },
		...(options.span ? { columnSpan: options.span } : {}),
		...(options.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: BAND } } : {})
	});
}

/** A full-width table; `columns` are percentages (fixed widths: Word and LibreOffice agree). */
export function table(
	rows: TableRow[],
	borders: ITableBordersOptions,
	columns: readonly number[]
): Table {
	return new Table({
		rows,
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: columns.map(twips),
		layout: TableLayoutType.FIXED,
		borders
	});
}

/**
 * The document's languages side by side (French on the left, Dutch on the right); a plain
 * paragraph when only one is written, or when the document has one language.
 */
export function frNl(
	langs: DocumentLanguages,
	build: (language: TextLanguage) => Paragraph[]
): Block[] {
	const [first, second] = langs.list.map(build);
	if (!second || second.length === 0) return first ?? [];
	if (!first || first.length === 0) return second;
	return [
		table(
			[new TableRow({ children: [cell(first, { width: 50 }), cell(second, { width: 50 })] })],
			NO_BORDERS,
			[50, 50]
		)
	];
}
