import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frRestitution from '../../src/lib/i18n/locales/fr/restitution.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration
} from '../helpers/browser';
import { coordinatorAccount, formAction, runVote } from '../helpers/restitution';
import {
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/** A coordinator opens their series' overview from the list, on a laptop and on a phone. */

let server: RunningServer;
let coordinator: string;

beforeAll(async () => {
	server = await startServer();
	const admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Santé mentale Bruxelles-Nord',
		titleNl: 'Geestelijke gezondheid Brussel-Noord'
	});
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'coordination@example.org'
	});
	const concertation = await createConcertation(server, admin);
	await formAction(server, admin, `/f/${concertation.id}/edit?/series`, { seriesId: '1' });
	const people = [];
	for (const displayName of ['A', 'B'])
		people.push(await joinAsParticipant(server, concertation.joinCode, { displayName }));
	await runVote(
		server,
		admin,
		concertation.id,
		[
			{
				fr: 'Accès aux soins de santé mentale pour les personnes sans chez-soi',
				nl: 'Toegang tot geestelijke gezondheidszorg voor daklozen'
			},
			{ fr: 'Logement', nl: 'Huisvesting' },
			{ fr: 'Isolement', nl: 'Vereenzaming' }
		],
		people.map((person) => ({ participantToken: person.token, choices: [0, 1, 2] }))
	);
}, 60_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the series overview in the browser', () => {
	it.each([
		['laptop', VIEWPORTS.console],
		['phone', VIEWPORTS.phone]
	] as const)('is one click from the list and reads well on a %s', async (kind, viewport) => {
		captureOnFailure(`series-overview-${kind}`);
		const device = await launchDevice({ viewport, isMobile: kind === 'phone' });
		await device.context.addCookies([
			{ name: SESSION_COOKIE, value: coordinator, url: server.url }
		]);
		const page = device.page;
		await page.goto(`${server.url}/f`);
		await waitForHydration(page);
		await page.getByRole('link', { name: 'Santé mentale Bruxelles-Nord' }).click();
		await page.waitForURL('**/r/series/1');
		await waitForHydration(page);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
			frRestitution.seriesOverview.heading.replace('{{series}}', 'Santé mentale Bruxelles-Nord')
		);
		const row = page.getByTestId('series-overview').locator('tbody tr');
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Accès aux soins de santé mentale');
		expect(await row.locator('.priorities li').count()).toBe(3);
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		await expectNoAxeViolations(page, `series overview (${kind})`);
		if (process.env.SHOTS)
			await page.screenshot({
				path: `${process.env.SHOTS}/series-overview-${kind}.png`,
				fullPage: true
			});
		// The CSV link downloads the file.
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: frRestitution.seriesOverview.csv }).click()
		]);
		expect(download.suggestedFilename()).toBe('series-1-priorities.csv');
	});
});
