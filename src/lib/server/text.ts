/**
 * Text typed by people is stored as typed (HTML, emoji and right-to-left scripts included:
 * rendering escapes it), minus what no one means to type: control characters, and for
 * one-line fields, line breaks and runs of spaces.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u2028\u2029]/g;

export function cleanLine(value: string): string {
	return value.normalize('NFC').replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

export function cleanMultiline(value: string): string {
	return value
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.replace(CONTROL, '')
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** Length as people count it: code points, so an emoji is one, not two. */
export function textLength(value: string): number {
	return [...value].length;
}
