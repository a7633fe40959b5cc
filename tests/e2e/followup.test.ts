import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frFollowup from '../../src/lib/i18n/locales/fr/followup.json';
import frSubmissions from '../../src/lib/i18n/locales/fr/submissions.json';
import type { ActionView } from '../../src/lib/protocol/actions';
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
import { expectLegible, showOnProjector } from '../helpers/projector';
import { formAction, httpCommand } from '../helpers/restitution';
import {
	api,
	createConcertation,
	phaseOf,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * "Where are we with our actions?" in real browsers: the projector shows the series' actions
 * with their status and progress note, legible from the back of the room at 1920×1080 and
 * 1280×720, as a list and one at a time; a phone (360×740) gives an opinion with a mark; the
 * console (1366×768) sees it arrive under its action and approves it.
 */

let server: RunningServer;
let admin: string;
let concertation: { id: number; joinCode: string; screenKey: string };
let actions: ActionView[];
const SHOTS = process.env.SHOTS;

const ACTIONS = [
	{
		titleFr: 'Ateliers pour une première ligne inclusive',
		titleNl: 'Workshops voor een inclusieve eerstelijn',
		status: 'in_progress',
		progressNote:
			'Deux ateliers ont eu lieu à Schaerbeek et Evere ; le troisième est prévu en mai.',
		leadOrganisations: ['CPAS de Schaerbeek', 'SSM Le Méridien'],
		dueDate: '2025-06-30'
	},
	{
		titleFr: 'Crise sanitaire : un plan de continuité partagé',
		titleNl: 'Gezondheidscrisis: een gedeeld continuïteitsplan',
		status: 'done',
		progressNote: 'Le plan a été validé par le conseil de l’action.'
	},
	{
		titleFr: 'Case management et soutien aux professionnel·les',
		titleNl: 'Casemanagement en ondersteuning van professionals',
		status: 'paused',
		progressNote: 'En attente du financement régional.'
	}
];

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Conseil de l’action régional',
		titleNl: 'Gewestelijke actieraad'
	});
	const first = await createConcertation(server, admin, { number: '1' });
	await formAction(server, admin, `/f/${first.id}/edit?/series`, { seriesId: '1' });
	actions = [];
	for (const body of ACTIONS)
		actions.push(
			(
				await api<{ action: ActionView }>(server, 'POST', '/api/series/1/actions', {
					token: admin,
					body
				})
			).body.action
		);
	concertation = await createConcertation(server, admin, { number: '2', copyFrom: first.id });
	await httpCommand(server, admin, concertation.id, 'session.start', {});
	await httpCommand(server, admin, concertation.id, 'phase.goto', {
		phaseId: await phaseOf(server, admin, concertation.id, 'followup')
	});
}, 60_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the follow-up in the browser', () => {
	it.each([
		['1080', VIEWPORTS.projector],
		['720', { width: 1280, height: 720 }]
	] as const)(
		'shows the actions legibly on a %s projector, as a list and one at a time',
		async (label, viewport) => {
			captureOnFailure(`followup-projector-${label}`);
			const device = await launchDevice({ viewport });
			const page = device.page;
			await httpCommand(server, admin, concertation.id, 'followup.display', { mode: 'list' });
			await showOnProjector(page, server, concertation, 'followup');
			const list = page.getByTestId('screen-actions');
			await list.locator('li').first().waitFor();
			expect(await list.locator('li').count()).toBe(3);
			expect(await list.textContent()).toContain('Deux ateliers ont eu lieu');
			expect(await list.locator('[data-status="done"]').textContent()).toBe(
				'Réalisée · Uitgevoerd'
			);
			await expectLegible(page, `followup list ${label}`, [
				'[data-testid="screen-actions"] .titles'
			]);
			const font = await list
				.locator('.titles')
				.first()
				.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
			expect(font).toBeGreaterThanOrEqual(label === '1080' ? 32 : 21.3);
			if (SHOTS) await page.screenshot({ path: `${SHOTS}/followup-list-${label}.png` });

			await httpCommand(server, admin, concertation.id, 'followup.display', {
				mode: 'single',
				currentId: actions[0]!.id
			});
			const single = page.locator(`article.single[data-action="${actions[0]!.id}"]`);
			await single.waitFor();
			expect(await single.textContent()).toContain('CPAS de Schaerbeek · SSM Le Méridien');
			expect(await single.textContent()).toContain('30 juin 2025');
			await expectLegible(page, `followup single ${label}`, ['article.single .titles']);
			if (SHOTS) await page.screenshot({ path: `${SHOTS}/followup-single-${label}.png` });
			await device.close();
		}
	);

	it('takes an opinion from a phone, which the console sees and approves', async () => {
		captureOnFailure('followup-phone-console');
		const [phone, facilitator]: Device[] = await Promise.all([
			launchDevice({ viewport: VIEWPORTS.phone, isMobile: true }),
			launchDevice({ viewport: { width: 1366, height: 768 } })
		]);
		await facilitator!.context.addCookies([
			{ name: SESSION_COOKIE, value: admin, url: server.url }
		]);
		const anne = phone!.page;
		const console_ = facilitator!.page;
		await console_.goto(`${server.url}/f/${concertation.id}`);
		await anne.goto(`${server.url}/j/${concertation.joinCode}`);
		await Promise.all([waitForHydration(console_), waitForHydration(anne)]);
		await anne.locator('#displayName').fill('Anne');
		await anne.locator('#organisation').fill('SSM Le Méridien');
		await anne.locator('#sector').selectOption('mental_health');
		await anne.locator('input[name="consentAttendance"]').check();
		await anne.locator('main form button[type="submit"]').click();
		await anne.getByTestId('phone-actions').waitFor();

		// The phone: the actions with their status; the form starts on the one on the projector.
		const phoneActions = anne.getByTestId('phone-actions');
		expect(await phoneActions.locator('li').count()).toBe(3);
		expect(await phoneActions.textContent()).toContain('Deux ateliers ont eu lieu');
		const form = anne.getByTestId('phone-opinion-form');
		expect(await form.locator('#opinion-action').inputValue()).toBe(String(actions[0]!.id));
		await form.locator('#opinion-action').selectOption(String(actions[2]!.id));
		await form.locator('#opinion-text').fill('Nous pouvons aider à trouver un financement.');
		await form.getByLabel(frFollowup.markSupport).check();
		await form.getByRole('button', { name: frFollowup.submit }).click();
		const own = anne.getByTestId('phone-own-opinions');
		await own.waitFor();
		await expect.poll(() => own.textContent()).toContain(frSubmissions.status.pending);
		expect(await own.textContent()).toContain('Case management');
		expect(await anne.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			VIEWPORTS.phone.width
		);
		await expectNoAxeViolations(anne, 'phone: followup');
		if (SHOTS) await anne.screenshot({ path: `${SHOTS}/followup-phone.png`, fullPage: true });

		// The console: the opinion under its action, with its mark and author; approved.
		const card = console_.locator(
			`[data-testid="followup-console-actions"] li.card[data-action="${actions[2]!.id}"]`
		);
		await expect
			.poll(() => card.getByTestId('followup-opinions').textContent(), { timeout: 5000 })
			.toContain('Nous pouvons aider à trouver un financement.');
		expect(await card.textContent()).toContain(frFollowup.marks.support);
		expect(await card.textContent()).toContain('par Anne');
		await expectNoAxeViolations(console_, 'console: followup');
		if (SHOTS) await console_.screenshot({ path: `${SHOTS}/followup-console.png` });
		await card.getByRole('button', { name: new RegExp(frSubmissions.actions.approve) }).click();
		await expect.poll(() => own.textContent()).toContain(frSubmissions.status.approved);
		await expect.poll(() => card.locator('li[data-status="approved"]').count()).toBe(1);

		// The restitution's preview prints it, per action, with its mark.
		await console_.goto(`${server.url}/r/${concertation.id}`);
		await waitForHydration(console_);
		const summary = console_.getByTestId('summary-followup');
		await summary.waitFor();
		expect(await summary.textContent()).toContain(frFollowup.summaryTitle);
		expect(await summary.textContent()).toContain(
			'Nous pouvons aider à trouver un financement. (Soutien · Steun)'
		);
		await expectNoAxeViolations(console_, 'review: followup');
	});
});
