import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frRestitution from '../../src/lib/i18n/locales/fr/restitution.json';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration
} from '../helpers/browser';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	openTablesPhase,
	pdfText
} from '../helpers/restitution';
import {
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * A coordinator of the series opens the restitution of a finished session at /r/<id>,
 * rephrases one item and hides another in the browser, and the exported PDF and Markdown
 * reflect both edits.
 */

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'concertation-restitution-shots');

let server: RunningServer;
let admin: string;
let coordinator: string;
let concertationId: number;
let tableId: number;
let itemToRephrase: number;
let itemToHide: number;

async function shot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
	const concertation = await createConcertation(server, admin);
	concertationId = concertation.id;
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Concertations de la zone Nord-Ouest',
		titleNl: 'Overleggen van de zone Noord-West'
	});
	await formAction(server, admin, `/f/${concertationId}/edit?/series`, { seriesId: '1' });
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'coordination@example.org'
	});
	for (const [displayName, sector] of [
		['Anne', 'mental_health'],
		['Bram', 'social'],
		['Chloé', 'housing']
	] as const) {
		await joinAsParticipant(server, concertation.joinCode, { displayName, sector });
	}
	await openTablesPhase(server, admin, concertationId);
	const command = <R>(name: string, input: Record<string, unknown>) =>
		httpCommand<R>(server, admin, concertationId, name, input);
	tableId = (
		await command<{ tableId: number }>('tables.create', {
			name: '1',
			priority: { fr: 'Accès rapide au soutien psychologique', nl: 'Snelle psychologische hulp' },
			capacity: null
		})
	).tableId;
	const add = async (category: string, text: string) =>
		(await command<{ item: { id: number } }>('tables.item.add', { tableId, category, text })).item
			.id;
	itemToRephrase = await add('barrier', 'Listes d’attente trop longues');
	itemToHide = await add('barrier', 'Remarque hors sujet à retirer');
	await add('lever', 'Permanences sans rendez-vous');
	await add('actor', 'Services de santé mentale');
}, 60_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('restitution review in a browser', () => {
	it('lets a coordinator rephrase and hide items; the PDF and Markdown follow', async () => {
		captureOnFailure('restitution-review');
		const { page, context } = await launchDevice({ viewport: VIEWPORTS.console });
		await context.addCookies([
			{ name: 'concertation_session', value: coordinator, url: server.url }
		]);

		// The coordinator's list shows the concertation of their series, with its restitution.
		await page.goto(`${server.url}/f`);
		await page.getByRole('link', { name: /Ouvrir/ }).click();
		await page.waitForURL(`**/r/${concertationId}`);
		await waitForHydration(page);
		await expect
			.poll(() => page.locator('.sheet').textContent())
			.toContain('Listes d’attente trop longues');
		await shot(page, 'review-before');
		await expectNoAxeViolations(page, 'restitution review');

		const tablePanel = page.locator(`details[data-table="${tableId}"]`);
		await tablePanel.locator('> summary').click();

		// Rephrase one item.
		const rephrase = tablePanel.locator(`li[data-key="table:${tableId}:note:${itemToRephrase}"]`);
		await rephrase.locator('summary').click();
		await rephrase.locator('textarea[name="text"]').fill('Délais d’attente de trois à six mois');
		await rephrase.getByRole('button', { name: 'Enregistrer' }).click();
		await expect
			.poll(() => page.locator('.sheet').textContent())
			.toContain('Délais d’attente de trois à six mois');
		// "Saved" shows on the line of the item that was saved, not at the top of the panel.
		const savedNote = rephrase.locator('.saved');
		await expect.poll(() => savedNote.isVisible()).toBe(true);
		expect(await savedNote.textContent()).toContain('Enregistré');
		const [line, note] = [
			(await rephrase.locator('.item-text').boundingBox())!,
			(await savedNote.boundingBox())!
		];
		expect(Math.abs(note.y - line.y)).toBeLessThan(40);
		expect(await page.locator('.saved').count()).toBe(1);

		// Hide another.
		const hide = page.locator(`li[data-key="table:${tableId}:note:${itemToHide}"]`);
		if (!(await hide.locator('textarea').isVisible())) await hide.locator('summary').click();
		await hide.getByRole('checkbox').check();
		await hide.getByRole('button', { name: 'Enregistrer' }).click();
		await expect
			.poll(() => page.locator('.sheet').textContent())
			.not.toContain('Remarque hors sujet à retirer');
		await expect.poll(() => hide.locator('.badge').first().textContent()).toBe('masqué');
		await shot(page, 'review-after');

		// The preview's sections come in the PDF's order.
		const headings = await page.locator('.sheet h3').allTextContents();
		const pdfOrder = (
			['participants', 'needs', 'nextDates', 'contact', 'vote', 'tables', 'news'] as const
		).map((key) => frRestitution[key]);
		const shown = headings
			.map((heading) => pdfOrder.findIndex((start) => heading.startsWith(start)))
			.filter((index) => index >= 0);
		expect(shown.length).toBeGreaterThanOrEqual(2);
		expect(shown).toEqual([...shown].sort((a, b) => a - b));

		// The exports, downloaded with the coordinator's own session, show the edits.
		const pdf = await page.request.get(
			`${server.url}/api/concertations/${concertationId}/restitution.pdf`
		);
		expect(pdf.status()).toBe(200);
		const text = await pdfText(Buffer.from(await pdf.body()));
		expect(text.pages).toBe(1);
		expect(text.text).toContain('Délais d’attente de trois à six mois');
		expect(text.text).not.toContain('Listes d’attente trop longues');
		expect(text.text).not.toContain('Remarque hors sujet');

		const markdown = await (
			await page.request.get(`${server.url}/api/concertations/${concertationId}/restitution.md`)
		).text();
		expect(markdown).toContain('Délais d’attente de trois à six mois');
		expect(markdown).not.toContain('Listes d’attente trop longues');
		expect(markdown).not.toContain('Remarque hors sujet');

		// The export buttons on the page point at the same files.
		const link = page.getByRole('link', { name: 'PDF' });
		expect(await link.getAttribute('href')).toBe(
			`/api/concertations/${concertationId}/restitution.pdf`
		);

		// The reviewer page prints as one clean sheet: no controls in print.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('aside.panel').isVisible()).toBe(false);
		await page.emulateMedia({ media: 'screen' });
	});

	it('lets a coordinator print the consented names, on a phone too', async () => {
		captureOnFailure('restitution-names');
		const { page, context } = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		await context.addCookies([
			{ name: 'concertation_session', value: coordinator, url: server.url }
		]);
		await page.goto(`${server.url}/r/${concertationId}`);
		await waitForHydration(page);
		const sheet = () => page.locator('.sheet').textContent();
		// Off by default: counts and sectors, no name.
		await expect.poll(sheet).toContain('Accès rapide au soutien psychologique');
		expect(await sheet()).not.toContain('Chloé');
		const overflow = () =>
			page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
		expect(await overflow()).toBeLessThanOrEqual(0);
		await shot(page, 'review-phone');
		await expectNoAxeViolations(page, 'restitution review on a phone');

		const names = page.getByRole('checkbox', { name: /Imprimer les noms/ });
		await names.check();
		await page
			.locator('form[action="?/attendanceNames"]')
			.getByRole('button', { name: 'Enregistrer' })
			.click();
		await expect.poll(sheet).toContain('Chloé');
		expect(await names.isChecked()).toBe(true);
		expect(await overflow()).toBeLessThanOrEqual(0);
		await shot(page, 'review-phone-names');

		// And off again.
		await names.uncheck();
		await page
			.locator('form[action="?/attendanceNames"]')
			.getByRole('button', { name: 'Enregistrer' })
			.click();
		await expect.poll(sheet).not.toContain('Chloé');
	});

	it('shows the share-link reader the document only', async () => {
		captureOnFailure('restitution-share');
		const created = await formAction(server, coordinator, `/r/${concertationId}?/share`, {});
		const token = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(created.data ?? '')?.[1];
		expect(token).toBeTruthy();
		const { page } = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		// The link as pasted in an email.
		await page.goto(`${server.url}/r/share/${token}`);
		await waitForHydration(page);
		await expect
			.poll(() => page.locator('.sheet').textContent())
			.toContain('Délais d’attente de trois à six mois');
		expect(await page.locator('aside.panel').count()).toBe(0);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await shot(page, 'share-phone');
		await expectNoAxeViolations(page, 'shared restitution');
	});
});
