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
import { signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * A facilitator creates a coordinator's account in the browser and reads the password once;
 * the coordinator signs in with it on a phone, in Dutch, and changes it under "My account".
 */

let server: RunningServer;
let facilitator: Device;

beforeAll(async () => {
	server = await startServer();
	facilitator = await launchDevice({ viewport: VIEWPORTS.console });
	await facilitator.context.addCookies([
		{ name: SESSION_COOKIE, value: await signIn(server), url: server.url }
	]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('accounts in the browser', () => {
	it('creates a coordinator, who signs in with the password shown once and changes it', async () => {
		captureOnFailure('accounts');
		const page = facilitator.page;
		await page.goto(`${server.url}/f`);
		await waitForHydration(page);
		await page.getByRole('link', { name: frCommon.nav.accounts }).click();
		await page.waitForURL('**/f/accounts');
		await waitForHydration(page);
		await expectNoAxeViolations(page, 'accounts list');
		// One's own account has no reset or remove button, only the way to "My account".
		const own = page.locator('tr[data-email="admin@example.org"]');
		expect(await own.locator('button').count()).toBe(0);
		expect(await own.textContent()).toContain(frCommon.accounts.you);

		// A malformed address first: refused next to the field, what was typed kept.
		await page.getByLabel(frCommon.accounts.email, { exact: true }).fill('lies@example');
		await page.getByLabel(frCommon.accounts.name).fill('Lies Janssens');
		await page.getByRole('button', { name: frCommon.accounts.addSubmit }).click();
		await page.locator('#email-error').waitFor();
		expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#displayName').inputValue()).toBe('Lies Janssens');
		await expectNoAxeViolations(page, 'accounts form with an error');

		await page.getByLabel(frCommon.accounts.email, { exact: true }).fill('lies@example.org');
		expect(await page.getByLabel(frCommon.accounts.role).inputValue()).toBe('coordinator');
		await page.getByRole('button', { name: frCommon.accounts.addSubmit }).click();
		const password = (await page.getByTestId('issued-password').textContent())!.trim();
		expect(password).toHaveLength(20);
		const row = page.locator('tr[data-email="lies@example.org"]');
		expect(await row.textContent()).toContain(frCommon.accounts.roles.coordinator);
		await expectNoAxeViolations(page, 'accounts with a password shown');
		if (process.env.SHOTS)
			await page.screenshot({ path: `${process.env.SHOTS}/accounts.png`, fullPage: true });
		// Shown once: a reload does not show it again.
		await page.goto(`${server.url}/f/accounts`);
		expect(await page.getByTestId('issued-password').count()).toBe(0);

		// The coordinator, on a phone in Dutch.
		const phone = await launchDevice({
			viewport: VIEWPORTS.phone,
			isMobile: true,
			locale: 'nl-BE'
		});
		await phone.page.goto(`${server.url}/f/login`);
		await waitForHydration(phone.page);
		await phone.page.locator('#email').fill('lies@example.org');
		await phone.page.locator('#password').fill(password);
		await phone.page.locator('#password').press('Enter');
		await phone.page.waitForURL('**/f');
		// No "Accounts" link for a coordinator; "My account" is the address in the bar.
		expect(await phone.page.getByRole('link', { name: nlCommon.nav.accounts }).count()).toBe(0);
		await phone.page
			.getByRole('link', { name: `${nlCommon.nav.myAccount}: lies@example.org` })
			.click();
		await phone.page.waitForURL('**/f/account');
		await waitForHydration(phone.page);

		await phone.page.getByLabel(nlCommon.myAccount.current).fill(password);
		await phone.page
			.getByLabel(nlCommon.myAccount.next, { exact: true })
			.fill('mijn nieuw wachtwoord');
		await phone.page.getByLabel(nlCommon.myAccount.confirm).fill('mijn nieuw wachtwoort');
		await phone.page.getByRole('button', { name: nlCommon.myAccount.submit }).click();
		await phone.page.locator('#confirm-error').waitFor();
		expect(await phone.page.locator('#confirm').getAttribute('aria-invalid')).toBe('true');
		await expectNoAxeViolations(phone.page, 'my account with an error, 360 px');

		await phone.page.getByLabel(nlCommon.myAccount.current).fill(password);
		await phone.page
			.getByLabel(nlCommon.myAccount.next, { exact: true })
			.fill('mijn nieuw wachtwoord');
		await phone.page.getByLabel(nlCommon.myAccount.confirm).fill('mijn nieuw wachtwoord');
		await phone.page.getByRole('button', { name: nlCommon.myAccount.submit }).click();
		await expect
			.poll(() => phone.page.getByRole('status').textContent())
			.toContain(nlCommon.myAccount.changed);
		expect(
			await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
		).toBe(true);
		await expectNoAxeViolations(phone.page, 'my account, 360 px');
		if (process.env.SHOTS)
			await phone.page.screenshot({
				path: `${process.env.SHOTS}/my-account-phone.png`,
				fullPage: true
			});

		// The facilitator resets it; the coordinator's session ends.
		page.once('dialog', (dialog) => void dialog.dismiss());
		await page
			.getByRole('button', {
				name: frCommon.accounts.removeOf.replace('{{email}}', 'lies@example.org')
			})
			.click();
		// Dismissed: still there.
		expect(await page.locator('tr[data-email="lies@example.org"]').count()).toBe(1);
		await page
			.getByRole('button', {
				name: frCommon.accounts.resetOf.replace('{{email}}', 'lies@example.org')
			})
			.click();
		await page.getByTestId('issued-password').waitFor();
		await phone.page.goto(`${server.url}/f/account`);
		await phone.page.waitForURL('**/f/login**');
	});
});
