import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	VIEWPORTS,
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration,
	type Device
} from '../helpers/browser';
import {
	api,
	createConcertation,
	phaseOf,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The room's first contact in the glossary's words: a 360×740 phone joins without scrolling
 * to the button, and is told the code's real rule (6 characters; 0, O, 1 and I never used);
 * a French-only item reaches a Dutch phone marked FR, and the console fixes it inline.
 * Screenshots go to /tmp/words-shots for a person to look at.
 */

const SHOTS = '/tmp/words-shots';
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

/** Where an element is, against the first viewport of the page (no scrolling). */
async function inFirstViewport(device: Device, selector: string) {
	const box = await device.page.locator(selector).boundingBox();
	const viewport = device.page.viewportSize()!;
	return {
		box,
		visible: box !== null && box.y >= 0 && box.y + box.height <= viewport.height,
		scrollY: await device.page.evaluate(() => window.scrollY)
	};
}

describe('joining from a phone', () => {
	it('shows the join button in the first 360×740 viewport, in each language', async () => {
		captureOnFailure('words-join');
		// Real titles are long: the button must stay in view with a three-line title too.
		const concertation = await createConcertation(server, token, {
			titleFr: 'Santé mentale des jeunes adultes : accès aux soins et continuité des parcours',
			titleNl: 'Geestelijke gezondheidszorg voor jongvolwassenen: toegang en continuïteit van zorg'
		});
		for (const locale of ['fr-BE', 'nl-BE', 'en-GB']) {
			const phone = await launchDevice({ viewport: VIEWPORTS.phone, locale, isMobile: true });
			await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
			await waitForHydration(phone.page);
			const button = await inFirstViewport(phone, 'main form button[type=submit]');
			expect({ locale, ...button }).toMatchObject({ locale, visible: true, scrollY: 0 });
			// Name, organisation, sector, language and consent are all in view; the language is
			// one row of three choices, preset to the page's, not a boxed list of three lines.
			for (const field of [
				'#displayName',
				'#organisation',
				'#sector',
				'input[name=consentAttendance]'
			]) {
				expect((await inFirstViewport(phone, field)).visible).toBe(true);
			}
			const languages = await phone.page.locator('fieldset.languages').boundingBox();
			expect(languages!.height).toBeLessThanOrEqual(50);
			// No jargon: the phone remembers you, no "jeton"/"token"/"toestel".
			const text = await phone.page.locator('main').innerText();
			expect(text).not.toMatch(/jeton|token|toestel|appareil|device/i);
			await phone.page.screenshot({ path: `${SHOTS}/join-${locale}-360x740.png` });
			await expectNoAxeViolations(phone.page, `join ${locale}`);
			await phone.close();
		}
	});

	it('joins with the page language and lands on the waiting screen', async () => {
		captureOnFailure('words-join-submit');
		const concertation = await createConcertation(server, token);
		const phone = await launchDevice({
			viewport: VIEWPORTS.phone,
			locale: 'nl-BE',
			isMobile: true
		});
		await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(phone.page);
		await phone.page.fill('#displayName', 'Joost');
		await phone.page.fill('#organisation', 'CAW Brussel');
		await phone.page.getByRole('button', { name: 'Het overleg binnengaan' }).click();
		await phone.page.getByRole('heading', { name: 'Welkom!' }).waitFor();
		const cookies = await phone.context.cookies(server.url);
		expect(cookies.find((cookie) => cookie.name === 'concertation_lang')?.value).toBe('nl');
		await phone.close();
	});

	it('says the code rule plainly: a six-character code with a 1 is refused for its 1', async () => {
		captureOnFailure('words-code');
		for (const [locale, hint, refusal] of [
			[
				'fr-BE',
				'6 caractères\u00a0; 0, O, 1 et I ne sont jamais utilisés.',
				/«\u00a01\u00a0» n’est jamais utilisé dans un code/
			],
			[
				'nl-BE',
				'6 tekens; 0, O, 1 en I worden nooit gebruikt.',
				/‘1’ wordt nooit gebruikt in een code/
			],
			['en-GB', '6 characters; 0, O, 1 and I are never used.', /“1” is never used in a code/]
		] as const) {
			const phone = await launchDevice({ viewport: VIEWPORTS.phone, locale, isMobile: true });
			await phone.page.goto(server.url);
			await waitForHydration(phone.page);
			expect(await phone.page.locator('#code-hint').innerText()).toBe(hint);
			await phone.page.fill('#code', 'abc123');
			await phone.page.locator('main form button[type=submit]').click();
			await phone.page.locator('#code-error').waitFor();
			expect(await phone.page.locator('#code-error').innerText()).toMatch(refusal);
			// The field keeps what was typed and points at the message and the rule.
			expect(await phone.page.locator('#code').inputValue()).toBe('abc123');
			expect(await phone.page.locator('#code').getAttribute('aria-describedby')).toBe(
				'code-error code-hint'
			);
			if (locale === 'fr-BE') {
				await phone.page.screenshot({ path: `${SHOTS}/code-refused-fr-360x740.png` });
			}
			// Too short: the length rule, with the example.
			await phone.page.fill('#code', 'ABC 23');
			await phone.page.locator('main form button[type=submit]').click();
			await expect.poll(() => phone.page.locator('#code-error').innerText()).toMatch(/ABC 234/);
			await phone.close();
		}
	});
});

/** A facilitator command over HTTP (the same path as the console's socket). */
async function command(concertationId: number, name: string, input: Record<string, unknown>) {
	const answer = await api<{ ok: boolean; data?: { id?: number }; error?: unknown }>(
		server,
		'POST',
		`/api/concertations/${concertationId}/commands/${name}`,
		{ token, body: { ...input, commandId: `${name}-${Date.now()}-${Math.random()}` } }
	);
	if (!answer.body.ok) throw new Error(`${name}: ${JSON.stringify(answer.body)}`);
	return answer.body.data ?? {};
}

describe('a text written in one language', () => {
	it('shows on a Dutch phone tagged FR, is marked “à traduire” on the console, and the inline field fixes it', async () => {
		captureOnFailure('words-translate');
		const concertation = await createConcertation(server, token);
		await command(concertation.id, 'session.start', {});
		await command(concertation.id, 'phase.goto', {
			phaseId: await phaseOf(server, token, concertation.id, 'news')
		});
		const item = await command(concertation.id, 'news.save', {
			titleFr: 'Permanence logement au CPAS de Schaerbeek',
			textFr: 'Le mardi de 9 h à 12 h, sans rendez-vous.'
		});

		// A Dutch phone joins through the form and reaches the news step.
		const phone = await launchDevice({
			viewport: VIEWPORTS.phone,
			locale: 'nl-BE',
			isMobile: true
		});
		await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
		await waitForHydration(phone.page);
		await phone.page.fill('#displayName', 'Joost');
		await phone.page.getByRole('button', { name: 'Het overleg binnengaan' }).click();
		const title = phone.page.locator('.news-title').first();
		await title.waitFor();
		// The French original, said to be French: its element and its tag.
		expect(await title.locator('span[lang="fr"]').first().innerText()).toBe(
			'Permanence logement au CPAS de Schaerbeek'
		);
		// The tag shows "FR"; screen readers hear what it means, in Dutch.
		expect(await title.locator('.lang-tag span[lang="fr"]').innerText()).toBe('FR');
		expect(await title.locator('.lang-tag .visually-hidden').innerText()).toBe(
			'(tekst in het Frans, nog niet vertaald)'
		);
		expect(await phone.page.locator('.news-item .text').first().getAttribute('lang')).toBe('fr');
		const tagBox = await title.locator('.lang-tag').boundingBox();
		expect(tagBox && tagBox.x + tagBox.width <= VIEWPORTS.phone.width).toBe(true);
		await phone.page.screenshot({ path: `${SHOTS}/phone-nl-tagged-fr-360x740.png` });
		await expectNoAxeViolations(phone.page, 'Dutch phone with a French item');

		// The projector shows the French once, tagged, with no empty Dutch copy beside it.
		const projector = await launchDevice({ viewport: VIEWPORTS.projector });
		await projector.page.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		const screenNews = projector.page.getByTestId('screen-news');
		await screenNews.locator('.lang-tag').first().waitFor();
		expect(await screenNews.locator('.news-item').count()).toBe(1);
		expect(await screenNews.locator('.lang-tag [lang]').first().innerText()).toBe('FR');
		await projector.page.screenshot({ path: `${SHOTS}/projector-fr-only-1920x1080.png` });

		// The console (in French) marks it and offers the missing Dutch inline.
		const desk = await launchDevice({ viewport: VIEWPORTS.console });
		await desk.context.addCookies([
			{ name: 'concertation_session', value: token, url: server.url }
		]);
		await desk.page.goto(`${server.url}/f/${concertation.id}`);
		const approved = desk.page.getByTestId('news-approved');
		const marks = approved.getByTestId('translation-missing');
		await marks.first().waitFor();
		// Title and text both lack Dutch.
		expect(await marks.count()).toBe(2);
		expect(await marks.first().innerText()).toContain('À traduire');
		const field = desk.page.getByLabel('À traduire en néerlandais').first();
		await field.fill('Woonpermanentie in het OCMW van Schaarbeek');
		await marks.first().getByRole('button', { name: 'Ajouter la traduction' }).click();
		// Only the text's mark remains; the title's went with the broadcast.
		await expect.poll(() => marks.count()).toBe(1);
		await desk.page.screenshot({ path: `${SHOTS}/console-to-translate-1366.png` });

		// The Dutch phone now reads Dutch, without a tag; the body is still French, tagged.
		await expect.poll(() => title.innerText()).toBe('Woonpermanentie in het OCMW van Schaarbeek');
		expect(await title.locator('.lang-tag').count()).toBe(0);
		expect(await title.locator('span[lang="nl"]').count()).toBe(1);
		expect(await phone.page.locator('.news-item .text .lang-tag [lang="fr"]').count()).toBe(1);
		await phone.page.screenshot({ path: `${SHOTS}/phone-nl-translated-360x740.png` });
		// Both languages on the projector now: two cards, no tag on the title.
		await expect.poll(() => screenNews.locator('.news-item').count()).toBe(2);
		expect(item.id).toBeGreaterThan(0);
		await Promise.all([phone.close(), projector.close(), desk.close()]);
	});
});
