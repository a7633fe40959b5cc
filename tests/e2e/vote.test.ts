import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import frVote from '../../src/lib/i18n/locales/fr/vote.json';
import nlVote from '../../src/lib/i18n/locales/nl/vote.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	type Device
} from '../helpers/browser';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The vote in real browsers: the facilitator opens it from the console, three phones at
 * 360 px give 3, 2 and 1 points by tapping, the projector keeps the results hidden until the
 * facilitator closes and reveals, then shows the ranking with the tie marked.
 */

const OPTIONS = [
	{ fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
	{ fr: 'Santé mentale des jeunes', nl: 'Geestelijke gezondheid van jongeren' },
	{ fr: 'Travail en réseau', nl: 'Netwerking' },
	{ fr: 'Précarité énergétique', nl: 'Energiearmoede' },
	{ fr: 'Mobilité', nl: 'Mobiliteit' }
] as const;
const [A, B, C, D, E] = OPTIONS;

// A: 3 + 2 = 5 (one 3, one 2), B: 2 + 3 = 5 (one 3, one 2): an exact tie for first place.
// C: 1 + 3 = 4, D: 1 + 2 = 3, E: 1.
const BALLOTS = [
	[A, B, C],
	[B, A, D],
	[C, D, E]
];
const EXPECTED = [
	{ label: A.fr, rank: 1, points: 5, tied: true },
	{ label: B.fr, rank: 1, points: 5, tied: true },
	{ label: C.fr, rank: 3, points: 4, tied: false },
	{ label: D.fr, rank: 4, points: 3, tied: false },
	{ label: E.fr, rank: 5, points: 1, tied: false }
];

let server: RunningServer;
let token: string;
let concertation: { id: number; joinCode: string; screenKey: string };
let laptop: Device;
let projector: Device;
const phones: Device[] = [];

async function command(name: string, body: Record<string, unknown> = {}) {
	const { status, body: answer } = await api(
		server,
		'POST',
		`/api/concertations/${concertation.id}/commands/${name}`,
		{ token, body: { ...body, commandId: `e2e-${name}-${Math.random().toString(36).slice(2)}` } }
	);
	if (status !== 200) throw new Error(`${name}: ${status} ${JSON.stringify(answer)}`);
	return answer as { data: Record<string, unknown> };
}

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	concertation = await createConcertation(server, token);
	for (const option of OPTIONS)
		await command('vote.candidates.add', { labelFr: option.fr, labelNl: option.nl });
	const { body } = await api<{ sections: { programme: { id: number; kind: string }[] } }>(
		server,
		'GET',
		`/api/concertations/${concertation.id}`,
		{ token }
	);
	const votePhase = body.sections.programme.find((phase) => phase.kind === 'vote')!;
	await command('session.start');
	await command('phase.goto', { phaseId: votePhase.id });

	const devices = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.console }),
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true })
	]);
	laptop = devices[0]!;
	projector = devices[1]!;
	phones.push(...devices.slice(2));
	await laptop.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
	for (const [index, phone] of phones.entries()) {
		const person = await joinAsParticipant(server, concertation.joinCode, {
			displayName: `Téléphone ${index + 1}`,
			locale: 'fr'
		});
		await phone.context.addCookies([
			{ name: `concertation_p${concertation.id}`, value: person.token, url: server.url }
		]);
	}
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

async function barsOnProjector(page: Page) {
	return page.locator('[data-testid="vote-bar"]').evaluateAll((items) =>
		items.map((item) => ({
			label: item.querySelector('[lang="fr"]')?.textContent?.trim() ?? '',
			rank: Number(item.getAttribute('data-rank')),
			points: Number(item.querySelector('[data-testid="vote-points"]')?.textContent),
			tied: item.textContent?.includes('ex aequo') ?? false
		}))
	);
}

/** Everything fits on the projector: its phase area clips what overflows. */
async function expectFitsOnProjector() {
	const phaseArea = await projector.page
		.getByTestId('screen-phase')
		.evaluate((element) => ({ content: element.scrollHeight, visible: element.clientHeight }));
	expect(phaseArea.content).toBeLessThanOrEqual(phaseArea.visible);
}

async function expectNoHorizontalScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `horizontal scroll on ${page.url()}`).toBeLessThanOrEqual(VIEWPORTS.phone.width);
}

describe('the priority vote in real browsers', () => {
	it('three phones vote and the projector shows the expected ranking', async () => {
		captureOnFailure('vote');
		await laptop.page.goto(`${server.url}/f/${concertation.id}`);
		await projector.page.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		await Promise.all(
			phones.map((phone) => phone.page.goto(`${server.url}/j/${concertation.joinCode}`))
		);

		const console = laptop.page.getByTestId('vote-console');
		await console.waitFor();
		await expect
			.poll(() => laptop.page.getByTestId('vote-status').textContent())
			.toBe(frVote.status.draft);
		await phones[0]!.page.getByText(frVote.phone.notOpen).waitFor();

		await laptop.page.getByTestId('vote-open').click();
		await expect
			.poll(() => laptop.page.getByTestId('vote-status').textContent())
			.toBe(frVote.status.open);

		for (const [index, ballot] of BALLOTS.entries()) {
			const page = phones[index]!.page;
			await page.getByTestId('vote-option').first().waitFor();
			if (index === 0) {
				await expectNoHorizontalScroll(page);
				await expectNoAxeViolations(page, 'phone vote form');
			}
			for (const option of ballot) {
				await page.getByTestId('vote-option').filter({ hasText: option.fr }).click();
			}
			// The slots show the choices in point order before sending.
			await expect
				.poll(() => page.locator('.slots li.filled .slot-label').allTextContents())
				.toEqual(ballot.map((option) => option.fr));
			if (index === 0) await page.screenshot({ path: '/tmp/vote-phone-form.png', fullPage: true });
			await page.getByTestId('vote-send').click();
			await page.getByText(frVote.phone.recorded).waitFor();
			await expect
				.poll(() => page.locator('[data-testid="vote-ballot"] .slot-label').allTextContents())
				.toEqual(ballot.map((option) => option.fr));
		}
		await phones[0]!.page.screenshot({ path: '/tmp/vote-phone-recorded.png', fullPage: true });
		await expectNoHorizontalScroll(phones[0]!.page);
		await expectNoAxeViolations(phones[0]!.page, 'phone vote recorded');

		// Turnout live on the console; results visible to the facilitator only.
		await expect
			.poll(() => laptop.page.getByTestId('vote-turnout').textContent())
			.toBe(frVote.turnout_other.replace('{{count}}', '3').replace('{{present}}', '3'));
		await expect
			.poll(() => projector.page.getByTestId('vote-turnout').textContent())
			.toContain('3');
		expect(await projector.page.getByTestId('vote-bars').count()).toBe(0);
		await projector.page.getByText(frVote.screen.hidden).waitFor();
		await projector.page.getByText(nlVote.screen.hidden).waitFor();
		expect(await phones[0]!.page.getByTestId('vote-bars').count()).toBe(0);
		await projector.page.screenshot({ path: '/tmp/vote-projector-hidden.png' });
		await expectFitsOnProjector();

		await laptop.page.getByTestId('vote-close').click();
		// Closing the vote asks first (issue 12).
		await laptop.page.getByTestId('confirm-dialog-confirm').click();
		await expect
			.poll(() => laptop.page.getByTestId('vote-status').textContent())
			.toBe(frVote.status.closed);
		await laptop.page.getByTestId('vote-reveal').click();

		await expect.poll(() => barsOnProjector(projector.page)).toEqual(EXPECTED);
		// Labels in both languages on the projector.
		for (const option of OPTIONS) {
			await projector.page
				.locator('[data-testid="vote-bar"] [lang="nl"]', { hasText: option.nl })
				.waitFor();
		}
		await projector.page.waitForTimeout(700); // let the bars finish their transition
		await expectFitsOnProjector();
		await projector.page.screenshot({ path: '/tmp/vote-projector-ranking.png' });
		await expectNoAxeViolations(projector.page, 'projector vote ranking');

		// Phones see the revealed results too.
		await phones[2]!.page.getByTestId('vote-bars').waitFor();
		await phones[2]!.page.screenshot({ path: '/tmp/vote-phone-results.png', fullPage: true });

		// The default selection for the tables: the top 3.
		await expect
			.poll(() =>
				laptop.page.locator('[data-testid="vote-priorities"] li > span').allTextContents()
			)
			.toEqual([A.fr, B.fr, C.fr]);
		await laptop.page.screenshot({ path: '/tmp/vote-console.png', fullPage: true });
		await expectNoAxeViolations(laptop.page, 'console vote panel');
	});
});
