import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frRestitution from '../../src/lib/i18n/locales/fr/restitution.json';
import nlScreen from '../../src/lib/i18n/locales/nl/screen.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import {
	api,
	commandId,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The end of a meeting on a phone (360×740): once the session is closed, the phone shows the
 * next dates, each with "Add to my calendar", and that link downloads a calendar file that a
 * calendar library reads, at the right Brussels hour.
 */

let server: RunningServer;
let token: string;
let phone: Device;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true, locale: 'nl-BE' });
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the next dates on a phone at the end of the meeting', () => {
	it('shows them in the first screen with a calendar link that downloads a readable calendar', async () => {
		captureOnFailure('next-dates-phone');
		const concertation = await createConcertation(server, token);
		const base = `/api/concertations/${concertation.id}`;
		for (const body of [
			{
				labelFr: 'Conseil de l’action régional',
				labelNl: 'Gewestelijke actieraad',
				date: '2027-11-04',
				time: '09:30',
				endTime: '12:00',
				place: 'Maison de quartier Helmet, Chaussée de Helmet 250, 1030 Schaerbeek',
				descriptionFr: 'Définir ensemble le périmètre et les modes de travail',
				descriptionNl: 'Samen de reikwijdte en de werkwijze bepalen'
			},
			{
				labelFr: 'Concertation thématique N°3',
				labelNl: 'Thematisch overleg nr. 3',
				date: '2028-02-10',
				link: 'https://meet.example.org/overleg-3'
			}
		])
			expect(
				(await api(server, 'POST', `${base}/restitution/next-dates`, { token, body })).status
			).toBe(201);

		const person = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Lies',
			locale: 'nl'
		});
		await phone.context.addCookies([
			{ name: `concertation_p${concertation.id}`, value: person.token, url: server.url },
			{ name: 'concertation_lang', value: 'nl', url: server.url }
		]);
		const page = phone.page;
		await page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(page);
		for (const name of ['session.start', 'session.close'])
			await api(server, 'POST', `${base}/commands/${name}`, {
				token,
				body: { commandId: commandId(name) }
			});

		// Closed: the dates arrive live, in Dutch, soonest first.
		const dates = page.getByTestId('phone-next-date');
		await expect.poll(() => dates.count()).toBe(2);
		const first = dates.first();
		expect(await first.locator('.label').textContent()).toBe('Gewestelijke actieraad');
		expect(await first.locator('.when').textContent()).toBe(
			'donderdag 4 november 2027, van 9u30 tot 12u00'
		);
		expect(await first.locator('.description').textContent()).toBe(
			'Samen de reikwijdte en de werkwijze bepalen'
		);
		const second = dates.nth(1);
		expect(
			await second.getByRole('link', { name: nlScreen.closing.join }).getAttribute('href')
		).toBe('https://meet.example.org/overleg-3');

		// Layout at 360×740: the first date and its calendar link in the first screen, legible,
		// nothing wider than the screen, no word split over two lines.
		const calendarLink = first.getByRole('link', { name: nlScreen.closing.addToCalendar });
		const box = await calendarLink.boundingBox();
		expect(box).not.toBeNull();
		expect(box!.y + box!.height).toBeLessThanOrEqual(740);
		expect(box!.x + box!.width).toBeLessThanOrEqual(360);
		expect(box!.height).toBeGreaterThanOrEqual(40);
		const sizes = await first.evaluate((element) =>
			['.label', '.when', '.place', '.description'].map((selector) =>
				Number.parseFloat(getComputedStyle(element.querySelector(selector)!).fontSize)
			)
		);
		for (const size of sizes) expect(size).toBeGreaterThanOrEqual(16);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		expect(
			await page.evaluate(() => {
				const broken: string[] = [];
				for (const element of document.querySelectorAll('[data-testid="phone-next-dates"] p')) {
					const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
					for (let node = walker.nextNode(); node; node = walker.nextNode()) {
						for (const match of (node.textContent ?? '').matchAll(/[^\s\u00a0]+/g)) {
							const range = document.createRange();
							range.setStart(node, match.index);
							range.setEnd(node, match.index + match[0].length);
							const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
							if (tops.size > 1) broken.push(match[0]);
						}
					}
				}
				return broken;
			})
		).toEqual([]);
		await expectNoAxeViolations(page, 'phone / closed with next dates');
		await page.screenshot({ path: '/tmp/e2e-phone-next-dates.png' });

		// The link downloads the date's calendar: Dutch, 09:30 in Brussels (08:30 UTC in winter).
		const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
		expect(download.suggestedFilename()).toBe('next-date-2027-11-04-09h30.ics');
		const file = await download.path();
		const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
		for (const zone of calendar.getAllSubcomponents('vtimezone'))
			ICAL.TimezoneService.register(new ICAL.Timezone(zone));
		const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
		expect(events).toHaveLength(1);
		expect(events[0]?.summary).toBe('Gewestelijke actieraad');
		expect(events[0]?.startDate.zone?.tzid).toBe('Europe/Brussels');
		expect([events[0]?.startDate.hour, events[0]?.startDate.minute]).toEqual([9, 30]);
		expect(events[0]?.startDate.toJSDate().toISOString()).toBe('2027-11-04T08:30:00.000Z');
		expect(events[0]?.location).toBe(
			'Maison de quartier Helmet, Chaussée de Helmet 250, 1030 Schaerbeek'
		);
	});

	it('are entered on the review page, a bad link refused beside its field with nothing lost', async () => {
		captureOnFailure('next-dates-review');
		const concertation = await createConcertation(server, token);
		const laptop = await launchDevice({ viewport: { width: 1366, height: 768 } });
		await laptop.context.addCookies([
			{ name: SESSION_COOKIE, value: token, url: server.url },
			{ name: 'concertation_lang', value: 'fr', url: server.url }
		]);
		const page = laptop.page;
		await page.goto(`${server.url}/r/${concertation.id}`);
		await waitForHydration(page);
		const review = frRestitution.review;
		await page.getByRole('heading', { name: review.nextDates, level: 3 }).click();
		await page.getByLabel(`${review.fields.dateLabel} (FR)`).fill('Conseil de l’action');
		await page.getByLabel(`${review.fields.dateLabel} (NL)`).fill('Actieraad');
		await page.getByLabel(review.fields.date, { exact: true }).fill('2027-10-28');
		await page.getByLabel(review.fields.time, { exact: true }).fill('09:30');
		await page.getByLabel(review.fields.endTime).fill('12:00');
		await page.getByLabel(review.fields.link).fill('meet.example.org/actieraad');
		await page.getByLabel(`${review.fields.description} (NL)`).fill('Samen de werkwijze bepalen');
		await page.getByRole('button', { name: review.addDate }).click();

		// Refused: the message beside the link, the field marked, everything typed still there.
		const error = page.locator('#next-link-error');
		await error.waitFor();
		expect(await error.textContent()).toBe(frRestitution.errors.nextDate_link);
		const link = page.getByLabel(review.fields.link);
		expect(await link.getAttribute('aria-invalid')).toBe('true');
		expect(await page.getByLabel(`${review.fields.dateLabel} (NL)`).inputValue()).toBe('Actieraad');
		expect(await page.getByLabel(review.fields.endTime).inputValue()).toBe('12:00');
		await expectNoAxeViolations(page, 'review page / next date refused');
		await page.screenshot({ path: '/tmp/e2e-review-next-date-error.png', fullPage: true });

		await link.fill('https://meet.example.org/actieraad');
		await page.getByRole('button', { name: review.addDate }).click();
		const listed = page.locator('.next-dates li');
		await expect.poll(() => listed.count()).toBe(1);
		expect(await listed.first().textContent()).toContain('09:30–12:00');
		expect(await listed.first().textContent()).toContain('https://meet.example.org/actieraad');
		expect(await page.locator('#next-link-error').count()).toBe(0);

		// Its calendar file, from the review page.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			listed.first().getByRole('link', { name: review.fields.calendar }).click()
		]);
		const text = readFileSync(await download.path(), 'utf8');
		expect(text).toContain('DTSTART;TZID=Europe/Brussels:20271028T093000');
		expect(text).toContain('DTEND;TZID=Europe/Brussels:20271028T120000');

		// A share link's reader finds the same calendar link on the read-only page.
		const made = await api<{ share: { token: string } }>(
			server,
			'POST',
			`/api/concertations/${concertation.id}/restitution/shares`,
			{ token }
		);
		await page.goto(`${server.url}/r/share/${made.body.share.token}`);
		await waitForHydration(page);
		const shared = page.getByTestId('share-next-dates').getByRole('link');
		expect(await shared.count()).toBe(1);
		expect(await shared.getAttribute('href')).toContain(`?share=${made.body.share.token}`);
		await expectNoAxeViolations(page, 'share page with next dates');
	});
});
