/**
 * The consented attendance list as CSV: only participants who agreed to be listed, as the
 * coordinators left them (a hidden name stays out, a corrected one is used). Opens in Excel
 * (UTF-8 with a byte-order mark) and never runs a cell as a formula (see `csv.ts`).
 */
import { writeCsv } from '../csv';
import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguages } from '../../protocol/localized';
import type { RestitutionSource } from './build';
import type { RestitutionEdits } from './edits';

/** The columns of a French–Dutch concertation's list (machine names, as every CSV's). */
export const ATTENDANCE_CSV_COLUMNS = ['name', 'organisation', 'sector_fr', 'sector_nl'] as const;

/** The columns: the sector in each content language (`sector_en`; `sector_fr`, `sector_en`…). */
export function attendanceCsvColumns(languages: ContentLanguages): string[] {
	return ['name', 'organisation', ...languages.map((language) => `sector_${language}`)];
}

export function attendanceCsv(source: RestitutionSource, edits: RestitutionEdits): string {
	const languages = source.concertation.languages ?? DEFAULT_CONTENT_LANGUAGES;
	const rows: string[][] = [attendanceCsvColumns(languages)];
	if (source.namesErased) return writeCsv(rows, { bom: true });
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
			...languages.map((language) => sector?.[language] ?? '')
		]);
	}
	return writeCsv(rows, { bom: true });
}
