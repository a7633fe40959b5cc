import { describe, expect, it } from 'vitest';
import { guessDelimiter, readCsv, UTF8_BOM, writeCsv } from '../../src/lib/server/csv';

describe('writeCsv', () => {
	it('ends every record with CRLF and adds the byte-order mark only when asked', () => {
		expect(
			writeCsv([
				['a', 'b'],
				[1, 2]
			])
		).toBe('a,b\r\n1,2\r\n');
		expect(writeCsv([['a']], { bom: true })).toBe(`${UTF8_BOM}a\r\n`);
		expect(writeCsv([], { bom: true })).toBe(UTF8_BOM);
	});

	it('quotes commas, quotes and every kind of line break', () => {
		expect(writeCsv([['a,b', 'say "hi"', 'x\ny', 'x\ry', 'x\r\ny', 'plain']])).toBe(
			'"a,b","say ""hi""","x\ny","x\ry","x\r\ny",plain\r\n'
		);
	});

	it('neutralises formulas in text and numbers alike, and only at the start of a cell', () => {
		expect(writeCsv([['=1+1', '+32 2', '-x', '@A1', '\tx', '\rx', -1, 'a=b', 'e-mail']])).toBe(
			`'=1+1,'+32 2,'-x,'@A1,'\tx,"'\rx",'-1,a=b,e-mail\r\n`
		);
	});

	it('reads back what it writes', () => {
		const rows = [
			['name', 'note'],
			['Anne', 'a, "b"\nc'],
			['Été', '']
		];
		const read = readCsv(writeCsv(rows, { bom: true }), ',');
		expect(read.problem).toBeNull();
		expect(read.records.map((record) => record.fields)).toEqual(rows);
	});
});

describe('readCsv', () => {
	it('gives each record the line it starts on, a CRLF inside quotes counting once', () => {
		const { records, problem } = readCsv('h;h\r\n"a\r\nb";c\r\n\r\nd;"e\nf"\ng;h', ';');
		expect(problem).toBeNull();
		expect(records.map((r) => [r.line, r.fields])).toEqual([
			[1, ['h', 'h']],
			[2, ['a\nb', 'c']],
			[4, ['']],
			[5, ['d', 'e\nf']],
			[7, ['g', 'h']]
		]);
	});

	it('accepts mixed line ends, spaces around quotes, stray quotes and ragged rows', () => {
		const { records } = readCsv('a,b\nc, "d, e" ,f\r\ng h"i\rj', ',');
		expect(records.map((r) => [r.line, r.fields])).toEqual([
			[1, ['a', 'b']],
			[2, ['c', 'd, e', 'f']],
			[3, ['g h"i']],
			[4, ['j']]
		]);
	});

	it('counts lines in characters of any width', () => {
		const { records } = readCsv('é,😀\n"ü\nü",x\ny', ',');
		expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
	});

	it('stops at an unclosed quote, on the line of the record that opened it', () => {
		const { records, problem } = readCsv('a\n"b\nc\nd\n', ',');
		expect(records.map((r) => r.fields)).toEqual([['a']]);
		expect(problem).toEqual({ line: 2, kind: 'unclosed_quote' });
	});

	it('stops at text after a closing quote', () => {
		const { records, problem } = readCsv('a\r\nb\r\n"c"d,e\r\n', ',');
		expect(records).toHaveLength(2);
		expect(problem).toEqual({ line: 3, kind: 'bad_quote' });
	});

	it('drops a byte-order mark', () => {
		expect(readCsv(`${UTF8_BOM}a,b`, ',').records[0]?.fields).toEqual(['a', 'b']);
	});
});

describe('guessDelimiter', () => {
	it('takes whichever of ; and , the first non-blank line uses more, outside quotes', () => {
		expect(guessDelimiter('\n a;b;c\n1,2,3')).toBe(';');
		expect(guessDelimiter('"x;y;z",b\n')).toBe(',');
		expect(guessDelimiter('single')).toBe(',');
	});
});
