import { describe, expect, it } from 'vitest';
import {
	contentLanguagesSchema,
	missingLanguages,
	parseContentLanguages,
	pickLocalized,
	readingLanguage,
	screenLines
} from '../../src/lib/protocol';
import { validateTranslation } from '../../src/lib/server/translation';

describe('content languages', () => {
	it('are one or two of fr, nl and en, read back from their column', () => {
		expect(contentLanguagesSchema.safeParse(['en']).success).toBe(true);
		expect(contentLanguagesSchema.safeParse(['fr', 'en']).success).toBe(true);
		expect(contentLanguagesSchema.safeParse([]).success).toBe(false);
		expect(contentLanguagesSchema.safeParse(['nl', 'nl']).success).toBe(false);
		expect(contentLanguagesSchema.safeParse(['fr', 'nl', 'en']).success).toBe(false);
		expect(contentLanguagesSchema.safeParse(['de']).success).toBe(false);
		expect(parseContentLanguages('nl,en')).toEqual(['nl', 'en']);
		expect(parseContentLanguages('')).toEqual(['fr', 'nl']);
	});

	it('give a phone its interface language when it is one of them, else the main one', () => {
		expect(readingLanguage('nl', ['fr', 'nl'])).toBe('nl');
		expect(readingLanguage('fr', ['en'])).toBe('en');
		expect(readingLanguage('en', ['nl', 'fr'])).toBe('nl');
		const text = { fr: 'Visite', nl: '', en: 'Study visit' };
		expect(pickLocalized(text, 'fr', ['en'])).toEqual({
			text: 'Study visit',
			lang: 'en',
			foreign: false
		});
		expect(pickLocalized(text, 'nl', ['fr', 'en'])).toEqual({
			text: 'Visite',
			lang: 'fr',
			foreign: false
		});
		// A participant's text in another language keeps its tag.
		expect(pickLocalized({ fr: 'Bonjour', nl: '' }, 'en', ['en'])).toEqual({
			text: 'Bonjour',
			lang: 'fr',
			foreign: true
		});
	});

	it('mark as to translate only the content languages', () => {
		expect(missingLanguages({ fr: '', nl: '', en: 'Housing' }, ['en'])).toEqual([]);
		expect(missingLanguages({ fr: '', nl: 'Wonen', en: '' }, ['en'])).toEqual(['en']);
		expect(missingLanguages({ fr: 'Logement', nl: '', en: '' }, ['fr', 'en'])).toEqual(['en']);
		expect(() =>
			validateTranslation({ fr: 'Logement', nl: '' }, 'nl', 'Wonen', {
				max: 100,
				languages: 'fr,en'
			})
		).toThrow('translation_no_original');
		expect(
			validateTranslation({ fr: 'Logement', nl: '' }, 'en', 'Housing', {
				max: 100,
				languages: 'fr,en'
			})
		).toBe('Housing');
	});

	it('give the projector one side when there is one language, the text in its place', () => {
		expect(screenLines({ fr: '', nl: '', en: 'Housing' }, ['en'])).toEqual([
			{ side: 'en', lang: 'en', text: 'Housing', tag: false }
		]);
		expect(screenLines({ fr: 'Logement', nl: '' }, ['nl'])).toEqual([
			{ side: 'nl', lang: 'fr', text: 'Logement', tag: true }
		]);
		expect(screenLines({ fr: 'Logement', nl: '', en: 'Housing' }, ['fr', 'en'])).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Logement', tag: false },
			{ side: 'en', lang: 'en', text: 'Housing', tag: false }
		]);
		expect(screenLines({ fr: '', nl: '', en: 'Housing' }, ['fr', 'en'])).toEqual([
			{ side: 'en', lang: 'en', text: 'Housing', tag: true }
		]);
	});

	it('tag a machine’s translation with the original’s language, never as typed', () => {
		// Typed in French on a phone; a translation service (later) wrote the Dutch.
		const typed = { fr: 'Les listes d’attente', nl: 'De wachtlijsten', machine: ['nl'] as const };
		expect(pickLocalized(typed, 'nl', ['fr', 'nl'])).toEqual({
			text: 'De wachtlijsten',
			lang: 'nl',
			foreign: true,
			translatedFrom: 'fr'
		});
		expect(pickLocalized(typed, 'fr', ['fr', 'nl'])).toEqual({
			text: 'Les listes d’attente',
			lang: 'fr',
			foreign: false
		});
		expect(screenLines(typed, ['fr', 'nl'])).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Les listes d’attente', tag: false },
			{ side: 'nl', lang: 'nl', text: 'De wachtlijsten', tag: true, translatedFrom: 'fr' }
		]);
		// Without a machine column nothing changes.
		expect(screenLines({ fr: 'Logement', nl: 'Huisvesting' }, ['fr', 'nl'])).toEqual([
			{ side: 'fr', lang: 'fr', text: 'Logement', tag: false },
			{ side: 'nl', lang: 'nl', text: 'Huisvesting', tag: false }
		]);
	});
});
