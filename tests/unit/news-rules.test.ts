import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { messageOf } from '../helpers/translations';
import type { Actor } from '../../src/lib/server/auth/actor';
import { DomainError } from '../../src/lib/server/errors';
import {
	assertCanEditSubmission,
	assertNewsModeration,
	assertSchedule,
	canModerate,
	canTransitionNews,
	normaliseLink,
	parseLocalDate,
	parseLocalTime,
	validateNewsItem,
	validateNewsSubmission,
	type NewsStatus
} from '../../src/lib/server/news/rules';

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
	for (const locale of LOCALES) {
		const message = messageOf(error.messageKey, locale);
		expect(message, `${locale} ${error.messageKey}`).toBeTypeOf('string');
		for (const [, name] of String(message).matchAll(/\{\{(\w+)\}\}/g)) {
			expect(error.params, `${locale} {{${name}}}`).toHaveProperty(name as string);
		}
	}
	return error;
}

const facilitator: Actor = { kind: 'facilitator', facilitatorId: 1, role: 'facilitator' };
const coordinator: Actor = { kind: 'facilitator', facilitatorId: 2, role: 'coordinator' };
const alice: Actor = { kind: 'participant', participantId: 10, concertationId: 1 };
const bob: Actor = { kind: 'participant', participantId: 11, concertationId: 1 };
const screen: Actor = { kind: 'screen', concertationId: 1 };

describe('normaliseLink', () => {
	it('treats empty as no link', () => {
		expect(normaliseLink('')).toBeNull();
		expect(normaliseLink('   ')).toBeNull();
		expect(normaliseLink(null)).toBeNull();
		expect(normaliseLink(undefined)).toBeNull();
	});

	it('keeps http and https links, normalised', () => {
		expect(normaliseLink(' https://www.brussels.be/fr?x=1#a ')).toBe(
			'https://www.brussels.be/fr?x=1#a'
		);
		expect(normaliseLink('HTTP://Example.BE')).toBe('http://example.be/');
	});

	it('adds https:// to a bare domain, with or without port and path', () => {
		expect(normaliseLink('example.be')).toBe('https://example.be/');
		expect(normaliseLink('www.bruxelles.brussels/fr/agenda')).toBe(
			'https://www.bruxelles.brussels/fr/agenda'
		);
		expect(normaliseLink('example.be:8080/x')).toBe('https://example.be:8080/x');
		expect(normaliseLink('//cdn.example.be/a')).toBe('https://cdn.example.be/a');
		expect(normaliseLink('café.be')).toBe('https://xn--caf-dma.be/');
	});

	it('refuses dangerous and non-web schemes', () => {
		for (const raw of [
			'javascript:alert(1)',
			'JavaScript:alert(1)',
			' javascript:alert(document.cookie)',
			'java\nscript:alert(1)',
			'java\tscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox',
			'ftp://example.be/file',
			'mailto:info@example.be',
			'file:///etc/passwd',
			'tel:+3221234567'
		]) {
			expectCode(() => normaliseLink(raw), 'news_bad_link');
		}
	});

	it('refuses what is not a link at all, and credentials', () => {
		for (const raw of [
			'hello',
			'hello world',
			'<script>alert(1)</script>',
			'https://',
			'https://user:pass@example.be',
			'https://user@example.be',
			'https://exa mple.be',
			'example',
			'😀.be'
		]) {
			expectCode(() => normaliseLink(raw), 'news_bad_link');
		}
	});

	it('refuses links over 500 characters', () => {
		const base = 'https://example.be/';
		expect(normaliseLink(base + 'a'.repeat(500 - base.length))).toHaveLength(500);
		expectCode(() => normaliseLink(base + 'a'.repeat(10_000)), 'news_link_too_long');
	});
});

describe('parseLocalDate', () => {
	it('reads numeric forms, day first', () => {
		for (const raw of [
			'2024-09-23',
			'23/09/2024',
			'23-09-2024',
			'23.09.2024',
			'23/9/24',
			' 23/9/2024 '
		]) {
			expect(parseLocalDate(raw, 'fr'), raw).toBe('2024-09-23');
		}
		expect(parseLocalDate('1/2/2025', 'nl')).toBe('2025-02-01');
	});

	it('reads written dates in French, Dutch and English, with or without weekday', () => {
		const cases: [string, 'fr' | 'nl' | 'en'][] = [
			['23 septembre 2024', 'fr'],
			['lundi 23 septembre 2024', 'fr'],
			['Lundi 23 Sept. 2024', 'fr'],
			['lun. 23/09/2024', 'fr'],
			['23 september 2024', 'nl'],
			['maandag 23 september 2024', 'nl'],
			['ma 23 sep 2024', 'nl'],
			['23 September 2024', 'en'],
			['Monday, 23 September 2024', 'en'],
			['Monday 23rd September 2024', 'en'],
			['September 23, 2024', 'en'],
			// A Dutch speaker in the French interface still types Dutch.
			['23 september 2024', 'fr']
		];
		for (const [raw, locale] of cases) expect(parseLocalDate(raw, locale), raw).toBe('2024-09-23');
	});

	it('folds accents and reads ordinals', () => {
		expect(parseLocalDate('1er février 2024', 'fr')).toBe('2024-02-01');
		expect(parseLocalDate('1er fevrier 2024', 'fr')).toBe('2024-02-01');
		expect(parseLocalDate('15 août 2024', 'fr')).toBe('2024-08-15');
		expect(parseLocalDate('3 maart 2025', 'nl')).toBe('2025-03-03');
		expect(parseLocalDate('3 mrt 2025', 'nl')).toBe('2025-03-03');
		expect(parseLocalDate('mar 5, 2024', 'en')).toBe('2024-03-05');
	});

	it('validates the calendar, leap years included', () => {
		expect(parseLocalDate('29/02/2024', 'fr')).toBe('2024-02-29');
		expect(parseLocalDate('31/12/2024', 'fr')).toBe('2024-12-31');
		for (const raw of [
			'31/02/2024',
			'29/02/2023',
			'31/04/2024',
			'00/01/2024',
			'32/01/2024',
			'15/13/2024',
			'2024-02-30',
			'29/02/1900'
		]) {
			expectCode(() => parseLocalDate(raw, 'fr'), 'news_bad_date');
		}
		expect(parseLocalDate('29/02/2000', 'fr')).toBe('2000-02-29');
	});

	it('refuses a weekday that contradicts the date', () => {
		expectCode(() => parseLocalDate('mardi 23 septembre 2024', 'fr'), 'news_bad_date');
		expectCode(() => parseLocalDate('Friday 23/09/2024', 'en'), 'news_bad_date');
	});

	it('refuses what is not a date, with an example in the interface language', () => {
		for (const raw of [
			'',
			'demain',
			'23/09',
			'23 septembre',
			'23/09-2024',
			'09/23/2024',
			'23 brumaire 2024',
			'funday 23/09/2024',
			'<script>alert(1)</script>',
			'23/09/2024'.repeat(1000),
			'٢٣/٠٩/٢٠٢٤'
		]) {
			expectCode(() => parseLocalDate(raw, 'nl'), 'news_bad_date');
		}
		expect(expectCode(() => parseLocalDate('demain', 'nl'), 'news_bad_date').params).toMatchObject({
			value: 'demain',
			example: '23/09/2024 of 23 september 2024'
		});
	});
});

describe('parseLocalTime', () => {
	it('reads Belgian ways of writing a time', () => {
		const cases: [string, string][] = [
			['14h', '14:00'],
			['14h30', '14:30'],
			['14 h 30', '14:30'],
			['14H30', '14:30'],
			['14u30', '14:30'],
			['14u', '14:00'],
			['14:30', '14:30'],
			['9.30', '09:30'],
			['9:05', '09:05'],
			['14.30 uur', '14:30'],
			['0h00', '00:00'],
			['23:59', '23:59'],
			['2pm', '14:00'],
			['2:30 p.m.', '14:30'],
			['12am', '00:00'],
			['12 PM', '12:00']
		];
		for (const [raw, expected] of cases) expect(parseLocalTime(raw), raw).toBe(expected);
	});

	it('refuses impossible or unreadable times', () => {
		for (const raw of [
			'24:00',
			'14:60',
			'14h5',
			'25h',
			'midi',
			'',
			'1430',
			'13pm',
			'0am',
			'14:30:00',
			'9'.repeat(100)
		]) {
			expectCode(() => parseLocalTime(raw), 'news_bad_time');
		}
	});
});

describe('assertSchedule', () => {
	const none = { startDate: null, startTime: null, endDate: null, endTime: null };

	it('accepts no date, a single day, a range, and an end time later the same day', () => {
		expect(() => assertSchedule(none)).not.toThrow();
		expect(() => assertSchedule({ ...none, startDate: '2024-09-23' })).not.toThrow();
		expect(() =>
			assertSchedule({
				startDate: '2024-09-23',
				startTime: '18:00',
				endDate: '2024-09-24',
				endTime: '09:00'
			})
		).not.toThrow();
		expect(() =>
			assertSchedule({ ...none, startDate: '2024-09-23', startTime: '14:00', endTime: '14:00' })
		).not.toThrow();
	});

	it('refuses an end before the start', () => {
		expectCode(
			() => assertSchedule({ ...none, startDate: '2024-09-23', endDate: '2024-09-22' }),
			'news_end_before_start'
		);
		expectCode(
			() =>
				assertSchedule({ ...none, startDate: '2024-09-23', startTime: '14:00', endTime: '13:59' }),
			'news_end_before_start'
		);
		expectCode(
			() =>
				assertSchedule({
					startDate: '2024-09-23',
					startTime: '14:00',
					endDate: '2024-09-23',
					endTime: '09:00'
				}),
			'news_end_before_start'
		);
	});

	it('refuses times without a date and an end without a start', () => {
		expectCode(() => assertSchedule({ ...none, startTime: '14:00' }), 'news_time_without_date');
		expectCode(() => assertSchedule({ ...none, endTime: '14:00' }), 'news_time_without_date');
		expectCode(() => assertSchedule({ ...none, endDate: '2024-09-23' }), 'news_end_without_start');
	});
});

describe('validateNewsItem', () => {
	it('normalises a complete organisers item', () => {
		expect(
			validateNewsItem(
				{
					titleFr: '  Journée   portes ouvertes ',
					titleNl: 'Opendeurdag',
					textFr: 'Ligne 1  \r\nLigne 2\r\n\r\n\r\n\r\nFin',
					startDate: 'lundi 23 septembre 2024',
					startTime: '14h',
					endDate: '23/09/2024',
					endTime: '17h30',
					place: 'Rue Haute 1, 1000 Bruxelles',
					price: 'Gratuit / Gratis',
					link: 'example.be/agenda',
					position: 3
				},
				'fr'
			)
		).toEqual({
			titleFr: 'Journée portes ouvertes',
			titleNl: 'Opendeurdag',
			textFr: 'Ligne 1\nLigne 2\n\nFin',
			textNl: '',
			startDate: '2024-09-23',
			startTime: '14:00',
			endDate: '2024-09-23',
			endTime: '17:30',
			place: 'Rue Haute 1, 1000 Bruxelles',
			price: 'Gratuit / Gratis',
			link: 'https://example.be/agenda',
			position: 3
		});
	});

	it('needs a title in at least one language', () => {
		expect(validateNewsItem({ titleNl: 'Alleen Nederlands' }, 'nl')).toMatchObject({
			titleFr: '',
			titleNl: 'Alleen Nederlands',
			startDate: null,
			link: null,
			position: 0
		});
		expectCode(
			() => validateNewsItem({ titleFr: ' ', titleNl: '\u202E' }, 'fr'),
			'news_title_required'
		);
	});

	it('enforces every length limit', () => {
		const long = (n: number) => 'x'.repeat(n);
		expect(validateNewsItem({ titleFr: long(140), textNl: long(1500) }, 'fr').titleFr).toHaveLength(
			140
		);
		expect(
			expectCode(() => validateNewsItem({ titleFr: long(141) }, 'fr'), 'news_title_too_long').params
		).toMatchObject({
			field: 'titleFr',
			max: 140
		});
		expectCode(
			() => validateNewsItem({ titleFr: 'T', titleNl: long(10_000) }, 'fr'),
			'news_title_too_long'
		);
		expectCode(
			() => validateNewsItem({ titleFr: 'T', textFr: long(1501) }, 'fr'),
			'news_text_too_long'
		);
		expectCode(
			() => validateNewsItem({ titleFr: 'T', place: long(201) }, 'fr'),
			'news_place_too_long'
		);
		expectCode(
			() => validateNewsItem({ titleFr: 'T', price: long(101) }, 'fr'),
			'news_price_too_long'
		);
	});

	it('refuses a bad position, date, time, link or schedule', () => {
		for (const position of [-1, 1.5, 10_001, Number.NaN]) {
			expectCode(() => validateNewsItem({ titleFr: 'T', position }, 'fr'), 'news_bad_position');
		}
		expectCode(
			() => validateNewsItem({ titleFr: 'T', startDate: '31/02/2024' }, 'fr'),
			'news_bad_date'
		);
		expectCode(
			() => validateNewsItem({ titleFr: 'T', startDate: '2024-09-23', startTime: '25h' }, 'fr'),
			'news_bad_time'
		);
		expectCode(
			() => validateNewsItem({ titleFr: 'T', link: 'javascript:alert(1)' }, 'fr'),
			'news_bad_link'
		);
		expectCode(
			() =>
				validateNewsItem({ titleFr: 'T', startDate: '24/09/2024', endDate: '23/09/2024' }, 'fr'),
			'news_end_before_start'
		);
	});

	it('keeps HTML, emoji and right-to-left text as typed', () => {
		const item = validateNewsItem(
			{
				titleFr: '<img src=x onerror=alert(1)> 🎉',
				titleNl: 'مرحبا بكم',
				textFr: '<script>x</script>'
			},
			'fr'
		);
		expect(item.titleFr).toBe('<img src=x onerror=alert(1)> 🎉');
		expect(item.titleNl).toBe('مرحبا بكم');
		expect(item.textFr).toBe('<script>x</script>');
	});
});

describe('validateNewsSubmission', () => {
	it('keeps the participant text in the language typed, with a parsed date', () => {
		expect(
			validateNewsSubmission(
				{
					title: ' Repair café ',
					text: 'Venez!\nKom!',
					date: '5 oktober 2024',
					price: '€2',
					link: 'https://rc.be'
				},
				'nl'
			)
		).toEqual({
			title: 'Repair café',
			text: 'Venez!\nKom!',
			date: '2024-10-05',
			place: '',
			price: '€2',
			link: 'https://rc.be/'
		});
	});

	it('requires a title and enforces the shorter text limit', () => {
		expectCode(() => validateNewsSubmission({ title: '' }, 'fr'), 'news_title_required');
		expectCode(() => validateNewsSubmission({}, 'fr'), 'news_title_required');
		expectCode(
			() => validateNewsSubmission({ title: 'x'.repeat(141) }, 'fr'),
			'news_title_too_long'
		);
		expect(validateNewsSubmission({ title: 'T', text: 'x'.repeat(1000) }, 'fr').text).toHaveLength(
			1000
		);
		expectCode(
			() => validateNewsSubmission({ title: 'T', text: 'x'.repeat(1001) }, 'fr'),
			'news_text_too_long'
		);
		expectCode(
			() => validateNewsSubmission({ title: 'T', place: 'x'.repeat(201) }, 'fr'),
			'news_place_too_long'
		);
		expectCode(
			() => validateNewsSubmission({ title: 'T', price: 'x'.repeat(101) }, 'fr'),
			'news_price_too_long'
		);
		expectCode(
			() => validateNewsSubmission({ title: 'T', date: '29/02/2023' }, 'fr'),
			'news_bad_date'
		);
		expectCode(
			() => validateNewsSubmission({ title: 'T', link: 'data:text/html,x' }, 'fr'),
			'news_bad_link'
		);
	});
});

describe('moderation', () => {
	it('allows exactly the documented transitions', () => {
		const statuses: NewsStatus[] = ['pending', 'approved', 'rejected'];
		const allowed = statuses.flatMap((from) =>
			statuses.filter((to) => canTransitionNews(from, to)).map((to) => `${from}→${to}`)
		);
		expect(allowed).toEqual([
			'pending→approved',
			'pending→rejected',
			'approved→rejected',
			'rejected→approved'
		]);
	});

	it('lets only facilitators moderate', () => {
		expect(canModerate('facilitator')).toBe(true);
		expect(canModerate('participant')).toBe(false);
		expect(canModerate('screen')).toBe(false);
		expect(() => assertNewsModeration(facilitator, 'pending', 'approved')).not.toThrow();
		expect(() => assertNewsModeration(facilitator, 'approved', 'rejected')).not.toThrow();
		for (const actor of [alice, screen, coordinator]) {
			expectCode(() => assertNewsModeration(actor, 'pending', 'approved'), 'forbidden');
		}
	});

	it('refuses impossible transitions', () => {
		expect(
			expectCode(
				() => assertNewsModeration(facilitator, 'approved', 'pending'),
				'news_bad_transition'
			).params
		).toEqual({
			from: 'approved',
			to: 'pending'
		});
		expectCode(
			() => assertNewsModeration(facilitator, 'approved', 'approved'),
			'news_bad_transition'
		);
		expectCode(
			() => assertNewsModeration(facilitator, 'rejected', 'pending'),
			'news_bad_transition'
		);
	});

	it('lets a participant edit their own submission while pending only', () => {
		expect(() =>
			assertCanEditSubmission(alice, { participantId: 10, status: 'pending' })
		).not.toThrow();
		expectCode(
			() => assertCanEditSubmission(alice, { participantId: 10, status: 'approved' }),
			'news_locked'
		);
		expectCode(
			() => assertCanEditSubmission(alice, { participantId: 10, status: 'rejected' }),
			'news_locked'
		);
		expectCode(
			() => assertCanEditSubmission(bob, { participantId: 10, status: 'pending' }),
			'forbidden'
		);
		expectCode(
			() => assertCanEditSubmission(screen, { participantId: 10, status: 'pending' }),
			'forbidden'
		);
		expectCode(
			() => assertCanEditSubmission(coordinator, { participantId: 10, status: 'pending' }),
			'forbidden'
		);
		expect(() =>
			assertCanEditSubmission(facilitator, { participantId: 10, status: 'approved' })
		).not.toThrow();
		expectCode(
			() => assertCanEditSubmission(alice, { participantId: null, status: 'pending' }),
			'forbidden'
		);
	});
});
