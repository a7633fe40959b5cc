import { describe, expect, it } from 'vitest';
import { packRows, screenPage, screenPageFromStarts } from '../../src/lib/components/screen/paging';

describe('projector paging', () => {
	it('cuts a list into pages that follow the server clock', () => {
		// 30 themes, 6 a page, 12 s each: page n is up from n×12 s, then it starts again.
		expect(screenPage(30, 6, 12, 0)).toEqual({ index: 0, total: 5, start: 0, end: 6 });
		expect(screenPage(30, 6, 12, 11_999).index).toBe(0);
		expect(screenPage(30, 6, 12, 12_000)).toEqual({ index: 1, total: 5, start: 6, end: 12 });
		expect(screenPage(30, 6, 12, 4 * 12_000)).toEqual({ index: 4, total: 5, start: 24, end: 30 });
		expect(screenPage(30, 6, 12, 5 * 12_000).index).toBe(0);
	});

	it('ends the last page at the list end, and has one page for short or empty lists', () => {
		expect(screenPage(20, 6, 12, 3 * 12_000)).toEqual({ index: 3, total: 4, start: 18, end: 20 });
		expect(screenPage(5, 6, 12, 7 * 12_000)).toEqual({ index: 0, total: 1, start: 0, end: 5 });
		expect(screenPage(0, 6, 12, 123_456)).toEqual({ index: 0, total: 1, start: 0, end: 0 });
	});

	it('packs measured rows into pages that hold as many as fit, gaps included', () => {
		// Rows 40 px high, 10 px apart: 100 px hold two (0–90), not three (0–140).
		const rows = [0, 1, 2, 3, 4].map((index) => ({
			first: index * 2,
			top: index * 50,
			bottom: index * 50 + 40
		}));
		expect(packRows(rows, 100)).toEqual([0, 4, 8]);
		// Exactly full: the last row ends on the capacity.
		expect(packRows(rows, 90)).toEqual([0, 4, 8]);
		expect(packRows(rows, 89)).toEqual([0, 2, 4, 6, 8]);
		// Everything on one page.
		expect(packRows(rows, 240)).toEqual([0]);
		expect(packRows([], 100)).toEqual([]);
	});

	it('gives a row taller than a page a page of its own', () => {
		const rows = [
			{ first: 0, top: 0, bottom: 30 },
			{ first: 1, top: 40, bottom: 300 },
			{ first: 2, top: 310, bottom: 340 }
		];
		expect(packRows(rows, 100)).toEqual([0, 1, 2]);
	});

	it('rotates measured pages on the server clock, the last one ending at the list end', () => {
		expect(screenPageFromStarts([0, 4, 8], 10, 15, 0)).toEqual({
			index: 0,
			total: 3,
			start: 0,
			end: 4
		});
		expect(screenPageFromStarts([0, 4, 8], 10, 15, 2 * 15_000)).toEqual({
			index: 2,
			total: 3,
			start: 8,
			end: 10
		});
		expect(screenPageFromStarts([], 0, 15, 99_999)).toEqual({
			index: 0,
			total: 1,
			start: 0,
			end: 0
		});
	});
});
