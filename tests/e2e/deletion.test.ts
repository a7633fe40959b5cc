import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import nlCommon from '../../src/lib/i18n/locales/nl/common.json';
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
 * A facilitator deletes a rehearsal concertation from the programme page: the join code must
 * be typed first, and a phone and the projector still open on it say that it no longer exists.
 * (On the way, the projector shows when it has lost its connection.)
 */

let server: RunningServer;
let token: string;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('deleting a concertation from the console', () => {
	it('needs the join code, then deletes it and tells the devices still open on it', async () => {
		captureOnFailure('deletion');
		const concertation = await createConcertation(server, token, { number: '99' });
		const person = await joinAsParticipant(server, concertation.joinCode, { locale: 'nl' });
		// A rehearsal that was started and left running.
		await httpCommand(server, token, concertation.id, 'session.start', {});

		const facilitator: Device = await launchDevice({ viewport: VIEWPORTS.console });
		await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
		const phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true, locale: 'nl' });
		await phone.context.addCookies([
			{ name: `concertation_p${concertation.id}`, value: person.token, url: server.url }
		]);
		const projector = await launchDevice({ viewport: VIEWPORTS.projector });
		// A co-facilitator's console, left open on the concertation.
		const otherConsole = await launchDevice({ viewport: VIEWPORTS.console });
		await otherConsole.context.addCookies([
			{ name: SESSION_COOKIE, value: token, url: server.url }
		]);
		await otherConsole.page.goto(`${server.url}/f/${concertation.id}`);
		await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
		await projector.page.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		for (const page of [phone.page, projector.page, otherConsole.page])
			await waitForHydration(page);
		await otherConsole.page.getByTestId('session-status').waitFor();
		await phone.page.getByTestId('current-phase').waitFor();

		// A projector that loses the network says so, discreetly, until it is back.
		const offlineBadge = projector.page.getByRole('status').filter({
			hasText: frCommon.connection.offline
		});
		await projector.context.setOffline(true);
		await offlineBadge.waitFor({ timeout: 15_000 });
		expect(await offlineBadge.textContent()).toContain(nlCommon.connection.offline);
		await expectNoAxeViolations(projector.page, 'projector offline');
		await projector.context.setOffline(false);
		await offlineBadge.waitFor({ state: 'detached', timeout: 20_000 });

		const page = facilitator.page;
		await page.goto(`${server.url}/f/${concertation.id}/edit`);
		await waitForHydration(page);
		const field = page.getByLabel(
			frCommon.edit.delete.confirmLabel.replace('{{code}}', concertation.joinCode)
		);
		const submit = page.getByRole('button', { name: frCommon.edit.delete.submit });

		// A wrong code: refused, said next to the field, and the concertation is still there.
		await field.fill('ABC234');
		await submit.click();
		await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
		const described = await field.getAttribute('aria-describedby');
		expect(await page.locator(`#${described}`).textContent()).toContain(concertation.joinCode);
		await expect.poll(() => field.inputValue()).toBe('ABC234');
		await expectNoAxeViolations(page, 'programme page with a refused deletion');
		await page.goto(`${server.url}/f/${concertation.id}`);
		expect(page.url()).toContain(`/f/${concertation.id}`);
		await page.goto(`${server.url}/f/${concertation.id}/edit`);
		await waitForHydration(page);

		// The code as people type it, in lower case: deleted, back to the list, which says so.
		await field.fill(concertation.joinCode.toLowerCase());
		await submit.click();
		await page.waitForURL(`${server.url}/f?deleted=1`);
		await expect
			.poll(() => page.getByRole('status').first().textContent())
			.toContain(frCommon.list.deleted);
		expect(await page.getByRole('link', { name: /Santé mentale et logement/ }).count()).toBe(0);

		// The phone (in Dutch) and the projector learn it at once, without a reload.
		await expect.poll(() => phone.page.textContent('body')).toContain(nlCommon.connection.gone);
		await expect.poll(() => projector.page.textContent('body')).toContain(frCommon.connection.gone);
		// Nothing is left to type into on the phone, only the way to another concertation; the
		// projector no longer shows a join code for it.
		await expect.poll(() => phone.page.getByTestId('current-phase').count()).toBe(0);
		expect(await phone.page.getByRole('link', { name: nlCommon.join.tryAnother }).count()).toBe(1);
		expect(await projector.page.getByTestId('screen-join-code').count()).toBe(0);
		await expect
			.poll(() => otherConsole.page.textContent('body'))
			.toContain(frCommon.connection.gone);
		expect(await otherConsole.page.getByRole('button').filter({ hasText: '→' }).count()).toBe(0);
		expect(
			await otherConsole.page.getByRole('link', { name: frCommon.nav.concertations }).count()
		).toBeGreaterThan(0);
		await expectNoAxeViolations(phone.page, 'phone of a deleted concertation');
		await expectNoAxeViolations(projector.page, 'projector of a deleted concertation');
		// Reloaded, the phone's join link answers that there is no such concertation.
		const reload = await phone.page.reload();
		expect(reload?.status()).toBe(404);
	});
});
