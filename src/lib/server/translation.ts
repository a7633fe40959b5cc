/**
 * Adding a missing language to a text (the console's "to translate" field): one rule for
 * every domain that has bilingual text (news, questions and topics, vote options). Pure.
 */
import {
	missingLanguages,
	parseContentLanguages,
	type LocalizedText,
	type TranslatedLanguage
} from '../protocol';
import { DomainError } from './errors';
import { cleanBlock, cleanLine, textLength } from './text';

/**
 * The cleaned translation to store in `language`, or a refusal: `translation_required`
 * (empty), `translation_too_long`, `translation_exists` (someone wrote that language
 * meanwhile: it is never overwritten from this field, the edit form is there for that),
 * `translation_no_original` (there is nothing to translate from).
 */
export function validateTranslation(
	current: LocalizedText,
	language: TranslatedLanguage,
	raw: string,
	options: {
		max: number;
		multiline?: boolean;
		/** The concertation's `languages` column (fr+nl when absent): only these can be missing. */
		languages?: string;
	}
): string {
	if ((current[language] ?? '').trim() !== '') throw new DomainError('translation_exists');
	if (!missingLanguages(current, parseContentLanguages(options.languages)).includes(language)) {
		throw new DomainError('translation_no_original');
	}
	const text = options.multiline ? cleanBlock(raw) : cleanLine(raw);
	if (text === '') throw new DomainError('translation_required');
	if (textLength(text) > options.max) {
		throw new DomainError('translation_too_long', { max: options.max });
	}
	return text;
}

/** The columns of a text typed in one language: that language's, the others left empty. */
export function typedIn(
	language: string,
	text: string
): { fr: string; nl: string; en: string; language: 'fr' | 'nl' | 'en' } {
	const lang = language === 'nl' || language === 'en' ? language : 'fr';
	return { fr: '', nl: '', en: '', [lang]: text, language: lang };
}
