import { getContext, setContext } from 'svelte';
import { translator, type TFunction } from '$lib/i18n';
import {
	DEFAULT_CONTENT_LANGUAGES,
	TEXT_LANGUAGES,
	type ContentLanguages,
	type LocalizedText,
	type TextLanguage
} from '$lib/protocol';

/**
 * The projector's languages: the concertation's content languages (French and Dutch unless it
 * chose others), side by side or one alone, whatever the language of the browser showing it.
 * ProjectorScreen gives them to everything it draws (steps' views, pager, closing screen), so
 * that no part of the projector speaks a language the room did not choose.
 */
const KEY = Symbol('screen-languages');

/** Set by ProjectorScreen: read again at each use (the languages can change before the start). */
export function setScreenLanguages(languages: () => ContentLanguages): void {
	setContext(KEY, languages);
}

/** The projector's languages; French and Dutch outside a projector (never the case today). */
export function screenLanguages(): () => ContentLanguages {
	return getContext<(() => ContentLanguages) | undefined>(KEY) ?? (() => DEFAULT_CONTENT_LANGUAGES);
}

const translators: Record<string, TFunction> = {};
/** One translator per language and namespace, made once. */
export function screenT(lang: TextLanguage, namespace?: string): TFunction {
	const key = `${lang}:${namespace ?? ''}`;
	return (translators[key] ??= translator(lang, namespace));
}

/**
 * A space between two languages' words where Svelte would drop a literal one (at the edge of
 * an `{#each}` or `{#if}` block): `{SPACE}`.
 */
export const SPACE = ' ';

/** A column of the projector: its language, its translator, and whether it is the second. */
export interface ScreenColumn {
	lang: TextLanguage;
	t: TFunction;
	second: boolean;
}

export function screenColumns(languages: ContentLanguages, namespace?: string): ScreenColumn[] {
	return languages.map((lang, index) => ({ lang, t: screenT(lang, namespace), second: index > 0 }));
}

/**
 * A participant's text, typed once in `language` and never translated: tagged with its
 * language when that is none of the projector's languages (a phone set to English in a
 * French–Dutch meeting, to French in an English-only one). An unknown language: no tag.
 */
export function outsideLanguages(language: string, languages: ContentLanguages): boolean {
	return (
		(TEXT_LANGUAGES as readonly string[]).includes(language) &&
		!(languages as readonly string[]).includes(language)
	);
}

/** A text's content, one string per content language: what a measuring signature needs. */
export function textKey(value: LocalizedText, languages: ContentLanguages): string {
	return languages.map((lang) => value[lang] ?? '').join('\u0000');
}
