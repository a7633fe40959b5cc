import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { messageOf } from '../helpers/translations';
import { DomainError } from '../../src/lib/server/errors';
import {
	CSV_ERROR_CODES,
	CsvImportError,
	NEEDS_LIMITS,
	parseNeedsCsv,
	sortThemes,
	validateTargetGroups,
	validateTheme,
	type CsvLineError
} from '../../src/lib/server/needs/rules';

/** The key exists in the three languages and every {{placeholder}} has its parameter. */
function expectTranslated(messageKey: string, params: Record<string, string | number>) {
	expect(messageKey.startsWith('needs:errors.')).toBe(true);
	const key = messageKey;
	for (const locale of LOCALES) {
		const message = messageOf(messageKey, locale);
		expect(message, `${locale} ${key}`).toBeTypeOf('string');
		for (const [, name] of (message ?? '').matchAll(/\{\{(\w+)\}\}/g)) {
			expect(params, `${locale} ${key} {{${name}}}`).toHaveProperty(name as string);
		}
	}
}

function domainError(fn: () => unknown): DomainError {
	try {
		fn();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('expected a DomainError');
}

function expectCode(fn: () => unknown, code: string): DomainError {
	const error = domainError(fn);
	expect(error.code).toBe(code);
	expectTranslated(error.messageKey, error.params);
	return error;
}

function csvErrors(text: string): CsvLineError[] {
	const error = domainError(() => parseNeedsCsv(text));
	expect(error).toBeInstanceOf(CsvImportError);
	expect(error.code).toBe('needs_csv_invalid');
	expectTranslated(error.messageKey, error.params);
	const lines = (error as CsvImportError).lines;
	for (const line of lines) expectTranslated(line.messageKey, line.params);
	return [...lines];
}

const brief = (errors: CsvLineError[]) => errors.map((e) => [e.line, e.code]);

describe('parseNeedsCsv: valid files', () => {
	it('reads a comma-separated file with LF line ends', () => {
		const text =
			'theme_fr,theme_nl,count\nLogement,Huisvesting,12\nSanté mentale,Geestelijke gezondheid,7\n';
		expect(parseNeedsCsv(text).themes).toEqual([
			{ labelFr: 'Logement', labelNl: 'Huisvesting', count: 12 },
			{ labelFr: 'Santé mentale', labelNl: 'Geestelijke gezondheid', count: 7 }
		]);
	});

	it('reads a Belgian Excel export: BOM, semicolons, CRLF, quotes with separators, doubled quotes and line breaks', () => {
		const text =
			'\uFEFFTheme_FR;Theme_NL;Count\r\n' +
			'"Accès aux soins; urgences";"Toegang tot zorg; spoed";" 12 "\r\n' +
			'"Le ""sans-abrisme""";"Dak-\r\nloosheid";3\r\n' +
			'\r\n' +
			';;\r\n' +
			'Emploi;Werk;0\r\n';
		expect(parseNeedsCsv(text).themes).toEqual([
			{ labelFr: 'Accès aux soins; urgences', labelNl: 'Toegang tot zorg; spoed', count: 12 },
			{ labelFr: 'Le "sans-abrisme"', labelNl: 'Dak- loosheid', count: 3 },
			{ labelFr: 'Emploi', labelNl: 'Werk', count: 0 }
		]);
	});

	it('detects the comma from the header even when labels hold semicolons', () => {
		const text = 'theme_fr,theme_nl,count\n"a;b","c;d",1\n';
		expect(parseNeedsCsv(text).themes).toEqual([{ labelFr: 'a;b', labelNl: 'c;d', count: 1 }]);
	});

	it('accepts a header with spaces, any case, and trailing empty Excel columns', () => {
		const text = ' THEME_FR ; theme_nl ;COUNT;;\nA;B;1;;\n';
		expect(parseNeedsCsv(text).themes).toEqual([{ labelFr: 'A', labelNl: 'B', count: 1 }]);
	});

	it('accepts old Mac CR line ends, a missing final newline, and spaces before a quote', () => {
		const text = 'theme_fr,theme_nl,count\rA, "B, C",2\rD,E,3';
		expect(parseNeedsCsv(text).themes).toEqual([
			{ labelFr: 'A', labelNl: 'B, C', count: 2 },
			{ labelFr: 'D', labelNl: 'E', count: 3 }
		]);
	});

	it('stores hostile or unusual labels as typed: HTML, emoji, RTL', () => {
		const text =
			'theme_fr,theme_nl,count\n' +
			'<script>alert(1)</script>,<b>x</b>,1\n' +
			'Familles 👨‍👩‍👧,Gezinnen 👨‍👩‍👧,2\n' +
			'الصحة,السكن,3\n';
		expect(parseNeedsCsv(text).themes.map((t) => t.labelFr)).toEqual([
			'<script>alert(1)</script>',
			'Familles 👨‍👩‍👧',
			'الصحة'
		]);
	});

	it('collapses whitespace and drops control characters in labels', () => {
		const text = 'theme_fr,theme_nl,count\n"  Aide\t\x00 sociale ",Welzijn\u202E,4\n';
		expect(parseNeedsCsv(text).themes).toEqual([
			{ labelFr: 'Aide sociale', labelNl: 'Welzijn', count: 4 }
		]);
	});

	it('accepts exactly 100 themes and labels of exactly 200 characters', () => {
		const rows = Array.from({ length: 100 }, (_, i) => `Thème ${i},Thema ${i},${i}`);
		expect(parseNeedsCsv(['theme_fr,theme_nl,count', ...rows].join('\n')).themes).toHaveLength(100);
		const long = 'é'.repeat(200);
		expect(parseNeedsCsv(`theme_fr,theme_nl,count\n${long},x,1`).themes[0]?.labelFr).toBe(long);
	});

	it('counts an emoji as one character', () => {
		const emoji = '😀'.repeat(200);
		expect(parseNeedsCsv(`theme_fr,theme_nl,count\n${emoji},x,1`).themes[0]?.labelFr).toBe(emoji);
	});
});

describe('parseNeedsCsv: refused files', () => {
	it('refuses an empty file, a BOM only, blank lines only, or a header without rows', () => {
		for (const text of ['', '\uFEFF', '\n\r\n  \n', 'theme_fr,theme_nl,count\n\n']) {
			expect(brief(csvErrors(text))).toEqual([[null, 'csv_empty_file']]);
		}
	});

	it('refuses a file over 256 KiB without parsing it, counting UTF-8 bytes', () => {
		const big = 'theme_fr,theme_nl,count\n' + 'x'.repeat(NEEDS_LIMITS.csvBytes);
		expect(brief(csvErrors(big))).toEqual([[null, 'csv_too_large']]);
		// 100 000 characters, but 300 000 bytes once encoded.
		expect(brief(csvErrors('€'.repeat(100_000)))).toEqual([[null, 'csv_too_large']]);
	});

	it('says the header is missing when the first line looks like data', () => {
		const errors = csvErrors('Logement;Huisvesting;12\nEmploi;Werk;3\n');
		expect(brief(errors)).toEqual([[1, 'csv_missing_header']]);
		expect(errors[0]?.params).toMatchObject({ expected: 'theme_fr;theme_nl;count' });
	});

	it('says the header is wrong when misspelt, reordered or incomplete', () => {
		for (const header of [
			'thème_fr,theme_nl,count',
			'theme_nl,theme_fr,count',
			'theme_fr,theme_nl'
		]) {
			const errors = csvErrors(`\n${header}\nA,B,1\n`);
			expect(brief(errors)).toEqual([[2, 'csv_bad_header']]);
		}
	});

	it('collects every row error with its line number, counting lines inside quotes', () => {
		const text = [
			'theme_fr;theme_nl;count', // 1
			'OK;OK;1', // 2
			'"multi', // 3
			'line";B;12.5', // 4
			'', // 5
			';B;-1', // 6
			'A;;abc', // 7
			'A;B;', // 8
			'A;B', // 9
			'A;B;1;extra', // 10
			`${'x'.repeat(201)};B;1`, // 11
			'ok;OK;2' // 12 (same theme as line 2)
		].join('\r\n');
		const errors = csvErrors(text);
		expect(brief(errors)).toEqual([
			[3, 'csv_bad_count'],
			[6, 'csv_empty_label'],
			[6, 'csv_bad_count'],
			[7, 'csv_empty_label'],
			[7, 'csv_bad_count'],
			[8, 'csv_bad_count'],
			[9, 'csv_wrong_column_count'],
			[10, 'csv_wrong_column_count'],
			[11, 'csv_label_too_long'],
			[12, 'csv_duplicate_theme']
		]);
		expect(errors.find((e) => e.line === 12)?.params).toMatchObject({ firstLine: 2 });
		expect(errors.find((e) => e.line === 9)?.params).toMatchObject({ expected: 3, found: 2 });
		expect(errors.find((e) => e.line === 6 && e.code === 'csv_empty_label')?.params).toMatchObject({
			column: 'theme_fr'
		});
	});

	it('refuses every non-integer count', () => {
		for (const count of [
			'12.5',
			'12,5',
			'-1',
			'+1',
			'abc',
			'',
			'1e3',
			'1 200',
			'99999999999999999999'
		]) {
			const errors = csvErrors(`theme_fr;theme_nl;count\nA;B;"${count}"\n`);
			expect(brief(errors), count).toEqual([[2, 'csv_bad_count']]);
		}
	});

	it('detects a duplicate by either language, ignoring case and spacing', () => {
		const text = 'theme_fr,theme_nl,count\nLogement,Huisvesting,1\nAutre,HUISVESTING ,2\n';
		expect(brief(csvErrors(text))).toEqual([[3, 'csv_duplicate_theme']]);
	});

	it('refuses more than 100 rows, pointing at the first one too many', () => {
		const rows = Array.from({ length: 150 }, (_, i) => `T${i},T${i},1`);
		expect(brief(csvErrors(['theme_fr,theme_nl,count', ...rows].join('\n')))).toEqual([
			[102, 'csv_too_many_rows']
		]);
	});

	it('refuses an unclosed quote, with the line where it opened, after earlier errors', () => {
		const errors = csvErrors('theme_fr,theme_nl,count\nA,B,x\n"C,D,1\nE,F,2\n');
		expect(brief(errors)).toEqual([
			[2, 'csv_bad_count'],
			[3, 'csv_unclosed_quote']
		]);
	});

	it('refuses text after a closing quote, with the line of its record, after earlier errors', () => {
		const errors = csvErrors('theme_fr,theme_nl,count\nA,B,x\n"C"D,E,1\nF,G,2\n');
		expect(brief(errors)).toEqual([
			[2, 'csv_bad_count'],
			[3, 'csv_bad_quote']
		]);
	});

	it('refuses the whole import: no theme is returned when one row is wrong', () => {
		expect(() => parseNeedsCsv('theme_fr,theme_nl,count\nA,B,1\nC,D,oops\n')).toThrow(
			CsvImportError
		);
	});

	it('summarises the errors in the top-level parameters', () => {
		const error = domainError(() => parseNeedsCsv('theme_fr,theme_nl,count\nA,B,x\nC,,1\n'));
		expect(error.params).toEqual({ count: 2, errors: '2: csv_bad_count; 3: csv_empty_label' });
	});

	it('has a translation for every CSV error code', () => {
		for (const code of CSV_ERROR_CODES) {
			for (const locale of LOCALES)
				expect(messageOf(`needs:errors.${code}`, locale)).toBeTypeOf('string');
		}
	});
});

describe('validateTheme', () => {
	it('cleans labels and accepts counts as numbers or digit strings', () => {
		expect(
			validateTheme({ labelFr: '  Logement  ', labelNl: 'Huisvesting', count: ' 4 ' })
		).toEqual({
			labelFr: 'Logement',
			labelNl: 'Huisvesting',
			count: 4
		});
		expect(validateTheme({ labelFr: 'A', labelNl: 'B', count: 0 }).count).toBe(0);
	});

	it('requires both labels, within 200 characters', () => {
		expect(
			expectCode(
				() => validateTheme({ labelFr: ' ', labelNl: 'B', count: 1 }),
				'needs_label_required'
			).params
		).toEqual({
			field: 'labelFr'
		});
		expectCode(
			() => validateTheme({ labelFr: 'A', labelNl: null, count: 1 }),
			'needs_label_required'
		);
		expectCode(
			() => validateTheme({ labelFr: 'A', labelNl: 'x'.repeat(10_000), count: 1 }),
			'needs_label_too_long'
		);
	});

	it('refuses negative, fractional, non-finite and textual counts', () => {
		for (const count of [
			-1,
			1.5,
			Number.NaN,
			Number.POSITIVE_INFINITY,
			2 ** 60,
			'12.5',
			'abc',
			''
		]) {
			expectCode(() => validateTheme({ labelFr: 'A', labelNl: 'B', count }), 'needs_bad_count');
		}
	});
});

describe('sortThemes', () => {
	it('orders by count, then French label with French collation, without mutating', () => {
		const themes = [
			{ labelFr: 'Emploi', labelNl: 'Werk', count: 3 },
			{ labelFr: 'éducation', labelNl: 'Onderwijs', count: 3 },
			{ labelFr: 'Zèbre', labelNl: 'Zebra', count: 9 },
			{ labelFr: 'Aide', labelNl: 'Hulp', count: 3 },
			{ labelFr: 'Santé', labelNl: 'Gezondheid', count: 0 }
		];
		const copy = structuredClone(themes);
		expect(sortThemes(themes).map((t) => t.labelFr)).toEqual([
			'Zèbre',
			'Aide',
			'éducation',
			'Emploi',
			'Santé'
		]);
		expect(themes).toEqual(copy);
	});
});

describe('validateTargetGroups', () => {
	it('cleans labels, drops empty rows, accepts one language', () => {
		expect(
			validateTargetGroups([
				{ labelFr: ' Jeunes ', labelNl: 'Jongeren' },
				{ labelFr: '', labelNl: '  ' },
				{ labelFr: 'Seniors', labelNl: '' }
			])
		).toEqual([
			{ labelFr: 'Jeunes', labelNl: 'Jongeren' },
			{ labelFr: 'Seniors', labelNl: '' }
		]);
	});

	it('refuses more than 30 groups', () => {
		const list = Array.from({ length: 31 }, (_, i) => ({ labelFr: `G${i}`, labelNl: `G${i}` }));
		expect(validateTargetGroups(list.slice(0, 30))).toHaveLength(30);
		expectCode(() => validateTargetGroups(list), 'needs_too_many_groups');
	});

	it('refuses a label over 120 characters, naming the group', () => {
		const error = expectCode(
			() =>
				validateTargetGroups([
					{ labelFr: 'A', labelNl: 'B' },
					{ labelFr: 'C', labelNl: 'x'.repeat(121) }
				]),
			'needs_group_label_too_long'
		);
		expect(error.params).toMatchObject({ position: 2, field: 'labelNl', max: 120 });
	});

	it('refuses the same group twice', () => {
		expectCode(
			() =>
				validateTargetGroups([
					{ labelFr: 'Jeunes', labelNl: 'Jongeren' },
					{ labelFr: 'jeunes ', labelNl: 'JONGEREN' }
				]),
			'needs_duplicate_group'
		);
	});
});
