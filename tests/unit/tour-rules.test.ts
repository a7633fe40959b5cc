import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { messageOf } from '../helpers/translations';
import { DomainError } from '../../src/lib/server/errors';
import {
	SPEAKER_SECONDS,
	groupExpectationsByKeyword,
	nextSpeaker,
	rollBySector,
	validateExpectations,
	validateSpeakerSeconds
} from '../../src/lib/server/tour/rules';
import { validateDisplayName, validateOrganisation } from '../../src/lib/server/participants/rules';

/** Thrown with `code`, translated in the three languages with every {{placeholder}} given. */
function expectCode(fn: () => unknown, code: string): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
	const error = caught as DomainError;
	expect(error.code).toBe(code);
	expect([`tour:errors.${code}`, `errors:${code}`]).toContain(error.messageKey);
	for (const locale of LOCALES) {
		const message = messageOf(error.messageKey, locale);
		expect(message, `${locale} ${code}`).toBeTypeOf('string');
		for (const [, name] of (message ?? '').matchAll(/\{\{(\w+)\}\}/g)) {
			expect(error.params, `${locale} {{${name}}}`).toHaveProperty(name as string);
		}
	}
	return error;
}

describe('validateDisplayName', () => {
	it('trims, collapses inner whitespace and strips control characters', () => {
		expect(validateDisplayName('  Marie \t  Dupont\n ')).toBe('Marie Dupont');
		expect(validateDisplayName('Jan\u0000\u0007 Peeters\u007F')).toBe('Jan Peeters');
		expect(validateDisplayName('Ann\u00A0\u3000Smet')).toBe('Ann Smet');
	});

	it('keeps emoji (joined sequences included), RTL scripts and HTML as typed', () => {
		expect(validateDisplayName('Léa 👩🏽‍⚕️')).toBe('Léa 👩🏽‍⚕️');
		expect(validateDisplayName('محمد العلوي')).toBe('محمد العلوي');
		expect(validateDisplayName('שרה')).toBe('שרה');
		expect(validateDisplayName('<b>Bob</b>')).toBe('<b>Bob</b>');
	});

	it('drops invisible bidi overrides that would reorder the surrounding text', () => {
		expect(validateDisplayName('Eve\u202Egpj.exe')).toBe('Evegpj.exe');
		expect(validateDisplayName('\u2067Ali\u2069')).toBe('Ali');
	});

	it('normalises to NFC so that the same name is the same string', () => {
		expect(validateDisplayName('Ame\u0301lie')).toBe('Amélie');
	});

	it('requires 1 to 60 characters, emoji counting as one', () => {
		expectCode(() => validateDisplayName(''), 'tour_name_required');
		expectCode(() => validateDisplayName(' \n\t '), 'tour_name_required');
		expectCode(() => validateDisplayName('\u0000\u202E'), 'tour_name_required');
		expectCode(() => validateDisplayName(null), 'tour_name_required');
		expect(validateDisplayName('x'.repeat(60))).toHaveLength(60);
		expect(validateDisplayName(`A${'😀'.repeat(59)}`)).toHaveLength(119);
		// Something to read: a letter or a digit, not only emoji or invisible marks (the
		// shared refusal of every name field, text.ts).
		for (const unreadable of ['😀', '\u200B\u3164'])
			expect(() => validateDisplayName(unreadable)).toThrow(
				expect.objectContaining({ code: 'name_unreadable', params: { field: 'displayName' } })
			);
		expect(
			expectCode(() => validateDisplayName('x'.repeat(61)), 'tour_name_too_long').params
		).toMatchObject({ max: 60 });
		expectCode(() => validateDisplayName('x'.repeat(10_000)), 'tour_name_too_long');
	});
});

describe('validateOrganisation and validateExpectations', () => {
	it('accepts empty values: both are optional', () => {
		expect(validateOrganisation('')).toBe('');
		expect(validateOrganisation(undefined)).toBe('');
		expect(validateExpectations('   ')).toBe('');
	});

	it('cleans an organisation like a name, up to 120 characters', () => {
		expect(validateOrganisation('  CPAS   d’Ixelles ')).toBe('CPAS d’Ixelles');
		expect(validateOrganisation('x'.repeat(120))).toHaveLength(120);
		expectCode(() => validateOrganisation('x'.repeat(121)), 'tour_organisation_too_long');
	});

	it('keeps paragraphs in expectations, up to 500 characters', () => {
		expect(validateExpectations(' Rencontrer  \r\n\r\n\r\nd’autres acteurs.\u0000 ')).toBe(
			'Rencontrer\n\nd’autres acteurs.'
		);
		expect(validateExpectations('x'.repeat(500))).toHaveLength(500);
		expectCode(() => validateExpectations('x'.repeat(501)), 'tour_expectations_too_long');
		expectCode(() => validateExpectations('<script>'.repeat(2000)), 'tour_expectations_too_long');
	});
});

describe('rollBySector', () => {
	const sectors = [
		{ id: 'health', labels: { fr: 'Santé', nl: 'Gezondheid' } },
		{ id: 'social', labels: { fr: 'Social', nl: 'Welzijn' } },
		{ id: 'housing', labels: { fr: 'Logement', nl: 'Huisvesting' } }
	];
	const p = (sectorId: string | null, hidden = false) => ({ sectorId, hidden });

	it('groups by sector, largest first, ties in sector order, no-sector last on ties', () => {
		const roll = rollBySector(
			[
				p('housing'),
				p('social'),
				p(null),
				p('housing'),
				p('health'),
				p('social'),
				p('gone'),
				p('health', true)
			],
			sectors
		);
		expect(roll.groups.map((g) => [g.sectorId, g.count])).toEqual([
			['social', 2],
			['housing', 2],
			[null, 2],
			['health', 1]
		]);
		expect(roll.groups[0]?.sector).toBe(sectors[1]);
		expect(roll.groups[2]?.sector).toBeNull();
		expect(roll.total).toBe(7);
		expect(roll.hidden).toBe(1);
	});

	it('counts hidden participants without listing them', () => {
		const roll = rollBySector([p('health', true), p(null, true)], sectors);
		expect(roll).toEqual({ groups: [], total: 0, hidden: 2 });
	});

	it('handles an empty room and an empty sector list', () => {
		expect(rollBySector([], sectors)).toEqual({ groups: [], total: 0, hidden: 0 });
		expect(rollBySector([p('health')], []).groups).toEqual([
			{ sectorId: null, sector: null, count: 1 }
		]);
	});
});

describe('nextSpeaker', () => {
	const order = [1, 2, 3, 4];

	it('starts with the first who has not spoken', () => {
		expect(nextSpeaker(order, new Set(), null)).toBe(1);
		expect(nextSpeaker(order, new Set([1, 2]), null)).toBe(3);
	});

	it('goes to the next in join order, skipping those who spoke, wrapping round', () => {
		expect(nextSpeaker(order, new Set([1]), 1)).toBe(2);
		expect(nextSpeaker(order, new Set([1, 3]), 2)).toBe(4);
		// 2 was skipped (stepped out); after 4, the turn comes back to them.
		expect(nextSpeaker(order, new Set([1, 3, 4]), 4)).toBe(2);
	});

	it('never hands the floor back to the current speaker', () => {
		expect(nextSpeaker(order, new Set([1, 2, 3]), 4)).toBeNull();
		expect(nextSpeaker([7], new Set(), 7)).toBeNull();
	});

	it('returns null when everyone has spoken, or nobody is there', () => {
		expect(nextSpeaker(order, new Set(order), 2)).toBeNull();
		expect(nextSpeaker([], new Set(), null)).toBeNull();
	});

	it('starts from the top when the current speaker has left', () => {
		expect(nextSpeaker([1, 2, 3], new Set([1]), 99)).toBe(2);
	});

	it('works with string ids', () => {
		expect(nextSpeaker(['a', 'b'], new Set(['a']), 'a')).toBe('b');
	});
});

describe('validateSpeakerSeconds', () => {
	it('defaults to one minute', () => {
		expect(SPEAKER_SECONDS.default).toBe(60);
		expect(validateSpeakerSeconds(undefined)).toBe(60);
		expect(validateSpeakerSeconds(null)).toBe(60);
		expect(validateSpeakerSeconds('')).toBe(60);
	});

	it('accepts whole seconds from 10 to 600, as numbers or digit strings', () => {
		expect(validateSpeakerSeconds(10)).toBe(10);
		expect(validateSpeakerSeconds(600)).toBe(600);
		expect(validateSpeakerSeconds(' 90 ')).toBe(90);
	});

	it('refuses anything else', () => {
		for (const value of [
			9,
			601,
			30.5,
			-60,
			Number.NaN,
			Number.POSITIVE_INFINITY,
			'1e2',
			'abc',
			'60s',
			true,
			{}
		]) {
			const error = expectCode(() => validateSpeakerSeconds(value), 'tour_bad_speaker_seconds');
			expect(error.params).toEqual({ min: 10, max: 600 });
		}
	});
});

describe('groupExpectationsByKeyword', () => {
	const expectations = [
		{ id: 1, text: 'Mieux connaître le réseau de santé mentale à Bruxelles.' },
		{ id: 2, text: 'Rencontrer le réseau, parler de logement.' },
		{ id: 3, text: 'Het netwerk leren kennen; huisvesting en geestelijke gezondheid.' },
		{ id: 4, text: 'Des solutions de logement pour les jeunes, et la sante mentale !' },
		{ id: 5, text: 'Logements d’urgence, logement de transit.' },
		{ id: 6, text: 'Meet the network and the housing people.' },
		{ id: 7, text: 'Huisvesting, huisvesting, huisvesting.' }
	];

	it('groups by the words most people used, with who used them', () => {
		const groups = groupExpectationsByKeyword(expectations, 'fr');
		expect(groups.map((g) => [g.keyword, g.ids])).toEqual([
			['logement', [2, 4, 5]],
			['huisvesting', [3, 7]],
			['mentale', [1, 4]],
			['réseau', [1, 2]],
			['santé', [1, 4]]
		]);
	});

	it('matches accents folded but shows the most common written form', () => {
		const groups = groupExpectationsByKeyword(expectations, 'fr');
		expect(groups.find((g) => g.key === 'sante')).toEqual({
			keyword: 'santé',
			key: 'sante',
			ids: [1, 4]
		});
	});

	it('drops stop words, short words and numbers in the three languages', () => {
		const groups = groupExpectationsByKeyword(
			[
				{
					id: 'a',
					text: 'Pour les jeunes avec des besoins, het een van the and with 2024 2024 ok ok'
				},
				{ id: 'b', text: 'pour les jeunes avec des besoins het een van the and with 2024 ok' }
			],
			'nl'
		);
		expect(groups.map((g) => g.key)).toEqual(['besoins', 'jeunes']);
	});

	it('keeps at most eight keywords, most shared first, ties alphabetical', () => {
		const words = [
			'alpha',
			'bravo',
			'charlie',
			'delta',
			'echo',
			'foxtrot',
			'golf',
			'hotel',
			'india',
			'juliett'
		];
		const groups = groupExpectationsByKeyword(
			[
				{ id: 1, text: words.join(' ') },
				{ id: 2, text: words.join(' ') },
				{ id: 3, text: 'juliett india' }
			],
			'en'
		);
		expect(groups.map((g) => g.key)).toEqual([
			'india',
			'juliett',
			'alpha',
			'bravo',
			'charlie',
			'delta',
			'echo',
			'foxtrot'
		]);
	});

	it('handles emoji, RTL text, HTML and huge input deterministically', () => {
		const hostile = [
			{ id: 1, text: '<script>alert(1)</script> 🎉🎉 الصحة' },
			{ id: 2, text: '<script>alert(2)</script> الصحة 🎉' },
			{ id: 3, text: 'réseau '.repeat(2000) }
		];
		const first = groupExpectationsByKeyword(hostile, 'en');
		expect(first).toEqual(groupExpectationsByKeyword(hostile, 'en'));
		expect(first.map((g) => [g.keyword, g.ids])).toEqual([
			['alert', [1, 2]],
			['script', [1, 2]],
			['الصحة', [1, 2]]
		]);
	});

	it('returns nothing when no word is shared', () => {
		expect(groupExpectationsByKeyword([{ id: 1, text: 'logement' }], 'fr')).toEqual([]);
		expect(groupExpectationsByKeyword([], 'fr')).toEqual([]);
	});
});
