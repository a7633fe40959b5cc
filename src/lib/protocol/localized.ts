/**
 * Text written in French and Dutch (organisers, facilitators) or typed once in one language
 * (participants): a language nobody wrote is '' in the views, never a copy of another one,
 * so every reader can tell which language a text is in. `en` is there only when someone
 * typed the text in English (a phone set to English). Pure: shared by server and browser.
 */
import { z } from 'zod';
import type { Locale } from '../i18n/locales';

export type TextLanguage = 'fr' | 'nl' | 'en';
/** The two languages every organiser text and moderated text should have. */
export const TRANSLATED_LANGUAGES = ['fr', 'nl'] as const;
export type TranslatedLanguage = (typeof TRANSLATED_LANGUAGES)[number];

export interface LocalizedText {
	fr: string;
	nl: string;
	/** Only when the text was typed in English. */
	en?: string;
}

/** A text as one reader sees it: in their language, else the original with its language. */
export interface PickedText {
	text: string;
	/** The language `text` is in (for `lang` and the tag). */
	lang: TextLanguage;
	/** True when it is not in the reader's language: show its language tag. */
	foreign: boolean;
}

const FALLBACK: Record<Locale, TextLanguage[]> = {
	fr: ['fr', 'nl', 'en'],
	nl: ['nl', 'fr', 'en'],
	en: ['en', 'fr', 'nl']
};

export function pickLocalized(value: LocalizedText, reader: Locale): PickedText {
	for (const lang of FALLBACK[reader]) {
		const text = (value[lang] ?? '').trim();
		if (text) return { text, lang, foreign: lang !== reader };
	}
	return { text: '', lang: reader, foreign: false };
}

/**
 * French and Dutch still to write, when the text exists in another language: what the
 * console marks "to translate". Empty when both are written, or when there is no text.
 */
export function missingLanguages(value: LocalizedText): TranslatedLanguage[] {
	const written = (['fr', 'nl', 'en'] as const).some((lang) => (value[lang] ?? '').trim());
	if (!written) return [];
	return TRANSLATED_LANGUAGES.filter((lang) => !value[lang].trim());
}

/**
 * The projector shows French and Dutch one above the other: each written side once, and a
 * side only written in one language carries its language tag, so no reader takes the French
 * for Dutch. A text typed only in English takes the French line, tagged EN.
 */
export function screenLines(
	value: LocalizedText
): { side: TranslatedLanguage; lang: TextLanguage; text: string; tag: boolean }[] {
	const fr = value.fr.trim();
	const nl = value.nl.trim();
	if (fr && nl) {
		return fr === nl
			? [{ side: 'fr', lang: 'fr', text: fr, tag: false }]
			: [
					{ side: 'fr', lang: 'fr', text: fr, tag: false },
					{ side: 'nl', lang: 'nl', text: nl, tag: false }
				];
	}
	if (fr) return [{ side: 'fr', lang: 'fr', text: fr, tag: true }];
	if (nl) return [{ side: 'nl', lang: 'nl', text: nl, tag: true }];
	const en = (value.en ?? '').trim();
	return en ? [{ side: 'fr', lang: 'en', text: en, tag: true }] : [];
}

/** Builds a view's text from a row's columns; `en` only when typed in English. */
export function localizedFromColumns(fr: string, nl: string, en = ''): LocalizedText {
	return en ? { fr, nl, en } : { fr, nl };
}

/** The payload that adds a missing language to a text (see the `*.translate` commands). */
export const translationLanguageSchema = z.enum(TRANSLATED_LANGUAGES);
