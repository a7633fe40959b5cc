import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import frRemote from '../../src/lib/i18n/locales/fr/remote.json';
import { waitForHydration, type Device } from './browser';
import { api, type RunningServer } from './server';

/**
 * What the hybrid-meeting tests share (remote participants, parts, the console's dialogs):
 * joining in the browser in the room or remote, watching when a remote page's projector box
 * shows each step, asking the console's confirmation, and waiting for the presence count.
 */

/** The remote participants' laptop. */
export const LAPTOP = { width: 1280, height: 800 };

export interface Person {
	name: string;
	remote: boolean;
	viewport: { width: number; height: number };
}

/** Joins from the join page, in the room (the default) or remote. */
export async function joinInBrowser(
	server: RunningServer,
	device: Device,
	code: string,
	person: Person
): Promise<void> {
	const page = device.page;
	await page.goto(`${server.url}/j/${code}`);
	await waitForHydration(page);
	await page.locator('#displayName').fill(person.name);
	// In the room is chosen already; remote is one click (or arrow key) away.
	expect(await page.locator('input[name="attendanceMode"][value="room"]').isChecked()).toBe(true);
	if (person.remote) await page.getByLabel(frRemote.attendanceMode.remote).check();
	await page.locator('main form button[type="submit"]').click();
	await page.getByText(frCommon.participant.hello.replace('{{name}}', person.name)).waitFor();
}

/** Runs in a remote page: notes when each step kind first shows in its projector box. */
export function watchScreenKinds() {
	const probe = window as unknown as { seen: Record<string, number> };
	probe.seen = {};
	const check = () => {
		const kind = document
			.querySelector('[data-testid="remote-screen"] [data-testid="screen-phase"]')
			?.getAttribute('data-phase-kind');
		if (kind && !(kind in probe.seen)) probe.seen[kind] = Date.now();
	};
	check();
	new MutationObserver(check).observe(document.body, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-phase-kind']
	});
}

/** When (page clock, ms) a page watched by `watchScreenKinds` first showed `kind`, or null. */
export const seenAt = (page: Page, kind: string) =>
	page.evaluate(
		(k) => (window as unknown as { seen: Record<string, number> }).seen[k] ?? null,
		kind
	);

/** Confirms the console's "asked first" dialog. */
export async function confirmOnConsole(page: Page): Promise<void> {
	const dialog = page.getByTestId('confirm-dialog');
	await dialog.waitFor({ state: 'visible' });
	await page.getByTestId('confirm-dialog-confirm').click();
	await dialog.waitFor({ state: 'hidden' });
}

/** Waits until the server counts `count` participants connected (a disconnect takes a moment). */
export async function onlineIs(
	server: RunningServer,
	token: string,
	concertationId: number,
	count: number
): Promise<void> {
	await expect
		.poll(async () => {
			const { body } = await api<{ sections: { presence: { online: number } } }>(
				server,
				'GET',
				`/api/concertations/${concertationId}`,
				{ token }
			);
			return body.sections.presence.online;
		})
		.toBe(count);
}

/** The Q&A question shown on a surface (`scope`, a test id) whose text contains `text`. */
export const questionOn = (page: Page, scope: string, text: string) =>
	page.getByTestId(scope).locator('[data-testid="qna-question"]', { hasText: text });
