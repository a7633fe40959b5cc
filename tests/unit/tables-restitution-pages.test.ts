import { describe, expect, it } from 'vitest';
import {
	restitutionPages,
	TABLE_ITEM_CATEGORIES,
	textLines,
	type TableItemCategory,
	type TableItemView
} from '../../src/lib/protocol';

let nextId = 1;
function item(category: TableItemCategory, text: string, key = false): TableItemView {
	const id = nextId++;
	return {
		id,
		tableId: 1,
		category,
		text,
		key,
		revision: 1,
		authorName: '',
		language: 'fr',
		createdAt: '',
		updatedAt: ''
	};
}
const geometry = { columns: 2, linesPerColumn: 12, charsPerLine: 50 };
const words = (chars: number) =>
	'mot '
		.repeat(Math.ceil(chars / 4))
		.slice(0, chars)
		.trim();

/** Lines a column uses, the way the pager counts them. */
function columnLines(column: ReturnType<typeof restitutionPages>[number][number]): number {
	return column.reduce(
		(sum, block) =>
			sum +
			2 +
			(block.kind === 'justification'
				? textLines(block.text, 50)
				: block.items.reduce((s, i) => s + textLines(i.text, 50) + 0.4, 0)),
		0
	);
}

describe('restitution pages on the projector', () => {
	it('puts a light table on one page, justification first, key items first', () => {
		const items = [
			item('barrier', 'Loyers'),
			item('barrier', 'Attente', true),
			item('actor', 'CPAS')
		];
		const pages = restitutionPages({ items, justification: 'Parce que.' }, geometry);
		expect(pages).toHaveLength(1);
		const blocks = pages[0]!.flat();
		expect(blocks.map((b) => (b.kind === 'category' ? b.category : b.kind))).toEqual([
			'justification',
			'barrier',
			'actor'
		]);
		const barrier = blocks[1]!;
		expect(barrier.kind === 'category' && barrier.items.map((i) => i.text)).toEqual([
			'Attente',
			'Loyers'
		]);
	});

	it('pages a heavy table without losing, repeating or overfilling anything', () => {
		const items = TABLE_ITEM_CATEGORIES.flatMap((category) =>
			Array.from({ length: 6 }, (_, n) => item(category, words(n % 2 ? 500 : 180), n === 3))
		);
		const justification = words(2000);
		const pages = restitutionPages({ items, justification }, geometry);
		expect(pages.length).toBeGreaterThan(3);
		const shown = pages.flat(2).flatMap((b) => (b.kind === 'category' ? b.items : []));
		expect(shown.map((i) => i.id).sort((x, y) => x - y)).toEqual(items.map((i) => i.id));
		const texts = pages.flat(2).flatMap((b) => (b.kind === 'justification' ? [b.text] : []));
		expect(texts.join(' ')).toBe(justification);
		for (const page of pages) {
			expect(page.length).toBeLessThanOrEqual(2);
			for (const column of page) expect(columnLines(column)).toBeLessThanOrEqual(12.5);
		}
		// A category cut in two says so on its second part.
		const barriers = pages.flat(2).filter((b) => b.kind === 'category' && b.category === 'barrier');
		expect(barriers.length).toBeGreaterThan(1);
		expect(barriers.slice(1).every((b) => b.continued)).toBe(true);
	});
});
