import { mkdirSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import frScreen from '../../src/lib/i18n/locales/fr/screen.json';
import frNews from '../../src/lib/i18n/locales/fr/news.json';
import frTables from '../../src/lib/i18n/locales/fr/tables.json';
import frVote from '../../src/lib/i18n/locales/fr/vote.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { httpCommand } from '../helpers/restitution';
import type { Sections } from '../../src/lib/protocol';
import {
	api,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The facilitator's console as one screen, in a real browser at the laptop sizes of the
 * room (1366×768 and 1440×900): in every kind of step, the step buttons, the step's own
 * controls, the timer, the join code and the count are inside the first viewport without
 * scrolling, beside a live miniature of the projector. Acts that end something for the
 * room (closing the vote, leaving open tables, closing the session) ask first, in a dialog
 * that says what will happen, and cancel without changing anything.
 */

const SHOTS = '/tmp/console-shots';
const LAPTOPS = [
	{ width: 1366, height: 768 },
	{ width: 1440, height: 900 }
] as const;

const PEOPLE = [
	['Anne Dupont', 'SSM Le Méridien', 'mental_health'],
	['Joost Peeters', 'CAW Brussel', 'social'],
	['Fatima El Amrani', 'CPAS de Schaerbeek', 'social'],
	['Marc Janssens', 'Huis voor Gezondheid', 'primary_care'],
	['Sophie Lambert', 'Infirmiers de rue', 'primary_care'],
	['Karim Benali', 'Maison médicale du Nord', 'primary_care'],
	['Els Vermeulen', 'OCMW Brussel', 'public_authority'],
	['Nadia Haddad', 'Projet Lama', 'addiction'],
	['Pieter De Smet', 'Brusselse Welzijnsraad', 'social'],
	['Julie Moreau', 'Le Foyer schaerbeekois', 'housing'],
	['Thomas Claes', 'Zorgnet Brussel', 'home_care'],
	['Leila Bouzid', 'SSM Antonin Artaud', 'mental_health']
] as const;

let server: RunningServer;
let token: string;
let concertation: { id: number; joinCode: string; screenKey: string };
let laptop: Device;
let page: Page;
const sockets = socketTracker();
const people: { participantId: number; token: string }[] = [];

const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown> = {}) =>
	httpCommand<R>(server, token, concertation.id, name, input);
const goTo = async (kind: string) =>
	command('phase.goto', { phaseId: await phaseOf(server, token, concertation.id, kind) });

/** A participant's command over their own socket (phones send these). */
async function asPerson<N extends Parameters<typeof runCommand>[1]>(
	index: number,
	name: N,
	input: Parameters<typeof runCommand<N>>[2]
) {
	const socket = sockets.track(
		connectParticipant(server, concertation.id, people[index]!.token, 'fr')
	);
	await next(socket, 'snapshot');
	try {
		return await runCommand(socket, name, input);
	} finally {
		socket.disconnect();
	}
}

interface Box {
	name: string;
	top: number;
	bottom: number;
	left: number;
	right: number;
	/** Inside the viewport and inside every box that clips it (a scrolling panel). */
	visible: boolean;
}

/** Where each element is, and whether it is seen without scrolling anything. */
async function boxes(targets: Record<string, string>): Promise<Box[]> {
	return page.evaluate((entries) => {
		return entries.map(([name, selector]) => {
			const element = document.querySelector(selector);
			if (!element) return { name, top: NaN, bottom: NaN, left: NaN, right: NaN, visible: false };
			const rect = element.getBoundingClientRect();
			let clip = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
			for (let box = element.parentElement; box; box = box.parentElement) {
				const style = getComputedStyle(box);
				if (/auto|scroll|hidden|clip/.test(`${style.overflowX} ${style.overflowY}`)) {
					const outer = box.getBoundingClientRect();
					clip = {
						top: Math.max(clip.top, outer.top),
						left: Math.max(clip.left, outer.left),
						bottom: Math.min(clip.bottom, outer.bottom),
						right: Math.min(clip.right, outer.right)
					};
				}
			}
			const visible =
				rect.width > 0 &&
				rect.height > 0 &&
				rect.top >= clip.top - 0.5 &&
				rect.left >= clip.left - 0.5 &&
				rect.bottom <= clip.bottom + 0.5 &&
				rect.right <= clip.right + 0.5;
			return {
				name,
				top: Math.round(rect.top),
				bottom: Math.round(rect.bottom),
				left: Math.round(rect.left),
				right: Math.round(rect.right),
				visible
			};
		});
	}, Object.entries(targets));
}

/**
 * Words split over two lines ("Voorstellingsrond/e") in the elements matched: a word whose
 * text makes more than one box on screen.
 */
async function brokenWords(selector: string): Promise<string[]> {
	return page.evaluate((selector) => {
		const broken: string[] = [];
		for (const element of document.querySelectorAll(selector)) {
			const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/[^\s\u00a0]+/g)) {
					const range = document.createRange();
					range.setStart(node, match.index);
					range.setEnd(node, match.index + match[0].length);
					const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
					if (lines.size > 1) broken.push(match[0]);
				}
			}
		}
		return broken;
	}, selector);
}

/** What every step shows at the top of the console. */
const ALWAYS = {
	previous: '[data-testid="console-previous"]',
	next: '[data-testid="console-next"]',
	timer: '[data-testid="console-timer"]',
	timerToggle: '[data-testid="timer-toggle"]',
	joinCode: '[data-testid="join-code"]',
	count: '[data-testid="console-joined"]',
	miniature: '[data-testid="projector-preview"]'
};

const figures: string[] = [];

/** A step's French title in the standard programme, as the console's side list shows it. */
function frPhaseTitle(kind: 'tables' | 'restitution'): string {
	return { tables: 'Tables de discussion', restitution: 'Restitution et prochaines étapes' }[kind];
}

/** At both laptop sizes: nothing scrolls, and every named control is in view. */
async function expectOneScreen(
	kind: string,
	own: Record<string, string>,
	always: Record<string, string> = ALWAYS
) {
	for (const size of LAPTOPS) {
		await page.setViewportSize(size);
		await page.waitForTimeout(150);
		const measured = await boxes({ ...always, ...own });
		const scroll = await page.evaluate(() => ({
			y: window.scrollY,
			height: document.documentElement.scrollHeight,
			viewport: window.innerHeight,
			// What reaches below the window, for the failure message.
			below: [...document.querySelectorAll('body *')]
				.filter((element) => element.getBoundingClientRect().bottom > window.innerHeight + 1)
				.slice(0, 5)
				.map((element) => `${element.tagName}.${element.className}`)
		}));
		figures.push(
			`${kind} @${size.width}×${size.height}: ` +
				measured.map((box) => `${box.name} ${box.top}–${box.bottom}`).join(', ')
		);
		expect.soft(scroll.y, `${kind} at ${size.width}: scrolled`).toBe(0);
		expect
			.soft(scroll.height, `${kind} at ${size.width}: taller than the window: ${scroll.below}`)
			.toBeLessThanOrEqual(scroll.viewport);
		for (const box of measured)
			expect
				.soft(
					box.visible,
					`${kind} at ${size.width}×${size.height}: ${box.name} ${JSON.stringify(box)}`
				)
				.toBe(true);
		expect
			.soft(
				await brokenWords('.phases .name, #step-title, .flow .step-count, .side'),
				`${kind} at ${size.width}: words broken mid-word`
			)
			.toEqual([]);
		mkdirSync(SHOTS, { recursive: true });
		await page.screenshot({ path: `${SHOTS}/${kind}-${size.width}x${size.height}.png` });
	}
}

/** The miniature is the projector page itself, following the console. */
function miniature(): Frame {
	const frame = page
		.frames()
		.find((candidate) => candidate.url().includes(`/s/${concertation.id}`));
	if (!frame) throw new Error('no projector frame in the console');
	return frame;
}
async function expectMiniatureShows(kind: string) {
	await miniature().waitForSelector(`[data-testid="screen-phase"][data-phase-kind="${kind}"]`);
}

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	concertation = await createConcertation(server, token, {
		titleFr: 'Santé mentale et logement : quelles collaborations ?',
		titleNl: 'Geestelijke gezondheid en huisvesting: welke samenwerking?',
		number: '14',
		place: 'Bruxelles, rue Royale 1'
	});
	for (const [displayName, organisation, sector] of PEOPLE) {
		const person = await joinAsParticipant(server, concertation.joinCode, {
			displayName,
			organisation,
			sector
		});
		people.push(person);
	}
	laptop = await launchDevice({ viewport: LAPTOPS[0] });
	page = laptop.page;
	await laptop.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	sockets.closeAll();
	await closeAllDevices();
	await server?.stop();
	if (figures.length) console.info(`console layout (px from the top):\n  ${figures.join('\n  ')}`);
});

describe('the console on one laptop screen', () => {
	it('shows the step controls, timer, join code, count and projector in every step', async () => {
		captureOnFailure('console-screen');
		await page.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(page);
		// The mid-word check sees a word split over two lines (so that it can fail).
		await page.evaluate(() => {
			const probe = document.createElement('p');
			probe.id = 'broken-probe';
			probe.style.cssText = 'width: 3rem; overflow-wrap: anywhere';
			probe.textContent = 'Voorstellingsronde';
			document.body.append(probe);
		});
		expect(await brokenWords('#broken-probe')).toEqual(['Voorstellingsronde']);
		await page.evaluate(() => document.getElementById('broken-probe')?.remove());

		// Before the start: the start button, the join code and the count, beside the projector.
		await expect.poll(() => page.getByTestId('console-joined').textContent()).toContain('12');
		const { previous: _previous, next: _next, ...room } = ALWAYS;
		await expectOneScreen('draft', { start: '[data-testid="console-start"]' }, room);
		await page.getByTestId('console-start').click();
		await expectMiniatureShows('introduction');
		await expect.poll(() => page.getByTestId('console-joined').textContent()).toContain('12');
		await expectOneScreen('introduction', {});
		await expectNoAxeViolations(page, 'console: introduction');

		// Tour de table: six people wrote their expectations; one has the floor.
		for (const [index, expectations] of [
			'Mieux connaître les services de logement du quartier',
			'Trouver des relais pour les personnes sans chez-soi',
			'Partager nos listes d’attente',
			'Comprendre le rôle des CPAS',
			'Des contacts en santé mentale',
			'Construire un réseau'
		].entries())
			await asPerson(index, 'tour.expectations', { expectations });
		await goTo('tour');
		await command('tour.spotlight', { participantId: people[2]!.participantId });
		await expectMiniatureShows('tour');
		await page.getByTestId('console-spotlight').getByText('Fatima El Amrani').waitFor();
		await expectOneScreen('tour', {
			nextSpeaker: '[data-testid="tour-next"]',
			speaker: '[data-testid="console-spotlight"]'
		});

		// Sector news: three prepared, two waiting for review, shown one at a time.
		await goTo('news');
		const news = [
			['Ouverture d’un nouveau centre de jour', 'Opening van een nieuw dagcentrum'],
			['Appel à projets Logement d’abord', 'Projectoproep Housing First'],
			['Formation : accueil des personnes exilées', 'Opleiding: onthaal van mensen op de vlucht']
		];
		for (const [titleFr, titleNl] of news)
			await command('news.save', {
				titleFr,
				titleNl,
				textFr: 'Plus d’informations auprès de la coordination de la zone.',
				textNl: 'Meer informatie bij de coördinatie van de zone.',
				startDate: '15/10/2024',
				place: 'Schaerbeek'
			});
		await asPerson(0, 'news.submit', { title: 'Permanence juridique logement', place: 'Evere' });
		await asPerson(1, 'news.submit', { title: 'Nieuwe woonbegeleiding', place: 'Brussel' });
		await page.getByTestId('news-queue').getByText('Nieuwe woonbegeleiding').first().waitFor();
		await page.getByText(frNews.modeSingle).click();
		await page.getByTestId('news-on-screen').getByText(news[0]![0]!).waitFor();
		await page.getByTestId('news-show-next').click();
		await page.getByTestId('news-on-screen').getByText(news[1]![0]!).waitFor();
		await expectMiniatureShows('news');
		await expectOneScreen('news', {
			display: '[data-testid="news-screen-bar"] fieldset',
			showNext: '[data-testid="news-show-next"]',
			firstToReview: '[data-testid="news-queue"] li button'
		});
		await expectNoAxeViolations(page, 'console: news');

		// Needs monitoring: the survey's themes.
		await goTo('needs');
		for (const [labelFr, labelNl, count] of [
			['Accès au logement', 'Toegang tot huisvesting', 41],
			['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren', 33],
			['Isolement des personnes âgées', 'Vereenzaming van ouderen', 27],
			['Précarité énergétique', 'Energiearmoede', 18],
			['Mobilité', 'Mobiliteit', 9]
		] as const)
			await command('needs.saveTheme', { labelFr, labelNl, count });
		await expectMiniatureShows('needs');
		await page.getByTestId('needs-themes').getByText('Mobilité', { exact: true }).waitFor();
		await expectOneScreen('needs', { themes: '[data-testid="needs-themes"] thead' });

		// Questions of the day and proposed topics: proposals to review come first.
		await goTo('topics');
		for (const [textFr, textNl] of [
			[
				'Comment mieux orienter les personnes sans logement ?',
				'Hoe mensen zonder woning beter doorverwijzen?'
			],
			[
				'Quels relais entre santé mentale et logement ?',
				'Welke schakels tussen geestelijke gezondheid en huisvesting?'
			],
			['Comment partager les listes d’attente ?', 'Hoe wachtlijsten delen?']
		])
			await command('topics.saveQuestion', { textFr, textNl });
		for (const [index, text] of [
			[3, 'Un guichet unique pour le logement'],
			[4, 'Former les équipes à la santé mentale'],
			[5, 'Des permanences communes CPAS-SSM'],
			[6, 'Housing First uitbreiden']
		] as const)
			await asPerson(index, 'topics.propose', { text });
		await page
			.getByTestId('topics-proposals')
			.getByText('Housing First uitbreiden')
			.first()
			.waitFor();
		await expectMiniatureShows('topics');
		await expectOneScreen('topics', {
			firstApprove: '[data-testid="topics-proposals"] li button'
		});
		await expectNoAxeViolations(page, 'console: topics');

		// In Dutch, whose labels run longer, the same controls stay in view.
		const language = (locale: string) =>
			laptop.context.addCookies([{ name: 'concertation_lang', value: locale, url: server.url }]);
		await language('nl');
		await page.reload();
		await waitForHydration(page);
		await page.getByTestId('topics-proposals').waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('nl');
		await expectOneScreen('topics-nl', {
			firstApprove: '[data-testid="topics-proposals"] li button'
		});
		await expectNoAxeViolations(page, 'console: topics, in Dutch');
		await language('fr');
		await page.reload();
		await waitForHydration(page);
	});
});

/** The facilitator's view of the concertation, read through the JSON API (not the page). */
async function stored() {
	const { body } = await api<{ sections: Sections }>(
		server,
		'GET',
		`/api/concertations/${concertation.id}`,
		{ token }
	);
	return body.sections;
}

const dialog = () => page.getByTestId('confirm-dialog');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
const currentStep = () => page.locator('.phases li[aria-current="step"] .name').textContent();

/** Opens the question, checks what it says and where focus is, then answers it. */
async function expectAsked(trigger: () => Promise<void>, says: string[], triggerId?: string) {
	await trigger();
	await dialog().waitFor({ state: 'visible' });
	const text = (await dialog().textContent()) ?? '';
	for (const part of says) expect(text).toContain(part);
	// The safe answer has the focus: a second Enter does not act.
	expect(await focused()).toBe('confirm-dialog-cancel');
	if (triggerId) {
		await page.keyboard.press('Escape');
		await dialog().waitFor({ state: 'hidden' });
		// Escape cancels, and focus goes back to the button that asked.
		expect(await focused()).toBe(triggerId);
	}
}

describe('acts that end something for the room ask first', () => {
	it('closes the vote after asking, and reopens it with its ballots', async () => {
		captureOnFailure('console-vote');
		await goTo('vote');
		const ids: number[] = [];
		for (const [labelFr, labelNl] of [
			['Un guichet unique pour le logement', 'Eén loket voor huisvesting'],
			['Former les équipes à la santé mentale', 'Teams opleiden in geestelijke gezondheid'],
			['Des permanences communes CPAS-SSM', 'Gemeenschappelijke permanenties OCMW-CGG'],
			['Housing First uitbreiden', 'Housing First uitbreiden'],
			['Partager les listes d’attente', 'Wachtlijsten delen'],
			['Un annuaire des services', 'Een gids van de diensten']
		])
			ids.push(
				(await command<{ candidateId: number }>('vote.candidates.add', { labelFr, labelNl }))
					.candidateId
			);
		await command('vote.open');
		for (let index = 0; index < 9; index++)
			await asPerson(index, 'vote.cast', {
				choices: [0, 1, 2].map((offset) => ({
					candidateId: ids[(index + offset) % ids.length]!,
					weight: 3 - offset
				}))
			});
		const turnout = (count: number) =>
			frVote.turnout_other.replace('{{count}}', String(count)).replace('{{present}}', '12');
		await expect.poll(() => page.getByTestId('vote-turnout').textContent()).toBe(turnout(9));
		await expectMiniatureShows('vote');
		await expectOneScreen('vote', {
			status: '[data-testid="vote-status"]',
			turnout: '[data-testid="vote-turnout"]',
			close: '[data-testid="vote-close"]'
		});

		// Asked, then Escape: still open.
		const closeVote = () => page.getByTestId('vote-close').click();
		await expectAsked(closeVote, [frVote.safety.closeBody, turnout(9)], 'vote-close');
		// Asked again, now with the dialog's picture and its accessibility.
		await expectAsked(closeVote, [frVote.safety.closeTitle]);
		await page.screenshot({ path: `${SHOTS}/dialog-close-vote-1440x900.png` });
		await expectNoAxeViolations(page, 'console: closing the vote, asked');
		await page.getByTestId('confirm-dialog-cancel').click();
		await dialog().waitFor({ state: 'hidden' });
		expect((await stored()).vote?.status).toBe('open');
		expect(await page.getByTestId('vote-status').textContent()).toBe(frVote.status.open);

		// Confirmed: closed, for the room too.
		await expectAsked(closeVote, [frVote.safety.closeUndo]);
		await page.getByTestId('confirm-dialog-confirm').click();
		await expect
			.poll(() => page.getByTestId('vote-status').textContent())
			.toBe(frVote.status.closed);
		expect((await stored()).vote?.status).toBe('closed');

		// Reopened: the nine ballots are still there, and a tenth person votes.
		await page.getByTestId('vote-reopen').click();
		await expect.poll(() => page.getByTestId('vote-status').textContent()).toBe(frVote.status.open);
		expect(await page.getByTestId('vote-turnout').textContent()).toBe(turnout(9));
		await asPerson(9, 'vote.cast', {
			choices: [
				{ candidateId: ids[3]!, weight: 3 },
				{ candidateId: ids[4]!, weight: 2 },
				{ candidateId: ids[5]!, weight: 1 }
			]
		});
		await expect.poll(() => page.getByTestId('vote-turnout').textContent()).toBe(turnout(10));
		await expectAsked(closeVote, [turnout(10)]);
		await page.getByTestId('confirm-dialog-confirm').click();
		await expect
			.poll(() => page.getByTestId('vote-status').textContent())
			.toBe(frVote.status.closed);
		await page.getByTestId('vote-reveal').click();
		await expectMiniatureShows('vote');
		await miniature().waitForSelector('[data-testid="vote-bars"]');
		await expectOneScreen('vote-closed', {
			reveal: '[data-testid="vote-reveal"]',
			reopen: '[data-testid="vote-reopen"]'
		});
		await expectNoAxeViolations(page, 'console: vote closed');
		// A smaller laptop, for the eye only (the sizes above are the ones asserted).
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.screenshot({ path: `${SHOTS}/vote-closed-1280x800.png` });
	});

	it('leaves open tables only after asking; the tables buttons follow their state', async () => {
		captureOnFailure('console-tables');
		// To the tables from the console: nothing to ask, the tables were not open yet.
		await page.getByTestId('console-next').click();
		await expect.poll(currentStep).toBe(frPhaseTitle('tables'));
		expect(await dialog().isVisible()).toBe(false);
		await command('tables.plan', { maxPerTable: 5 });
		await command('tables.autoAssign', { seed: 7 });
		const tables = (await stored()).tables?.details ?? [];
		expect(tables.length).toBeGreaterThanOrEqual(3);
		for (const [index, [category, text]] of [
			['barrier', 'Listes d’attente de plus de deux ans'],
			['lever', 'Une personne de contact par CPAS'],
			['collaboration', 'Réunions de réseau trimestrielles'],
			['actor', 'Agences immobilières sociales'],
			['barrier', 'Manque de places en logement accompagné'],
			['lever', 'Housing First']
		].entries())
			await command('tables.item.add', { tableId: tables[index % 3]!.id, category, text });
		await page.getByTestId('overview-row').first().waitFor();
		await expectMiniatureShows('tables');
		await expectOneScreen('tables', {
			status: '[data-testid="tables-status"]',
			close: '[data-testid="tables-close"]',
			firstTable: '[data-testid="overview-row"] th'
		});
		await expectNoAxeViolations(page, 'console: tables');

		// The vote's panel now says why it stays closed.
		const votePhase = await phaseOf(server, token, concertation.id, 'vote');
		await page.locator('#panel-choice').selectOption(String(votePhase));
		await page.getByTestId('vote-reopen-locked').waitFor();
		expect(await page.getByTestId('vote-reopen').count()).toBe(0);
		const tablesPhase = await phaseOf(server, token, concertation.id, 'tables');
		await page.locator('#panel-choice').selectOption(String(tablesPhase));

		// Next, then cancel: still at the tables, still open.
		const restitution = frPhaseTitle('restitution');
		await expectAsked(
			() => page.getByTestId('console-next').click(),
			[
				frCommon.consoleScreen.leaveTables.body.split('«')[0]!,
				restitution,
				frCommon.consoleScreen.leaveTables.undo
			]
		);
		await page.screenshot({ path: `${SHOTS}/dialog-leave-tables-1440x900.png` });
		await expectNoAxeViolations(page, 'console: leaving the tables, asked');
		await page.getByTestId('confirm-dialog-cancel').click();
		await dialog().waitFor({ state: 'hidden' });
		expect(await currentStep()).toBe(frPhaseTitle('tables'));
		expect((await stored()).session?.currentPhaseId).toBe(tablesPhase);
		// Previous, then Escape: the same.
		await expectAsked(
			() => page.getByTestId('console-previous').click(),
			[frCommon.consoleScreen.leaveTables.confirm],
			'console-previous'
		);
		expect((await stored()).session?.currentPhaseId).toBe(tablesPhase);
		await page.getByTestId('tables-close').waitFor();

		// "Go to" from the programme list, by keyboard: asked, confirmed.
		const goToRestitution = page.getByRole('button', {
			name: `${frCommon.console.goto}: ${restitution}`
		});
		await goToRestitution.focus();
		await page.keyboard.press('Enter');
		await dialog().waitFor({ state: 'visible' });
		await page.getByTestId('confirm-dialog-confirm').click();
		await expect.poll(currentStep).toBe(restitution);
		await expectMiniatureShows('restitution');

		// Closed by moving on: no "close the tables" any more, a way back instead.
		await page.getByTestId('tables-back').waitFor();
		expect(await page.getByTestId('tables-close').count()).toBe(0);
		expect(await page.getByTestId('tables-state-hint').textContent()).toContain(
			frTables.consoleState.closedByProgramme
		);
		await expectOneScreen('restitution', {
			review: '.restitution-link a',
			spotlight: '#spotlight',
			back: '[data-testid="tables-back"]'
		});
		await expectNoAxeViolations(page, 'console: restitution');

		// Back to the tables: open again (nothing to ask on the way in).
		await page.getByTestId('tables-back').click();
		await expect.poll(currentStep).toBe(frPhaseTitle('tables'));
		await page.getByTestId('tables-close').click();
		await page.getByTestId('tables-reopen').waitFor();
		expect(await page.getByTestId('tables-close').count()).toBe(0);
		await page.getByTestId('tables-reopen').click();
		await page.getByTestId('tables-close').waitFor();
		expect((await stored()).tables?.closedByFacilitator).toBe(false);

		// Closed tables are left without a question.
		await page.getByTestId('tables-close').click();
		await page.getByTestId('tables-reopen').waitFor();
		await page.getByTestId('console-next').click();
		await expect.poll(currentStep).toBe(restitution);
		expect(await dialog().isVisible()).toBe(false);
	});

	it('closes the session only after asking, away from "next step"', async () => {
		captureOnFailure('console-close');
		const [next, close] = await boxes({
			next: '[data-testid="console-next"]',
			close: '[data-testid="console-close"]'
		});
		// Not side by side: another column, and well apart.
		expect(Math.abs(close!.left - next!.right)).toBeGreaterThan(150);
		expect(Math.abs(close!.top - next!.top)).toBeGreaterThan(200);

		const closeSession = () => page.getByTestId('console-close').click();
		await expectAsked(closeSession, [frCommon.consoleScreen.closeSession.body], 'console-close');
		expect((await stored()).session?.status).toBe('live');
		await expectAsked(closeSession, [frCommon.consoleScreen.closeSession.undo]);
		await page.screenshot({ path: `${SHOTS}/dialog-close-session-1440x900.png` });
		await page.getByTestId('confirm-dialog-cancel').click();
		expect((await stored()).session?.status).toBe('live');

		await expectAsked(closeSession, [frCommon.consoleScreen.closeSession.title]);
		await page.getByTestId('confirm-dialog-confirm').click();
		await expect
			.poll(() => page.getByTestId('session-status').textContent())
			.toBe(frCommon.status.closed);
		expect((await stored()).session?.status).toBe('closed');
		await expect.poll(() => miniature().textContent('main')).toContain(frScreen.closing.thanks);
		await page.setViewportSize(LAPTOPS[0]);
		await page.screenshot({ path: `${SHOTS}/closed-1366x768.png` });
		// And it can be reopened from the same place.
		await page.getByTestId('console-reopen').click();
		await expect
			.poll(() => page.getByTestId('session-status').textContent())
			.toBe(frCommon.status.live);
	});
});
