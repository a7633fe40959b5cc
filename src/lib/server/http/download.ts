/**
 * How every download is named and sent. One pattern for every export, so that the files of
 * one meeting sort together and read alike in a downloads folder: lower-case ASCII words
 * joined by `-`, safe in any file system and header; a concertation's files are
 * `<what>-<date>-n<number>.<ext>` (`restitution-2024-09-23-n12.pdf`,
 * `votes-2024-09-23-n12.csv`, `programme-2024-09-23-n12.json`).
 */

function asciiSlug(value: string): string {
	return value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** `parts` as slugs joined by `-` (empty ones left out), then `.ext`. */
export function downloadFileName(parts: readonly string[], ext: string): string {
	return `${parts.map(asciiSlug).filter(Boolean).join('-')}.${ext}`;
}

/** A concertation's file: `<what>-<date>-n<number>.<ext>`, `undated` without a valid date. */
export function concertationFileName(
	what: string,
	meeting: { date: string; number: string },
	ext: string
): string {
	const date = /^\d{4}-\d{2}-\d{2}$/.test(meeting.date) ? meeting.date : 'undated';
	const number = asciiSlug(meeting.number).slice(0, 20);
	return downloadFileName([what, date, number ? `n${number}` : ''], ext);
}

/** Response headers of a download: never cached by shared caches, never sniffed. */
export function downloadHeaders(file: { contentType: string; fileName: string }): HeadersInit {
	return {
		'content-type': file.contentType,
		'content-disposition': `attachment; filename="${file.fileName}"`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}
