/**
 * Text layout: paragraphs broken into lines, each character in a font that has it, right-to-left
 * runs in visual order, and invisible or control characters removed.
 */
import { type Box, type Op, type StructTag } from './boxes';
import {
	type Coverage,
	FALLBACK_FONTS,
	type FontKey,
	type MainFont,
	Measurer,
	REPLACEMENT
} from './fonts';

export const COLORS = {
	text: '#1b1f24',
	muted: '#56616c',
	accent: '#1d4f73',
	accentSoft: '#8fb0c9',
	rule: '#b7c2cc',
	band: '#edf2f6',
	track: '#e2e8ee'
} as const;

export interface TextStyle {
	font: MainFont;
	size: number;
	color: string;
}

export interface Span {
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

export interface LayoutContext {
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

export function paragraph(
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
