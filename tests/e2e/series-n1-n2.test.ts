import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frActions from '../../src/lib/i18n/locales/fr/actions.json';
import frFollowup from '../../src/lib/i18n/locales/fr/followup.json';
import nlFollowup from '../../src/lib/i18n/locales/nl/followup.json';
import frSubmissions from '../../src/lib/i18n/locales/fr/submissions.json';
import type { ActionView } from '../../src/lib/protocol/actions';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import type { Page } from 'playwright-core';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration
} from '../helpers/browser';
import { expectLegible } from '../helpers/projector';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	pdfText,
	runVote
} from '../helpers/restitution';
import {
	api,
	createConcertation,
	joinAsParticipant,
	phaseOf,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * A series that remembers, played from N°1 to N°2 in real browsers. N°1's vote gives three
 * priorities; on the series page a coordinator turns two of them into actions and, between
 * meetings, sets their status and progress note. N°2 is created from N°1 in the create form,
 * which proposes the follow-up step; the projector shows the actions; three phones (one in
 * Dutch) give their opinion; the console approves two and refuses one. N°2's restitution
 * (PDF, Word, Markdown) prints the approved opinions under their action and the sector news
 * by heading, and the PDF is one page.
 */

const LAPTOP = { width: 1366, height: 768 };

let server: RunningServer;
let admin: string;
let coordinator: string;
let first: number;
let second: { id: number; joinCode: string };
let actions: ActionView[] = [];

const PRIORITIES = [
	{
		fr: 'Ateliers pour une première ligne inclusive',
		nl: 'Workshops voor een inclusieve eerstelijn'
	},
	{
		fr: 'Accès au logement des personnes fragilisées',
		nl: 'Toegang tot huisvesting voor kwetsbare mensen'
	},
	{ fr: 'Case management', nl: 'Casemanagement' },
	{ fr: 'Crise sanitaire', nl: 'Gezondheidscrisis' }
];
const OPINIONS = {
	anne: 'Nous pouvons accueillir un atelier au SSM en juin.',
	bruno: 'Il faudrait inviter les maisons médicales.',
	els: 'Het OCMW wil de lijst van woningen delen.'
};

async function signedIn(token: string): Promise<Page> {
	const device = await launchDevice({ viewport: LAPTOP });
	await device.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
	return device.page;
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
	await formAction(server, admin, '/f/series?/create', {
		titleFr: 'Concertations thématiques de la zone Nord-Est',
		titleNl: 'Thematische overleggen van de zorgzone Noord-Oost'
	});
	await formAction(server, admin, '/f/series?/addCoordinator', {
		seriesId: '1',
		email: 'coordination@example.org'
	});
	const n1 = await createConcertation(server, admin, {
		number: '1',
		titleFr: 'Santé mentale et logement',
		titleNl: 'Geestelijke gezondheid en huisvesting'
	});
	first = n1.id;
	await formAction(server, admin, `/f/${first}/edit?/series`, { seriesId: '1' });
	const people = [];
	for (const displayName of ['A', 'B', 'C', 'D'])
		people.push(await joinAsParticipant(server, n1.joinCode, { displayName }));
	const ids = await runVote(
		server,
		admin,
		first,
		PRIORITIES,
		people.map((person, index) => ({
			participantToken: person.token,
			choices: index === 3 ? [1, 0, 2] : [0, 1, 2]
		}))
	);
	// Three priorities go on from N°1.
	await httpCommand(server, admin, first, 'vote.select', { candidateIds: ids.slice(0, 3) });
	await httpCommand(server, admin, first, 'session.close', {}).catch(() => undefined);
}, 90_000);

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

describe('a series from N°1 to N°2', () => {
	it('N°1: two of its three priorities become actions, followed between meetings', async () => {
		captureOnFailure('n1-actions');
		const page = await signedIn(coordinator);
		await page.goto(`${server.url}/r/series/1`);
		await waitForHydration(page);
		const section = page.getByTestId('series-actions');
		const opener = section.locator('summary', { hasText: frActions.createTitle });
		await opener.click();
		const form = section.getByTestId('action-form');
		const source = form.getByLabel(frActions.fields.source);
		// The three selected priorities are offered (then N°1 has no table).
		const offered = await source.locator('option').allTextContents();
		for (const priority of PRIORITIES.slice(0, 3))
			expect(offered.some((text) => text.includes(priority.fr))).toBe(true);
		expect(offered.some((text) => text.includes(PRIORITIES[3]!.fr))).toBe(false);
		for (const index of [1, 2]) {
			// Saved: the new action's form stays open, empty again.
			if (!(await form.isVisible())) await opener.click();
			await source.selectOption({ index });
			await form.getByRole('button', { name: frActions.create }).click();
			await expect.poll(() => section.locator('li.action').count()).toBe(index);
		}
		const settings = [
			['in_progress', 'Deux ateliers ont eu lieu à Schaerbeek.'],
			['paused', 'En attente du financement régional.']
		] as const;
		for (const [index, [status, note]] of settings.entries()) {
			const action = section.locator('li.action').nth(index);
			await action.getByRole('button', { name: new RegExp(frActions.edit) }).click();
			const edit = action.getByTestId('action-form');
			await edit.getByLabel(frActions.fields.status).selectOption(status);
			await edit.getByLabel(frActions.fields.progressNote).fill(note);
			await edit.getByRole('button', { name: frActions.save }).click();
			await expect
				.poll(() => action.locator('[data-status]').first().getAttribute('data-status'))
				.toBe(status);
		}
		actions = (
			await api<{ actions: ActionView[] }>(server, 'GET', '/api/series/1/actions', { token: admin })
		).body.actions;
		expect(actions.map((action) => [action.title.fr, action.status, action.progressNote])).toEqual([
			[PRIORITIES[0]!.fr, 'in_progress', settings[0][1]],
			[PRIORITIES[1]!.fr, 'paused', settings[1][1]]
		]);
		await expectNoAxeViolations(page, 'series page with two actions');
	});

	it('N°2, created from N°1 in the create form, has the follow-up step proposed', async () => {
		captureOnFailure('n2-create');
		const page = await signedIn(admin);
		await page.goto(`${server.url}/f`);
		await waitForHydration(page);
		await page.locator('#titleFr').fill('Santé mentale et logement : où en sommes-nous ?');
		await page.locator('#titleNl').fill('Geestelijke gezondheid en huisvesting: hoe ver staan we?');
		await page.locator('#number').fill('2');
		await page.locator('#copyFrom').selectOption(String(first));
		await page.getByRole('button', { name: /Créer/ }).click();
		await page.waitForURL(/\/f\/\d+$/);
		const id = Number(new URL(page.url()).pathname.split('/').pop());
		const state = await api<{ sections: { session: { joinCode: string } } }>(
			server,
			'GET',
			`/api/concertations/${id}`,
			{ token: admin }
		);
		second = { id, joinCode: state.body.sections.session.joinCode };
		// The step is in its programme, and the console lists it.
		expect(await phaseOf(server, admin, id, 'followup')).toBeGreaterThan(0);
		await waitForHydration(page);
		expect(await page.locator('main').textContent()).toContain(frFollowup.kind);
	});

	it('N°2: the projector shows the actions; three phones, one in Dutch, give opinions; the console moderates', async () => {
		captureOnFailure('n2-room');
		const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
			httpCommand<R>(server, admin, second.id, name, input);
		// Sector news by heading, prepared before the session.
		const law = await command<{ id: number }>('news.headings.save', {
			titleFr: 'Législation et contexte',
			titleNl: 'Wetgeving en context'
		});
		await command('news.save', {
			titleFr: 'Bienvenue à la nouvelle coordinatrice',
			titleNl: 'Welkom aan de nieuwe coördinator'
		});
		await command('news.save', {
			titleFr: 'Nouveau décret première ligne',
			titleNl: 'Nieuw decreet eerste lijn',
			headingId: law.id
		});
		await command('session.start', {});
		await command('phase.goto', { phaseId: await phaseOf(server, admin, second.id, 'followup') });

		// The projector, opened from the facilitator's laptop (its session is the key).
		const projector = await launchDevice({ viewport: VIEWPORTS.projector });
		await projector.context.addCookies([{ name: SESSION_COOKIE, value: admin, url: server.url }]);
		await projector.page.goto(`${server.url}/s/${second.id}`);
		await waitForHydration(projector.page);
		await projector.page
			.locator('[data-testid="screen-phase"][data-phase-kind="followup"]')
			.waitFor();
		const list = projector.page.getByTestId('screen-actions');
		await expect.poll(() => list.locator('li').count()).toBe(2);
		expect(await list.textContent()).toContain('Deux ateliers ont eu lieu à Schaerbeek.');
		await expectLegible(projector.page, 'follow-up of N°2 at 1920×1080', [
			'[data-testid="screen-actions"] .titles'
		]);

		const console_ = await signedIn(admin);
		await console_.goto(`${server.url}/f/${second.id}`);
		await waitForHydration(console_);

		const phones = [
			{ name: 'Anne', locale: 'fr-BE', action: 0, text: OPINIONS.anne, strings: frFollowup },
			{ name: 'Bruno', locale: 'fr-BE', action: 0, text: OPINIONS.bruno, strings: frFollowup },
			{ name: 'Els', locale: 'nl-BE', action: 1, text: OPINIONS.els, strings: nlFollowup }
		];
		for (const person of phones) {
			const device = await launchDevice({
				viewport: VIEWPORTS.phone,
				isMobile: true,
				locale: person.locale
			});
			const phone = device.page;
			await phone.goto(`${server.url}/j/${second.joinCode}`);
			await waitForHydration(phone);
			await phone.locator('#displayName').fill(person.name);
			await phone.locator('#organisation').fill('SSM Le Méridien');
			await phone.locator('#sector').selectOption('mental_health');
			await phone.locator('input[name="consentAttendance"]').check();
			await phone.locator('main form button[type="submit"]').click();
			await phone.getByTestId('phone-actions').waitFor();
			const form = phone.getByTestId('phone-opinion-form');
			await form.locator('#opinion-action').selectOption(String(actions[person.action]!.id));
			await form.locator('#opinion-text').fill(person.text);
			await form.getByLabel(person.strings.markSupport).check();
			await form.getByRole('button', { name: person.strings.submit }).click();
			await phone.getByTestId('phone-own-opinions').waitFor();
			if (person.locale === 'nl-BE') {
				expect(await phone.locator('html').getAttribute('lang')).toBe('nl');
				await expectNoAxeViolations(phone, 'phone in Dutch: follow-up');
			}
		}

		// The console approves Anne's and Els's opinions and refuses Bruno's.
		for (const [text, verdict] of [
			[OPINIONS.anne, frSubmissions.actions.approve],
			[OPINIONS.bruno, frSubmissions.actions.reject],
			[OPINIONS.els, frSubmissions.actions.approve]
		] as const) {
			const item = console_
				.getByTestId('followup-console-actions')
				.locator('li', { hasText: text })
				.last();
			await item.waitFor({ timeout: 10_000 });
			await item.getByRole('button', { name: new RegExp(verdict) }).click();
		}
		await expect
			.poll(() =>
				console_
					.getByTestId('followup-console-actions')
					.locator('li[data-status="approved"]')
					.count()
			)
			.toBe(2);
		await expect
			.poll(() =>
				console_
					.getByTestId('followup-console-actions')
					.locator('li[data-status="rejected"]')
					.count()
			)
			.toBe(1);
	});

	it('N°2’s restitution prints the opinions per action and the news by heading, on one PDF page', async () => {
		captureOnFailure('n2-restitution');
		const page = await signedIn(coordinator);
		await page.goto(`${server.url}/r/${second.id}`);
		await waitForHydration(page);
		const download = async (name: RegExp) => {
			const [file] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name }).first().click()
			]);
			const path = await file.path();
			const { readFileSync } = await import('node:fs');
			return readFileSync(path);
		};
		const pdf = await pdfText(await download(/^PDF/));
		expect(pdf.pages).toBe(1);
		const squash = (text: string) => text.replace(/\s/g, '');
		const printed = squash(pdf.text);
		for (const expected of [
			OPINIONS.anne,
			OPINIONS.els,
			PRIORITIES[0]!.fr,
			'Législation et contexte'
		])
			expect(printed).toContain(squash(expected));
		expect(printed).not.toContain(squash(OPINIONS.bruno));

		const docx = await JSZip.loadAsync(await download(/^Word/));
		const word = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
		for (const expected of [
			OPINIONS.anne,
			OPINIONS.els,
			'Législation et contexte',
			'Nouveau décret première ligne'
		])
			expect(word).toContain(expected);
		expect(word).not.toContain(OPINIONS.bruno);

		const markdown = (await download(/^Markdown/)).toString('utf8');
		const lines = markdown.split('\n');
		const at = (text: string) => lines.findIndex((line) => line.includes(text));
		// Each opinion under its action, the news under its heading.
		expect(at(OPINIONS.anne)).toBeGreaterThan(at(PRIORITIES[0]!.fr));
		expect(at(OPINIONS.els)).toBeGreaterThan(at(PRIORITIES[1]!.fr));
		expect(at(PRIORITIES[1]!.fr)).toBeGreaterThan(at(OPINIONS.anne));
		expect(at('Nouveau décret première ligne')).toBeGreaterThan(at('Législation et contexte'));
		expect(markdown).not.toContain(OPINIONS.bruno);
	});
});
