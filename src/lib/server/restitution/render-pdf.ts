/**
 * The restitution as a PDF: one A4 page, French and Dutch side by side, plus an appendix
 * ("Annexe / Bijlage") only when page 1 had to shorten lists.
 *
 * pdfkit only draws; the layout is ours. Every block is measured first (a `Box`: a height and
 * drawing operations relative to its top-left corner), so that the page can be laid out at
 * decreasing type sizes until it fits, and then with shorter lists ("+N autres / andere")
 * whose full versions go to the appendix. Text is real text in embedded TrueType fonts
 * (Source Sans 3, with Noto Sans Arabic for Arabic script and Noto Emoji), so it can be
 * selected and searched, and the PDF is tagged (headings, lists, French and Dutch columns
 * marked with their language) for screen readers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
	TABLE_CATEGORIES,
	bilingualLabel,
	bilingualLabelText,
	byRank,
	compactDate,
	coordinatorText,
	imageSize,
	keyFirst,
	label,
	logoBytes,
	longDate,
	printable,
	rankLabel,
	shortDate,
	tableName,
	timeRange,
	turnoutPercent,
	type ContributionItem,
	type DiscussionTable,
	type Label,
	type LocalizedText,
	type Restitution,
	type RestitutionLabelKey
} from './model';

// ---------------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------------

// OFL-1.1 fonts shipped by npm packages (see their LICENSE_FONT): nothing to vendor.
const FONT_FILES = {
	regular: '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf',
	semibold: '@expo-google-fonts/source-sans-3/600SemiBold/SourceSans3_600SemiBold.ttf',
	bold: '@expo-google-fonts/source-sans-3/700Bold/SourceSans3_700Bold.ttf',
	italic: '@expo-google-fonts/source-sans-3/400Regular_Italic/SourceSans3_400Regular_Italic.ttf',
	arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
	arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
	// Monochrome emoji, with skin tones, flags and joined sequences as single glyphs.
	emoji: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
	emojiBold: '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf'
} as const;

type FontKey = keyof typeof FONT_FILES;
type MainFont = 'regular' | 'semibold' | 'bold' | 'italic';
/** The fonts looked in for a glyph, in this order; one stands for its weights. */
type Coverage = 'main' | 'arabic' | 'emoji';
const COVERAGE_FONT: Record<Coverage, FontKey> = {
	main: 'regular',
	arabic: 'arabic',
	emoji: 'emoji'
};

/** Where a character missing from Source Sans 3 is looked for, per style. */
const FALLBACK_FONTS: Record<MainFont, { arabic: FontKey; emoji: FontKey }> = {
	regular: { arabic: 'arabic', emoji: 'emoji' },
	italic: { arabic: 'arabic', emoji: 'emoji' },
	semibold: { arabic: 'arabicBold', emoji: 'emojiBold' },
	bold: { arabic: 'arabicBold', emoji: 'emojiBold' }
};

/** Printed for characters no embedded font has (Chinese…): visible, never a crash. */
const REPLACEMENT = '□';

let fontData: Record<FontKey, Buffer> | undefined;

function loadFonts(): Record<FontKey, Buffer> {
	if (!fontData) {
		const require = createRequire(import.meta.url);
		const entries = Object.entries(FONT_FILES).map(([key, file]) => [
			key,
			readFileSync(require.resolve(file))
		]);
		fontData = Object.fromEntries(entries) as Record<FontKey, Buffer>;
	}
	return fontData;
}

/** The parts of pdfkit's document that its typings leave out. */
interface FontkitFont {
	hasGlyphForCodePoint(codePoint: number): boolean;
}
interface DocumentInternals {
	_font: { font: FontkitFont };
}

// Glyph coverage and advance widths depend only on the font files, which never change: cache
// them for the process. Bounded so that a long-running server does not grow forever.
const coverageCache: Record<Coverage, Map<number, boolean>> = {
	main: new Map(),
	arabic: new Map(),
	emoji: new Map()
};
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 50_000;

class Measurer {
	constructor(private readonly doc: PDFKit.PDFDocument) {}

	covers(which: Coverage, codePoint: number): boolean {
		const cache = coverageCache[which];
		let known = cache.get(codePoint);
		if (known === undefined) {
			// Opened only when needed: a font pdfkit has opened is embedded, even if unused.
			this.doc.font(COVERAGE_FONT[which]);
			known = (this.doc as unknown as DocumentInternals)._font.font.hasGlyphForCodePoint(codePoint);
			cache.set(codePoint, known);
		}
		return known;
	}

	/** Advance width of `text` in `font` at `size` points. */
	width(text: string, font: FontKey, size: number): number {
		const key = `${font}\u0000${text}`;
		let unit = widthCache.get(key);
		if (unit === undefined) {
			this.doc.font(font).fontSize(1000);
			unit = this.doc.widthOfString(text) / 1000;
			if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
			widthCache.set(key, unit);
		}
		return unit * size;
	}
}

// ---------------------------------------------------------------------------------------------
// Boxes: measured blocks and their drawing operations
// ---------------------------------------------------------------------------------------------

/**
 * What a box is to a screen reader: its role in the PDF's structure tree (a tagged PDF, read
 * in the order the boxes are built: French before Dutch, section after section). Bars,
 * rules and the page footer are artifacts, skipped by assistive technology.
 */
type StructRole = 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Div' | 'Figure' | 'Artifact';
interface StructTag {
	role: StructRole;
	/** BCP 47 language of the box's text (fr-BE, nl-BE): a screen reader speaks it so. */
	lang?: string;
	/** The text alternative of a figure. */
	alt?: string;
}
/** A tagged box's place in the tree, shared by every operation drawn inside it. */
interface StructNode {
	tag: StructTag;
	parent: StructNode | null;
}

type Op =
	| {
			kind: 'text';
			x: number;
			/** Baseline. */
			y: number;
			/** The line box, used to split a block between pages without cutting a line. */
			top: number;
			bottom: number;
			text: string;
			font: FontKey;
			size: number;
			color: string;
			node?: StructNode;
	  }
	| { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
	| { kind: 'rule'; x: number; y: number; w: number; thickness: number; color: string }
	| { kind: 'image'; x: number; y: number; w: number; h: number; data: Buffer; node?: StructNode }
	| { kind: 'link'; x: number; y: number; w: number; h: number; url: string };

/** A positioned sub-box: boxes nest instead of copying their operations at every level. */
interface Group {
	kind: 'group';
	x: number;
	y: number;
	box: Box;
}

type Node = Op | Group;

interface Box {
	h: number;
	ops: Node[];
	tag?: StructTag;
}

const EMPTY: Box = { h: 0, ops: [] };

function at(box: Box, x: number, y: number): Group {
	return { kind: 'group', x, y, box };
}

function moved(op: Op, dx: number, dy: number): Op {
	if (op.kind === 'text')
		return { ...op, x: op.x + dx, y: op.y + dy, top: op.top + dy, bottom: op.bottom + dy };
	return { ...op, x: op.x + dx, y: op.y + dy };
}

/** The same box with another role (a paragraph that is a heading). */
function withRole(box: Box, tag: StructTag): Box {
	return { h: box.h, ops: box.ops, tag };
}

/** The box inside a new structure element (a column in one language, a list). */
function tagged(box: Box, tag: StructTag): Box {
	return { h: box.h, ops: [at(box, 0, 0)], tag };
}

const LIST_ITEM: StructTag = { role: 'LI' };

/** Boxes one under the other as a list for a screen reader (each box one item). */
function list(items: readonly Box[], gap = 0): Box {
	const box = stack(items, gap);
	return box.ops.length === 0 ? EMPTY : tagged(box, { role: 'L' });
}

/**
 * The drawing operations of a box, at absolute positions from its top-left corner, each
 * text and image knowing the structure element it belongs to. An operation that already
 * knows it (a block split between pages, flattened again) keeps it.
 */
function flatten(box: Box, dx = 0, dy = 0, out: Op[] = [], parent: StructNode | null = null): Op[] {
	const structure = box.tag ? { tag: box.tag, parent } : parent;
	for (const node of box.ops) {
		if (node.kind === 'group') {
			flatten(node.box, dx + node.x, dy + node.y, out, structure);
			continue;
		}
		const op = dx === 0 && dy === 0 ? node : moved(node, dx, dy);
		const placed =
			structure && (op.kind === 'text' || op.kind === 'image') && !op.node
				? { ...op, node: structure }
				: op;
		out.push(placed);
	}
	return out;
}

function opSpan(op: Op): [number, number] {
	switch (op.kind) {
		case 'text':
			return [op.top, op.bottom];
		case 'rule':
			return [op.y - op.thickness / 2, op.y + op.thickness / 2];
		default:
			return [op.y, op.y + op.h];
	}
}

/** Boxes one under the other; empty boxes take no gap. */
function stack(boxes: readonly Box[], gap = 0): Box {
	const ops: Node[] = [];
	let y = 0;
	for (const box of boxes) {
		if (box.h <= 0 && box.ops.length === 0) continue;
		if (ops.length > 0) y += gap;
		ops.push(at(box, 0, y));
		y += box.h;
	}
	return { h: y, ops };
}

/** Boxes side by side at the given x offsets; as tall as the tallest. */
function beside(columns: readonly { box: Box; x: number }[]): Box {
	return {
		h: columns.reduce((max, { box }) => Math.max(max, box.h), 0),
		ops: columns.map(({ box, x }) => at(box, x, 0))
	};
}

/** Adds space above and below a box. */
function padded(box: Box, top: number, bottom = top): Box {
	return { h: box.h + top + bottom, ops: [at(box, 0, top)] };
}

/**
 * Splits a box at the lowest y ≤ `maxH` that cuts no line of text, for page breaks in the
 * appendix. Falls back to a hard cut when a single line is taller than `maxH`.
 */
function splitBox(box: Box, maxH: number): [Box, Box] {
	const ops = flatten(box);
	const spans = ops.map(opSpan);
	// The lowest line end that fits; lines of other columns that straddle it move on whole.
	let cut = 0;
	for (const [, bottom] of spans) if (bottom <= maxH + 0.01 && bottom > cut) cut = bottom;
	const first: Op[] = [];
	const later: { op: Op; top: number }[] = [];
	ops.forEach((op, index) => {
		const [top, bottom] = spans[index] ?? [0, 0];
		if (cut > 0 && bottom <= cut + 0.01) first.push(op);
		else later.push({ op, top });
	});
	const offset = later.reduce((min, { top }) => Math.min(min, top), Infinity);
	const shift = Number.isFinite(offset) ? Math.max(0, offset) : box.h;
	return [
		{ h: cut, ops: first },
		{ h: Math.max(0, box.h - shift), ops: later.map(({ op }) => moved(op, 0, -shift)) }
	];
}

// ---------------------------------------------------------------------------------------------
// Text layout
// ---------------------------------------------------------------------------------------------

const COLORS = {
	text: '#1b1f24',
	muted: '#56616c',
	accent: '#1d4f73',
	accentSoft: '#8fb0c9',
	rule: '#b7c2cc',
	band: '#edf2f6',
	track: '#e2e8ee'
} as const;

interface TextStyle {
	font: MainFont;
	size: number;
	color: string;
}

interface Span {
	text: string;
	style: TextStyle;
}

interface Piece {
	text: string;
	font: FontKey;
	size: number;
	color: string;
	width: number;
}

interface Word {
	pieces: Piece[];
	width: number;
	/** Width of the space before the word (0 when glued to the previous one). */
	space: number;
	rtl: boolean;
}

type Token = Word | 'break';

// Strong right-to-left letters (Hebrew, Arabic, Syriac, Thaana, NKo… and presentation forms).
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG = /[\p{L}\u0590-\u08FF]/u;
// Invisible characters that would reorder or hide text, and control characters.
const INVISIBLE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });

interface LayoutContext {
	m: Measurer;
}

/**
 * Splits `text` into runs of one font: Source Sans 3, else Noto Sans Arabic, else Noto Emoji,
 * each character whole (an emoji with its skin tone or variation selector goes to the font
 * that has all of it), else "□".
 */
function fontRuns(
	ctx: LayoutContext,
	text: string,
	style: TextStyle
): { text: string; font: FontKey }[] {
	let allMain = true;
	for (const char of text) {
		if (!ctx.m.covers('main', char.codePointAt(0) ?? 0)) {
			allMain = false;
			break;
		}
	}
	if (allMain) return [{ text, font: style.font }];
	const runs: { text: string; font: FontKey }[] = [];
	const push = (part: string, font: FontKey) => {
		const last = runs[runs.length - 1];
		if (last && last.font === font) last.text += part;
		else runs.push({ text: part, font });
	};
	const fallbacks = FALLBACK_FONTS[style.font];
	const coveredBy = (which: Coverage, segment: string) => {
		for (const char of segment) if (!ctx.m.covers(which, char.codePointAt(0) ?? 0)) return false;
		return true;
	};
	for (const { segment } of graphemes.segment(text)) {
		if (coveredBy('main', segment)) push(segment, style.font);
		else if (coveredBy('arabic', segment)) push(segment, fallbacks.arabic);
		else if (coveredBy('emoji', segment)) push(segment, fallbacks.emoji);
		else {
			// A letter with a stray invisible mark no font has: the letter alone.
			const letter = segment.codePointAt(0) ?? 0;
			const kept = [...segment].filter((char) => ctx.m.covers('main', char.codePointAt(0) ?? 0));
			push(ctx.m.covers('main', letter) ? kept.join('') : REPLACEMENT, style.font);
		}
	}
	return runs;
}

function makePieces(ctx: LayoutContext, text: string, style: TextStyle): Piece[] {
	return fontRuns(ctx, text, style).map((run) => ({
		text: run.text,
		font: run.font,
		size: style.size,
		color: style.color,
		width: ctx.m.width(run.text, run.font, style.size)
	}));
}

function isRtl(text: string): boolean {
	for (const char of text) {
		if (STRONG.test(char)) return RTL.test(char);
	}
	return false;
}

function tokenize(ctx: LayoutContext, spans: readonly Span[]): Token[] {
	const tokens: Token[] = [];
	let current: Word | null = null;
	let pendingSpace = false;
	for (const span of spans) {
		const clean = span.text
			.replace(/\r\n?/g, '\n')
			.replace(INVISIBLE, (char) => (char === '\t' ? ' ' : ''));
		for (const part of clean.split(/(\n|[ \u2028\u2029]+)/)) {
			if (part === '') continue;
			if (part === '\n') {
				tokens.push('break');
				current = null;
				pendingSpace = false;
			} else if (/^[ \u2028\u2029]+$/.test(part)) {
				pendingSpace = true;
			} else {
				const pieces = makePieces(ctx, part, span.style);
				const width = pieces.reduce((sum, piece) => sum + piece.width, 0);
				if (current && !pendingSpace) {
					current.pieces.push(...pieces);
					current.width += width;
				} else {
					const space = pendingSpace ? ctx.m.width(' ', span.style.font, span.style.size) : 0;
					current = { pieces, width, space, rtl: isRtl(part) };
					tokens.push(current);
				}
				pendingSpace = false;
			}
		}
	}
	return tokens;
}

/** Cuts a word wider than the line into line-wide chunks, between graphemes. */
function breakWord(ctx: LayoutContext, word: Word, width: number): Word[] {
	const chunks: Word[] = [];
	let chunk: Word = { pieces: [], width: 0, space: word.space, rtl: word.rtl };
	for (const piece of word.pieces) {
		for (const { segment } of graphemes.segment(piece.text)) {
			const w = ctx.m.width(segment, piece.font, piece.size);
			if (chunk.width + w > width && chunk.pieces.length > 0) {
				chunks.push(chunk);
				chunk = { pieces: [], width: 0, space: 0, rtl: word.rtl };
			}
			const last = chunk.pieces[chunk.pieces.length - 1];
			if (
				last &&
				last.font === piece.font &&
				last.color === piece.color &&
				last.size === piece.size
			) {
				last.text += segment;
				last.width += w;
			} else {
				chunk.pieces.push({ ...piece, text: segment, width: w });
			}
			chunk.width += w;
		}
	}
	if (chunk.pieces.length > 0) chunks.push(chunk);
	return chunks;
}

function breakLines(ctx: LayoutContext, tokens: readonly Token[], width: number): Word[][] {
	const lines: Word[][] = [];
	let line: Word[] = [];
	let lineWidth = 0;
	for (const token of tokens) {
		if (token === 'break') {
			lines.push(line);
			line = [];
			lineWidth = 0;
			continue;
		}
		const words = token.width > width ? breakWord(ctx, token, width) : [token];
		for (const word of words) {
			const space = line.length > 0 ? word.space : 0;
			if (line.length > 0 && lineWidth + space + word.width > width) {
				lines.push(line);
				line = [];
				lineWidth = 0;
			}
			lineWidth += (line.length > 0 ? word.space : 0) + word.width;
			line.push(word);
		}
	}
	if (line.length > 0 || lines.length === 0) lines.push(line);
	return lines;
}

/**
 * Visual order of a line: runs of right-to-left words are reversed (a simplified Unicode
 * bidi algorithm at word level; fontkit shapes and orders the glyphs inside each word).
 */
function visualOrder(line: readonly Word[], rtlParagraph: boolean): Word[] {
	// Words without a strong letter (numbers, dashes) take the direction of their neighbours
	// when both agree, else the paragraph's: "مرحبا — بالعالم" stays one right-to-left run.
	const strong = line.map((word) => strongDirection(word));
	const rtl = strong.map((direction, index) => {
		if (direction !== null) return direction === 'rtl';
		const before =
			strong
				.slice(0, index)
				.reverse()
				.find((d) => d !== null) ?? null;
		const after = strong.slice(index + 1).find((d) => d !== null) ?? null;
		return before !== null && before === after ? before === 'rtl' : rtlParagraph;
	});
	const groups: { rtl: boolean; words: Word[] }[] = [];
	line.forEach((word, index) => {
		const isRtlWord = rtl[index] ?? false;
		const last = groups[groups.length - 1];
		if (last && last.rtl === isRtlWord) last.words.push(word);
		else groups.push({ rtl: isRtlWord, words: [word] });
	});
	const ordered = rtlParagraph ? groups.reverse() : groups;
	return ordered.flatMap((group) => (group.rtl ? [...group.words].reverse() : group.words));
}

function strongDirection(word: Word): 'ltr' | 'rtl' | null {
	for (const piece of word.pieces) {
		for (const char of piece.text) {
			if (STRONG.test(char)) return RTL.test(char) ? 'rtl' : 'ltr';
		}
	}
	return null;
}

interface ParagraphOptions {
	/** Line height as a multiple of the largest size on the line. */
	leading?: number;
	/** Lines beyond this are dropped and the last kept line ends with "…". */
	maxLines?: number;
	align?: 'left' | 'right';
}

const PARAGRAPH: StructTag = { role: 'P' };

interface Paragraph extends Box {
	clipped: boolean;
	lines: number;
	/** Width of the widest line. */
	w: number;
}

function paragraph(
	ctx: LayoutContext,
	spans: readonly Span[],
	width: number,
	options: ParagraphOptions = {}
): Paragraph {
	const leading = options.leading ?? 1.12;
	const tokens = tokenize(ctx, spans);
	const words = tokens.filter((token): token is Word => token !== 'break');
	if (words.length === 0) return { h: 0, ops: [], clipped: false, lines: 0, w: 0 };
	const rtlParagraph = isRtl(spans.map((span) => span.text).join(''));
	let lines = breakLines(ctx, tokens, Math.max(width, 1));
	let clipped = false;
	const maxLines = options.maxLines ?? Infinity;
	if (lines.length > maxLines) {
		clipped = true;
		lines = lines.slice(0, Math.max(1, maxLines));
		const last = lines[lines.length - 1] ?? [];
		const reference = last[last.length - 1]?.pieces[0] ?? words[0]?.pieces[0];
		if (reference) {
			const ellipsisStyle: TextStyle = {
				font: isMainFont(reference.font) ? reference.font : 'regular',
				size: reference.size,
				color: reference.color
			};
			const ellipsis: Word = {
				pieces: makePieces(ctx, '…', ellipsisStyle),
				width: ctx.m.width('…', ellipsisStyle.font, ellipsisStyle.size),
				space: 0,
				rtl: false
			};
			const lineWidth = () =>
				last.reduce((sum, word, index) => sum + word.width + (index > 0 ? word.space : 0), 0);
			while (last.length > 1 && lineWidth() + ellipsis.width > width) last.pop();
			last.push(ellipsis);
		}
	}
	const ops: Op[] = [];
	let y = 0;
	let widest = 0;
	for (const line of lines) {
		const size =
			line.reduce((max, word) => Math.max(max, ...word.pieces.map((piece) => piece.size)), 0) ||
			(words[0]?.pieces[0]?.size ?? 8);
		const lineHeight = size * leading;
		const baseline = y + size * 0.93 + (lineHeight - size * 1.18) / 2;
		const ordered = visualOrder(line, rtlParagraph);
		const lineWidth = ordered.reduce(
			(sum, word, index) => sum + word.width + (index > 0 ? word.space : 0),
			0
		);
		widest = Math.max(widest, lineWidth);
		let x = options.align === 'right' || rtlParagraph ? Math.max(0, width - lineWidth) : 0;
		// Consecutive pieces in the same font and colour are drawn as one string (selectable as such).
		let run: (Piece & { x: number }) | null = null;
		const flush = () => {
			if (run) {
				ops.push({
					kind: 'text',
					x: run.x,
					y: baseline,
					top: y,
					bottom: y + lineHeight,
					text: run.text,
					font: run.font,
					size: run.size,
					color: run.color
				});
			}
			run = null;
		};
		ordered.forEach((word, index) => {
			const space = index > 0 ? word.space : 0;
			const pieces = word.rtl ? [...word.pieces].reverse() : word.pieces;
			pieces.forEach((piece, pieceIndex) => {
				const gap = pieceIndex === 0 ? space : 0;
				const current: (Piece & { x: number }) | null = run;
				const canJoin =
					current !== null &&
					!word.rtl &&
					current.font === piece.font &&
					current.size === piece.size &&
					current.color === piece.color &&
					!RTL.test(current.text);
				if (canJoin && current) {
					current.text += (gap > 0 ? ' ' : '') + piece.text;
					current.width += gap + piece.width;
				} else {
					flush();
					run = { ...piece, x: x + gap };
				}
				x += gap + piece.width;
			});
			if (word.rtl) flush();
		});
		flush();
		y += lineHeight;
	}
	return { h: y, ops, clipped, lines: lines.length, w: widest, tag: PARAGRAPH };
}

function isMainFont(font: FontKey): font is MainFont {
	return font === 'regular' || font === 'semibold' || font === 'bold' || font === 'italic';
}

// ---------------------------------------------------------------------------------------------
// Page-1 building blocks
// ---------------------------------------------------------------------------------------------

/** How many entries each list may show on page 1; the rest goes to the appendix. */
interface Caps {
	items: number;
	tables: number;
	vote: number;
	news: number;
	needs: number;
	sectors: number;
	people: number;
	textLines: number;
}

const NO_CAPS: Caps = {
	items: Infinity,
	tables: Infinity,
	vote: Infinity,
	news: Infinity,
	needs: Infinity,
	sectors: Infinity,
	people: Infinity,
	textLines: Infinity
};

type Section = 'people' | 'sectors' | 'needs' | 'news' | 'vote' | 'tables' | 'texts';

interface Ctx extends LayoutContext {
	/** Body type size, in points. */
	b: number;
	caps: Caps;
	/** Sections shortened on this page: the appendix prints them in full. */
	cut: Set<Section>;
	s: ReturnType<typeof styles>;
}

function styles(b: number) {
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

const GAP = 12;

function span(text: string, style: TextStyle): Span {
	return { text, style };
}

/** "FR / NL" (or the single text) as spans, the separator muted. */
function bilingual(
	ctx: Ctx,
	value: Label | { fr: string; nl: string },
	style: TextStyle,
	separator = ' / '
): Span[] {
	const p = 'text' in value ? printable(value) : printable({ fr: value.fr, nl: value.nl });
	if (p.kind === 'single') return [span(p.text, style)];
	return [
		span(p.fr, style),
		span(separator, { ...style, font: 'regular', color: COLORS.muted }),
		span(p.nl, style)
	];
}

function labelPair(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): { fr: string; nl: string } {
	return bilingualLabel(key, params);
}

const labelText = bilingualLabelText;

function moreLabel(count: number): string {
	return `${label('fr', 'more', { count })} · ${label('nl', 'more', { count })}`;
}

function moreLine(ctx: Ctx, hidden: number, width: number, section: Section): Box {
	if (hidden <= 0) return EMPTY;
	ctx.cut.add(section);
	return paragraph(ctx, [span(moreLabel(hidden), ctx.s.mutedItalic)], width);
}

/** A section heading, "FR · NL", with an optional note on the right and a hairline under it. */
function heading(ctx: Ctx, title: { fr: string; nl: string }, width: number, note?: Span[]): Box {
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

/** Two columns, French on the left and Dutch on the right; one full-width column when only one. */
function frNl(
	ctx: Ctx,
	width: number,
	build: (language: 'fr' | 'nl', width: number) => Box | null
): Box {
	const gutter = GAP * 1.5;
	const columnWidth = (width - gutter) / 2;
	// Built at its final width only: building also records what had to be cut.
	const cut = new Set(ctx.cut);
	const frBox = build('fr', columnWidth);
	const nlBox = build('nl', columnWidth);
	if (frBox && nlBox)
		return beside([
			{ box: inLanguage(frBox, 'fr'), x: 0 },
			{ box: inLanguage(nlBox, 'nl'), x: columnWidth + gutter }
		]);
	ctx.cut.clear();
	for (const section of cut) ctx.cut.add(section);
	const language = frBox ? 'fr' : nlBox ? 'nl' : null;
	const only = language ? build(language, width) : null;
	return only && language ? inLanguage(only, language) : EMPTY;
}

/** A box whose text is in one language, so that a screen reader speaks it with that voice. */
function inLanguage(box: Box, language: 'fr' | 'nl'): Box {
	return tagged(box, { role: 'Div', lang: language === 'fr' ? 'fr-BE' : 'nl-BE' });
}

/** A list row: a wrapped label on the left, a figure on the right, an optional bar below. */
function countRow(
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

function formatCount(value: number): string {
	return countFormat.format(value);
}

// ---------------------------------------------------------------------------------------------
// Page-1 sections
// ---------------------------------------------------------------------------------------------

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
		where.push(span(`${label('fr', 'place')} · ${label('nl', 'place')} : `, ctx.s.muted));
		where.push(span(header.place, ctx.s.body));
		where.push(span(' — ', ctx.s.muted));
	}
	where.push(span(`${label('fr', 'organiser')} · ${label('nl', 'organiser')} : `, ctx.s.muted));
	where.push(...bilingual(ctx, header.organiser, ctx.s.body));
	rows.push(paragraph(ctx, where, textWidth, { maxLines: 3 }));
	const text = stack(rows, 1.5);
	const columns = [{ box: text, x: 0 }];
	if (logo) {
		columns.push({
			box: {
				h: logo.h,
				ops: [{ kind: 'image', x: 0, y: 0, w: logo.w, h: logo.h, data: logo.bytes }],
				tag: {
					role: 'Figure',
					alt: `Logo — ${header.organiser.fr.trim() || header.organiser.nl.trim()}`
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

function coordinatorSection(
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

function attendanceSection(ctx: Ctx, model: Restitution, width: number): Box {
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

function needsSection(ctx: Ctx, model: Restitution, width: number): Box {
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

function voteSection(ctx: Ctx, model: Restitution, width: number): Box {
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

function tablesSection(ctx: Ctx, model: Restitution, width: number): Box {
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

function newsSection(ctx: Ctx, model: Restitution, width: number): Box {
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
function balancedColumns(
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
	const title = `${label('fr', 'people')} · ${label('nl', 'people')} : `;
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
function weightedRow(
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

function firstPage(
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

// ---------------------------------------------------------------------------------------------
// Appendix: everything page 1 shortened, in full, flowing over as many pages as needed
// ---------------------------------------------------------------------------------------------

function appendixBlocks(
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

// ---------------------------------------------------------------------------------------------
// Fitting and drawing
// ---------------------------------------------------------------------------------------------

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 24;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
const FOOTER_HEIGHT = 14;
const CONTENT_HEIGHT = PAGE.height - 2 * MARGIN - FOOTER_HEIGHT;

/** Body sizes tried for page 1, largest first; 7 pt is the smallest we consider legible. */
const BODY_SIZES = [9, 8.5, 8, 7.75, 7.5, 7.25, 7];
const MIN_BODY_SIZE = 7;
const APPENDIX_BODY_SIZE = 8.5;

function makeCtx(m: Measurer, b: number, caps: Caps): Ctx {
	return { m, b, caps, cut: new Set(), s: styles(b) };
}

/** Ever shorter lists, tried in order at the minimum size until page 1 fits. */
function truncationStages(model: Restitution): Caps[] {
	const longest = Math.max(
		0,
		...model.tables.flatMap((table) => TABLE_CATEGORIES.map((category) => table[category].length))
	);
	// Each stage tightens the previous one: tables' lists first (their full text is in the
	// appendix), then long texts and the context lists, the vote, and last whole tables.
	const stages: Caps[] = [];
	let caps: Caps = { ...NO_CAPS, people: 0 };
	const tighten = (change: Partial<Caps>) => {
		caps = { ...caps, ...change };
		stages.push(caps);
	};
	tighten({});
	tighten({ textLines: 8 });
	for (let items = longest - 1; items >= 3; items--) tighten({ items });
	tighten({ textLines: 5 });
	tighten({ news: 4 });
	tighten({ items: 2 });
	tighten({ needs: 4, sectors: 6, textLines: 3 });
	tighten({ items: 1 });
	tighten({ news: 2, needs: 3, sectors: 4, textLines: 2 });
	// The vote is the meeting's main result: shortened last.
	tighten({ vote: 8 });
	tighten({ vote: 5 });
	tighten({ vote: 3 });
	for (let tables = model.tables.length - 1; tables >= 1; tables--) tighten({ tables });
	return stages;
}

interface FittedPage {
	ctx: Ctx;
	box: Box;
}

function fitFirstPage(
	m: Measurer,
	model: Restitution,
	logo: { bytes: Buffer; w: number; h: number } | null
): FittedPage {
	let attempt: FittedPage | null = null;
	for (const size of BODY_SIZES) {
		const ctx = makeCtx(m, size, NO_CAPS);
		attempt = { ctx, box: firstPage(ctx, model, CONTENT_WIDTH, logo) };
		if (attempt.box.h <= CONTENT_HEIGHT) return attempt;
	}
	// Stages only ever shorten the page: find the first that fits by bisection.
	const stages = truncationStages(model);
	const tryStage = (index: number): FittedPage => {
		const ctx = makeCtx(m, MIN_BODY_SIZE, stages[index] ?? NO_CAPS);
		return { ctx, box: firstPage(ctx, model, CONTENT_WIDTH, logo) };
	};
	let low = 0;
	let high = stages.length - 1;
	let best: { index: number; page: FittedPage } | null = null;
	while (low <= high) {
		const middle = Math.floor((low + high) / 2);
		const candidate = tryStage(middle);
		if (candidate.box.h <= CONTENT_HEIGHT) {
			best = { index: middle, page: candidate };
			high = middle - 1;
		} else {
			low = middle + 1;
			attempt = candidate;
		}
	}
	if (best) return relax(m, model, logo, best.page, stages[best.index - 1]);
	attempt = tryStage(stages.length - 1);
	// Nothing fits (a pathological header): draw what fits; everything is in the appendix.
	if (!attempt) throw new Error('unreachable: no layout attempt');
	for (const section of ['texts', 'people', 'sectors', 'needs', 'news', 'vote', 'tables'] as const)
		attempt.ctx.cut.add(section);
	return {
		ctx: attempt.ctx,
		box: {
			h: CONTENT_HEIGHT,
			ops: flatten(attempt.box).filter((op) => opSpan(op)[1] <= CONTENT_HEIGHT)
		}
	};
}

/** The caps given back first when there is room: the most useful content first. */
const RELAX_ORDER: readonly (keyof Caps)[] = [
	'vote',
	'sectors',
	'needs',
	'textLines',
	'items',
	'news',
	'people',
	'tables'
];

/**
 * A stage cuts several lists at once; some of them may fit whole again. Gives back one cap at
 * a time (uncapped, else as in the previous stage) and keeps whatever still fits the page.
 */
function relax(
	m: Measurer,
	model: Restitution,
	logo: { bytes: Buffer; w: number; h: number } | null,
	fitted: FittedPage,
	previous: Caps | undefined
): FittedPage {
	let best = fitted;
	for (const key of RELAX_ORDER) {
		const current = best.ctx.caps[key];
		const looser = [Infinity, previous?.[key] ?? current].filter(
			(value, index, all) => value > current && all.indexOf(value) === index
		);
		for (const value of looser) {
			const ctx = makeCtx(m, MIN_BODY_SIZE, { ...best.ctx.caps, [key]: value });
			const box = firstPage(ctx, model, CONTENT_WIDTH, logo);
			if (box.h <= CONTENT_HEIGHT) {
				best = { ctx, box };
				break;
			}
		}
	}
	return best;
}

function paginate(blocks: readonly Box[], pageHeight: number, gap: number): Op[][] {
	const pages: Op[][] = [[]];
	let y = 0;
	const newPage = () => {
		pages.push([]);
		y = 0;
	};
	for (const block of blocks) {
		let rest: Box = block;
		if (y > 0) y += gap;
		while (rest.h > pageHeight - y) {
			const room = pageHeight - y;
			// A heading or a short block never starts at the bottom of a page.
			if (y > 0 && (room < 40 || rest.h < pageHeight * 0.25)) {
				newPage();
				continue;
			}
			const [head, tail] = splitBox(rest, room);
			if (head.ops.length === 0) {
				if (y > 0) {
					newPage();
					continue;
				}
				// Taller than a page and unsplittable (cannot happen with text): clip it.
				rest = { h: pageHeight, ops: flatten(rest).filter((op) => opSpan(op)[1] <= pageHeight) };
				break;
			}
			pages[pages.length - 1]?.push(...flatten(head, 0, y));
			newPage();
			rest = tail;
		}
		pages[pages.length - 1]?.push(...flatten(rest, 0, y));
		y += rest.h;
	}
	return pages.filter((page, index) => index === 0 || page.length > 0);
}

function isArtifact(node: StructNode): boolean {
	for (let current: StructNode | null = node; current; current = current.parent)
		if (current.tag.role === 'Artifact') return true;
	return false;
}

/**
 * Writes the tagged PDF's structure while the operations are drawn: each structure element is
 * created when its first text is drawn (so the tree follows the reading order of the boxes),
 * consecutive text of one element is one marked-content sequence, and everything else —
 * bars, rules, bullets' backgrounds, the footer — is marked as an artifact.
 */
class StructureWriter {
	private readonly elements = new Map<StructNode, PDFKit.PDFStructureElement>();
	private open: StructNode | null = null;
	private readonly root: PDFKit.PDFStructureElement;

	constructor(private readonly doc: PDFKit.PDFDocument) {
		this.root = doc.struct('Document');
		doc.addStructure(this.root);
	}

	/** Draws inside `node`'s element, or as an artifact when it has none or is one. */
	content(node: StructNode | undefined, drawIt: () => void): void {
		if (!node || isArtifact(node)) {
			this.close();
			this.doc.markContent('Artifact', { type: 'Layout' });
			drawIt();
			this.doc.endMarkedContent();
			return;
		}
		if (this.open !== node) {
			this.close();
			const marked = this.doc.markStructureContent(node.tag.role);
			this.element(node).add(marked);
			this.open = node;
		}
		drawIt();
	}

	/** Ends the open marked content: at the end of every page, which it must not cross. */
	close(): void {
		if (this.open) this.doc.endMarkedContent();
		this.open = null;
	}

	end(): void {
		this.close();
		this.root.end();
	}

	private element(node: StructNode): PDFKit.PDFStructureElement {
		let element = this.elements.get(node);
		if (!element) {
			const parent = node.parent ? this.element(node.parent) : this.root;
			const { role, lang, alt } = node.tag;
			element = this.doc.struct(role, { ...(lang ? { lang } : {}), ...(alt ? { alt } : {}) });
			parent.add(element);
			this.elements.set(node, element);
		}
		return element;
	}
}

function draw(
	doc: PDFKit.PDFDocument,
	structure: StructureWriter,
	ops: readonly Op[],
	dx: number,
	dy: number
): void {
	for (const op of ops) {
		switch (op.kind) {
			case 'text':
				structure.content(op.node, () =>
					doc
						.font(op.font)
						.fontSize(op.size)
						.fillColor(op.color)
						.text(op.text, op.x + dx, op.y + dy, { lineBreak: false, baseline: 'alphabetic' })
				);
				break;
			case 'rect':
				structure.content(undefined, () =>
					doc.rect(op.x + dx, op.y + dy, op.w, op.h).fill(op.color)
				);
				break;
			case 'rule':
				structure.content(undefined, () =>
					doc
						.moveTo(op.x + dx, op.y + dy)
						.lineTo(op.x + dx + op.w, op.y + dy)
						.lineWidth(op.thickness)
						.strokeColor(op.color)
						.stroke()
				);
				break;
			case 'image':
				structure.content(op.node, () =>
					doc.image(op.data, op.x + dx, op.y + dy, { width: op.w, height: op.h })
				);
				break;
			case 'link':
				doc.link(op.x + dx, op.y + dy, op.w, op.h, op.url);
				break;
		}
	}
	structure.close();
}

function footer(ctx: Ctx, model: Restitution, page: number, pages: number, note: string): Box {
	const { header } = model;
	const left = [
		printable(header.organiser).kind === 'single'
			? printableIn(header.organiser, 'fr')
			: `${header.organiser.fr} / ${header.organiser.nl}`,
		shortDate(header.date)
	].join(' — ');
	const right =
		pages > 1
			? `${label('fr', 'page', { page, pages })} · ${label('nl', 'page', { page, pages })}`
			: '';
	const small = ctx.s.small;
	const rightBox = paragraph(
		ctx,
		[
			span(note ? `${note}   ` : '', { ...small, font: 'semibold', color: COLORS.accent }),
			span(right, small)
		],
		CONTENT_WIDTH,
		{
			align: 'right',
			maxLines: 1
		}
	);
	const leftBox = paragraph(
		ctx,
		[span(left, small)],
		Math.max(40, CONTENT_WIDTH - rightBox.w - 12),
		{ maxLines: 1 }
	);
	return {
		h: FOOTER_HEIGHT,
		ops: [
			{ kind: 'rule', x: 0, y: 2, w: CONTENT_WIDTH, thickness: 0.5, color: COLORS.rule },
			at(leftBox, 0, 5),
			at(rightBox, 0, 5)
		],
		// Repeated on every page: a screen reader skips it.
		tag: { role: 'Artifact' }
	};
}

function appendixHeader(ctx: Ctx, model: Restitution): Box {
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

/** Logo size on the page: at most 100 × 46 pt, aspect ratio kept. */
function logoPlacement(model: Restitution): { bytes: Buffer; w: number; h: number } | null {
	const logo = logoBytes(model);
	const size = logo ? imageSize(logo.bytes) : null;
	if (!logo || !size || size.width <= 0 || size.height <= 0) return null;
	const scale = Math.min(100 / size.width, 46 / size.height);
	return { bytes: logo.bytes, w: size.width * scale, h: size.height * scale };
}

function documentTitle(model: Restitution): string {
	const theme = printable(model.header.theme);
	const themeText = theme.kind === 'single' ? theme.text : `${theme.fr} / ${theme.nl}`;
	return `${label('fr', 'title')} / ${label('nl', 'title')} — ${themeText} — ${model.header.date}`;
}

/** Renders the restitution as a PDF: one A4 page, plus an appendix when lists had to be cut. */
export async function renderPdf(model: Restitution): Promise<Buffer> {
	const fonts = loadFonts();
	const number = model.header.number.trim();
	const organiser = printable(model.header.organiser);
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		autoFirstPage: false,
		lang: 'fr-BE',
		displayTitle: true,
		pdfVersion: '1.7',
		tagged: true,
		info: {
			Title: documentTitle(model),
			Author: organiser.kind === 'single' ? organiser.text : `${organiser.fr} / ${organiser.nl}`,
			Subject: [
				label('fr', 'title'),
				number ? label('fr', 'number', { number }) : '',
				'/',
				label('nl', 'title'),
				number ? label('nl', 'number', { number }) : ''
			]
				.filter(Boolean)
				.join(' '),
			Keywords: [model.header.theme.fr, model.header.theme.nl, 'concertation', 'overleg']
				.filter(Boolean)
				.join(', '),
			Creator: 'Concertation',
			...(model.generatedAt
				? { CreationDate: new Date(model.generatedAt), ModDate: new Date(model.generatedAt) }
				: {})
		}
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	for (const [name, data] of Object.entries(fonts)) doc.registerFont(name, data);
	const m = new Measurer(doc);

	const logo = logoPlacement(model);
	const first = fitFirstPage(m, model, logo);
	const cut = first.ctx.cut;

	// The appendix at a comfortable size; its pages are counted before any footer is drawn.
	let appendixPages: Op[][] = [];
	let appendixCtx: Ctx | null = null;
	if (cut.size > 0) {
		appendixCtx = makeCtx(m, APPENDIX_BODY_SIZE, NO_CAPS);
		const head = appendixHeader(appendixCtx, model);
		const blocks = [head, ...appendixBlocks(appendixCtx, model, cut, CONTENT_WIDTH)];
		appendixPages = paginate(blocks, CONTENT_HEIGHT, appendixCtx.b * 1.4);
	}
	const pages = 1 + appendixPages.length;
	const note =
		cut.size > 0 ? `${label('fr', 'moreInAppendix')} · ${label('nl', 'moreInAppendix')} →` : '';

	doc.addPage({ size: 'A4', margin: 0 });
	const structure = new StructureWriter(doc);
	draw(doc, structure, flatten(first.box), MARGIN, MARGIN);
	const footerCtx = makeCtx(m, 7, NO_CAPS);
	draw(
		doc,
		structure,
		flatten(footer(footerCtx, model, 1, pages, note)),
		MARGIN,
		PAGE.height - MARGIN - FOOTER_HEIGHT
	);
	appendixPages.forEach((ops, index) => {
		doc.addPage({ size: 'A4', margin: 0 });
		draw(doc, structure, ops, MARGIN, MARGIN);
		draw(
			doc,
			structure,
			flatten(footer(footerCtx, model, index + 2, pages, '')),
			MARGIN,
			PAGE.height - MARGIN - FOOTER_HEIGHT
		);
	});
	structure.end();
	doc.end();
	return done;
}

/** For tests and the layout bench: the body size page 1 ended up with and what it cut. */
export async function describePdfLayout(
	model: Restitution
): Promise<{ bodySize: number; cut: Section[]; caps: Caps }> {
	const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
	for (const [name, data] of Object.entries(loadFonts())) doc.registerFont(name, data);
	const fitted = fitFirstPage(new Measurer(doc), model, logoPlacement(model));
	return { bodySize: fitted.ctx.b, cut: [...fitted.ctx.cut].sort(), caps: fitted.ctx.caps };
}
