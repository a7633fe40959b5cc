import { writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import nlCommon from '../../src/lib/i18n/locales/nl/common.json';
import { LIMITS } from '../../src/lib/protocol';
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
import { coordinatorAccount, pdfText } from '../helpers/restitution';
import { createConcertation, signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * The join poster: from the console, one A4 page in French and Dutch with the same QR code as
 * the console's, the address and the code to type, which prints on exactly one page.
 */

let server: RunningServer;
let token: string;
let facilitator: Device;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	facilitator = await launchDevice({ viewport: VIEWPORTS.console });
	await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the join poster', () => {
	it.each([
		{ kind: 'typical', fill: (text: string) => text },
		// The longest titles and place the forms allow must not push anything off the page.
		{ kind: 'longest', fill: (text: string) => `${text} `.repeat(20).slice(0, LIMITS.title) }
	])(
		'prints the console’s QR code, the address and the code on one bilingual A4 page ($kind texts)',
		async ({ kind, fill }) => {
			captureOnFailure(`join-sheet-${kind}`);
			const concertation = await createConcertation(server, token, {
				titleFr: fill('Santé mentale et logement'),
				titleNl: fill('Geestelijke gezondheid en huisvesting'),
				place: fill('Maison des Associations, Bruxelles'),
				startTime: '09:30'
			});
			const page = facilitator.page;
			await page.goto(`${server.url}/f/${concertation.id}`);
			await waitForHydration(page);
			const consoleQr = await page.locator('.join .qr svg').evaluate((svg) => svg.outerHTML);
			await page.getByRole('link', { name: frCommon.joinSheet.open }).click();
			await page.waitForURL(`**/f/${concertation.id}/join-sheet`);
			await waitForHydration(page);

			const sheet = page.getByTestId('join-sheet');
			expect(await sheet.locator('.qr svg').evaluate((svg) => svg.outerHTML)).toBe(consoleQr);
			const code = `${concertation.joinCode.slice(0, 3)} ${concertation.joinCode.slice(3)}`;
			expect(await page.getByTestId('join-sheet-code').textContent()).toBe(code);
			const text = (await sheet.textContent())!.replace(/\s+/g, ' ');
			const host = new URL(server.url).host;
			for (const expected of [
				frCommon.joinSheet.heading,
				nlCommon.joinSheet.heading,
				`${frCommon.joinSheet.orGoTo} ${host}`,
				`${nlCommon.joinSheet.orGoTo} ${host}`,
				'Santé mentale et logement',
				'Geestelijke gezondheid en huisvesting',
				'lundi 23 septembre 2024 · 09:30',
				'maandag 23 september 2024 · 09:30',
				'Maison des Associations, Bruxelles'
			])
				expect(text).toContain(expected);
			await expectNoAxeViolations(page, 'join poster');

			// Printed, everything is inside the A4 sheet (which clips what would overflow).
			await page.emulateMedia({ media: 'print' });
			const fit = await page.evaluate(() => {
				const sheet = document.querySelector('[data-testid="join-sheet"]')!.getBoundingClientRect();
				const last = document.querySelector('.no-account')!.getBoundingClientRect();
				return { sheetBottom: sheet.bottom, lastBottom: last.bottom, sheetHeight: sheet.height };
			});
			expect(fit.lastBottom).toBeLessThanOrEqual(fit.sheetBottom);
			expect(Math.round(fit.sheetHeight / (96 / 25.4))).toBe(297);

			// What comes out of the printer: one A4 page, the screen-only toolbar left out.
			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			if (process.env.SHOTS) writeFileSync(`${process.env.SHOTS}/join-sheet-${kind}.pdf`, pdf);
			const printed = await pdfText(pdf);
			expect(printed.pages).toBe(1);
			expect(printed.text).toContain(code);
			expect(printed.text).toContain(nlCommon.joinSheet.noAccount);
			expect(printed.text).not.toContain(frCommon.joinSheet.print);
			await page.emulateMedia({ media: 'screen' });
			// A4 portrait: 210 × 297 mm in PDF points.
			const pdfDocument = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false })
				.promise;
			const [, , width, height] = (await pdfDocument.getPage(1)).view;
			await pdfDocument.destroy();
			expect(Math.round(width! / (72 / 25.4))).toBe(210);
			expect(Math.round(height! / (72 / 25.4))).toBe(297);
		}
	);

	it('shows on a phone without sideways scrolling', async () => {
		const concertation = await createConcertation(server, token);
		const phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		await phone.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
		await phone.page.goto(`${server.url}/f/${concertation.id}/join-sheet`);
		await waitForHydration(phone.page);
		expect(
			await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		await expectNoAxeViolations(phone.page, 'join poster at 360 px');
	});

	it('is for the concertation’s facilitators: a coordinator is refused, an unknown one is not found', async () => {
		const concertation = await createConcertation(server, token);
		const coordinator = await coordinatorAccount(server, 'poster-coordinator@example.org');
		const asCoordinator = await fetch(`${server.url}/f/${concertation.id}/join-sheet`, {
			headers: { authorization: `Bearer ${coordinator}` }
		});
		expect(asCoordinator.status).toBe(403);
		const unknown = await fetch(`${server.url}/f/999999/join-sheet`, {
			headers: { authorization: `Bearer ${token}` }
		});
		expect(unknown.status).toBe(404);
		const signedOut = await fetch(`${server.url}/f/${concertation.id}/join-sheet`, {
			redirect: 'manual'
		});
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toContain('/f/login');
	});
});
