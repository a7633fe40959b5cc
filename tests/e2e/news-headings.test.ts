import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	VIEWPORTS,
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration
} from '../helpers/browser';
import {
	expectLegible,
	expectPhaseAreaHoldsAll,
	sessionAtStep,
	showOnProjector
} from '../helpers/projector';
import { signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * News by heading as the room sees it: the console (1366×768) creates two headings and puts
 * news under them; the projector at 1920×1080 and 1280×720 shows both groups, legibly, each
 * heading above its news; a 360×740 phone shows the groups; deleting a heading that has news
 * asks first and loses nothing. Screenshots go to /tmp/news-headings-shots.
 */
const SHOTS = '/tmp/news-headings-shots';
let server: RunningServer;
let token: string;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

const NEWS = [
	{ titleFr: 'Bienvenue à la concertation', titleNl: 'Welkom op het overleg' },
	{
		titleFr: 'Nouveau décret sur la première ligne de soins',
		titleNl: 'Nieuw decreet over de eerstelijnszorg',
		textFr: 'Entrée en vigueur le 1er janvier : ce qui change pour les zones.',
		textNl: 'Van kracht op 1 januari: wat er verandert voor de zones.'
	},
	{
		titleFr: 'La zone Nord-Ouest ouvre une antenne à Jette',
		titleNl: 'De zone Noord-West opent een antenne in Jette',
		startDate: '2024-10-15'
	},
	{
		titleFr: 'Ganshoren : fête de quartier solidaire',
		titleNl: 'Ganshoren: solidair wijkfeest'
	}
];
const HEADINGS = [
	{ fr: 'Législation et contexte', nl: 'Wetgeving en context' },
	{ fr: 'Nouvelles des zones', nl: 'Nieuws uit de zones' }
];
/** "FR · NL" as read: the separator is spaced by its margins, not by spaces. */
const spaced = (text: string) => text.replace(/\s*·\s*/, ' · ').trim();
const CONTENT = [
	'[data-testid="screen-news"] .news-title',
	'[data-testid="screen-news-heading"] span[lang]'
];

describe('news by heading', () => {
	it('the console creates two headings and assigns news; projector and phone show both groups', async () => {
		captureOnFailure('news-headings');
		const { concertation, command } = await sessionAtStep(server, token, 'news');
		const ids: number[] = [];
		for (const item of NEWS) ids.push(Number((await command('news.save', item)).id));

		// The console, at the news step: two headings through the form.
		const desk = await launchDevice({ viewport: { width: 1366, height: 768 } });
		await desk.context.addCookies([
			{ name: 'concertation_session', value: token, url: server.url }
		]);
		await desk.page.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(desk.page);
		const headings = desk.page.getByTestId('news-headings');
		await headings.waitFor();
		for (const heading of HEADINGS) {
			await desk.page.fill('#news-heading-fr', heading.fr);
			await desk.page.fill('#news-heading-nl', heading.nl);
			const count = await headings.getByTestId('news-heading').count();
			await headings.getByRole('button', { name: 'Ajouter la rubrique' }).click();
			await expect.poll(() => headings.getByTestId('news-heading').count()).toBe(count + 1);
		}
		// Each item under its heading, from its own select; the first stays under none.
		const selectFor = (title: string) =>
			desk.page.getByRole('combobox', { name: `Rubrique de « ${title} »` });
		await selectFor(NEWS[1]!.titleFr).selectOption({ label: HEADINGS[0]!.fr });
		await expect
			.poll(() => desk.page.getByTestId('news-console-group').allInnerTexts())
			.toEqual([HEADINGS[0]!.fr]);
		await selectFor(NEWS[2]!.titleFr).selectOption({ label: HEADINGS[1]!.fr });
		await expect.poll(() => desk.page.getByTestId('news-console-group').count()).toBe(2);
		await selectFor(NEWS[3]!.titleFr).selectOption({ label: HEADINGS[1]!.fr });
		await expect
			.poll(() => desk.page.getByTestId('news-console-group').allInnerTexts())
			.toEqual([HEADINGS[0]!.fr, HEADINGS[1]!.fr]);
		await desk.page.screenshot({ path: `${SHOTS}/console-1366x768.png`, fullPage: true });
		await expectNoAxeViolations(desk.page, 'news console with headings');

		// The projector: both groups, each heading above its news, legible, nothing cut.
		const projector = await launchDevice({ viewport: VIEWPORTS.projector });
		await showOnProjector(projector.page, server, concertation, 'news');
		const screenHeadings = projector.page.getByTestId('screen-news-heading');
		await expect.poll(() => screenHeadings.count()).toBe(2);
		for (const viewport of [VIEWPORTS.projector, { width: 1280, height: 720 }]) {
			await projector.page.setViewportSize(viewport);
			const label = `projector ${viewport.width}×${viewport.height}`;
			await expect.poll(() => screenHeadings.count()).toBe(2);
			await projector.page.waitForTimeout(300);
			expect((await screenHeadings.allInnerTexts()).map(spaced)).toEqual([
				`${HEADINGS[0]!.fr} · ${HEADINGS[0]!.nl}`,
				`${HEADINGS[1]!.fr} · ${HEADINGS[1]!.nl}`
			]);
			// The order on screen: the news without heading, then each heading over its news.
			const order = await projector.page.evaluate(() =>
				[
					...document.querySelectorAll(
						'[data-testid="screen-news-heading"], [data-testid="screen-news"] .news-title [lang="fr"]'
					)
				].map((element) => (element as HTMLElement).innerText.trim())
			);
			order.forEach((text, index) => (order[index] = spaced(text)));
			expect(order).toEqual([
				NEWS[0]!.titleFr,
				`${HEADINGS[0]!.fr} · ${HEADINGS[0]!.nl}`,
				NEWS[1]!.titleFr,
				`${HEADINGS[1]!.fr} · ${HEADINGS[1]!.nl}`,
				NEWS[2]!.titleFr,
				NEWS[3]!.titleFr
			]);
			// Every heading on the first page, whole: all four items fit on one page.
			expect(await projector.page.getByTestId('screen-page').count()).toBe(0);
			await expectLegible(projector.page, label, CONTENT);
			await expectPhaseAreaHoldsAll(projector.page, label);
			await projector.page.screenshot({
				path: `${SHOTS}/projector-${viewport.width}x${viewport.height}.png`
			});
		}

		// One at a time: the item shown carries its heading above it.
		await command('news.display', { mode: 'single', currentId: ids[2] });
		await expect
			.poll(async () => (await screenHeadings.allInnerTexts()).map(spaced))
			.toEqual([`${HEADINGS[1]!.fr} · ${HEADINGS[1]!.nl}`]);
		await expectLegible(projector.page, 'one at a time', CONTENT);
		await projector.page.screenshot({ path: `${SHOTS}/projector-single-1280x720.png` });
		await command('news.display', { mode: 'list' });
		await expect.poll(() => screenHeadings.count()).toBe(2);

		// The restitution's preview prints the news under their headings too.
		const preview = await launchDevice({ viewport: VIEWPORTS.console });
		await preview.context.addCookies([
			{ name: 'concertation_session', value: token, url: server.url }
		]);
		await preview.page.goto(`${server.url}/r/${concertation.id}`);
		await waitForHydration(preview.page);
		const sheet = () => preview.page.locator('.sheet').innerText();
		await expect.poll(sheet).toContain(NEWS[1]!.titleFr);
		const printed = (await sheet()).replace(/\s+/g, ' ');
		const at = (text: string) => printed.indexOf(text);
		expect(at(NEWS[0]!.titleFr)).toBeLessThan(at(HEADINGS[0]!.fr));
		expect(at(HEADINGS[0]!.fr)).toBeLessThan(at(NEWS[1]!.titleFr));
		expect(at(NEWS[1]!.titleFr)).toBeLessThan(at(HEADINGS[1]!.fr));
		expect(at(HEADINGS[1]!.fr)).toBeLessThan(at(NEWS[2]!.titleFr));
		await preview.page.screenshot({ path: `${SHOTS}/restitution-preview.png`, fullPage: true });
		await preview.close();

		// A Dutch phone: the groups under their Dutch headings, in the first screens, nothing
		// wider than the phone.
		const phone = await launchDevice({
			viewport: VIEWPORTS.phone,
			locale: 'nl-BE',
			isMobile: true
		});
		await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(phone.page);
		await phone.page.fill('#displayName', 'Joost');
		await phone.page.getByRole('button', { name: 'Het overleg binnengaan' }).click();
		const phoneHeadings = phone.page.getByTestId('phone-news-heading');
		await expect
			.poll(() => phoneHeadings.allInnerTexts())
			.toEqual([HEADINGS[0]!.nl, HEADINGS[1]!.nl]);
		const layout = await phone.page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			headingSize: parseFloat(
				getComputedStyle(document.querySelector('[data-testid="phone-news-heading"]')!).fontSize
			),
			titles: [...document.querySelectorAll('[data-testid="phone-news"] .news-title')].map((e) =>
				(e as HTMLElement).innerText.trim()
			)
		}));
		expect(layout.scrollWidth).toBeLessThanOrEqual(VIEWPORTS.phone.width);
		expect(layout.headingSize).toBeGreaterThanOrEqual(16);
		expect(layout.titles).toEqual(NEWS.map((item) => item.titleNl));
		await phone.page.screenshot({ path: `${SHOTS}/phone-360x740.png`, fullPage: true });
		await expectNoAxeViolations(phone.page, 'Dutch phone with headings');

		// Deleting a heading that has news asks first; confirmed, its news go under none.
		await headings.getByRole('button', { name: `Supprimer: ${HEADINGS[1]!.fr}` }).click();
		const dialog = desk.page.getByTestId('confirm-dialog');
		await expect.poll(() => dialog.isVisible()).toBe(true);
		expect(await dialog.innerText()).toContain('contient 2 actualités');
		await dialog.getByRole('button', { name: 'Supprimer la rubrique' }).click();
		await expect.poll(() => headings.getByTestId('news-heading').count()).toBe(1);
		await expect.poll(() => screenHeadings.count()).toBe(1);
		await expect.poll(() => phoneHeadings.allInnerTexts()).toEqual([HEADINGS[0]!.nl]);
		expect(await phone.page.locator('[data-testid="phone-news"] .news-title').count()).toBe(
			NEWS.length
		);
	});
});
