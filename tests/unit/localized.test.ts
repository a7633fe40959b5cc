import { describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import {
	missingLanguages,
	pickLocalized,
	screenLines,
	type LocalizedText
} from '../../src/lib/protocol';
import {
	joinCodeMessage,
	joinCodeProblem,
	normaliseJoinCode
} from '../../src/lib/server/concertation/join-code';
import { DomainError } from '../../src/lib/server/errors';
import { typedIn, validateTranslation } from '../../src/lib/server/translation';

const FR_ONLY: LocalizedText = { fr: 'Logement d’abord', nl: '' };
const NL_ONLY: LocalizedText = { fr: '', nl: 'Wachtlijsten' };
const BOTH: LocalizedText = { fr: 'Thèmes', nl: 'Thema’s' };
const EN_ONLY: LocalizedText = { fr: '', nl: '', en: 'Waiting lists' };

describe('a text as one reader sees it', () => {
	it('gives the reader’s language, else the original with its language, never a copy', () => {
		expect(pickLocalized(BOTH, 'nl')).toEqual({ text: 'Thema’s', lang: 'nl', foreign: false });
		expect(pickLocalized(FR_ONLY, 'nl')).toEqual({
			text: 'Logement d’abord',
			lang: 'fr',
			foreign: true
		});
		expect(pickLocalized(NL_ONLY, 'fr')).toEqual({
			text: 'Wachtlijsten',
			lang: 'nl',
			foreign: true
		});
		// English readers: English when typed in English, else French, else Dutch, tagged.
		expect(pickLocalized(BOTH, 'en')).toEqual({ text: 'Thèmes', lang: 'fr', foreign: true });
		expect(pickLocalized(NL_ONLY, 'en')).toMatchObject({ lang: 'nl', foreign: true });
		expect(pickLocalized(EN_ONLY, 'en')).toEqual({
			text: 'Waiting lists',
			lang: 'en',
			foreign: false
		});
		expect(pickLocalized(EN_ONLY, 'fr')).toMatchObject({ lang: 'en', foreign: true });
		// Blank space is not a translation.
		expect(pickLocalized({ fr: 'Oui', nl: '  ' }, 'nl')).toMatchObject({
			lang: 'fr',
			foreign: true
		});
		expect(pickLocalized({ fr: '', nl: '' }, 'nl')).toEqual({
			text: '',
			lang: 'nl',
			foreign: false
		});
	});

	it('says which of French and Dutch are still to write', () => {
		expect(missingLanguages(BOTH)).toEqual([]);
		expect(missingLanguages(FR_ONLY)).toEqual(['nl']);
		expect(missingLanguages(NL_ONLY)).toEqual(['fr']);
		expect(missingLanguages(EN_ONLY)).toEqual(['fr', 'nl']);
		// No text at all (a news item without a body): nothing to translate.
		expect(missingLanguages({ fr: '', nl: '' })).toEqual([]);
	});

	it('gives the projector each written side once, tagged when alone', () => {
		expect(screenLines(BOTH)).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Thèmes', tag: false },
			{ side: 'nl', lang: 'nl', text: 'Thema’s', tag: false }
		]);
		expect(screenLines({ fr: 'Bru-Stars', nl: 'Bru-Stars' })).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Bru-Stars', tag: false }
		]);
		expect(screenLines(FR_ONLY)).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Logement d’abord', tag: true }
		]);
		expect(screenLines(NL_ONLY)).toEqual([
			{ side: 'nl', lang: 'nl', text: 'Wachtlijsten', tag: true }
		]);
		expect(screenLines(EN_ONLY)).toEqual([
			{ side: 'fr', lang: 'en', text: 'Waiting lists', tag: true }
		]);
		expect(screenLines({ fr: '', nl: '' })).toEqual([]);
	});
});

describe('adding a missing language', () => {
	const refusal = (fn: () => unknown) => {
		try {
			fn();
		} catch (error) {
			return error instanceof DomainError ? [error.code, error.params] : error;
		}
		return null;
	};

	it('cleans the translation and refuses what would lose or invent text', () => {
		expect(validateTranslation(FR_ONLY, 'nl', '  Housing First ', { max: 300 })).toBe(
			'Housing First'
		);
		expect(validateTranslation(EN_ONLY, 'fr', 'Listes d’attente', { max: 300 })).toBe(
			'Listes d’attente'
		);
		expect(
			validateTranslation(FR_ONLY, 'nl', 'Op dinsdag\nom 18 uur', { max: 300, multiline: true })
		).toBe('Op dinsdag\nom 18 uur');
		expect(refusal(() => validateTranslation(FR_ONLY, 'nl', ' \t', { max: 300 }))).toEqual([
			'translation_required',
			{}
		]);
		expect(refusal(() => validateTranslation(FR_ONLY, 'nl', 'x'.repeat(11), { max: 10 }))).toEqual([
			'translation_too_long',
			{ max: 10 }
		]);
		// Written meanwhile: never overwritten from the "to translate" field.
		expect(refusal(() => validateTranslation(FR_ONLY, 'fr', 'Autre', { max: 300 }))).toEqual([
			'translation_exists',
			{}
		]);
		expect(
			refusal(() => validateTranslation({ fr: '', nl: '' }, 'nl', 'Iets', { max: 300 }))
		).toEqual(['translation_no_original', {}]);
	});

	it('stores a typed text in its own language’s column only', () => {
		expect(typedIn('nl', 'Wonen')).toEqual({ fr: '', nl: 'Wonen', en: '', language: 'nl' });
		expect(typedIn('en', 'Housing')).toEqual({ fr: '', nl: '', en: 'Housing', language: 'en' });
		// An unknown language is read as French, the interface's default.
		expect(typedIn('de', 'Wohnen')).toEqual({ fr: 'Wohnen', nl: '', en: '', language: 'fr' });
	});
});

describe('the join code rule, said plainly', () => {
	it('names the characters a code never uses, else the length', () => {
		expect(joinCodeProblem('ABC123')).toEqual({ kind: 'characters', characters: ['1'] });
		expect(joinCodeProblem('abc 0o1')).toEqual({
			kind: 'characters',
			characters: ['0', 'O', '1']
		});
		expect(joinCodeProblem('ABC 23')).toEqual({ kind: 'length', length: 5 });
		expect(joinCodeProblem('abc-234')).toBeNull();
		// The rule and the normaliser agree on every input.
		for (const input of ['ABC123', 'abc 234', 'ABCD234', 'AB-C2-34', 'ÀBC234', 'IJK234', '']) {
			expect(joinCodeProblem(input) === null).toBe(normaliseJoinCode(input) !== null);
		}
	});

	it('says the rule in three languages', () => {
		expect(joinCodeMessage(translator('fr'), 'ABC123')).toBe(
			'«\u00a01\u00a0» n’est jamais utilisé dans un code\u00a0: 6 caractères, sans 0, O, 1 ni I. Vérifiez le code affiché à l’écran.'
		);
		expect(joinCodeMessage(translator('nl'), 'A0C1E2')).toBe(
			'‘0, 1’ worden nooit gebruikt in een code: 6 tekens, zonder 0, O, 1 of I. Kijk de code op het scherm na.'
		);
		expect(joinCodeMessage(translator('en'), 'ABC23')).toBe(
			'A code has 6 characters, like “ABC 234”; 0, O, 1 and I are never used.'
		);
	});
});
