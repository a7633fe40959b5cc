/**
 * The consented attendance list as CSV: only participants who agreed to be listed, as the
 * coordinators left them (a hidden name stays out, a corrected one is used). Opens in Excel
 * (UTF-8 with a byte-order mark, semicolon-free RFC 4180 with CRLF) and never runs a cell as a
 * formula.
 */
import type { RestitutionSource } from './build';
import type { RestitutionEdits } from './edits';

export const ATTENDANCE_CSV_COLUMNS = ['name', 'organisation', 'sector_fr', 'sector_nl'] as const;

/** Excel reads a UTF-8 file as such only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV field. A leading = + - @ (or tab, carriage return) would make a spreadsheet run
 * the cell as a formula, so it gets an apostrophe; then RFC 4180 quoting.
 */
export function csvField(value: string | number): string {
	let text = String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(rows: readonly (readonly (string | number)[])[]): string {
	return UTF8_BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

export function attendanceCsv(source: RestitutionSource, edits: RestitutionEdits): string {
	const rows: string[][] = [[...ATTENDANCE_CSV_COLUMNS]];
	if (source.namesErased) return csvText(rows);
	const people = source.participants
		.filter((participant) => participant.consentAttendance)
		.sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
	for (const participant of people) {
		const edit = edits.items.get(`person:${participant.id}`);
		if (edit?.hidden) continue;
		const sector = source.sectors.find((s) => s.id === participant.sector);
		rows.push([
			edit?.text ?? participant.displayName,
			participant.organisation,
			sector?.fr ?? '',
			sector?.nl ?? ''
		]);
	}
	return csvText(rows);
}
