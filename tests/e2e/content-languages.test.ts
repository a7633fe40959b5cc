import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	captureOnFailure,
	closeAllDevices,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import {
	api,
	commandId,
	phaseOf,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Concertations in other languages than French and Dutch (issue 18), as the room sees them: an
 * English-only one and a Dutch-only one fill the projector's width with one column of larger
 * text, in their language only, at 1920×1080 and 1280×720; a French–English one stands side by
 * side; a phone set to French reads an English-only concertation in English (its interface
 * stays French). Screenshots under /tmp/content-languages-shots.
 */

let server: RunningServer;
let token: string;
let big: Device;
let small: Device;
let phone: Device;
const SHOTS = '/tmp/content-languages-shots';

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	[big, small, phone] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: { width: 1280, height: 720 } }),
		launchDevice({ viewport: VIEWPORTS.phone, locale: 'fr-BE', isMobile: true })
	]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

async function create(body: Record<string, unknown>) {
	const { status, body: answer } = await api<{
		concertation: { id: number; joinCode: string; screenKey: string };
	}>(server, 'POST', '/api/concertations', {
		token,
		body: { date: '2026-03-02', ...body }
	});
	expect(status, JSON.stringify(answer)).toBe(201);
	return answer.concertation;
}

async function command(id: number, name: string, body: Record<string, unknown> = {}) {
	const { status, body: answer } = await api(
		server,
		'POST',
		`/api/concertations/${id}/commands/${name}`,
		{ token, body: { ...body, commandId: commandId(name) } }
	);
	expect(status, `${name}: ${JSON.stringify(answer)}`).toBe(200);
}

interface ScreenLayout {
	languages: string;
	columns: number;
	langs: string[];
	titleSize: number;
	text: string;
	overflows: boolean;
}

/** What the projector shows in its step area: its columns, their languages, the title's size. */
async function layout(page: Page): Promise<ScreenLayout> {
	return page.evaluate(() => {
		const main = document.querySelector('main.screen') as HTMLElement;
		const columns = main.querySelector('.phase .columns') as HTMLElement | null;
		const title = main.querySelector('.phase h1') as HTMLElement | null;
		const phaseArea = main.querySelector('.phase') as HTMLElement;
		const langs = [...main.querySelectorAll('.phase [lang]')].map(
			(element) => element.getAttribute('lang') ?? ''
		);
		return {
			languages: main.dataset.languages ?? '',
			columns: columns
				? getComputedStyle(columns).gridTemplateColumns.split(' ').filter(Boolean).length
				: 0,
			langs: [...new Set(langs)],
			titleSize: title ? parseFloat(getComputedStyle(title).fontSize) : 0,
			text: phaseArea.innerText,
			overflows: phaseArea.scrollHeight > phaseArea.clientHeight + 1
		};
	});
}

async function openScreen(device: Device, concertation: { id: number; screenKey: string }) {
	await device.page.goto(
		`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
	);
	await waitForHydration(device.page);
}

describe('the projector in one language', () => {
	it('shows an English-only concertation in English alone, larger, on both projectors', async () => {
		captureOnFailure('content-languages-en');
		const english = await create({ titleEn: 'European study visit', languages: ['en'] });
		const bilingual = await create({ titleFr: 'Logement', titleNl: 'Huisvesting' });
		for (const device of [big, small]) await openScreen(device, english);
		// Before the start: the welcome, in English only.
		for (const device of [big, small]) {
			await device.page.getByText('European study visit').waitFor();
			const welcome = await layout(device.page);
			expect(welcome.languages).toBe('en');
			expect(welcome.langs).toEqual(['en']);
			expect(welcome.columns).toBe(1);
			expect(welcome.text).not.toMatch(/Bienvenue|Welkom/);
		}

		await command(english.id, 'session.start');
		await command(english.id, 'phase.goto', {
			phaseId: await phaseOf(server, token, english.id, 'introduction')
		});
		await command(bilingual.id, 'session.start');
		await command(bilingual.id, 'phase.goto', {
			phaseId: await phaseOf(server, token, bilingual.id, 'introduction')
		});
		const sizes: Record<string, number> = {};
		for (const [name, device] of [
			['1080', big],
			['720', small]
		] as const) {
			await device.page.locator('[data-phase-kind="introduction"]').waitFor();
			await device.page.getByText('Context of the concertation').waitFor();
			const step = await layout(device.page);
			expect(step.langs).toEqual(['en']);
			expect(step.columns).toBe(1);
			expect(step.text).toContain('Introduction');
			expect(step.text).not.toMatch(/Inleiding|Contexte/);
			expect(step.overflows).toBe(false);
			const whole = await device.page.locator('main').innerText();
			expect(whole).toContain('Join at');
			expect(whole).not.toMatch(/Rejoindre|Meedoen|deelnemers/);
			sizes[name] = step.titleSize;
			await device.page.screenshot({ path: `${SHOTS}/en-introduction-${name}.png` });
		}
		// The same layout at both resolutions: sizes in a unit of the screen's width.
		expect(sizes['720']! / sizes['1080']!).toBeCloseTo(1280 / 1920, 1);

		// The missing column's width becomes larger text than a bilingual screen's.
		await openScreen(big, bilingual);
		await big.page.locator('[data-phase-kind="introduction"]').waitFor();
		const two = await layout(big.page);
		expect(two.columns).toBe(2);
		expect(two.langs).toEqual(['fr', 'nl']);
		expect(sizes['1080']).toBeGreaterThan(two.titleSize * 1.2);
	});

	it('shows a Dutch-only concertation in Dutch, and a French–English one side by side', async () => {
		const dutch = await create({ titleNl: 'Vlaams netwerk', languages: ['nl'] });
		const frEn = await create({
			titleFr: 'Visite d’étude',
			titleEn: 'Study visit',
			languages: ['fr', 'en']
		});
		for (const concertation of [dutch, frEn]) {
			await command(concertation.id, 'session.start');
			await command(concertation.id, 'phase.goto', {
				phaseId: await phaseOf(server, token, concertation.id, 'introduction')
			});
		}
		await openScreen(big, dutch);
		await openScreen(small, frEn);
		await big.page.getByText('Inleiding').waitFor();
		const nl = await layout(big.page);
		expect(nl.langs).toEqual(['nl']);
		expect(nl.columns).toBe(1);
		await big.page.screenshot({ path: `${SHOTS}/nl-introduction-1080.png` });
		await small.page.getByText('Context of the concertation').waitFor();
		const both = await layout(small.page);
		expect(both.langs).toEqual(['fr', 'en']);
		expect(both.columns).toBe(2);
		expect(both.text).not.toContain('Inleiding');
		await small.page.screenshot({ path: `${SHOTS}/fr-en-introduction-720.png` });
	});
});

/** The language a participant's texts are tagged with, as stored. */
function storedLocale(displayName: string): string | undefined {
	const db = new Database(server.databasePath, { readonly: true });
	try {
		const row = db
			.prepare('select locale from participant where display_name = ?')
			.get(displayName) as { locale: string } | undefined;
		return row?.locale;
	} finally {
		db.close();
	}
}

describe('a phone in another interface language', () => {
	it('reads an English-only concertation in English, its interface in French', async () => {
		captureOnFailure('content-languages-phone');
		const english = await create({ titleEn: 'European study visit', languages: ['en'] });
		await command(english.id, 'session.start');
		await command(english.id, 'phase.goto', {
			phaseId: await phaseOf(server, token, english.id, 'vote')
		});
		const page = phone.page;
		await page.goto(`${server.url}/j/${english.joinCode}`);
		await waitForHydration(page);
		await expect(page.locator('h1').first().innerText()).resolves.toBe('European study visit');
		await page.locator('#displayName').fill('Anne');
		await page.locator('#sector').selectOption('mental_health');
		await page.locator('input[name="locale"][value="fr"]').check();
		await page.locator('input[name="consentAttendance"]').check();
		await page.locator('main form button[type="submit"]').click();
		const phase = page.locator('[data-testid="current-phase"]');
		await phase.waitFor();
		await page.getByText('Priority vote').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('fr');
		expect(await phase.textContent()).toContain('Étape');
		expect(await phase.innerText()).not.toContain('Vote des priorités');
		await page.screenshot({ path: `${SHOTS}/phone-fr-in-en.png` });

		// Switched to Dutch after joining: what Anne types from now on is tagged Dutch.
		expect(storedLocale('Anne')).toBe('fr');
		await page.locator('.language-switcher button[value="nl"]').click();
		await page.waitForURL(`**/j/${english.joinCode}`);
		await waitForHydration(page);
		await page.locator('[data-testid="current-phase"]').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('nl');
		await expect.poll(() => storedLocale('Anne')).toBe('nl');
	});
});
