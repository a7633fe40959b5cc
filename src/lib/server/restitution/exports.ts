/**
 * The downloadable files of a restitution: one function per format giving the bytes, the
 * content type and a file name with the meeting's date and number.
 */
import { label, type Restitution } from '../../protocol/summary';
import type { ContentLanguages } from '../../protocol/localized';
import { concertationFileName } from '../http/download';
import { renderDocx } from './render-docx';
import { renderJson } from './render-json';
import { renderMarkdown } from './render-markdown';
import { renderPdf } from './render-pdf';

export const EXPORT_FORMATS = ['pdf', 'docx', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string): value is ExportFormat {
	return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export const CONTENT_TYPES: Record<ExportFormat | 'csv', string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8',
	json: 'application/json; charset=utf-8',
	csv: 'text/csv; charset=utf-8'
};

export interface ExportFile {
	body: Uint8Array<ArrayBuffer> | string;
	contentType: string;
	fileName: string;
}

export type RestitutionExtension = ExportFormat;

/** What a concertation's file is, the first word of its name. */
export type FileStem = 'restitution' | 'attendance' | 'votes';

const STEM_LABEL = {
	restitution: 'fileRestitution',
	attendance: 'fileAttendance',
	votes: 'fileVotes'
} as const;

/**
 * The first word of a file's name in a concertation's languages: in two languages, the
 * names its files have always had (`restitution`, `attendance`, `votes`); in one, that
 * language's word (`samenvatting`, `aanwezigheden`, `stemmen`; `summary`; `synthese`), so
 * that a one-language meeting's files read as its own.
 */
export function fileStem(stem: FileStem, languages: ContentLanguages | undefined): string {
	return languages?.length === 1 ? label(languages[0], STEM_LABEL[stem]) : stem;
}

/** e.g. `restitution-2024-09-23-n12.pdf`: the name every export of a meeting shares. */
export function restitutionFileName(model: Restitution, ext: RestitutionExtension): string {
	return concertationFileName(fileStem('restitution', model.languages), model.header, ext);
}

/**
 * `seriesPageUrl`: the series' public page while it is on (series-page.ts), printed with its
 * QR code; it depends on the address the installation is reached at, so the route gives it.
 */
export async function renderExport(
	built: Restitution,
	format: ExportFormat,
	options: { seriesPageUrl?: string | null } = {}
): Promise<ExportFile> {
	const model: Restitution = options.seriesPageUrl
		? { ...built, header: { ...built.header, seriesPageUrl: options.seriesPageUrl } }
		: built;
	const fileName = restitutionFileName(model, format);
	const contentType = CONTENT_TYPES[format];
	switch (format) {
		case 'pdf':
			return { body: new Uint8Array(await renderPdf(model)), contentType, fileName };
		case 'docx':
			return { body: new Uint8Array(await renderDocx(model)), contentType, fileName };
		case 'md':
			return { body: renderMarkdown(model), contentType, fileName };
		case 'json':
			return { body: renderJson(model), contentType, fileName };
	}
}

/** `attendance-2024-09-23-n12.csv`: the same date-and-number stem as the restitution. */
export function csvFileName(model: Restitution, stem: 'attendance' | 'votes'): string {
	return concertationFileName(fileStem(stem, model.languages), model.header, 'csv');
}
