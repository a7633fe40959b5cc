/**
 * The PDF's embedded fonts and what they can print: Source Sans 3 for the text, Noto Sans
 * Arabic and Noto Emoji for the characters it lacks, and the measuring of text in them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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

export type FontKey = keyof typeof FONT_FILES;
export type MainFont = 'regular' | 'semibold' | 'bold' | 'italic';
/** The fonts looked in for a glyph, in this order; one stands for its weights. */
export type Coverage = 'main' | 'arabic' | 'emoji';
const COVERAGE_FONT: Record<Coverage, FontKey> = {
	main: 'regular',
	arabic: 'arabic',
	emoji: 'emoji'
};

/** Where a character missing from Source Sans 3 is looked for, per style. */
export const FALLBACK_FONTS: Record<MainFont, { arabic: FontKey; emoji: FontKey }> = {
	regular: { arabic: 'arabic', emoji: 'emoji' },
	italic: { arabic: 'arabic', emoji: 'emoji' },
	semibold: { arabic: 'arabicBold', emoji: 'emojiBold' },
	bold: { arabic: 'arabicBold', emoji: 'emojiBold' }
};

/** Printed for characters no embedded font has (Chinese…): visible, never a crash. */
export const REPLACEMENT = '□';

let fontData: Record<FontKey, Buffer> | undefined;

export function loadFonts(): Record<FontKey, Buffer> {
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

export class Measurer {
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
