import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import {
	groupNews,
	NEWS_LIMITS,
	newsRuns,
	type NewsHeadingView,
	type NewsItem
} from '../../src/lib/protocol';
import { DomainError } from '../../src/lib/server/errors';
import {
	assertHeadingDeletable,
	assertHeadingOrder,
	assertHeadingRoom,
	validateNewsHeading
} from '../../src/lib/server/news/rules';
import { messageOf } from '../helpers/translations';

/** Thrown with `code`, translated in the three languages with every {{placeholder}} given. */
function expectCode(fn: () => unknown, code: string, plural = false): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
	const error = caught as DomainError;
	expect(error.code).toBe(code);
	for (const locale of LOCALES) {
		for (const key of plural
			? [`${error.messageKey}_one`, `${error.messageKey}_other`]
			: [error.messageKey]) {
			const message = messageOf(key, locale);
			expect(message, `${locale} ${key}`).toBeTypeOf('string');
			for (const [, name] of String(message).matchAll(/\{\{(\w+)\}\}/g)) {
				expect(error.params, `${locale} {{${name}}}`).toHaveProperty(name as string);
			}
		}
	}
	return error;
}

const heading = (id: number, position: number, fr = `Rubrique ${id}`): NewsHeadingView => ({
	id,
	position,
	title: { fr, nl: `Rubriek ${id}` }
});

describe('validateNewsHeading', () => {
	it('keeps each language on one clean line, English optional', () => {
		expect(
			validateNewsHeading({
				titleFr: '  Législation\n et contexte ',
				titleNl: 'Wetgeving en context'
			})
		).toEqual({ titleFr: 'Législation et contexte', titleNl: 'Wetgeving en context', titleEn: '' });
	});

	it('accepts one language only: the other is marked "to translate" on the console', () => {
		expect(validateNewsHeading({ titleNl: 'Nieuws uit de zones' })).toEqual({
			titleFr: '',
			titleNl: 'Nieuws uit de zones',
			titleEn: ''
		});
	});

	it('refuses a heading without any title, and a too long one', () => {
		expectCode(() => validateNewsHeading({ titleFr: '  ', titleNl: '' }), 'news_heading_required');
		const error = expectCode(
			() => validateNewsHeading({ titleFr: 'é'.repeat(NEWS_LIMITS.heading + 1) }),
			'news_heading_too_long'
		);
		expect(error.params).toMatchObject({ max: NEWS_LIMITS.heading, field: 'titleFr' });
		// Counted as people count characters: 100 accented letters are fine.
		expect(validateNewsHeading({ titleFr: 'é'.repeat(NEWS_LIMITS.heading) }).titleFr).toHaveLength(
			NEWS_LIMITS.heading
		);
	});
});

describe('heading limits, order and deletion', () => {
	it('allows up to the limit of headings', () => {
		expect(() => assertHeadingRoom(NEWS_LIMITS.headings - 1)).not.toThrow();
		expectCode(() => assertHeadingRoom(NEWS_LIMITS.headings), 'news_too_many_headings');
	});

	it('takes a new order only when it names every heading once', () => {
		expect(() => assertHeadingOrder([3, 1, 2], [1, 2, 3])).not.toThrow();
		expectCode(() => assertHeadingOrder([1, 2], [1, 2, 3]), 'news_headings_changed');
		expectCode(() => assertHeadingOrder([1, 1, 2], [1, 2, 3]), 'news_headings_changed');
		expectCode(() => assertHeadingOrder([1, 2, 4], [1, 2, 3]), 'news_headings_changed');
	});

	it('asks first before deleting a heading that has news', () => {
		expect(() => assertHeadingDeletable(0, false)).not.toThrow();
		expect(() => assertHeadingDeletable(2, true)).not.toThrow();
		const error = expectCode(
			() => assertHeadingDeletable(2, false),
			'news_heading_not_empty',
			true
		);
		expect(error.params).toEqual({ count: 2 });
	});
});

describe('groupNews', () => {
	const items = [
		{ id: 1, headingId: 20 },
		{ id: 2, headingId: null },
		{ id: 3, headingId: 10 },
		{ id: 4, headingId: 20 },
		{ id: 5, headingId: 99 }
	];

	it('puts the news without heading first, then each heading in its order', () => {
		const groups = groupNews(items, [heading(20, 1), heading(10, 0), heading(30, 2)]);
		expect(groups.map((g) => [g.heading?.id ?? null, g.items.map((i) => i.id)])).toEqual([
			// An unknown heading (never stored: deleting one empties it first) counts as none.
			[null, [2, 5]],
			[10, [3]],
			[20, [1, 4]]
			// Heading 30 has no news: not shown.
		]);
	});

	it('gives one plain list when there is no heading', () => {
		const plain = items.map((item) => ({ ...item, headingId: null }));
		expect(groupNews(plain, [])).toEqual([{ heading: null, items: plain }]);
		expect(groupNews([], [heading(1, 0)])).toEqual([]);
	});
});

describe('newsRuns (the restitution)', () => {
	const law = { fr: 'Législation et contexte', nl: 'Wetgeving en context' };
	const zones = { fr: 'Nouvelles des zones', nl: 'Nieuws uit de zones' };
	const item = (fr: string, headingText?: typeof law): NewsItem => ({
		title: { fr, nl: fr },
		...(headingText ? { heading: headingText } : {})
	});

	it('prints items without heading as one list, then each heading over its items', () => {
		const runs = newsRuns([item('a'), item('b'), item('c', law), item('d', law), item('e', zones)]);
		expect(runs.map((run) => [run.heading?.fr ?? null, run.items.map((i) => i.title.fr)])).toEqual([
			[null, ['a', 'b']],
			['Législation et contexte', ['c', 'd']],
			['Nouvelles des zones', ['e']]
		]);
	});

	it('is one list without headings', () => {
		expect(newsRuns([item('a'), item('b')])).toEqual([{ items: [item('a'), item('b')] }]);
		expect(newsRuns([])).toEqual([]);
	});
});
