import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import nlCommon from '../../src/lib/i18n/locales/nl/common.json';
import {
	captureOnFailure,
	closeAllDevices,
	launchDevice,
	VIEWPORTS,
	waitForHydration
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
 * The whole flow in real browsers against the built server: a facilitator signs in and
 * creates a concertation through the forms, a projector and two phones follow the console
 * through the eight phases of the standard programme, and everything survives a reload.
 */

const PHASES = [
	{ kind: 'introduction', fr: 'Introduction', nl: 'Inleiding' },
	{ kind: 'tour', fr: 'Tour de table', nl: 'Voorstellingsronde' },
	{ kind: 'news', fr: 'Actualités du secteur', nl: 'Nieuws uit de sector' },
	{ kind: 'needs', fr: 'Veille des besoins', nl: 'Monitoring van de behoeften' },
	{
		kind: 'topics',
		fr: 'Questions du jour et sujets proposés',
		nl: 'Vragen van de dag en voorgestelde onderwerpen'
	},
	{ kind: 'vote', fr: 'Vote des priorités', nl: 'Stemming over de prioriteiten' },
	{ kind: 'tables', fr: 'Tables de discussion', nl: 'Discussietafels' },
	{
		kind: 'restitution',
		fr: 'Restitution et prochaines étapes',
		nl: 'Terugkoppeling en volgende stappen'
	}
] as const;

const TITLE_FR = 'Santé mentale et logement';
const TITLE_NL = 'Geestelijke gezondheid en huisvesting';

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

const phaseSelector = (testId: string, kind: string) =>
	`[data-testid="${testId}"][data-phase-kind="${kind}"]`;

const hello = (template: string, name: string) => template.replace('{{name}}', name);

async function joinFromHome(
	page: Page,
	code: string,
	person: { name: string; organisation: string; sector: string; locale: 'fr' | 'nl' }
) {
	await page.goto(`${server.url}/`);
	await waitForHydration(page);
	// Typed as people do: lower case, with the space shown on the projector.
	await page.locator('#code').fill(`${code.slice(0, 3)} ${code.slice(3)}`.toLowerCase());
	await Promise.all([
		page.waitForURL(`${server.url}/j/${code}`),
		page.locator('main form button[type="submit"]').click()
	]);
	await waitForHydration(page);
	await page.locator('#displayName').fill(person.name);
	await page.locator('#organisation').fill(person.organisation);
	await page.locator('#sector').selectOption(person.sector);
	await page.locator(`input[name="locale"][value="${person.locale}"]`).check();
	await page.locator('input[name="consentAttendance"]').check();
	await page.locator('main form button[type="submit"]').click();
	const texts = person.locale === 'nl' ? nlCommon : frCommon;
	await page.getByText(hello(texts.participant.hello, person.name)).waitFor();
}

interface Probe {
	clickedAt?: number;
	timerTexts?: string[];
	phaseSeen?: Record<string, number>;
}

/** Runs in a phone: notes when each phase kind first appears in the DOM (epoch ms). */
function watchPhaseKinds() {
	const probe = window as Probe;
	probe.phaseSeen = {};
	const check = () => {
		const kind = document
			.querySelector('[data-testid="current-phase"]')
			?.getAttribute('data-phase-kind');
		if (kind && probe.phaseSeen && !(kind in probe.phaseSeen)) probe.phaseSeen[kind] = Date.now();
	};
	new MutationObserver(check).observe(document.body, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-phase-kind']
	});
}

/** Runs in the console: notes every text its countdowns show. */
function watchTimers() {
	const probe = window as Probe;
	probe.timerTexts = [];
	new MutationObserver(() => {
		for (const timer of document.querySelectorAll('[role="timer"]')) {
			// The visible digits only (the hidden "paused" note is a child element).
			const digits = timer.firstChild?.textContent?.trim();
			if (digits && probe.timerTexts?.at(-1) !== digits) probe.timerTexts?.push(digits);
		}
	}).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** "15:00" or "1:05:00" → seconds. */
function seconds(shown: string): number {
	return shown
		.replace('−', '-')
		.split(':')
		.reduce((total, part) => total * 60 + Number(part), 0);
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('a live concertation in real browsers', () => {
	it('runs from sign-in to the last phase, phones and projector following live', async () => {
		captureOnFailure('live-session');
		const facilitator = await launchDevice({ viewport: VIEWPORTS.console });
		const console_ = facilitator.page;

		// Sign in through the real form, then come back to the list.
		await console_.goto(`${server.url}/f`);
		await console_.waitForURL(/\/f\/login\?redirectTo=/);
		await waitForHydration(console_);
		await console_.locator('#email').fill(ADMIN_EMAIL);
		await console_.locator('#password').fill(ADMIN_PASSWORD);
		await Promise.all([
			console_.waitForURL(`${server.url}/f`),
			console_.locator('main form button[type="submit"]').click()
		]);

		// Create the concertation through the real create form.
		await waitForHydration(console_);
		await console_.locator('#titleFr').fill(TITLE_FR);
		await console_.locator('#titleNl').fill(TITLE_NL);
		await console_.locator('#number').fill('12');
		await console_.locator('#place').fill('Bruxelles, rue Royale 1');
		await console_.locator('#date').fill('2024-09-23');
		await console_.locator('#startTime').fill('09:30');
		await Promise.all([
			console_.waitForURL(/\/f\/\d+$/),
			console_.locator('form[action="?/create"] button[type="submit"]').click()
		]);
		await expect.poll(() => console_.locator('h1').textContent()).toBe(TITLE_FR);
		await expect
			.poll(() => console_.getByTestId('session-status').textContent())
			.toBe(frCommon.status.draft);
		const code = (await console_.getByTestId('join-code').textContent())?.trim() ?? '';
		expect(code).toMatch(/^[A-Z0-9]{6}$/);

		// The projector, opened from the console's link, in its own browser.
		const screenHref = await console_
			.getByRole('link', { name: frCommon.console.openScreen })
			.getAttribute('href');
		expect(screenHref).toMatch(/^\/s\/\d+\?key=/);
		const projector = await launchDevice({ viewport: VIEWPORTS.projector });
		const screen = projector.page;
		await screen.goto(`${server.url}${screenHref}`);
		await expect
			.poll(() => screen.getByTestId('screen-join-code').getAttribute('aria-label'))
			.toBe(code);
		await screen.waitForSelector(phaseSelector('screen-phase', ''), { state: 'attached' });
		await screen.screenshot({ path: '/tmp/e2e-projector-waiting.png' });

		// Two phones, each its own browser: one stays in French, one chooses Dutch.
		const anneDevice = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		const joostDevice = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		const anne = anneDevice.page;
		const joost = joostDevice.page;
		await joinFromHome(anne, code, {
			name: 'Anne Dupont',
			organisation: 'SSM Le Méridien',
			sector: 'mental_health',
			locale: 'fr'
		});
		await joinFromHome(joost, code, {
			name: 'Joost Peeters',
			organisation: 'CAW Brussel',
			sector: 'social',
			locale: 'nl'
		});
		await anne.getByRole('heading', { name: frCommon.participant.waitingTitle }).waitFor();
		await joost.getByRole('heading', { name: nlCommon.participant.waitingTitle }).waitFor();
		// The page now speaks Dutch: screen readers must be told so (WCAG 3.1.1).
		expect
			.soft(await joost.locator('html').getAttribute('lang'), '<html lang> after choosing Dutch')
			.toBe('nl');
		await anne.screenshot({ path: '/tmp/e2e-phone-waiting.png', fullPage: true });

		// Everybody counts two participants.
		await expect.poll(() => console_.getByTestId('joined-count').textContent()).toBe('2');
		await expect
			.poll(() => screen.locator('[data-testid="screen-joined"] strong').textContent())
			.toBe('2');
		await expect.poll(() => console_.locator('.people li').allTextContents()).toHaveLength(2);
		const people = (await console_.locator('.people').textContent()) ?? '';
		expect(people).toContain('Anne Dupont');
		expect(people).toContain('Joost Peeters');

		// Start, then next, next… through all eight phases; time the propagation to phones.
		// Two measures: the test's own (click → both waitForSelector resolved, an upper bound
		// that includes Playwright's round trips) and the pages' (the console's click event →
		// the DOM mutation on each phone, all read from the same machine's clock).
		await console_.evaluate(() => {
			document.addEventListener('click', () => ((window as Probe).clickedAt = Date.now()), {
				capture: true
			});
		});
		for (const phone of [anne, joost]) await phone.evaluate(watchPhaseKinds);
		await console_.evaluate(watchTimers);
		const timings: number[] = [];
		const inPage: number[] = [];
		for (const [index, phase] of PHASES.entries()) {
			let button =
				index === 0
					? console_.getByRole('button', { name: frCommon.console.start })
					: console_.getByRole('button', { name: frCommon.console.next });
			await button.waitFor();
			await expect.poll(() => button.isEnabled()).toBe(true);
			if (PHASES[index - 1]?.kind === 'tables') {
				// Leaving the open tables asks first (issue 12): the timed click is the answer.
				await button.click();
				button = console_.getByTestId('confirm-dialog-confirm');
				await button.waitFor();
			}
			const clickedAt = performance.now();
			await Promise.all([
				button.click(),
				anne.waitForSelector(phaseSelector('current-phase', phase.kind)),
				joost.waitForSelector(phaseSelector('current-phase', phase.kind))
			]);
			const elapsed = performance.now() - clickedAt;
			timings.push(elapsed);
			const clickedInPage = await console_.evaluate(() => (window as Probe).clickedAt ?? 0);
			const seenOnPhones = await Promise.all(
				[anne, joost].map((phone) =>
					phone.evaluate((kind) => (window as Probe).phaseSeen?.[kind] ?? 0, phase.kind)
				)
			);
			inPage.push(Math.max(...seenOnPhones) - clickedInPage);
			await screen.waitForSelector(phaseSelector('screen-phase', phase.kind));
			await console_.waitForSelector(`.phases li[aria-current="step"]:nth-child(${index + 1})`);

			await expect
				.poll(() => anne.locator('[data-testid="current-phase"] h2').textContent())
				.toBe(phase.fr);
			await expect
				.poll(() => joost.locator('[data-testid="current-phase"] h2').textContent())
				.toBe(phase.nl);
			await expect
				.poll(() => screen.locator('[data-testid="screen-phase"] h1').allTextContents())
				.toEqual([phase.fr, phase.nl]);
			expect(elapsed, `phase ${phase.kind} reached both phones`).toBeLessThan(1000);

			if (index === 0) {
				// The introduction lasts 15 minutes: the console's countdown must never show more,
				// not even for the first frame after "start".
				await console_.getByRole('timer').waitFor();
				const shown = await console_.evaluate(() => (window as Probe).timerTexts ?? []);
				expect(shown.length).toBeGreaterThan(0);
				expect
					.soft(Math.max(...shown.map(seconds)), `console countdown showed ${shown.join(', ')}`)
					.toBeLessThanOrEqual(15 * 60);
				await expect
					.poll(() => console_.getByTestId('session-status').textContent())
					.toBe(frCommon.status.live);
				await expect
					.poll(() => joost.locator('[data-testid="current-phase"] .step').textContent())
					.toBe(nlCommon.phase.step.replace('{{index}}', '1').replace('{{total}}', '8'));
				await anne.screenshot({ path: '/tmp/e2e-phone-live.png', fullPage: true });
				await joost.screenshot({ path: '/tmp/e2e-phone-live-nl.png', fullPage: true });
				await screen.screenshot({ path: '/tmp/e2e-projector-live.png' });
				await console_.screenshot({ path: '/tmp/e2e-console-live.png', fullPage: true });
			}
		}
		const rounded = timings.map(Math.round);
		console.log(
			`phase propagation: median ${Math.round(median(timings))} ms, max ${Math.max(...rounded)} ms over ${timings.length} steps (${rounded.join(', ')} ms)\n` +
				`  in-page (click event → DOM on the slower phone): median ${Math.round(median(inPage))} ms, max ${Math.max(...inPage)} ms (${inPage.join(', ')} ms)`
		);
		expect(timings).toHaveLength(8);
		for (const latency of inPage) expect(latency).toBeGreaterThanOrEqual(0);
		// The last phase: "next" is disabled, there is nowhere further to go.
		await expect
			.poll(() => console_.getByRole('button', { name: frCommon.console.next }).isDisabled())
			.toBe(true);

		// A reload restores the current phase, and the phone is still the same participant.
		await Promise.all([joost.reload(), screen.reload()]);
		await joost.waitForSelector(phaseSelector('current-phase', 'restitution'));
		await screen.waitForSelector(phaseSelector('screen-phase', 'restitution'));
		await joost.getByText(hello(nlCommon.participant.hello, 'Joost Peeters')).waitFor();
		expect(await joost.locator('#displayName').count()).toBe(0);
		expect(await joost.locator('html').getAttribute('lang')).toBe('nl');
		await expect
			.poll(() => joost.locator('[data-testid="current-phase"] h2').textContent())
			.toBe(PHASES[7].nl);
		await expect
			.poll(() => screen.locator('[data-testid="screen-joined"] strong').textContent())
			.toBe('2');

		// Going home and typing the code again does not make a second participant.
		await anne.goto(`${server.url}/j/${code}`);
		await anne.waitForSelector(phaseSelector('current-phase', 'restitution'));
		await anne.getByText(hello(frCommon.participant.hello, 'Anne Dupont')).waitFor();
		expect(await anne.locator('#displayName').count()).toBe(0);
		await expect.poll(() => console_.getByTestId('joined-count').textContent()).toBe('2');

		await screen.screenshot({ path: '/tmp/e2e-projector-last.png' });
		await joost.screenshot({ path: '/tmp/e2e-phone-last-nl.png', fullPage: true });

		const pageErrors = [facilitator, projector, anneDevice, joostDevice].flatMap((device) =>
			device.logs.filter((line) => line.startsWith('[pageerror]'))
		);
		expect(pageErrors).toEqual([]);
	});
});

describe('a phone on slow venue Wi-Fi', () => {
	it('keeps what was typed in the join form before the page finished loading', async () => {
		captureOnFailure('slow-join');
		const token = await signIn(server);
		const concertation = await createConcertation(server, token);
		const phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		try {
			// Hold the app's scripts back, as a slow network would, while the person types.
			let release!: () => void;
			const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
			await phone.page.route('**/_app/immutable/**/*.js', async (route) => {
				await scriptsHeld;
				await route.continue();
			});
			await phone.page.goto(`${server.url}/j/${concertation.joinCode}`, {
				waitUntil: 'domcontentloaded'
			});
			await phone.page.locator('#displayName').fill('Early Bird');
			await phone.page.locator('#organisation').fill('Huis van het Nederlands');
			await phone.page.locator('#sector').selectOption('social');
			await phone.page.locator('input[name="locale"][value="nl"]').check();
			await phone.page.locator('input[name="consentAttendance"]').check();
			release();
			await waitForHydration(phone.page);

			const form = await phone.page.evaluate(() => {
				const input = (selector: string) => document.querySelector<HTMLInputElement>(selector)!;
				return {
					displayName: input('#displayName').value,
					organisation: input('#organisation').value,
					sector: document.querySelector<HTMLSelectElement>('#sector')!.value,
					dutch: input('input[name="locale"][value="nl"]').checked,
					consent: input('input[name="consentAttendance"]').checked
				};
			});
			expect(form).toEqual({
				displayName: 'Early Bird',
				organisation: 'Huis van het Nederlands',
				sector: 'social',
				dutch: true,
				consent: true
			});
		} finally {
			await phone.close();
		}
	});
});
