import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import nlCommon from '../../src/lib/i18n/locales/nl/common.json';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import nlErrors from '../../src/lib/i18n/locales/nl/errors.json';
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
	ADMIN_EMAIL,
	ADMIN_PASSWORD,
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Every page of the app through axe-core (WCAG 2 A + AA), in real browsers at the sizes they are
 * used at: phones at 360 px, the console on a laptop, the projector at 1920×1080. Plus what a
 * hostile or lost participant can do: an unknown code, and markup as a display name.
 */

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

let server: RunningServer;
let concertation: { id: number; joinCode: string; screenKey: string };
let facilitator: Device;
let phone: Device;
let projector: Device;
/** Every JavaScript dialog any page opened (there must be none). */
const dialogs: string[] = [];

beforeAll(async () => {
	server = await startServer();
	const token = await signIn(server);
	concertation = await createConcertation(server, token, { place: 'Bruxelles' });
	[facilitator, phone, projector] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.console }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true }),
		launchDevice({ viewport: VIEWPORTS.projector })
	]);
	// The console's device is signed in already (the sign-in form has its own test below).
	await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
	for (const device of [facilitator, phone, projector]) {
		device.page.on('dialog', (dialog) => {
			dialogs.push(`${dialog.type()}: ${dialog.message()}`);
			void dialog.dismiss();
		});
	}
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

/** The page fits the phone's width: nothing to scroll sideways. */
async function expectNoHorizontalScroll(page: Page, width = VIEWPORTS.phone.width) {
	const sizes = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		bodyScrollWidth: document.body.scrollWidth
	}));
	expect(sizes.scrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(width);
	expect(sizes.bodyScrollWidth, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(width);
}

describe('phone pages', () => {
	it('home and join form: no axe violations, no horizontal scroll at 360 px', async () => {
		captureOnFailure('a11y-phone');
		const page = phone.page;
		await page.goto(`${server.url}/`);
		await waitForHydration(page);
		await expectNoAxeViolations(page, 'home /');
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: '/tmp/e2e-phone-home.png', fullPage: true });

		// A well-formed code nobody uses: the error is announced and tied to the field.
		await page.locator('#code').fill('ZZZ ZZZ');
		await page.locator('main form button[type="submit"]').click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toBe(
			frErrors.unknown_code.replace('{{code}}', 'ZZZZZZ')
		);
		expect(await page.locator('#code').getAttribute('aria-invalid')).toBe('true');
		await expectNoAxeViolations(page, 'home / with an unknown code');
		await expectNoHorizontalScroll(page);

		await page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(page);
		await page.locator('#displayName').waitFor();
		await expectNoAxeViolations(page, 'join form /j/<code>');
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: '/tmp/e2e-phone-join-form.png', fullPage: true });

		// A name of spaces passes the browser's `required` check but not the server's: the
		// error comes back as an alert and the page stays accessible.
		await page.locator('#displayName').fill('   ');
		await page.locator('main form button[type="submit"]').click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toBe(frErrors.tour_name_required);
		await expectNoAxeViolations(page, 'join form with an error');
		await expectNoHorizontalScroll(page);
	});

	it('an unknown code /j/ZZZZZZ is a translated 404 page', async () => {
		captureOnFailure('a11y-404');
		const response = await phone.page.goto(`${server.url}/j/ZZZZZZ`);
		expect(response?.status()).toBe(404);
		await expect
			.poll(() => phone.page.getByRole('heading', { level: 1 }).textContent())
			.toBe(frCommon.join.unknownTitle);
		const message = phone.page.getByRole('alert');
		expect(await message.isVisible()).toBe(true);
		expect(await message.textContent()).toBe(frErrors.unknown_code.replace('{{code}}', 'ZZZZZZ'));
		expect(
			await phone.page.getByRole('link', { name: frCommon.join.tryAnother }).getAttribute('href')
		).toBe('/');
		await expectNoAxeViolations(phone.page, '404 /j/ZZZZZZ');
		await expectNoHorizontalScroll(phone.page);
		await phone.page.screenshot({ path: '/tmp/e2e-phone-404.png', fullPage: true });

		// The same page for a phone set to Dutch.
		const dutchPhone = await launchDevice({
			viewport: VIEWPORTS.phone,
			isMobile: true,
			locale: 'nl-BE'
		});
		try {
			const dutch = await dutchPhone.page.goto(`${server.url}/j/ZZZZZZ`);
			expect(dutch?.status()).toBe(404);
			expect(await dutchPhone.page.locator('html').getAttribute('lang')).toBe('nl');
			await expect
				.poll(() => dutchPhone.page.getByRole('heading', { level: 1 }).textContent())
				.toBe(nlCommon.join.unknownTitle);
			expect(await dutchPhone.page.getByRole('alert').textContent()).toBe(
				nlErrors.unknown_code.replace('{{code}}', 'ZZZZZZ')
			);
		} finally {
			await dutchPhone.close();
		}
	});
});

describe('addresses that lead nowhere', () => {
	it('answer a translated page with the way back that fits who asked', async () => {
		captureOnFailure('a11y-bad-addresses');
		// A link mangled in a message: a broken %-escape the router cannot read.
		const broken = await phone.page.goto(`${server.url}/j/%ZZ`);
		expect(broken?.status()).toBe(400);
		expect(await phone.page.getByRole('heading', { level: 1 }).textContent()).toBe(
			frCommon.errorTitle
		);
		expect(await phone.page.getByRole('alert').textContent()).toBe(frErrors.bad_address);
		expect(
			await phone.page.getByRole('link', { name: frCommon.join.tryAnother }).getAttribute('href')
		).toBe('/');
		await expectNoAxeViolations(phone.page, '400 /j/%ZZ');

		// A facilitator's page of a concertation that does not exist (deleted, mistyped).
		for (const address of ['/f/99999', '/f/abc/edit', '/r/99999']) {
			const missing = await facilitator.page.goto(`${server.url}${address}`);
			expect(missing?.status(), address).toBe(404);
			expect(await facilitator.page.getByRole('heading', { level: 1 }).textContent()).toBe(
				frCommon.notFoundTitle
			);
			expect(await facilitator.page.getByRole('alert').textContent()).toBe(frErrors.not_found);
			expect(
				await facilitator.page
					.getByRole('link', { name: frCommon.nav.concertations })
					.last()
					.getAttribute('href')
			).toBe('/f');
		}
		await expectNoAxeViolations(facilitator.page, '404 /r/99999');
	});
});

describe('facilitator pages', () => {
	it('login page: no axe violations, and the form signs in', async () => {
		captureOnFailure('a11y-login');
		const laptop = await launchDevice({ viewport: VIEWPORTS.console });
		try {
			await laptop.page.goto(`${server.url}/f/login`);
			await waitForHydration(laptop.page);
			await expectNoAxeViolations(laptop.page, 'login /f/login');
			await laptop.page.locator('#email').fill(ADMIN_EMAIL);
			await laptop.page.locator('#password').fill('not the password');
			await laptop.page.locator('main form button[type="submit"]').click();
			await laptop.page.getByRole('alert').waitFor();
			await expectNoAxeViolations(laptop.page, 'login with an error');
			await laptop.page.locator('#password').fill(ADMIN_PASSWORD);
			await Promise.all([
				laptop.page.waitForURL(`${server.url}/f`),
				laptop.page.locator('main form button[type="submit"]').click()
			]);
			expect(await laptop.page.getByRole('heading', { level: 1 }).textContent()).toBe(
				frCommon.list.title
			);
		} finally {
			await laptop.close();
		}
	});

	it('list, console, edit page and projector: no axe violations', async () => {
		captureOnFailure('a11y-facilitator');
		const page = facilitator.page;
		await page.goto(`${server.url}/f`);
		await page.locator('#titleFr').waitFor();
		await expectNoAxeViolations(page, 'list /f');

		await page.goto(`${server.url}/f/${concertation.id}`);
		await page.getByTestId('session-status').waitFor();
		await expectNoAxeViolations(page, 'console /f/<id>');

		await page.goto(`${server.url}/f/${concertation.id}/edit`);
		await page.locator('#sectors').waitFor();
		await expectNoAxeViolations(page, 'edit /f/<id>/edit');

		await projector.page.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		await expect
			.poll(() => projector.page.getByTestId('screen-joined').locator('strong').textContent())
			.toBe('0');
		await expectNoAxeViolations(projector.page, 'projector /s/<id> (waiting)');
	});
});

describe('a participant, live', () => {
	it('live page passes axe; a hostile display name is only text on the console', async () => {
		captureOnFailure('a11y-live');
		const page = phone.page;
		await page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(page);
		await page.locator('#displayName').fill(HOSTILE_NAME);
		await page.locator('#organisation').fill('<b>bold</b> & "quotes"');
		await page.locator('input[name="consentAttendance"]').check();
		await page.locator('main form button[type="submit"]').click();
		await page.getByText(frCommon.participant.hello.replace('{{name}}', HOSTILE_NAME)).waitFor();
		await page.getByRole('heading', { name: frCommon.participant.waitingTitle }).waitFor();
		expect(await page.locator('main img').count()).toBe(0);
		await expectNoAxeViolations(page, 'participant live page (waiting)');
		await expectNoHorizontalScroll(page);

		// The console lists the name as typed, as text: no element made of it, no script run.
		const console_ = facilitator.page;
		await console_.goto(`${server.url}/f/${concertation.id}`);
		await expect.poll(() => console_.getByTestId('joined-count').textContent()).toBe('1');
		const person = console_.locator('.people li').first();
		await expect.poll(() => person.locator('strong').textContent()).toBe(HOSTILE_NAME);
		expect(await person.textContent()).toContain('<b>bold</b> & "quotes"');
		expect(await console_.locator('main img, main b').count()).toBe(0);
		expect(await console_.locator('img[src="x"]').count()).toBe(0);

		// The projector counts the participant; names never go up on the wall.
		await expect
			.poll(() => projector.page.getByTestId('screen-joined').locator('strong').textContent())
			.toBe('1');
		expect(await projector.page.locator('body').textContent()).not.toContain('onerror');

		// Start the session: the phone shows the first phase, still accessible and narrow.
		await console_.getByRole('button', { name: frCommon.console.start }).click();
		await page.waitForSelector('[data-testid="current-phase"][data-phase-kind="introduction"]');
		await page.getByRole('timer').waitFor();
		await expectNoAxeViolations(page, 'participant live page (phase)');
		await expectNoHorizontalScroll(page);
		await page.screenshot({ path: '/tmp/e2e-phone-live-hostile.png', fullPage: true });

		await console_.waitForSelector('.phases li[aria-current="step"]');
		await expectNoAxeViolations(console_, 'console /f/<id> (live)');
		await console_.screenshot({ path: '/tmp/e2e-console-hostile.png', fullPage: true });

		await projector.page.waitForSelector(
			'[data-testid="screen-phase"][data-phase-kind="introduction"]'
		);
		await expectNoAxeViolations(projector.page, 'projector /s/<id> (phase)');

		expect(dialogs).toEqual([]);
	});
});

describe('the projector at 1920×1080', () => {
	it('keeps the join code, QR code and count on screen when a phase has a long text', async () => {
		captureOnFailure('a11y-projector-long');
		const token = await signIn(server);
		const long = await createConcertation(server, token, {
			titleFr: 'Santé mentale, logement et accompagnement des personnes en grande précarité',
			titleNl: 'Geestelijke gezondheid, huisvesting en begeleiding van mensen in grote armoede'
		});
		// A realistic paragraph of instructions (600 characters; the limit is 4000).
		const paragraph = (sentence: string) =>
			sentence.repeat(Math.ceil(600 / sentence.length)).slice(0, 600);
		const page = facilitator.page;
		await page.goto(`${server.url}/f/${long.id}/edit`);
		await waitForHydration(page);
		const firstPhase = page.locator('form[action="?/phase"]').first();
		await firstPhase
			.locator('input[name="titleFr"]')
			.fill('Introduction et présentation des objectifs de la matinée');
		await firstPhase
			.locator('input[name="titleNl"]')
			.fill('Inleiding en voorstelling van de doelstellingen van de voormiddag');
		await firstPhase
			.locator('textarea[name="bodyFr"]')
			.fill(
				paragraph(
					'Nous présentons le contexte, les rôles de chacun et les objectifs de la matinée. '
				)
			);
		await firstPhase
			.locator('textarea[name="bodyNl"]')
			.fill(
				paragraph('We stellen de context, ieders rol en de doelstellingen van de voormiddag voor. ')
			);
		await firstPhase.locator('button[type="submit"]').click();
		await page.getByRole('status').waitFor();

		const screen = projector.page;
		await screen.goto(`${server.url}/s/${long.id}?key=${encodeURIComponent(long.screenKey)}`);
		await screen.getByTestId('screen-join-code').waitFor();
		await page.goto(`${server.url}/f/${long.id}`);
		await page.getByRole('button', { name: frCommon.console.start }).click();
		await screen.waitForSelector('[data-testid="screen-phase"][data-phase-kind="introduction"]');
		await screen.screenshot({ path: '/tmp/e2e-projector-long-text.png' });

		const layout = await screen.evaluate(() => {
			const bottom = (selector: string) =>
				document.querySelector(selector)?.getBoundingClientRect().bottom ?? Infinity;
			return {
				viewport: window.innerHeight,
				scrollHeight: document.documentElement.scrollHeight,
				code: bottom('[data-testid="screen-join-code"]'),
				joined: bottom('[data-testid="screen-joined"]')
			};
		});
		expect
			.soft(layout.code, 'join code below the bottom of the screen')
			.toBeLessThanOrEqual(layout.viewport);
		expect
			.soft(layout.joined, 'participant count below the bottom of the screen')
			.toBeLessThanOrEqual(layout.viewport);
		expect
			.soft(layout.scrollHeight, 'the projector page is taller than the screen')
			.toBeLessThanOrEqual(layout.viewport);
	});
});
