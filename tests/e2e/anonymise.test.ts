import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
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
import { httpCommand } from '../helpers/restitution';
import {
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * On the programme page, once the session is closed, a facilitator anonymises its
 * participants after ticking the confirmation; the console then lists them as
 * "Participant 1, 2…".
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

describe('anonymising participants in the browser', () => {
	it('waits for the session to close, asks for the box, then anonymises', async () => {
		captureOnFailure('anonymise');
		const concertation = await createConcertation(server, token);
		await httpCommand(server, token, concertation.id, 'session.start', {});
		for (const displayName of ['Zéphyrine Quillet', 'Baudouin Vercammen'])
			await joinAsParticipant(server, concertation.joinCode, { displayName });
		const page = facilitator.page;
		const section = page.locator('section.erase').filter({
			has: page.getByRole('heading', { name: frCommon.edit.anonymise.title })
		});

		await page.goto(`${server.url}/f/${concertation.id}/edit`);
		await waitForHydration(page);
		expect(await section.textContent()).toContain(frCommon.edit.anonymise.onlyClosed);
		expect(await section.getByRole('button').count()).toBe(0);

		await httpCommand(server, token, concertation.id, 'session.close', {});
		await page.reload();
		await waitForHydration(page);
		await section.getByRole('button', { name: frCommon.edit.anonymise.submit }).click();
		await expect
			.poll(() => section.locator('#confirm-anonymise-error').textContent())
			.toBe(frErrors.anonymise_not_confirmed);
		expect(await page.locator('#confirm-anonymise').getAttribute('aria-invalid')).toBe('true');
		await expectNoAxeViolations(page, 'anonymise refused');

		await page.getByLabel(frCommon.edit.anonymise.confirm).check();
		await section.getByRole('button', { name: frCommon.edit.anonymise.submit }).click();
		await expect
			.poll(() => section.getByRole('status').textContent())
			.toContain(frCommon.edit.anonymise.result_other.replace('{{count}}', '2'));
		await section.getByTestId('anonymised-at').waitFor();
		expect(await section.getByRole('button').count()).toBe(0);
		await expectNoAxeViolations(page, 'anonymised');

		await page.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(page);
		await expect
			.poll(() => page.locator('.people').textContent())
			.toMatch(/Participant 1[\s\S]*Participant 2/);
		expect(await page.locator('body').textContent()).not.toContain('Quillet');

		// The restitution's names switch gives way to a note saying why names cannot come back.
		await page.goto(`${server.url}/r/${concertation.id}`);
		await waitForHydration(page);
		await page.getByTestId('names-erased').waitFor();
		expect(await page.getByTestId('attendance-names').count()).toBe(0);
		await expectNoAxeViolations(page, 'restitution after anonymising');
	});
});
