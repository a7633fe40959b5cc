import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { recordFullSession } from '../helpers/full-session';
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
	createConcertation,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The pages under their Content-Security-Policy in Chromium: the console, the projector, a
 * phone joining and following the session, the programme page and the restitution review all
 * work, and the browser reports no violation of the policy (every `securitypolicyviolation`
 * event and every console message about it is collected). The console may frame the
 * projector page (same origin); another site may not.
 */

let server: RunningServer;
let token: string;
const sockets = socketTracker();
let consoleDevice: Device;
let projector: Device;
let phone: Device;

/** Violations seen by a page: recorded in the page from its first script on, and its console. */
async function watchCsp(device: Device): Promise<string[]> {
	const seen: string[] = [];
	device.page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) seen.push(message.text());
	});
	await device.context.addInitScript(() => {
		const record = (window as unknown as { __csp: string[] }).__csp ?? [];
		(window as unknown as { __csp: string[] }).__csp = record;
		document.addEventListener('securitypolicyviolation', (event) =>
			record.push(`${event.violatedDirective} ${event.blockedURI}`)
		);
	});
	return seen;
}

async function violations(page: Page, fromConsole: string[]): Promise<string[]> {
	const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
	return [...inPage, ...fromConsole];
}

let consoleSeen: string[];
let projectorSeen: string[];
let phoneSeen: string[];

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	[consoleDevice, projector, phone] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.console }),
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true })
	]);
	await consoleDevice.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
	consoleSeen = await watchCsp(consoleDevice);
	projectorSeen = await watchCsp(projector);
	phoneSeen = await watchCsp(phone);
});

afterAll(async () => {
	sockets.closeAll();
	await closeAllDevices();
	await server?.stop();
});

describe('under the Content-Security-Policy', () => {
	it('the console, the projector and a phone work through a session, with no violation', async () => {
		captureOnFailure('csp-live');
		const concertation = await createConcertation(server, token);
		const console_ = consoleDevice.page;
		const response = await console_.goto(`${server.url}/f/${concertation.id}`);
		expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
		await waitForHydration(console_);
		const code = (await console_.getByTestId('join-code').textContent())?.trim() ?? '';
		expect(code).toBe(concertation.joinCode);

		// The projector, from the console's own link.
		const screenHref = await console_
			.getByRole('link', { name: frCommon.console.openScreen })
			.getAttribute('href');
		await projector.page.goto(`${server.url}${screenHref}`);
		await expect
			.poll(() => projector.page.getByTestId('screen-join-code').getAttribute('aria-label'))
			.toBe(code);

		// A phone joins with the code, as people do.
		const page = phone.page;
		await page.goto(`${server.url}/`);
		await waitForHydration(page);
		await page.locator('#code').fill(code);
		await Promise.all([
			page.waitForURL(`${server.url}/j/${code}`),
			page.locator('main form button[type="submit"]').click()
		]);
		await waitForHydration(page);
		await page.locator('#displayName').fill('Anne Dupont');
		await page.locator('main form button[type="submit"]').click();
		await page.getByRole('heading', { name: frCommon.participant.waitingTitle }).waitFor();

		// The session starts from the console: the phone and the projector follow live.
		await expect.poll(() => console_.getByTestId('joined-count').textContent()).toBe('1');
		await console_.getByRole('button', { name: frCommon.console.start }).click();
		await expect
			.poll(() => page.getByRole('heading', { name: frCommon.participant.waitingTitle }).count())
			.toBe(0);
		await projector.page.screenshot({ path: '/tmp/e2e-csp-projector.png' });
		await page.screenshot({ path: '/tmp/e2e-csp-phone.png', fullPage: true });
		await console_.screenshot({ path: '/tmp/e2e-csp-console.png' });

		expect(await violations(console_, consoleSeen)).toEqual([]);
		expect(await violations(projector.page, projectorSeen)).toEqual([]);
		expect(await violations(page, phoneSeen)).toEqual([]);
		// axe runs too (injected through the DevTools protocol, which the policy does not cover).
		await expectNoAxeViolations(page, 'phone under CSP');
	});

	it('the programme page and the restitution review work, with no violation', async () => {
		captureOnFailure('csp-review');
		const session = await recordFullSession(server, token, sockets.track, { number: '3' });
		const console_ = consoleDevice.page;
		await console_.goto(`${server.url}/f/${session.concertation.id}/edit`);
		await waitForHydration(console_);
		await console_.getByTestId('screen-link').waitFor();
		await console_
			.locator('section[aria-labelledby="screen-key-title"]')
			.screenshot({ path: '/tmp/e2e-csp-screen-key.png' });
		await console_.goto(`${server.url}/r/${session.concertation.id}`);
		await waitForHydration(console_);
		await console_.locator('article.sheet').first().waitFor();
		await console_.screenshot({ path: '/tmp/e2e-csp-review.png', fullPage: true });
		// The share link, read by someone without an account.
		await phone.page.goto(`${server.url}/r/share/${session.shareToken}`);
		await waitForHydration(phone.page);
		await phone.page.locator('article.sheet').first().waitFor();
		expect(await violations(console_, consoleSeen)).toEqual([]);
		expect(await violations(phone.page, phoneSeen)).toEqual([]);
	});

	it('lets the console frame the projector page, and no other site', async () => {
		captureOnFailure('csp-frame');
		const concertation = await createConcertation(server, token);
		const console_ = consoleDevice.page;
		await console_.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(console_);
		const screenHref = await console_
			.getByRole('link', { name: frCommon.console.openScreen })
			.getAttribute('href');
		// The live miniature the console will show: an iframe of the same origin.
		await console_.evaluate((src) => {
			const frame = document.createElement('iframe');
			frame.src = src;
			frame.id = 'miniature';
			frame.title = 'miniature';
			frame.style.width = '480px';
			frame.style.height = '270px';
			document.body.append(frame);
		}, screenHref!);
		const miniature = console_.frameLocator('#miniature');
		await expect
			.poll(() => miniature.getByTestId('screen-join-code').getAttribute('aria-label'))
			.toBe(concertation.joinCode);
		expect(await violations(console_, consoleSeen)).toEqual([]);

		// Another site (another origin: a page served here on another port) cannot frame it.
		const foreign = http.createServer((_request, response) => {
			response.setHeader('content-type', 'text/html');
			response.end(
				`<!doctype html><title>other</title><iframe id="f" src="${server.url}${screenHref}"></iframe>`
			);
		});
		await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
		try {
			const port = (foreign.address() as AddressInfo).port;
			const blocked: string[] = [];
			phone.page.on('console', (message) => {
				if (/frame-ancestors/.test(message.text())) blocked.push(message.text());
			});
			await phone.page.goto(`http://127.0.0.1:${port}/`);
			await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
			const framed = phone.page.frames().find((frame) => frame !== phone.page.mainFrame());
			expect(await framed?.locator('[data-testid="screen-join-code"]').count()).toBe(0);
		} finally {
			foreign.closeAllConnections();
			await new Promise((resolve) => foreign.close(resolve));
		}
	});
});
