import { DomainError } from './errors';

/**
 * Text typed by people is stored as typed (HTML, emoji and right-to-left scripts included:
 * every output escapes it), minus what nobody means to type. Every domain cleans its text
 * through these two functions so that all of them agree.
 */

// Bidi embeddings, overrides and isolates are invisible and reorder the text around them
// (a name could make the rest of a list read backwards); right-to-left scripts need none of
// them. Other control characters have no place in typed text. Zero-width joiners (emoji
// sequences) are kept.
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
const INVISIBLE_BUT_NEWLINE = /(?!\n)[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

/** One line as people mean it: NFC, no control characters, single spaces, trimmed. */
export function cleanLine(raw: unknown): string {
	if (typeof raw !== 'string') return '';
	return raw
		.toWellFormed()
		.normalize('NFC')
		.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
		.replace(INVISIBLE, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Paragraphs are kept (one blank line at most), everything else as for a line. */
export function cleanBlock(raw: unknown): string {
	if (typeof raw !== 'string') return '';
	return raw
		.toWellFormed()
		.normalize('NFC')
		.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
		.replace(/\t/g, ' ')
		.replace(INVISIBLE_BUT_NEWLINE, '')
		.replace(/[^\S\n]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Length as people count it: an emoji is one character, not two UTF-16 units. */
export function textLength(value: string): number {
	return [...value].length;
}

/**
 * What shows nothing on a screen: format characters (zero-width spaces and joiners, bidi
 * marks), other default-ignorable ones (Hangul fillers, which Unicode files as letters,
 * variation selectors), every kind of space, and the blank Braille pattern.
 */
const SHOWS_NOTHING = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * A name people can read: at least one letter or digit (any script) once what shows nothing
 * is set aside. A name of zero-width spaces or fillers would be an empty line on the
 * projector and in the attendance list, and nobody could tell who it is.
 */
export function isReadableName(value: string): boolean {
	return LETTER_OR_DIGIT.test(value.replace(SHOWS_NOTHING, ''));
}

/**
 * Every name field (a participant's, an account's, a table's, a title) goes through this:
 * an empty value is for the caller to accept or refuse, an unreadable one is refused with
 * `name_unreadable`, naming the field.
 */
export function requireReadableName(value: string, field: string): string {
	if (value !== '' && !isReadableName(value)) throw new DomainError('name_unreadable', { field });
	return value;
}
