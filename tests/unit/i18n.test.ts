import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { negotiateLocale, LOCALES } from '../../src/lib/i18n/locales';
import { resources } from '../../src/lib/i18n/resources';
import {
	brusselsTimestamp,
	formatDate,
	formatDuration,
	isoDateInBrussels
} from '../../src/lib/i18n/format';

type Tree = { [key: string]: string | Tree };

/** Every leaf key as a dotted path; plural suffixes are kept, so each form must exist. */
function keys(tree: Tree, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`)
	);
}

const localesDirectory = path.resolve(import.meta.dirname, '../../src/lib/i18n/locales');

describe('translations', () => {
	it('registers every locale file of every language', () => {
		for (const locale of LOCALES) {
			const files = readdirSync(path.join(localesDirectory, locale)).map((file) =>
				file.replace(/\.json$/, '')
			);
			expect(Object.keys(resources[locale]).sort()).toEqual(files.sort());
		}
	});

	it('has the same keys in French, Dutch and English in every namespace', () => {
		for (const namespace of Object.keys(resources.fr) as (keyof typeof resources.fr)[]) {
			const french = keys(resources.fr[namespace] as Tree).sort();
			expect(french.length).toBeGreaterThan(0);
			for (const locale of ['nl', 'en'] as const) {
				expect({
					namespace,
					locale,
					keys: keys(resources[locale][namespace] as Tree).sort()
				}).toEqual({
					namespace,
					locale,
					keys: french
				});
			}
		}
	});

	it('uses the same interpolation variables in every language', () => {
		const variables = (text: string) =>
			[...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
		const leaf = (tree: Tree, dotted: string) =>
			dotted
				.split('.')
				.reduce<string | Tree | undefined>(
					(node, part) => (typeof node === 'object' ? node[part] : undefined),
					tree
				);
		for (const namespace of Object.keys(resources.fr) as (keyof typeof resources.fr)[]) {
			for (const key of keys(resources.fr[namespace] as Tree)) {
				const french = variables(String(leaf(resources.fr[namespace] as Tree, key)));
				for (const locale of ['nl', 'en'] as const) {
					expect({
						key,
						locale,
						vars: variables(String(leaf(resources[locale][namespace] as Tree, key)))
					}).toEqual({
						key,
						locale,
						vars: french
					});
				}
			}
		}
	});
});

describe('negotiateLocale', () => {
	it('prefers an explicit choice, then Accept-Language by quality, then French', () => {
		expect(negotiateLocale('nl', 'en-GB,en;q=0.9')).toBe('nl');
		expect(negotiateLocale(undefined, 'de-DE,nl-BE;q=0.8,en;q=0.9')).toBe('en');
		expect(negotiateLocale('xx', 'nl-BE,fr;q=0.5')).toBe('nl');
		expect(negotiateLocale(null, 'de,es;q=0.5')).toBe('fr');
		expect(negotiateLocale(null, null)).toBe('fr');
		expect(negotiateLocale(null, 'en;q=0,nl;q=0.1')).toBe('nl');
	});
});

describe('formatting', () => {
	it('formats a calendar day in Brussels without slipping a day', () => {
		expect(formatDate('2024-09-23', 'fr')).toBe('lundi 23 septembre 2024');
		expect(formatDate('2024-09-23', 'nl')).toBe('maandag 23 september 2024');
		expect(formatDate('2024-09-23', 'en')).toBe('Monday, 23 September 2024');
	});

	it("gives today's date in Brussels, not in UTC, around midnight in winter and summer", () => {
		expect(isoDateInBrussels(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
		expect(isoDateInBrussels(new Date('2026-11-24T22:59:00Z'))).toBe('2026-11-24');
		expect(isoDateInBrussels(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
		expect(isoDateInBrussels(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
	});

	it('stamps a moment with the Brussels offset of that day', () => {
		expect(brusselsTimestamp(new Date('2024-09-24T07:00:00Z'))).toBe('2024-09-24T09:00:00+02:00');
		expect(brusselsTimestamp(new Date('2026-11-24T23:30:05Z'))).toBe('2026-11-25T00:30:05+01:00');
	});

	it('formats timers, overtime included', () => {
		expect(formatDuration(65_000)).toBe('1:05');
		expect(formatDuration(3_725_000)).toBe('1:02:05');
		expect(formatDuration(-30_000)).toBe('−0:30');
	});
});
