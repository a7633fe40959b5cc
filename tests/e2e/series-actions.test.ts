import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frActions from '../../src/lib/i18n/locales/fr/actions.json';
import nlActions from '../../src/lib/i18n/locales/nl/actions.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration
} from '../helpers/browser';
import { coordinatorAccount, formAction, httpCommand, runVote } from '../helpers/restitution';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * A coordinator follows the series' actions on its page at 1366×768: turns a selected
 * priority into an action, sets its status and progress note between meetings, sees the
 * history; a refused save keeps what was typed; a share link's holder reads only.
 */

const LAPTOP = { width: 1366, height: 768 };

let server: RunningServer;
let coordinator: string;
let shareToken: string;

beforeAll(async () => {
	server = await startServer();
	const admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Zone Nord-Est',
		titleNl: 'Zorgzone Noord-Oost'
	});
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'coordination@example.org'
	});
	const concertation = await createConcertation(server, admin, { number: '1' });
	await formAction(server, admin, `/f/${concertation.id}/edit?/series`, { seriesId: '1' });
	const people = [];
	for (const displayName of ['A', 'B'])
		people.push(await joinAsParticipant(server, concertation.joinCode, { displayName }));
	const ids = await runVote(
		server,
		admin,
		concertation.id,
		[
			{
				fr: 'Ateliers pour une première ligne inclusive',
				nl: 'Workshops voor een inclusieve eerstelijn'
			},
			{ fr: 'Crise sanitaire', nl: 'Gezondheidscrisis' }
		],
		people.map((person) => ({ participantToken: person.token, choices: [0, 1] }))
	);
	await httpCommand(server, admin, concertation.id, 'vote.select', { candidateIds: ids });
	const share = await api<{ share: { token: string } }>(
		server,
		'POST',
		`/api/concertations/${concertation.id}/restitution/shares`,
		{ token: admin }
	);
	shareToken = share.body.share.token;
}, 60_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('the series’ actions on its page', () => {
	it('are made from a priority and followed between meetings, at 1366×768', async () => {
		captureOnFailure('series-actions-console');
		const device = await launchDevice({ viewport: LAPTOP });
		await device.context.addCookies([
			{ name: SESSION_COOKIE, value: coordinator, url: server.url }
		]);
		const page = device.page;
		await page.goto(`${server.url}/r/series/1`);
		await waitForHydration(page);
		const section = page.getByTestId('series-actions');
		expect(await section.getByText(frActions.none).isVisible()).toBe(true);

		// A new action from the first priority: choosing it fills the texts.
		await section.getByText(frActions.createTitle).click();
		const form = section.getByTestId('action-form');
		const source = form.getByLabel(frActions.fields.source);
		expect(await source.locator('option').nth(1).textContent()).toContain(
			'Priorité · Ateliers pour une première ligne inclusive'
		);
		await source.selectOption({ index: 1 });
		expect(await form.getByLabel(frActions.fields.titleNl).inputValue()).toBe(
			'Workshops voor een inclusieve eerstelijn'
		);
		await form.getByLabel(frActions.fields.leadOrganisations).fill('CPAS de Schaerbeek\nSSM Nord');
		await form.getByRole('button', { name: frActions.create }).click();
		const action = section.locator('li.action');
		await action.first().waitFor();
		expect(await action.count()).toBe(1);
		expect(await action.textContent()).toContain('CPAS de Schaerbeek · SSM Nord');
		expect(await action.locator('[data-status]').getAttribute('data-status')).toBe('proposed');

		// Between meetings: a due date that does not exist is refused, nothing typed is lost.
		await action.getByRole('button', { name: new RegExp(frActions.edit) }).click();
		const edit = action.getByTestId('action-form');
		await edit.getByLabel(frActions.fields.status).selectOption('in_progress');
		await edit.getByLabel(frActions.fields.progressNote).fill('Deux ateliers ont eu lieu.');
		await edit.getByLabel(frActions.fields.titleFr).fill('');
		await edit.getByLabel(frActions.fields.titleNl).fill('');
		await edit.getByRole('button', { name: frActions.save }).click();
		const error = page.getByTestId('action-error');
		await error.waitFor();
		expect(await error.textContent()).toBe(frActions.errors.action_title_required);
		const kept = page.locator('li.action').getByTestId('action-form');
		expect(await kept.getByLabel(frActions.fields.progressNote).inputValue()).toBe(
			'Deux ateliers ont eu lieu.'
		);
		expect(await kept.getByLabel(frActions.fields.titleFr).getAttribute('aria-invalid')).toBe(
			'true'
		);
		await kept.getByLabel(frActions.fields.titleFr).fill('Ateliers première ligne inclusive');
		await kept.getByRole('button', { name: frActions.save }).click();
		await page.getByTestId('progress-note').waitFor();
		expect(await page.getByTestId('progress-note').textContent()).toBe(
			'Deux ateliers ont eu lieu.'
		);
		expect(await action.locator('[data-status]').textContent()).toBe(frActions.status.in_progress);
		// Saved: the form closes, and the new action's form is empty again.
		expect(await action.getByTestId('action-form').count()).toBe(0);
		expect(await form.getByLabel(frActions.fields.titleFr).inputValue()).toBe('');

		// The history: created, then changed (status, title, progress note), by whom.
		await action.getByText(frActions.history).click();
		const history = action.getByTestId('action-history');
		expect(await history.locator(':scope > li').count()).toBe(2);
		const latest = await history.locator(':scope > li').first().textContent();
		expect(latest).toContain('Modifiée par coordination');
		expect(latest).toContain('Statut\u00a0: Proposée → En cours');
		expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
			true
		);
		await expectNoAxeViolations(page, 'series actions (coordinator)');
		if (process.env.SHOTS)
			await page.screenshot({ path: `${process.env.SHOTS}/series-actions.png`, fullPage: true });
	});

	it('are read by a share link’s holder, in Dutch, without a form', async () => {
		captureOnFailure('series-actions-share');
		const device = await launchDevice({ viewport: LAPTOP, locale: 'nl-BE' });
		const page = device.page;
		await page.goto(`${server.url}/r/series/1?share=${shareToken}`);
		await waitForHydration(page);
		const section = page.getByTestId('series-actions');
		expect(await section.getByText(nlActions.readOnly).isVisible()).toBe(true);
		expect(await section.locator('li.action [data-status]').textContent()).toBe(
			nlActions.status.in_progress
		);
		expect(await section.getByTestId('action-form').count()).toBe(0);
		expect(await section.getByRole('button').count()).toBe(0);
		await expectNoAxeViolations(page, 'series actions (share link)');
		// Without a link, or with a wrong one, nothing is shown.
		const refused = await fetch(`${server.url}/r/series/1?share=${'x'.repeat(43)}`);
		expect(refused.status).toBe(404);
	});
});
