/**
 * CSV, read and written the same way everywhere (the votes, attendance and series exports;
 * the needs import). csv-parse and csv-stringify do the RFC 4180 work; this module holds the
 * policy around them:
 * - written files are for spreadsheets: UTF-8 with a byte-order mark when asked (Excel reads
 *   accents right only then), CRLF after every record, a field quoted when it holds a comma,
 *   a quote or a line break, and an apostrophe before a cell that starts with = + - @, tab or
 *   carriage return, so that a spreadsheet never runs typed text as a formula;
 * - read files are hand-made or exported by Excel: a byte-order mark, CR, LF or CRLF (even
 *   mixed), spaces around quoted fields, stray quotes inside unquoted fields, and rows of
 *   any length are accepted; each record knows the line of the file it starts on, so that an
 *   import can point at the line to fix.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Excel reads a UTF-8 file as such only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

export type CsvCell = string | number;

/**
 * Rows as CSV text. Numbers are written as text first, so one rule (the apostrophe before
 * = + - @) covers every cell whatever its type.
 */
export function writeCsv(
	rows: readonly (readonly CsvCell[])[],
	options: { bom?: boolean } = {}
): string {
	return stringify(
		rows.map((row) => row.map(String)),
		{
			bom: options.bom ?? false,
			record_delimiter: '\r\n',
			escape_formulas: true,
			// csv-stringify quotes a line break only when it is the record delimiter (CRLF);
			// a lone LF or CR inside a cell must be quoted too, or a reader splits the record.
			quoted_match: /[\r\n]/
		}
	);
}

export interface CsvRecord {
	/** 1-based line of the file where the record starts (lines inside quotes count). */
	line: number;
	/** The fields as typed; a line break inside a quoted field becomes `\n`. */
	fields: string[];
}

export interface CsvReading {
	/** Every record up to the first malformed one, blank lines included (as `['']`). */
	records: CsvRecord[];
	/** Where reading stopped, if it did: the line of the record that could not be read. */
	problem: { line: number; kind: 'unclosed_quote' | 'bad_quote' } | null;
}

/** Belgian Excel writes `;` (the comma is the decimal mark): whichever the header uses wins. */
export function guessDelimiter(text: string): ';' | ',' {
	const firstLine = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
	let semicolons = 0;
	let commas = 0;
	let inQuotes = false;
	for (const ch of firstLine) {
		if (ch === '"') inQuotes = !inQuotes;
		else if (!inQuotes && ch === ';') semicolons++;
		else if (!inQuotes && ch === ',') commas++;
	}
	return semicolons > commas ? ';' : ',';
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Reads CSV text (a leading byte-order mark is dropped). Never throws on malformed text:
 * the records read before the problem come back with it, so that a caller can report every
 * error of the file at once.
 */
export function readCsv(text: string, delimiter: ',' | ';'): CsvReading {
	const body = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
	const bytes = Buffer.from(body, 'utf8');
	const records: CsvRecord[] = [];
	// csv-parse reports where each record ends in bytes (its own line count counts a CRLF
	// inside quotes twice): lines are counted here from those offsets.
	let lineAt = 1;
	let offset = 0;
	const advance = (end: number) => {
		// CR, LF and CRLF are one line break each; their bytes never occur inside a UTF-8
		// sequence, so the bytes can be scanned as they are.
		for (; offset < end; offset++) {
			const byte = bytes[offset];
			if (byte === LF || (byte === CR && bytes[offset + 1] !== LF)) lineAt++;
		}
	};
	let problem: CsvReading['problem'] = null;
	try {
		parse(bytes, {
			delimiter,
			record_delimiter: ['\r\n', '\n', '\r'],
			relax_quotes: true,
			relax_column_count: true,
			ltrim: true,
			rtrim: true,
			skip_empty_lines: false,
			on_record: (record: string[], context) => {
				records.push({
					line: lineAt,
					fields: record.map((field) => field.replace(/\r\n?/g, '\n'))
				});
				// The record's end, its line break included.
				advance(context.bytes);
				return null;
			}
		});
	} catch (caught) {
		if (!(caught instanceof CsvError)) throw caught;
		// A quote opens or closes a field only at its edges, and a record breaks only outside
		// quotes: the problem is on the first line of the record being read.
		problem = {
			line: lineAt,
			kind: caught.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed_quote' : 'bad_quote'
		};
	}
	return { records, problem };
}
