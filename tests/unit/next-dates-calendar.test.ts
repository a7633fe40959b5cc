import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { nextDatesCalendar } from '../../src/lib/server/restitution/calendar';
import {
	nextDateKey,
	upcomingDates,
	type KeyedNextDate
} from '../../src/lib/server/restitution/next-dates';
import { nextDateSchema, type NextDate } from '../../src/lib/protocol/summary';
import { DomainError } from '../../src/lib/server/errors';
import { toCommandError } from '../../src/lib/server/realtime/errors';
import { normaliseNextDate, type NextDateInput } from '../../src/lib/server/restitution/edits';

/** Parses a calendar with ical.js, its VTIMEZONE registered, as a calendar app would. */
function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const zone of calendar.getAllSubcomponents('vtimezone')) {
		ICAL.TimezoneService.register(new ICAL.Timezone(zone));
	}
	return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

const keyed = (next: NextDate): KeyedNextDate => ({ key: nextDateKey('s1', next), next });

describe('a next date’s calendar file', () => {
	it('keeps 09:30 in Brussels on either side of the October change to winter time', () => {
		const dates = [
			{ label: { fr: 'Avant', nl: 'Voor' }, date: '2027-10-21', time: '09:30', endTime: '12:00' },
			{ label: { fr: 'Veille', nl: 'Vooravond' }, date: '2027-10-28', time: '09:30' },
			{ label: { fr: 'Après', nl: 'Na' }, date: '2027-11-04', time: '09:30', endTime: '12:00' }
		].map(keyed);
		const text = nextDatesCalendar({ name: 'N°2', dates, locale: 'fr' });
		expect(text).toContain('BEGIN:VTIMEZONE');
		expect(text).toContain('TZID:Europe/Brussels');
		expect(text).toContain('DTSTART;TZID=Europe/Brussels:20271021T093000');
		expect(text).toContain('DTSTART;TZID=Europe/Brussels:20271104T093000');

		const events = parse(text);
		expect(events.map((event) => event.summary)).toEqual(['Avant', 'Veille', 'Après']);
		// Local wall-clock time is the same; the instants differ by the change of offset.
		for (const event of events) {
			expect(event.startDate.zone?.tzid).toBe('Europe/Brussels');
			expect([event.startDate.hour, event.startDate.minute]).toEqual([9, 30]);
		}
		const utc = events.map((event) => event.startDate.toJSDate().toISOString());
		expect(utc).toEqual([
			'2027-10-21T07:30:00.000Z',
			'2027-10-28T07:30:00.000Z',
			'2027-11-04T08:30:00.000Z'
		]);
		expect(events[0]?.endDate.toJSDate().toISOString()).toBe('2027-10-21T10:00:00.000Z');
		expect(events[2]?.endDate.toJSDate().toISOString()).toBe('2027-11-04T11:00:00.000Z');
		// No end given: an hour.
		expect(events[1]?.endDate.toJSDate().toISOString()).toBe('2027-10-28T08:30:00.000Z');
	});

	it('keeps the Brussels hour whatever the server’s own time zone', () => {
		const previous = process.env.TZ;
		try {
			process.env.TZ = 'America/New_York';
			const text = nextDatesCalendar({
				name: 'x',
				dates: [keyed({ label: { fr: 'a', nl: 'b' }, date: '2027-03-28', time: '10:00' })],
				locale: 'fr'
			});
			expect(text).toContain('DTSTART;TZID=Europe/Brussels:20270328T100000');
			expect(parse(text)[0]?.startDate.toJSDate().toISOString()).toBe('2027-03-28T08:00:00.000Z');
		} finally {
			process.env.TZ = previous;
		}
	});

	it('writes a whole day, the place or link, the description in the reader’s language, a stable UID', () => {
		const online: NextDate = {
			label: { fr: 'Conseil de l’action', nl: 'Actieraad' },
			date: '2027-07-03',
			link: 'https://meet.example.org/abc?x=1',
			description: { fr: 'Définir ensemble le périmètre', nl: 'Samen de reikwijdte bepalen' }
		};
		const inPlace: NextDate = {
			label: { fr: 'Concertation N°3', nl: 'Overleg nr. 3' },
			date: '2027-09-12',
			time: '14:00',
			place: 'Rue Haute 1, 1000 Bruxelles; salle B'
		};
		const nl = parse(
			nextDatesCalendar({ name: 'x', dates: [online, inPlace].map(keyed), locale: 'nl' })
		);
		expect(nl[0]?.summary).toBe('Actieraad');
		expect(nl[0]?.startDate.isDate).toBe(true);
		expect(nl[0]?.startDate.toString()).toBe('2027-07-03');
		expect(nl[0]?.location).toBe('https://meet.example.org/abc?x=1');
		expect(nl[0]?.description).toBe(
			'Samen de reikwijdte bepalen\n\nhttps://meet.example.org/abc?x=1'
		);
		expect(nl[0]?.component.getFirstPropertyValue('url')).toBe('https://meet.example.org/abc?x=1');
		expect(nl[1]?.location).toBe('Rue Haute 1, 1000 Bruxelles; salle B');
		expect(nl[1]?.uid).toBe(`${nextDateKey('s1', inPlace)}@next-dates.concertation`);
		const fr = parse(nextDatesCalendar({ name: 'x', dates: [online].map(keyed), locale: 'fr' }));
		expect(fr[0]?.summary).toBe('Conseil de l’action');
		expect(fr[0]?.description).toBe(
			'Définir ensemble le périmètre\n\nhttps://meet.example.org/abc?x=1'
		);
		// Same date in another series: another event.
		expect(nextDateKey('s2', inPlace)).not.toBe(nextDateKey('s1', inPlace));
	});
});

describe('the coming next dates', () => {
	it('keeps those from today on, soonest first, as written', () => {
		const dates: NextDate[] = [
			{ label: { fr: 'Plus tard', nl: 'Later' }, date: '2025-06-01', time: '14:00' },
			{ label: { fr: 'Hier', nl: 'Gisteren' }, date: '2025-02-28' },
			{
				label: { fr: 'Même jour, matin', nl: '' },
				date: '2025-03-01',
				time: '09:30',
				endTime: '11:00',
				link: 'https://example.org/',
				description: { nl: 'Alleen in het Nederlands' }
			},
			{ label: { fr: 'Aujourd’hui', nl: 'Vandaag' }, date: '2025-03-01', place: 'Helmet' }
		];
		const shown = upcomingDates(dates, '2025-03-01', 'c7');
		expect(shown.map((next) => next.label)).toEqual([
			{ fr: 'Aujourd’hui', nl: 'Vandaag' },
			{ fr: 'Même jour, matin', nl: '' },
			{ fr: 'Plus tard', nl: 'Later' }
		]);
		expect(shown[0]).toMatchObject({ time: null, endTime: null, place: 'Helmet', link: null });
		expect(shown[1]).toMatchObject({
			time: '09:30',
			endTime: '11:00',
			link: 'https://example.org/',
			description: { fr: '', nl: 'Alleen in het Nederlands' },
			key: nextDateKey('c7', dates[2] as NextDate)
		});
		expect(shown[2]?.description).toBeNull();
	});
});

describe('a next date as typed', () => {
	const base = {
		fr: 'Prochaine concertation',
		nl: 'Volgend overleg',
		date: '2027-07-03',
		time: '',
		place: ''
	};
	const refusal = (input: Partial<NextDateInput>) => {
		try {
			normaliseNextDate({ ...base, ...input });
		} catch (caught) {
			if (!(caught instanceof DomainError)) throw caught;
			const answer = toCommandError(caught, 'fr');
			return { code: answer.code, field: answer.fields?.[0]?.path, message: answer.message };
		}
		return null;
	};

	it('keeps the new details, trimmed, and reads a date stored before they existed', () => {
		expect(
			normaliseNextDate({
				...base,
				time: '09:30',
				endTime: '12:00',
				place: '  Rue Haute 1 ',
				link: ' https://meet.example.org/a b ',
				descriptionFr: ' Définir ensemble le périmètre ',
				descriptionNl: ''
			})
		).toEqual({
			label: { fr: 'Prochaine concertation', nl: 'Volgend overleg' },
			date: '2027-07-03',
			time: '09:30',
			endTime: '12:00',
			place: 'Rue Haute 1',
			link: 'https://meet.example.org/a%20b',
			description: { fr: 'Définir ensemble le périmètre' }
		});
		const stored = { label: { fr: 'a', nl: 'b' }, date: '2025-01-01', time: '10:00', place: 'x' };
		expect(nextDateSchema.safeParse(stored).success).toBe(true);
	});

	it('refuses, translated and naming the field, what cannot be a date, time or web link', () => {
		expect(refusal({ fr: '', nl: ' ' })).toMatchObject({
			code: 'nextDate_label',
			field: 'labelFr'
		});
		expect(refusal({ date: '2027-02-30' })).toMatchObject({ code: 'nextDate_date', field: 'date' });
		expect(refusal({ time: '25:00' })).toMatchObject({ code: 'nextDate_time', field: 'time' });
		expect(refusal({ endTime: '12:00' })).toMatchObject({ field: 'time' });
		expect(refusal({ time: '12:00', endTime: '11:00' })).toMatchObject({
			code: 'nextDate_endBeforeStart',
			field: 'endTime',
			message: 'L’heure de fin doit venir après l’heure de début.'
		});
		for (const link of [
			'javascript:alert(1)',
			'ftp://example.org/x',
			'www.example.org',
			'https://'
		])
			expect(refusal({ link }), link).toMatchObject({ code: 'nextDate_link', field: 'link' });
		expect(refusal({ descriptionNl: 'x'.repeat(501) })).toMatchObject({
			field: 'descriptionNl',
			message: 'La description compte au plus 500 caractères.'
		});
		expect(refusal({ link: 'http://example.org/', time: '09:00', endTime: '09:01' })).toBeNull();
	});
});
