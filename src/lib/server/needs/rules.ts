import { guessDelimiter, readCsv, type CsvRecord } from '../csv';
import { NEEDS_LIMITS } from '../../protocol';
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
	count: number;
}

export interface TargetGroup {
	labelFr: string;
	labelNl: string;
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

const HEADER = ['theme_fr', 'theme_nl', 'count'] as const;

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
 * Reads a `theme_fr,theme_nl,count` file (header required, `,` or `;`, quotes, BOM, CRLF).
 * Returns every theme, or throws a CsvImportError listing every problem with its line.
 */
export function parseNeedsCsv(text: string): { themes: Theme[] } {
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
	const [header, ...rows] = nonBlank;

	if (header) {
		const headerError = checkHeader(header, separator);
		if (headerError) throw new CsvImportError([headerError]);
	}

	const themes: Theme[] = [];
	const seenFr = new Map<string, number>();
	const seenNl = new Map<string, number>();
	for (const [index, row] of rows.entries()) {
		if (index >= NEEDS_LIMITS.themes) {
			errors.push(lineError(row.line, 'csv_too_many_rows', { max: NEEDS_LIMITS.themes }));
			break;
		}
		const theme = checkRow(row, errors);
		if (!theme) continue;
		const firstLine = seenFr.get(themeKey(theme.labelFr)) ?? seenNl.get(themeKey(theme.labelNl));
		if (firstLine !== undefined) {
			errors.push(lineError(row.line, 'csv_duplicate_theme', { firstLine, label: theme.labelFr }));
			continue;
		}
		seenFr.set(themeKey(theme.labelFr), row.line);
		seenNl.set(themeKey(theme.labelNl), row.line);
		themes.push(theme);
	}

	if (problem) errors.push(lineError(problem.line, `csv_${problem.kind}`));
	if (errors.length === 0 && themes.length === 0) errors.push(lineError(null, 'csv_empty_file'));
	if (errors.length > 0) throw new CsvImportError(errors);
	return { themes };
}

function checkHeader(header: CsvRecord, separator: string): CsvLineError | null {
	const names = withoutTrailingEmpty(header.fields, HEADER.length).map((f) =>
		f.trim().toLowerCase()
	);
	if (names.length === HEADER.length && names.every((name, i) => name === HEADER[i])) return null;
	// A first line shaped like data means the organiser forgot the header, not misspelt it.
	if (names.length === HEADER.length && parseCount(names[2] ?? '') !== null) {
		return lineError(header.line, 'csv_missing_header', { expected: HEADER.join(separator) });
	}
	const found = header.fields.join(separator);
	return lineError(header.line, 'csv_bad_header', {
		expected: HEADER.join(separator),
		found: found.length > 100 ? `${found.slice(0, 100)}…` : found
	});
}

function checkRow(row: CsvRecord, errors: CsvLineError[]): Theme | null {
	const fields = withoutTrailingEmpty(row.fields, HEADER.length);
	if (fields.length !== HEADER.length) {
		errors.push(
			lineError(row.line, 'csv_wrong_column_count', {
				expected: HEADER.length,
				found: fields.length
			})
		);
		return null;
	}
	const [rawFr = '', rawNl = '', rawCount = ''] = fields;
	const before = errors.length;
	const labelFr = checkLabel(rawFr, 'theme_fr', row.line, errors);
	const labelNl = checkLabel(rawNl, 'theme_nl', row.line, errors);
	const count = parseCount(rawCount);
	if (count === null) {
		const value = rawCount.trim();
		errors.push(
			lineError(row.line, 'csv_bad_count', {
				value: value.length > 40 ? `${value.slice(0, 40)}…` : value
			})
		);
	}
	return errors.length === before && count !== null ? { labelFr, labelNl, count } : null;
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
export function validateTheme(input: {
	labelFr?: string | null;
	labelNl?: string | null;
	count: number | string;
}): Theme {
	const labelFr = validateThemeLabel(input.labelFr, 'labelFr');
	const labelNl = validateThemeLabel(input.labelNl, 'labelNl');
	const count =
		typeof input.count === 'number'
			? toCount(input.count)
			: parseCount(typeof input.count === 'string' ? input.count : '');
	if (count === null) fail('needs_bad_count');
	return { labelFr, labelNl, count };
}

const toCount = (value: number) => (Number.isSafeInteger(value) && value >= 0 ? value : null);

function validateThemeLabel(raw: unknown, field: string): string {
	const label = cleanLine(raw);
	if (label === '') fail('needs_label_required', { field });
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
			frenchOrder.compare(a.labelNl, b.labelNl)
	);
}

/**
 * The public the concertation is about. Rows left empty in the form are dropped; a group
 * needs a label in at least one language (the other falls back to it on display).
 */
export function validateTargetGroups(
	list: readonly { labelFr?: string | null; labelNl?: string | null }[]
): TargetGroup[] {
	const groups = list
		.map((g) => ({ labelFr: cleanLine(g.labelFr), labelNl: cleanLine(g.labelNl) }))
		.filter((g) => g.labelFr !== '' || g.labelNl !== '');
	if (groups.length > NEEDS_LIMITS.targetGroups) {
		fail('needs_too_many_groups', { max: NEEDS_LIMITS.targetGroups });
	}
	const seen = new Set<string>();
	for (const [index, group] of groups.entries()) {
		for (const field of ['labelFr', 'labelNl'] as const) {
			if (length(group[field]) > NEEDS_LIMITS.targetGroupLabel) {
				fail('needs_group_label_too_long', {
					position: index + 1,
					field,
					max: NEEDS_LIMITS.targetGroupLabel
				});
			}
		}
		const key = `${themeKey(group.labelFr)}\u0000${themeKey(group.labelNl)}`;
		if (seen.has(key)) fail('needs_duplicate_group', { label: group.labelFr || group.labelNl });
		seen.add(key);
	}
	return groups;
}
