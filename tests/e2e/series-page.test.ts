import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frActions from '../../src/lib/i18n/locales/fr/actions.json';
import nlActions from '../../src/lib/i18n/locales/nl/actions.json';
import frRestitution from '../../src/lib/i18n/locales/fr/restitution.json';
import nlErrors from '../../src/lib/i18n/locales/nl/errors.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import type { Page } from 'playwright-core';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration
} from '../helpers/browser';
import { coordinatorAccount, formAction } from '../helpers/restitution';
import {
	api,
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The series' public page as people see it: a coordinator turns it on from the series page at
 * 1366×768 (and sees each action's path over the series), changes its address after being
 * asked; a reader without an account opens it on a phone at 360×740 in Dutch, reads only what
 * was published, switches to French; the old address is a translated 404. On the review page,
 * a next date is edited in place, a bad end time refused beside its field with nothing lost.
 */

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 360, height: 740 };
/** A folder to save screenshots in, to look at them (`SHOTS=/tmp/shots`). */
const SHOTS = process.env.SHOTS;

let server: RunningServer;
let admin: string;
let coordinator: string;
let published: number;
let unpublished: number;

const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Nothing wider than the viewport, no word cut by the edge, and the body text legible. */
async function expectLegible(page: Page, width: number): Promise<void> {
	const layout = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		body: parseFloat(getComputedStyle(document.body).fontSize),
		h1: parseFloat(getComputedStyle(document.querySelector('h1')!).fontSize),
		clipped: [...document.querySelectorAll('main p, main h1, main h2, main h3, main a')]
			.filter((element) => element.scrollWidth > element.clientWidth + 1)
			.map((element) => element.textContent?.slice(0, 40))
	}));
	expect(layout.scroll).toBeLessThanOrEqual(width);
	expect(layout.body).toBeGreaterThanOrEqual(16);
	expect(layout.h1).toBeGreaterThanOrEqual(22);
	expect(layout.clipped).toEqual([]);
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Concertations thématiques de la zone Nord-Est',
		titleNl: 'Thematische overleggen van de zorgzone Noord-Oost'
	});
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'coordination@example.org'
	});
	for (const [number, date] of [
		['1', inDays(-60)],
		['2', inDays(-2)]
	] as const) {
		const concertation = await createConcertation(server, admin, { number, date });
		await formAction(server, admin, `/f/${concertation.id}/edit?/series`, { seriesId: '1' });
		if (number === '1') published = concertation.id;
		else unpublished = concertation.id;
	}
	await api(server, 'POST', `/api/concertations/${unpublished}/restitution/next-dates`, {
		token: admin,
		body: {
			labelFr: 'Concertation thématique N°3 : l’accès aux soins de santé mentale',
			labelNl: 'Thematisch overleg nr. 3: toegang tot geestelijke gezondheidszorg',
			date: inDays(30),
			time: '09:30',
			endTime: '12:30',
			place: 'Maison des associations, rue Royale 55, 1000 Bruxelles'
		}
	});
	await api(server, 'POST', '/api/series/1/actions', {
		token: coordinator,
		body: {
			titleFr: 'Cartographier l’offre de soutien psychologique de première ligne',
			titleNl: 'De eerstelijnspsychologische ondersteuning in kaart brengen',
			status: 'in_progress',
			progressNote: 'Un premier relevé couvre six communes sur huit.',
			dueDate: inDays(90)
		}
	});
	await api(server, 'PUT', `/api/concertations/${published}/restitution/series-page`, {
		token: coordinator,
		body: { published: true }
	});
}, 60_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the series’ public page', () => {
	let address = '';

	it('is turned on by a coordinator from the series page, which shows each action’s path', async () => {
		captureOnFailure('series-page-console');
		const device = await launchDevice({ viewport: LAPTOP });
		await device.context.addCookies([
			{ name: SESSION_COOKIE, value: coordinator, url: server.url }
		]);
		const page = device.page;
		await page.goto(`${server.url}/r/series/1`);
		await waitForHydration(page);
		const panel = page.getByTestId('public-page');
		expect(await panel.getByTestId('public-page-state').textContent()).toBe(
			frActions.seriesPage.off
		);
		await panel.getByRole('button', { name: frActions.seriesPage.turnOn }).click();
		await page.getByTestId('public-page-link').waitFor();
		expect(await panel.getByTestId('public-page-state').textContent()).toBe(
			frActions.seriesPage.on
		);
		address = (await page.getByTestId('public-page-link').getAttribute('href'))!;
		expect(address).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/);

		// The path: a row per action, a column per concertation (created today: after both).
		const paths = page.getByTestId('action-paths');
		expect(await paths.locator('thead th').count()).toBe(3);
		const row = paths.locator('tbody tr');
		expect(await row.count()).toBe(1);
		expect(await row.locator('th').textContent()).toContain('Cartographier');
		expect(await row.locator('td[data-status="none"]').count()).toBe(2);
		await expectNoAxeViolations(page, 'series page with the public page on');
		if (SHOTS)
			await page.screenshot({ path: `${SHOTS}/series-page-public-on.png`, fullPage: true });

		// A new address asks first; cancelling changes nothing.
		await panel.getByRole('button', { name: frActions.seriesPage.regenerate }).click();
		expect(await panel.getByText(frActions.seriesPage.regenerateConfirm).isVisible()).toBe(true);
		await panel.getByRole('button', { name: frActions.seriesPage.cancel }).click();
		expect(await page.getByTestId('public-page-link').getAttribute('href')).toBe(address);
		await device.close();
	});

	it('reads, without an account, on a phone in Dutch: dates, actions, only the published restitution', async () => {
		captureOnFailure('series-page-phone');
		const device = await launchDevice({ viewport: PHONE, locale: 'nl-BE', isMobile: true });
		const page = device.page;
		await page.goto(`${server.url}${address}`);
		await waitForHydration(page);
		expect(await page.locator('h1').textContent()).toContain(
			'Thematische overleggen van de zorgzone Noord-Oost'
		);
		const date = page.getByTestId('public-date');
		expect(await date.count()).toBe(1);
		expect(await date.textContent()).toContain('9u30');
		expect(await page.getByTestId('public-date-ics').getAttribute('href')).toMatch(
			/^\/api\/public\/series\/[A-Za-z0-9_-]{22}\/next-dates\/[0-9a-f]{16}\.ics$/
		);
		const action = page.getByTestId('public-action');
		expect(await action.getAttribute('data-status')).toBe('in_progress');
		expect(await action.textContent()).toContain(nlActions.status.in_progress);
		expect(await action.textContent()).toContain('De eerstelijnspsychologische ondersteuning');
		expect(await action.textContent()).toContain('six communes');
		const restitutions = page.getByTestId('public-restitution');
		expect(await restitutions.count()).toBe(1);
		expect(await page.getByTestId('public-restitutions').innerHTML()).toContain(
			`/restitutions/${published}.pdf`
		);
		expect(await page.getByTestId('public-restitutions').innerHTML()).not.toContain(
			`/restitutions/${unpublished}.`
		);
		await expectLegible(page, PHONE.width);
		if (SHOTS) await page.screenshot({ path: `${SHOTS}/series-public-phone.png`, fullPage: true });
		await expectNoAxeViolations(page, 'public page, phone, Dutch');

		// The interface language switcher: French, same page.
		await page.getByRole('button', { name: /FR/ }).click();
		await page.waitForURL(`${server.url}${address}`);
		await page.getByText(frActions.publicPage.kicker).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		await expectLegible(page, PHONE.width);
		await device.close();
	});

	it('is legible at laptop width, and its old address is a translated 404 once changed', async () => {
		captureOnFailure('series-page-404');
		const reader = await launchDevice({ viewport: LAPTOP, locale: 'nl-BE' });
		await reader.page.goto(`${server.url}${address}`);
		await expectLegible(reader.page, LAPTOP.width);
		if (SHOTS)
			await reader.page.screenshot({ path: `${SHOTS}/series-public-laptop.png`, fullPage: true });

		const device = await launchDevice({ viewport: LAPTOP });
		await device.context.addCookies([
			{ name: SESSION_COOKIE, value: coordinator, url: server.url }
		]);
		const page = device.page;
		await page.goto(`${server.url}/r/series/1`);
		await waitForHydration(page);
		const panel = page.getByTestId('public-page');
		await panel.getByRole('button', { name: frActions.seriesPage.regenerate }).click();
		await panel.getByRole('button', { name: frActions.seriesPage.regenerateYes }).click();
		await page.waitForFunction(
			(old) =>
				document.querySelector('[data-testid="public-page-link"]')?.getAttribute('href') !== old,
			address
		);

		const gone = await reader.page.goto(`${server.url}${address}`);
		expect(gone?.status()).toBe(404);
		expect(await reader.page.locator('[role="alert"]').textContent()).toBe(nlErrors.not_found);
		expect(await reader.page.content()).not.toContain('Noord-Oost');
		await expectNoAxeViolations(reader.page, 'public page 404');
	});
});

describe('a next date edited in place on the review page', () => {
	it('changes its times, refusing an end before the start beside the field', async () => {
		captureOnFailure('next-date-edit');
		const device = await launchDevice({ viewport: LAPTOP });
		await device.context.addCookies([
			{ name: SESSION_COOKIE, value: coordinator, url: server.url }
		]);
		const page = device.page;
		await page.goto(`${server.url}/r/${unpublished}`);
		await waitForHydration(page);
		await page.locator('summary', { hasText: frRestitution.review.nextDates }).click();
		await page.getByTestId('edit-next-date').click();
		const form = page.getByTestId('next-date-form');
		// The keyboard is taken to the form's first field.
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('next-labelFr');
		expect(
			await form.getByLabel(frRestitution.review.fields.time, { exact: true }).inputValue()
		).toBe('09:30');
		expect(await form.getByLabel(frRestitution.review.fields.place).inputValue()).toContain(
			'Maison des associations'
		);
		if (SHOTS)
			await page.screenshot({ path: `${SHOTS}/series-review-edit-date.png`, fullPage: true });
		await form.getByLabel(frRestitution.review.fields.time, { exact: true }).fill('14:00');
		await form.getByLabel(frRestitution.review.fields.endTime).fill('13:00');
		await form.getByRole('button', { name: frRestitution.nextDateEdit.save }).click();
		const endTime = page
			.getByTestId('next-date-form')
			.getByLabel(frRestitution.review.fields.endTime);
		await page.waitForFunction(
			() => document.querySelector('#next-endTime')?.getAttribute('aria-invalid') === 'true'
		);
		expect(await page.locator('#next-endTime-error').textContent()).toContain(
			frRestitution.errors.nextDate_endBeforeStart
		);
		// Still editing, with what was typed.
		expect(
			await page
				.getByTestId('next-date-form')
				.getByLabel(frRestitution.review.fields.time, { exact: true })
				.inputValue()
		).toBe('14:00');
		await endTime.fill('16:30');
		await page
			.getByTestId('next-date-form')
			.getByRole('button', { name: frRestitution.nextDateEdit.save })
			.click();
		await page.locator('.next-dates li', { hasText: '14:00–16:30' }).waitFor();
		expect(await page.locator('.next-dates li').count()).toBe(1);
		expect(
			await page
				.getByTestId('next-date-form')
				.getByRole('button', { name: frRestitution.review.addDate })
				.isVisible()
		).toBe(true);
		await expectNoAxeViolations(page, 'review page after editing a next date');
	});
});
