/**
 * What the Markdown restitution is made of (see render-markdown.ts), for the document's own
 * sections and each part's (`<kind>/restitution.ts`): every piece of text escaped so that
 * nothing typed in the room can become markup, HTML or a link.
 */
import {
	bilingualLabelText,
	printIn,
	type ContentLanguage,
	type DocumentLanguages,
	type Label,
	type RestitutionLabelKey
} from '../../protocol/summary';

// Characters that are never wanted in a text file: controls (tab and line feed are handled
// apart), invisible bidi overrides, and lone UTF-16 surrogates.
const UNWANTED =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes one line of text for CommonMark (and GitHub's extensions): inline syntax anywhere
 * (emphasis, code, links, HTML, entities, strikethrough, pipes; parentheses are harmless once
 * brackets are escaped), block syntax at the start of
 * the line (headings, quotes, lists, setext underlines, indented code), and bare URLs or
 * e-mail addresses that GFM would turn into links.
 */
export function escapeMarkdownLine(text: string): string {
	let line = text
		.replace(/\t/g, ' ')
		.replace(/[\\`*_[\]{}<>#!|~&@$^]/g, (char) => `\\${char}`)
		.replace(/\b(https?|ftp|mailto|javascript|data|vbscript|file)(:)/gi, '$1\\:')
		.replace(/\bwww\./gi, 'www\\.')
		.replace(/^\s+/, '');
	if (/^[-+=>]/.test(line)) line = `\\${line}`;
	line = line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
	return line;
}

/** Text on one logical line (a list item, a table cell): line breaks become hard breaks. */
export function inline(text: string, indent = ''): string {
	const lines = text
		.replace(/\r\n?/g, '\n')
		.replace(UNWANTED, '')
		.split('\n')
		.map((line) => escapeMarkdownLine(line.trim()))
		.filter((line) => line !== '');
	// A trailing backslash is CommonMark's hard line break.
	return lines.join(`\\\n${indent}`);
}

/** Paragraphs: blank lines separate paragraphs, single line breaks are hard breaks. */
export function paragraphs(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((block) => inline(block))
		.filter((block) => block !== '');
}

/** A label of the restitution namespace in the document's languages, "fr · nl", escaped. */
export function both(
	langs: DocumentLanguages,
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	return escapeMarkdownLine(bilingualLabelText(key, params, langs.list));
}

/** The language tag after a text typed in another language than the document's: " \[EN\]". */
export function tagText(tag: ContentLanguage | undefined): string {
	return tag ? ` ${escapeMarkdownLine(`[${tag.toUpperCase()}]`)}` : '';
}

/** A label: its text in the document's languages, or the participant's text once (tagged). */
export function labelText(langs: DocumentLanguages, value: Label, separator = ' / '): string {
	const p = printIn(value, langs);
	return p.kind === 'single'
		? `${inline(p.text)}${tagText(p.tag)}`
		: `${inline(p.first.text)}${separator}${inline(p.second.text)}`;
}

/** One block of the file: its lines (blocks are separated by a blank line). */
export function block(...lines: string[]): string {
	return lines.join('\n');
}
