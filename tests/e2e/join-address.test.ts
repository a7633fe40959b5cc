import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { isLoopbackHost, lanAddresses } from '../../src/lib/server/http/public-address.js';
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
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The README's start, as a facilitator does it on a laptop: the server listens on every
 * address, the console is opened on `localhost`, and every join link, QR code, projector and
 * poster must carry an address a phone can open — the laptop's network address — never
 * `localhost` (which on a phone is the phone itself).
 */

let server: RunningServer;
let token: string;
let facilitator: Device;
let lanOrigin: string;

beforeAll(async () => {
	const lan = lanAddresses();
	if (lan.length === 0) throw new Error('this test needs a machine with a network address');
	server = await startServer({ env: { HOST: '0.0.0.0' } });
	lanOrigin = `http://${lan[0]!.address}:${new URL(server.url).port}`;
	token = await signIn(server);
	facilitator = await launchDevice({ viewport: VIEWPORTS.console });
	await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

/** The host of every http(s) link in a text, the QR codes' targets left aside. */
function hostsIn(text: string): string[] {
	return [...text.matchAll(/https?:\/\/([^/\s"'<>]+)/g)].map((match) => match[1]!);
}

describe('the join address on a laptop', () => {
	it('ends the start-up output with the console here and the network address phones join at', () => {
		const lines = server.output().trimEnd().split('\n');
		const tail = lines.slice(-3).join('\n');
		expect(tail).toMatch(/Console \(on this computer\): +http:\/\/localhost:\d+\/f/);
		expect(tail).toContain(`Phones join at:              ${lanOrigin}/`);
		expect(lines.at(-1)).toMatch(/PUBLIC_URL/);
	});

	it('gives the network address in the API’s join link, when called on localhost', async () => {
		expect(isLoopbackHost(new URL(server.url).hostname)).toBe(true);
		const { body } = await api<{ concertation: { joinUrl: string; joinCode: string } }>(
			server,
			'POST',
			'/api/concertations',
			{ token, body: { titleFr: 'Logement', titleNl: 'Huisvesting', date: '2024-09-23' } }
		);
		expect(body.concertation.joinUrl).toBe(`${lanOrigin}/j/${body.concertation.joinCode}`);
	});

	it('shows it on the console, the projector and the poster, and a phone can open it', async () => {
		captureOnFailure('join-address');
		const concertation = await createConcertation(server, token);
		const page = facilitator.page;
		const pages = [
			`/f/${concertation.id}`,
			`/s/${concertation.id}?key=${concertation.screenKey}`,
			`/f/${concertation.id}/join-sheet`
		];
		for (const path of pages) {
			await page.goto(`${server.url}${path}`);
			await waitForHydration(page);
			const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
			expect(text, path).toContain(new URL(lanOrigin).host);
			for (const host of hostsIn(text))
				expect(isLoopbackHost(host.split(':')[0]!), `${path}: ${host}`).toBe(false);
		}

		// The console says where the address comes from, and how to give another one.
		await page.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(page);
		const joinLink = page.getByTestId('join-url');
		expect(await joinLink.getAttribute('href')).toBe(`${lanOrigin}/j/${concertation.joinCode}`);
		await expect
			.poll(() => page.getByTestId('join-address-hint').innerText())
			.toMatch(/PUBLIC_URL/);

		// What the QR code and the link say is an address the server really answers on.
		const phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
		await phone.page.goto(`${lanOrigin}/j/${concertation.joinCode}`);
		await expect
			.poll(() => phone.page.locator('h1').first().innerText())
			.toContain('Santé mentale et logement');
	});
});
