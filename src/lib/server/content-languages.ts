/**
 * What organiser forms require, checked against the concertation's content languages rather
 * than always French and Dutch (issue 18). A French–Dutch concertation keeps its refusals word
 * for word (same code, same message, same params); other pairs and single languages get the
 * same code with a message that names the languages (`languageForms.<code>_in` in the
 * namespace's locale file for a text needed in each of
 * them, `<code>_single` / `<code>_either` for a text needed in at least one).
 */
import {
	DEFAULT_CONTENT_LANGUAGES,
	parseContentLanguages,
	sameLanguages,
	type ContentLanguages,
	type TextLanguage
} from '../protocol';
import { DomainError, type ErrorParams } from './errors';

type Texts = Partial<Record<TextLanguage, string | null | undefined>>;

/** A concertation row's content languages (fr+nl when unset or unreadable). */
export function languagesOf(concertation: { languages?: string | null }): ContentLanguages {
	return parseContentLanguages(concertation.languages);
}

const isFrenchDutch = (languages: ContentLanguages) =>
	sameLanguages(languages, DEFAULT_CONTENT_LANGUAGES);

const written = (texts: Texts, lang: TextLanguage) => (texts[lang] ?? '').trim() !== '';

/**
 * Refuses a text that one of the content languages lacks. `fields` names each language's field
 * (reported as `field`, so forms show the error beside it). Under `namespace:errors.<code>`
 * for French–Dutch; `languageForms.<code>_in` with `language` otherwise.
 */
export function requireEachLanguage(
	texts: Texts,
	languages: ContentLanguages,
	refusal: { namespace: string; code: string; fields: Record<TextLanguage, string> },
	params: ErrorParams = {}
): void {
	const missing = languages.find((lang) => !written(texts, lang));
	if (!missing) return;
	const field = refusal.fields[missing];
	if (isFrenchDutch(languages))
		throw new DomainError(
			refusal.code,
			{ ...params, field },
			`${refusal.namespace}:errors.${refusal.code}`
		);
	throw new DomainError(
		refusal.code,
		{ ...params, field, language: missing },
		`${refusal.namespace}:languageForms.${refusal.code}_in`
	);
}

/**
 * Refuses a text written in none of the content languages (a French label alone does not make
 * an English-only concertation's option). French–Dutch concertations keep their rule as it was:
 * any language written (`anyOf`, default fr, nl, en) is enough.
 */
export function requireSomeLanguage(
	texts: Texts,
	languages: ContentLanguages,
	refusal: { namespace: string; code: string; field: string },
	anyOf: readonly TextLanguage[] = ['fr', 'nl', 'en']
): void {
	const frenchDutch = isFrenchDutch(languages);
	if ((frenchDutch ? anyOf : languages).some((lang) => written(texts, lang))) return;
	if (frenchDutch)
		throw new DomainError(
			refusal.code,
			{ field: refusal.field },
			`${refusal.namespace}:errors.${refusal.code}`
		);
	const [first, second] = languages;
	throw new DomainError(
		refusal.code,
		{ field: refusal.field, language: first, ...(second ? { other: second } : {}) },
		`${refusal.namespace}:languageForms.${refusal.code}_${second ? 'either' : 'single'}`
	);
}

/** The field a content language's text goes in: `${prefix}Fr`, `${prefix}Nl`, `${prefix}En`. */
export function fieldsNamed(prefix: string): Record<TextLanguage, string> {
	return { fr: `${prefix}Fr`, nl: `${prefix}Nl`, en: `${prefix}En` };
}
