import { describe, expect, it } from 'vitest';
import { movedOne } from '../../src/lib/client/reorder';

describe('movedOne (the consoles’ ↑/↓ buttons)', () => {
	it('swaps the item with its neighbour, leaving the list it was given as it was', () => {
		const ids = [10, 20, 30];
		expect(movedOne(ids, 1, -1)).toEqual([20, 10, 30]);
		expect(movedOne(ids, 1, 1)).toEqual([10, 30, 20]);
		expect(ids).toEqual([10, 20, 30]);
	});

	it('answers null past either end, or for an index outside the list', () => {
		expect(movedOne([10, 20], 0, -1)).toBeNull();
		expect(movedOne([10, 20], 1, 1)).toBeNull();
		expect(movedOne([10, 20], 5, -1)).toBeNull();
		expect(movedOne([], 0, 1)).toBeNull();
	});
});
