import { guessDelimiter, readCsv, type CsvRecord } from '../csv';
import {
	DEFAULT_CONTENT_LANGUAGES,
	NEEDS_LIMITS,
	type ContentLanguages,
	type TextLanguage
} from '../../protocol';
import { fieldsNamed, requireEachLanguage } from '../content-languages';
import { DomainError, refusals, type ErrorParams, type Refusal } from '../errors';
import { cleanLine, textLength as length } from '../text';

/**
 * Needs monitoring: the themes counted by the organisers' monitoring (imported as CSV or
 * typed in) and the target groups shown next to the chart. Pure rules, no I/O.
 */

// The limits are the protocol's (NEEDS_LIMITS), which forms show too.
export { NEEDS_LIMITS };

export interface Theme {
	labelFr: string;
	labelNl: string;
	/** Only when written (English is a content language of some concertations). */
	labelEn?: string;
	count: number;
}

export interface TargetGroup {
	labelFr: string;
	labelNl: string;
	labelEn?: string;
}

const fail: Refusal = refusals('needs');

// ---------------------------------------------------------------------------------------
// CSV import
// ---------------------------------------------------------------------------------------

export const CSV_ERROR_CODES = [
	'csv_missing_header',
	'csv_bad_header',
	'csv_wrong_column_count',
	'csv_bad_count',
	'csv_empty_label',
	'csv_label_too_long',
	'csv_too_many_rows',
	'csv_too_large',
	'csv_unclosed_quote',
	'csv_empty_file',
	'csv_duplicate_theme',
	'csv_bad_quote'
] as const;
export type CsvErrorCode = (typeof CSV_ERROR_CODES)[number];

/** One problem of an import; `line` is the 1-based line of the file, null for the whole file. */
export interface CsvLineError {
	line: number | null;
	code: CsvErrorCode;
	messageKey: string;
	params: ErrorParams;
}

/**
 * The import is refused as a whole: a half-imported monitoring would show a wrong chart.
 * `lines` lists every problem so the organiser can fix the file in one go.
 */
export class CsvImportError extends DomainError {
	readonly lines: readonly CsvLineError[];

	constructor(lines: readonly CsvLineError[]) {
		const summary = lines
			.map((e) => (e.line === null ? e.code : `${e.line}: ${e.code}`))
			.join('; ');
		super(
			'needs_csv_invalid',
			{ count: lines.length, errors: summary },
			'needs:errors.needs_csv_invalid'
		);
		this.name = 'CsvImportError';
		this.lines = lines;
	}
}

function lineError(
	line: number | null,
	code: CsvErrorCode,
	params: ErrorParams = {}
): CsvLineError {
	return {
		line,
		code,
		messageKey: `needs:errors.${code}`,
		params: line === null ? params : { line, ...params }
	};
}

/** `theme_<language>` per content language (main one first), then `count`. */
const headerOf = (languages: ContentLanguages): string[] => [
	...languages.map((lang) => `theme_${lang}`),
	'count'
];

/** Excel pads rows with empty columns (`a;b;3;;`): those are not extra data. */
function withoutTrailingEmpty(fields: string[], keep: number): string[] {
	let end = fields.length;
	while (end > keep && (fields[end - 1] ?? '').trim() === '') end--;
	return fields.slice(0, end);
}

const isBlank = (record: CsvRecord) => record.fields.every((f) => f.trim() === '');

const COUNT = /^\d+$/;

/** A non-negative integer as typed ("12", " 12 "), or null. */
function parseCount(raw: string): number | null {
	const trimmed = raw.trim();
	if (!COUNT.test(trimmed)) return null;
	const value = Number(trimmed);
	return Number.isSafeInteger(value) ? value : null;
}

/** Same theme whatever the case or spacing: a duplicate would split one bar in two. */
const themeKey = (label: string) => label.toLocaleLowerCase('fr');

function utf8Bytes(text: string): number {
	return new TextEncoder().encode(text).byteLength;
}

/**
 * Reads a `theme_fr,theme_nl,count` file (header required, `,` or `;`, quotes, BOM, CRLF);
 * with other content languages, one `theme_<language>` column per language (`theme_en,count`).
 * Returns every theme, or throws a CsvImportError listing every problem with its line.
 */
export function parseNeedsCsv(
	text: string,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): { themes: Theme[] } {
	const header = headerOf(languages);
	// Every UTF-16 unit is at least one byte: a longer string is too large without encoding it.
	if (text.length > NEEDS_LIMITS.csvBytes || utf8Bytes(text) > NEEDS_LIMITS.csvBytes) {
		throw new CsvImportError([
			lineError(null, 'csv_too_large', { maxKib: NEEDS_LIMITS.csvBytes / 1024 })
		]);
	}
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	if (body.trim() === '') throw new CsvImportError([lineError(null, 'csv_empty_file')]);

	const separator = guessDelimiter(body);
	const { records, problem } = readCsv(body, separator);
	const nonBlank = records.filter((r) => !isBlank(r));
	const errors: CsvLineError[] = [];
	const [first, ...rows] = nonBlank;

	if (first) {
		const headerError = checkHeader(first, separator, header);
		if (headerError) throw new CsvImportError([headerError]);
	}

	const themes: Theme[] = [];
	// Per language: a theme's label seen on which line (a duplicate would split one bar in two).
	const seen = languages.map(() => new Map<string, number>());
	for (const [index, row] of rows.entries()) {
		if (index >= NEEDS_LIMITS.themes) {
			errors.push(lineError(row.line, 'csv_too_many_rows', { max: NEEDS_LIMITS.themes }));
			break;
		}
		const theme = checkRow(row, errors, languages);
		if (!theme) continue;
		const labels = languages.map((lang) => themeKey(labelIn(theme, lang)));
		const firstLine = labels
			.map((label, index) => seen[index]?.get(label))
			.find((line) => line !== undefined);
		if (firstLine !== undefined) {
			const label = labelIn(theme, languages[0]);
			errors.push(lineError(row.line, 'csv_duplicate_theme', { firstLine, label }));
			continue;
		}
		labels.forEach((label, index) => seen[index]?.set(label, row.line));
		themes.push(theme);
	}

	if (problem) errors.push(lineError(problem.line, `csv_${problem.kind}`));
	if (errors.length === 0 && themes.length === 0) errors.push(lineError(null, 'csv_empty_file'));
	if (errors.length > 0) throw new CsvImportError(errors);
	return { themes };
}

const labelIn = (theme: Theme, lang: TextLanguage) =>
	lang === 'fr' ? theme.labelFr : lang === 'nl' ? theme.labelNl : (theme.labelEn ?? '');

function checkHeader(
	header: CsvRecord,
	separator: string,
	expected: readonly string[]
): CsvLineError | null {
	const names = withoutTrailingEmpty(header.fields, expected.length).map((f) =>
		f.trim().toLowerCase()
	);
	if (names.length === expected.length && names.every((name, i) => name === expected[i]))
		return null;
	// A first line shaped like data means the organiser forgot the header, not misspelt it.
	if (names.length === expected.length && parseCount(names.at(-1) ?? '') !== null) {
		return lineError(header.line, 'csv_missing_header', { expected: expected.join(separator) });
	}
	const found = header.fields.join(separator);
	return lineError(header.line, 'csv_bad_header', {
		expected: expected.join(separator),
		found: found.length > 100 ? `${found.slice(0, 100)}…` : found
	});
}

function checkRow(
	row: CsvRecord,
	errors: CsvLineError[],
	languages: ContentLanguages
): Theme | null {
	const columns = languages.length + 1;
	const fields = withoutTrailingEmpty(row.fields, columns);
	if (fields.length !== columns) {
		errors.push(
			lineError(row.line, 'csv_wrong_column_count', {
				expected: columns,
				found: fields.length
			})
		);
		return null;
	}
	const rawCount = fields[languages.length] ?? '';
	const before = errors.length;
	const labels: Record<TextLanguage, string> = { fr: '', nl: '', en: '' };
	for (const [index, lang] of languages.entries())
		labels[lang] = checkLabel(fields[index] ?? '', `theme_${lang}`, row.line, errors);
	const { fr: labelFr, nl: labelNl, en: labelEn } = labels;
	const count = parseCount(rawCount);
	if (count === null) {
		const value = rawCount.trim();
		errors.push(
			lineError(row.line, 'csv_bad_count', {
				value: value.length > 40 ? `${value.slice(0, 40)}…` : value
			})
		);
	}
	return errors.length === before && count !== null
		? { labelFr, labelNl, ...(labelEn ? { labelEn } : {}), count }
		: null;
}

function checkLabel(raw: string, column: string, line: number, errors: CsvLineError[]): string {
	const label = cleanLine(raw);
	if (label === '') errors.push(lineError(line, 'csv_empty_label', { column }));
	else if (length(label) > NEEDS_LIMITS.themeLabel) {
		errors.push(lineError(line, 'csv_label_too_long', { column, max: NEEDS_LIMITS.themeLabel }));
	}
	return label;
}

// ---------------------------------------------------------------------------------------
// Themes typed in, chart order, target groups
// ---------------------------------------------------------------------------------------

/** A theme typed in the facilitator's form: the same limits as an imported one. */
export function validateTheme(
	input: {
		labelFr?: string | null;
		labelNl?: string | null;
		labelEn?: string | null;
		count: number | string;
	},
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): Theme {
	const labels = {
		fr: cleanLine(input.labelFr),
		nl: cleanLine(input.labelNl),
		en: cleanLine(input.labelEn)
	};
	// Shown on the projector in each content language: each one needs its label.
	requireEachLanguage(labels, languages, {
		namespace: 'needs',
		code: 'needs_label_required',
		fields: fieldsNamed('label')
	});
	const labelFr = validateThemeLabel(labels.fr, 'labelFr');
	const labelNl = validateThemeLabel(labels.nl, 'labelNl');
	const labelEn = validateThemeLabel(labels.en, 'labelEn');
	const count =
		typeof input.count === 'number'
			? toCount(input.count)
			: parseCount(typeof input.count === 'string' ? input.count : '');
	if (count === null) fail('needs_bad_count');
	return { labelFr, labelNl, ...(labelEn ? { labelEn } : {}), count };
}

const toCount = (value: number) => (Number.isSafeInteger(value) && value >= 0 ? value : null);

function validateThemeLabel(label: string, field: string): string {
	if (length(label) > NEEDS_LIMITS.themeLabel) {
		fail('needs_label_too_long', { field, max: NEEDS_LIMITS.themeLabel });
	}
	return label;
}

const frenchOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Chart order: the most frequent need first, ties in French alphabetical order. */
export function sortThemes<T extends Theme>(themes: readonly T[]): T[] {
	return [...themes].sort(
		(a, b) =>
			b.count - a.count ||
			frenchOrder.compare(a.labelFr, b.labelFr) ||
			frenchOrder.compare(a.labelNl, b.labelNl) ||
			frenchOrder.compare(a.labelEn ?? '', b.labelEn ?? '')
	);
}

/**
 * The public the concertation is about. Rows left empty in the form are dropped; a group
 * needs a label in at least one language (the other falls back to it on display).
 */
export function validateTargetGroups(
	list: readonly { labelFr?: string | null; labelNl?: string | null; labelEn?: string | null }[]
): TargetGroup[] {
	const groups = list
		.map((g) => {
			const labelEn = cleanLine(g.labelEn);
			return {
				labelFr: cleanLine(g.labelFr),
				labelNl: cleanLine(g.labelNl),
				...(labelEn ? { labelEn } : {})
			};
		})
		.filter((g) => g.labelFr !== '' || g.labelNl !== '' || g.labelEn);
	if (groups.length > NEEDS_LIMITS.targetGroups) {
		fail('needs_too_many_groups', { max: NEEDS_LIMITS.targetGroups });
	}
	const seen = new Set<string>();
	for (const [index, group] of groups.entries()) {
		for (const field of ['labelFr', 'labelNl', 'labelEn'] as const) {
			if (length(group[field] ?? '') > NEEDS_LIMITS.targetGroupLabel) {
				fail('needs_group_label_too_long', {
					position: index + 1,
					field,
					max: NEEDS_LIMITS.targetGroupLabel
				});
			}
		}
		const key = `${themeKey(group.labelFr)}\u0000${themeKey(group.labelNl)}\u0000${themeKey(group.labelEn ?? '')}`;
		if (seen.has(key))
			fail('needs_duplicate_group', {
				label: group.labelFr || group.labelNl || group.labelEn || ''
			});
		seen.add(key);
	}
	return groups;
}
