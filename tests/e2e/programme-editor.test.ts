import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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
import { createConcertation, signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * The programme editor in a real browser: steps reordered by drag and drop with the mouse,
 * and by the ↑ ↓ buttons; the order is stored (it survives a reload), and a drop to a place
 * that does not exist is refused with a translated message, changing nothing. The next
 * concertation can then start from this one and gets the programme as edited.
 */

let server: RunningServer;
let concertation: { id: number; screenKey: string };
let facilitator: Device;

beforeAll(async () => {
	server = await startServer();
	const token = await signIn(server);
	concertation = await createConcertation(server, token);
	// Tall enough for every step to be on screen at once: a drag from the first step to the
	// last then needs no scrolling, which a person's drag gets from the browser's autoscroll.
	facilitator = await launchDevice({ viewport: { width: VIEWPORTS.console.width, height: 9000 } });
	await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

/** The steps' French titles, in the order the editor lists them. */
function stepTitles(page: Page): Promise<string[]> {
	return page
		.getByTestId('phase-card')
		.evaluateAll((cards) =>
			cards.map((card) => (card.querySelector('input[name="titleFr"]') as HTMLInputElement).value)
		);
}

async function openEditor(): Promise<Page> {
	const page = facilitator.page;
	await page.goto(`${server.url}/f/${concertation.id}/edit`);
	await waitForHydration(page);
	await page.getByTestId('phase-card').first().waitFor();
	return page;
}

describe('programme editor', () => {
	it('moves a step by drag and drop, and the new order is stored', async () => {
		captureOnFailure('programme-drag');
		const page = await openEditor();
		const before = await stepTitles(page);
		expect(before.length).toBeGreaterThanOrEqual(4);
		const [first, second, third, ...rest] = before;

		// The third step dropped on the first takes its place.
		await page
			.getByTestId('phase-drag-handle')
			.nth(2)
			.dragTo(page.getByTestId('phase-card').nth(0));
		await expect.poll(() => stepTitles(page)).toEqual([third, first, second, ...rest]);
		await expect.poll(() => page.getByRole('status').textContent()).toContain(frCommon.edit.saved);

		// The first step dropped on the last goes to the end.
		const last = before.length - 1;
		await page
			.getByTestId('phase-drag-handle')
			.nth(0)
			.dragTo(page.getByTestId('phase-card').nth(last));
		const expected = [first, second, ...rest, third];
		await expect.poll(() => stepTitles(page)).toEqual(expected);

		await page.reload();
		await waitForHydration(page);
		expect(await stepTitles(page)).toEqual(expected);
		await expectNoAxeViolations(page, 'edit /f/<id>/edit after drag and drop');
	});

	it('still moves a step with the buttons, from the keyboard', async () => {
		captureOnFailure('programme-buttons');
		const page = await openEditor();
		const [first, second, ...rest] = await stepTitles(page);
		const down = page.getByRole('button', {
			name: new RegExp(`${frCommon.edit.down}\\s*:\\s*${first}$`)
		});
		await down.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => stepTitles(page)).toEqual([second, first, ...rest]);
	});

	it('refuses a drop to a place outside the programme and changes nothing', async () => {
		captureOnFailure('programme-bad-drop');
		const page = await openEditor();
		const before = await stepTitles(page);
		const phaseId = await page
			.getByTestId('phase-card')
			.first()
			.locator('input[name="phaseId"]')
			.first()
			.inputValue();
		for (const toIndex of [String(before.length), '-1', '1.5', 'abc', '']) {
			const answer = await page.evaluate(
				async ({ phaseId, toIndex }) => {
					const body = new FormData();
					body.set('phaseId', phaseId);
					body.set('toIndex', toIndex);
					const response = await fetch('?/move', {
						method: 'POST',
						body,
						headers: { 'x-sveltekit-action': 'true' }
					});
					return (await response.json()) as {
						type: string;
						status: number;
						data: string;
					};
				},
				{ phaseId, toIndex }
			);
			expect(answer, `toIndex=${toIndex}`).toMatchObject({ type: 'failure', status: 400 });
			// SvelteKit serialises action data with devalue: the message is in it, in French.
			expect(answer.data).toContain(frErrorsInvalidStart());
		}
		await page.reload();
		await waitForHydration(page);
		expect(await stepTitles(page)).toEqual(before);
	});

	it('starts the next concertation from this one, with its programme as edited', async () => {
		captureOnFailure('programme-copy');
		const source = await stepTitles(await openEditor());
		const page = facilitator.page;
		await page.goto(`${server.url}/f`);
		await waitForHydration(page);
		await page.locator('#titleFr').fill('Santé mentale et logement (suite)');
		await page.locator('#titleNl').fill('Geestelijke gezondheid en huisvesting (vervolg)');
		const copyFrom = page.getByLabel(frCommon.list.startFrom);
		// The standard programme is the default; earlier concertations are listed by date and title.
		expect(await copyFrom.inputValue()).toBe('');
		await copyFrom.selectOption(String(concertation.id));

		// A programme file as well is one source too many: refused, what was typed kept.
		await page.locator('#programme').setInputFiles({
			name: 'programme.json',
			mimeType: 'application/json',
			buffer: Buffer.from('{}')
		});
		await page.getByRole('button', { name: frCommon.list.createSubmit }).click();
		await expect
			.poll(() => page.locator('#copyFrom-error').textContent())
			.toBe(frErrors.programme_source_conflict);
		expect(await copyFrom.getAttribute('aria-invalid')).toBe('true');
		expect(await copyFrom.inputValue()).toBe(String(concertation.id));
		expect(await page.locator('#titleNl').inputValue()).toBe(
			'Geestelijke gezondheid en huisvesting (vervolg)'
		);
		await expectNoAxeViolations(page, 'create form with an error on its programme');

		await page.locator('#programme').setInputFiles([]);
		await page.getByRole('button', { name: frCommon.list.createSubmit }).click();
		await page.waitForURL(/\/f\/\d+$/);
		const copyId = Number(new URL(page.url()).pathname.split('/').pop());
		expect(copyId).not.toBe(concertation.id);
		await page.goto(`${server.url}/f/${copyId}/edit`);
		await waitForHydration(page);
		await page.getByTestId('phase-card').first().waitFor();
		expect(await stepTitles(page)).toEqual(source);
	});

	it('keeps the facilitators’ notes on the console, off the projector', async () => {
		captureOnFailure('programme-notes');
		const page = await openEditor();
		const first = page.getByTestId('phase-card').first();
		const notes = 'Accueil : rappeler les règles du vote.\nMarie tend le micro.';
		await first.getByLabel(frCommon.edit.notes).fill(notes);
		await first.getByRole('button', { name: frCommon.edit.save }).click();
		await expect.poll(() => page.getByRole('status').textContent()).toContain(frCommon.edit.saved);
		await expectNoAxeViolations(page, 'programme editor with notes');

		// Before the start, the console shows the first step's notes, line breaks kept.
		await page.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(page);
		const shown = page.getByTestId('phase-notes');
		await expect.poll(() => shown.locator('p').innerText()).toBe(notes);

		const screen = await launchDevice({ viewport: VIEWPORTS.projector });
		await screen.page.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		await waitForHydration(screen.page);
		expect(await screen.page.locator('body').innerText()).not.toContain('Marie tend le micro');
	});
});

/** The beginning of the translated "invalid" error, as the page's language (French) says it. */
function frErrorsInvalidStart(): string {
	return frErrors.invalid.split('{{')[0]!.trim();
}
