import { describe, expect, it } from 'vitest';
import { screenPage } from '../../src/lib/components/phases/first-half/paging';

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
});
