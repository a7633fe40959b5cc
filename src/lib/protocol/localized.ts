/**
 * Text written in French and Dutch (organisers, facilitators) or typed once in one language
 * (participants): a language nobody wrote is '' in the views, never a copy of another one,
 * so every reader can tell which language a text is in. `en` is there only when someone
 * typed the text in English (a phone set to English). Pure: shared by server and browser.
 */
import { z } from 'zod';
import type { Locale } from '../i18n/locales';

export type TextLanguage = 'fr' | 'nl' | 'en';
/** Every language a text may be written in, in the order of their columns. */
export const TEXT_LANGUAGES = ['fr', 'nl', 'en'] as const satisfies readonly TextLanguage[];
/**
 * The content languages of a concertation when none were chosen (and of every concertation
 * made before they could be chosen): French and Dutch.
 */
export const TRANSLATED_LANGUAGES = ['fr', 'nl'] as const;
/** A language in which a text can be still to translate: any content language. */
export type TranslatedLanguage = TextLanguage;

/**
 * The languages a concertation's texts are written in: one or two of French, Dutch and
 * English, the first being the main one (one-language layouts, fallbacks). Organisers are
 * asked for these, the projector shows these, the restitution prints these.
 */
export type ContentLanguages = readonly [TextLanguage] | readonly [TextLanguage, TextLanguage];
export const DEFAULT_CONTENT_LANGUAGES: ContentLanguages = TRANSLATED_LANGUAGES;

export const contentLanguagesSchema = z
	.array(z.enum(TEXT_LANGUAGES))
	.min(1)
	.max(2)
	.refine((list) => new Set(list).size === list.length, { params: { reason: 'duplicate' } })
	.transform((list) => list as unknown as ContentLanguages);

/** Stored as `fr,nl` (`concertation.languages`, migration 080); anything unreadable is fr+nl. */
export function parseContentLanguages(stored: string | null | undefined): ContentLanguages {
	const parsed = contentLanguagesSchema.safeParse((stored ?? '').split(',').filter(Boolean));
	return parsed.success ? parsed.data : DEFAULT_CONTENT_LANGUAGES;
}

export function formatContentLanguages(languages: ContentLanguages): string {
	return languages.join(',');
}

export function sameLanguages(a: ContentLanguages, b: ContentLanguages): boolean {
	return a.length === b.length && a.every((lang, index) => b[index] === lang);
}

/**
 * The language a device shows a concertation's texts in: its interface language when it is a
 * content language, else the main content language (the interface itself stays in the
 * reader's own language).
 */
export function readingLanguage(reader: Locale, languages: ContentLanguages): TextLanguage {
	return languages.includes(reader) ? reader : languages[0];
}

export interface LocalizedText {
	fr: string;
	nl: string;
	/** Only when the text was typed in English. */
	en?: string;
	/**
	 * The languages of this text that a machine wrote, not a person (optional machine
	 * translation through a self-hosted service, not built yet): a text typed on a phone keeps
	 * its own column as typed, and a translation fills another column and is named here, so
	 * that every reader sees it tagged as translated from the original, never as typed.
	 */
	machine?: readonly TextLanguage[];
}

/** A text as one reader sees it: in their language, else the original with its language. */
export interface PickedText {
	text: string;
	/** The language `text` is in (for `lang` and the tag). */
	lang: TextLanguage;
	/** True when it is not in the reader's language: show its language tag. */
	foreign: boolean;
	/** When a machine wrote `text`: the language of the original (the tag says "translated"). */
	translatedFrom?: TextLanguage;
}

/** The language a person wrote `value` in, when the given one is a machine's translation. */
export function originalOf(value: LocalizedText, lang: TextLanguage): TextLanguage | undefined {
	if (!value.machine?.includes(lang)) return undefined;
	return TEXT_LANGUAGES.find((other) => !value.machine?.includes(other) && value[other]?.trim());
}

const FALLBACK: Record<Locale, TextLanguage[]> = {
	fr: ['fr', 'nl', 'en'],
	nl: ['nl', 'fr', 'en'],
	en: ['en', 'fr', 'nl']
};

/**
 * Without `languages`, the reader's language first. With a concertation's content languages,
 * the reader's language when it is one of them, else the main one; then the other content
 * language, then whatever was written (a participant's text in a third language), tagged.
 */
export function pickLocalized(
	value: LocalizedText,
	reader: Locale,
	languages?: ContentLanguages
): PickedText {
	const first = languages ? readingLanguage(reader, languages) : reader;
	const order = languages
		? [...new Set([first, ...languages, ...FALLBACK[first]])]
		: FALLBACK[reader];
	for (const lang of order) {
		const text = (value[lang] ?? '').trim();
		if (!text) continue;
		const translatedFrom = originalOf(value, lang);
		return translatedFrom
			? { text, lang, foreign: true, translatedFrom }
			: { text, lang, foreign: lang !== first };
	}
	return { text: '', lang: first, foreign: false };
}

/**
 * The content languages still to write, when the text exists in another language: what the
 * console marks "to translate". Empty when all are written, or when there is no text.
 */
export function missingLanguages(
	value: LocalizedText,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): TranslatedLanguage[] {
	const written = TEXT_LANGUAGES.some((lang) => (value[lang] ?? '').trim());
	if (!written) return [];
	return languages.filter((lang) => !(value[lang] ?? '').trim());
}

/**
 * The projector shows the content languages side by side (French and Dutch unless the
 * concertation chose others): each written side once, and when a content language is missing
 * the sides that are written carry their language tag, so no reader takes the French for
 * Dutch. A text written in none of them (typed on a phone in a third language) takes the main
 * side, tagged with its language. `side` is the content language whose place the line takes.
 */
export function screenLines(
	value: LocalizedText,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): ScreenLine[] {
	// A machine's translation is shown tagged, naming the original's language (see `machine`).
	return writtenLines(value, languages).map((line) => {
		const translatedFrom = originalOf(value, line.lang);
		return translatedFrom ? { ...line, tag: true, translatedFrom } : line;
	});
}

/** One line of a text on the projector: which side it takes, in which language, tagged or not. */
export interface ScreenLine {
	side: TextLanguage;
	lang: TextLanguage;
	text: string;
	tag: boolean;
	/** When a machine wrote it: the language of the original. */
	translatedFrom?: TextLanguage;
}

function writtenLines(value: LocalizedText, languages: ContentLanguages): ScreenLine[] {
	const written = languages
		.map((lang) => ({ lang, text: (value[lang] ?? '').trim() }))
		.filter((line) => line.text !== '');
	if (written.length === languages.length) {
		const [first, second] = written;
		if (second && first && second.text === first.text)
			return [{ side: first.lang, lang: first.lang, text: first.text, tag: false }];
		return written.map((line) => ({ side: line.lang, ...line, tag: false }));
	}
	if (written.length > 0) return written.map((line) => ({ side: line.lang, ...line, tag: true }));
	const other = TEXT_LANGUAGES.find((lang) => (value[lang] ?? '').trim());
	return other
		? [{ side: languages[0], lang: other, text: (value[other] ?? '').trim(), tag: true }]
		: [];
}

/** Builds a view's text from a row's columns; `en` only when typed in English. */
export function localizedFromColumns(fr: string, nl: string, en = ''): LocalizedText {
	return en ? { fr, nl, en } : { fr, nl };
}

/** The payload that adds a missing language to a text (see the `*.translate` commands). */
export const translationLanguageSchema = z.enum(TEXT_LANGUAGES);
