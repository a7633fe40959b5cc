import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import frNeeds from '../../src/lib/i18n/locales/fr/needs.json';
import frNews from '../../src/lib/i18n/locales/fr/news.json';
import frSubmissions from '../../src/lib/i18n/locales/fr/submissions.json';
import frTopics from '../../src/lib/i18n/locales/fr/topics.json';
import frTour from '../../src/lib/i18n/locales/fr/tour.json';
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
import {
	expectFitsPhaseArea,
	expectLegible,
	joinWithExpectations,
	pageCount,
	sessionAtStep,
	showOnProjector
} from '../helpers/projector';
import {
	commandId,
	connectFacilitator,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The first half of a session in real browsers: a phone, the console and the projector run
 * the tour de table, the sector news (one submission moderated), the needs monitoring (a
 * CSV import) and the topics (one proposal approved); the projector shows each result.
 */

let server: RunningServer;
let concertation: { id: number; joinCode: string; screenKey: string };
let facilitator: Device;
let phone: Device;
let projector: Device;
const SHOTS = process.env.SCREENSHOTS_DIR ?? '';
/** Questions of the day as long as the form allows (300 characters), in both languages. */
const LONG_QUESTION_FR =
	'comment mieux coordonner les services de santé mentale et de logement pour les familles du quartier, en particulier après une hospitalisation et pendant les périodes de crise ? Quels partenaires mobiliser et comment partager les informations en respectant le secret professionnel de chacun ?';
const LONG_QUESTION_NL =
	'hoe kunnen we de diensten voor geestelijke gezondheid en huisvesting beter coördineren voor de gezinnen in de wijk, vooral na een ziekenhuisopname en tijdens crisisperiodes? Welke partners inschakelen en hoe informatie delen met respect voor ieders beroepsgeheim?';
/** About 450 characters of what a participant might expect from the session. */
const LONG_EXPECTATIONS =
	'nous souhaitons mieux connaître les services de santé mentale, de logement et d’aide sociale du quartier, comprendre comment orienter les familles sans les perdre entre deux institutions, partager nos difficultés de suivi après une hospitalisation, et construire avec les associations d’usagers des pistes concrètes de collaboration pour les mois qui viennent, avec des contacts directs et des réunions régulières entre équipes de terrain.';

beforeAll(async () => {
	server = await startServer();
	const token = await signIn(server);
	concertation = await createConcertation(server, token);
	// Two people joined from elsewhere, so the roll has more than one sector.
	await joinAsParticipant(server, concertation.joinCode, {
		displayName: 'Bruno',
		sector: 'mental_health'
	});
	await joinAsParticipant(server, concertation.joinCode, {
		displayName: 'Joost',
		sector: null,
		locale: 'nl'
	});
	[facilitator, phone, projector] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.console }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true }),
		launchDevice({ viewport: VIEWPORTS.projector })
	]);
	await facilitator.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

/**
 * A list of `count` items on pages that hold as many as fit, at least `perPage`: all on one
 * page (no pager) when `perPage` is `count`, else no more pages than that allows.
 */
async function expectPagesHold(page: Page, testId: string, count: number, perPage: number) {
	const items = page.getByTestId(testId).locator('li');
	if (count <= perPage) {
		await expect.poll(() => items.count()).toBe(count);
		expect(await page.getByTestId('screen-page').count()).toBe(0);
		return;
	}
	await expect.poll(() => pageCount(page)).toBeGreaterThanOrEqual(2);
	expect(await pageCount(page)).toBeLessThanOrEqual(Math.ceil(count / perPage));
	expect(await items.count()).toBeGreaterThanOrEqual(1);
}

async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** The console's "next" button, then every surface shows the phase of that kind. */
async function nextPhase(kind: string) {
	await facilitator.page.getByRole('button', { name: frCommon.console.next }).click();
	for (const [page, testId] of [
		[phone.page, 'current-phase'],
		[projector.page, 'screen-phase']
	] as const) {
		await page.locator(`[data-testid="${testId}"][data-phase-kind="${kind}"]`).waitFor();
	}
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** Phones are 360 px wide: nothing may scroll sideways. */
async function expectFitsPhone(page: Page, label: string) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect
		.soft(width, `horizontal scroll on the phone (${label})`)
		.toBeLessThanOrEqual(VIEWPORTS.phone.width);
}

describe('the first half of a session', () => {
	it('runs tour de table → news → needs → topics on a phone, the console and the projector', async () => {
		captureOnFailure('first-half');
		const console_ = facilitator.page;
		const anne = phone.page;
		const screen = projector.page;

		await console_.goto(`${server.url}/f/${concertation.id}`);
		await screen.goto(
			`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
		);
		await anne.goto(`${server.url}/j/${concertation.joinCode}`);
		await Promise.all([
			waitForHydration(console_),
			waitForHydration(anne),
			waitForHydration(screen)
		]);
		await anne.locator('#displayName').fill('Anne');
		await anne.locator('#organisation').fill('SSM Le Méridien');
		await anne.locator('#sector').selectOption('mental_health');
		await anne.locator('input[name="consentAttendance"]').check();
		await anne.locator('main form button[type="submit"]').click();
		await anne.getByText('Anne', { exact: false }).first().waitFor();

		// The introduction: Anne already writes her expectations while people settle in.
		await console_.getByRole('button', { name: frCommon.console.start }).click();
		await anne.locator('[data-testid="current-phase"][data-phase-kind="introduction"]').waitFor();
		await expect
			.poll(() => text(anne, 'phone-expectations'))
			.toContain(frTour.introExpectationsTitle);
		await anne.locator('#expectations').fill('Mieux connaître le réseau logement');
		await anne.getByRole('button', { name: frSubmissions.actions.save }).click();
		await anne.getByText(frSubmissions.actions.saved).waitFor();
		await shot(anne, 'introduction-phone');
		await expectNoAxeViolations(anne, 'phone: introduction');
		await expectFitsPhone(anne, 'introduction');

		// Tour de table: her expectations are still there, the facilitator gives the floor.
		await nextPhase('tour');
		await expect
			.poll(() => anne.locator('#expectations').inputValue())
			.toBe('Mieux connaître le réseau logement');
		// The roll by sector, until someone has the floor (their card then takes the width).
		await expect.poll(() => text(screen, 'screen-roll')).toMatch(/3 participant·es/);
		await console_.getByRole('button', { name: frTour.nextInOrder }).click();
		// "Next in order" is join order: Bruno joined first.
		await expect.poll(() => text(screen, 'screen-spotlight')).toContain('Bruno');
		// The facilitator picks Anne out of order.
		await console_.locator('#speaker-choice').selectOption({ label: 'Anne' });
		await console_.getByRole('button', { name: frTour.giveFloor, exact: true }).click();
		await expect.poll(() => text(screen, 'screen-spotlight')).toContain('Anne');
		await expect
			.poll(() => text(screen, 'screen-spotlight'))
			.toContain('Mieux connaître le réseau logement');
		await expect.poll(() => text(anne, 'phone-spotlight')).toContain(frTour.youSpeak);
		expect(await screen.getByTestId('screen-spotlight').getByRole('timer').count()).toBe(1);
		// The facilitator pauses her countdown: the projector says so; then it runs again.
		await console_.getByRole('button', { name: frTour.pause }).click();
		await screen.getByTestId('screen-spotlight-paused').waitFor();
		await shot(screen, 'tour-projector-paused');
		await console_.getByRole('button', { name: frTour.resume }).click();
		await screen.getByTestId('screen-spotlight-paused').waitFor({ state: 'detached' });
		await shot(screen, 'tour-projector');
		await shot(console_, 'tour-console');
		await shot(anne, 'tour-phone');
		await expectNoAxeViolations(screen, 'projector: tour');
		await expectNoAxeViolations(console_, 'console: tour');
		await expectNoAxeViolations(anne, 'phone: tour');
		await expectFitsPhone(anne, 'tour');

		// Sector news: Anne submits, the facilitator approves, the room sees it.
		await nextPhase('news');
		await anne.locator('#news-title').fill('Atelier parents solos');
		await anne.locator('#news-date').fill('12/11/2024');
		await anne.locator('#news-place').fill('Schaerbeek');
		await anne.locator('#news-title').fill('Atelier parents');
		await anne.getByRole('button', { name: frNews.submit }).click();
		await expect.poll(() => text(anne, 'phone-own-news')).toContain(frSubmissions.status.pending);
		// She notices a mistake: "Edit" puts it back in the form, saved while still pending.
		await anne
			.getByTestId('phone-own-news')
			.getByRole('button', { name: frSubmissions.actions.edit, exact: false })
			.click();
		await expect.poll(() => text(anne, 'phone-news-form')).toContain(frNews.editOwnTitle);
		expect(await anne.locator('#news-date').inputValue()).toBe('12/11/2024');
		await anne.locator('#news-title').fill('Atelier parents solos');
		await shot(anne, 'news-phone-editing');
		await anne.getByRole('button', { name: frSubmissions.own.saveChanges }).click();
		await expect.poll(() => text(anne, 'phone-own-news')).toContain('Atelier parents solos');
		await console_
			.getByTestId('news-queue')
			.getByText('Atelier parents solos', { exact: true })
			.waitFor();
		await shot(console_, 'news-console-queue');
		await console_
			.getByTestId('news-queue')
			.getByRole('button', { name: new RegExp(`^${frSubmissions.actions.approve}`) })
			.click();
		await expect.poll(() => text(screen, 'screen-news')).toContain('Atelier parents solos');
		await expect.poll(() => text(screen, 'screen-news')).toContain('Schaerbeek');
		await expect.poll(() => text(anne, 'phone-own-news')).toContain(frSubmissions.status.approved);
		// Approved: locked, and the phone says so instead of offering to edit.
		await expect.poll(() => text(anne, 'phone-own-news')).toContain(frSubmissions.own.locked);
		expect(
			await anne.getByTestId('phone-own-news').getByRole('button').count(),
			'no edit/withdraw buttons on an approved item'
		).toBe(0);
		await expect.poll(() => text(anne, 'phone-news')).toContain('Atelier parents solos');
		await shot(screen, 'news-projector');
		await shot(anne, 'news-phone');
		await expectNoAxeViolations(screen, 'projector: news');
		await expectNoAxeViolations(console_, 'console: news');
		await expectNoAxeViolations(anne, 'phone: news');
		await expectFitsPhone(anne, 'news');

		// Needs monitoring: a CSV file with an error is refused, the fixed one imported.
		await nextPhase('needs');
		const csvInput = console_.locator('#needs-file');
		await csvInput.setInputFiles({
			name: 'besoins.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('theme_fr;theme_nl;count\nLogement;Huisvesting;beaucoup\n')
		});
		await console_.getByRole('button', { name: frNeeds.import, exact: true }).click();
		await expect.poll(() => text(console_, 'import-result')).toContain('Ligne 2');
		await csvInput.setInputFiles({
			name: 'besoins.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'theme_fr;theme_nl;count\nLogement;Huisvesting;40\nSanté mentale;Geestelijke gezondheid;31\nSolitude;Eenzaamheid;12\n'
			)
		});
		await console_.getByRole('button', { name: frNeeds.import, exact: true }).click();
		await expect.poll(() => text(console_, 'import-result')).toContain('3 thèmes importés');
		await expect.poll(() => text(screen, 'screen-needs-chart')).toContain('Huisvesting');
		const labels = await screen
			.getByTestId('screen-needs-chart')
			.locator('li [lang="fr"]')
			.allTextContents();
		expect(labels).toEqual(['Logement', 'Santé mentale', 'Solitude']);
		await shot(screen, 'needs-projector');
		await shot(console_, 'needs-console');
		await expectNoAxeViolations(screen, 'projector: needs');
		await expectNoAxeViolations(console_, 'console: needs');
		await expectNoAxeViolations(anne, 'phone: needs');
		await expectFitsPhone(anne, 'needs');

		// Questions and topics: a question of the day, Anne's proposal approved.
		await nextPhase('topics');
		await console_.locator('#question-fr').fill('Comment mieux orienter ?');
		await console_.locator('#question-nl').fill('Hoe beter doorverwijzen?');
		await console_.getByRole('button', { name: frTopics.addQuestion }).click();
		await anne.locator('#topic-text').fill('Doublon');
		await anne.getByRole('button', { name: frTopics.submit, exact: true }).click();
		await expect.poll(() => text(anne, 'phone-own-topics')).toContain('Doublon');
		// Withdrawing asks once more, then the proposal is gone.
		const ownTopics = anne.getByTestId('phone-own-topics');
		await ownTopics
			.getByRole('button', { name: `${frSubmissions.own.withdraw} — Doublon` })
			.click();
		await ownTopics
			.getByRole('button', { name: `${frSubmissions.own.confirmWithdraw} — Doublon` })
			.click();
		await anne.getByTestId('phone-own-topics').waitFor({ state: 'detached' });
		await anne.locator('#topic-text').fill('Logement d’abord');
		await anne.getByRole('button', { name: frTopics.submit, exact: true }).click();
		await expect.poll(() => text(anne, 'phone-own-topics')).toContain(frSubmissions.status.pending);
		await console_
			.getByTestId('topics-proposals')
			.getByText('Logement d’abord', { exact: true })
			.waitFor();
		await console_
			.getByTestId('topics-proposals')
			.getByRole('button', { name: new RegExp(`^${frSubmissions.actions.approve}`) })
			.click();
		await expect
			.poll(() => screen.getByTestId('screen-candidates').locator('li').allInnerTexts())
			.toEqual([
				expect.stringContaining('Comment mieux orienter ?'),
				expect.stringContaining('Logement d’abord')
			]);
		await expect
			.poll(() => text(anne, 'phone-own-topics'))
			.toContain(frSubmissions.status.approved);
		await shot(screen, 'topics-projector');
		await shot(console_, 'topics-console');
		await shot(anne, 'topics-phone');
		await expectNoAxeViolations(screen, 'projector: topics');
		await expectNoAxeViolations(console_, 'console: topics');
		await expectNoAxeViolations(anne, 'phone: topics');
		await expectFitsPhone(anne, 'topics');
	});
});

describe('long lists on the projector', () => {
	it('pages 30 needs themes and 20 news items legibly at 1920×1080', async () => {
		captureOnFailure('first-half-paging');
		const token = await signIn(server);
		const session = await createConcertation(server, token);
		const csv = [
			'theme_fr,theme_nl,count',
			...Array.from(
				{ length: 30 },
				(_, i) =>
					`Thème prioritaire numéro ${i + 1},Prioritair thema nummer ${i + 1},${300 - i * 7}`
			)
		].join('\n');
		const imported = await fetch(`${server.url}/api/concertations/${session.id}/needs/import`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ csv })
		});
		expect(imported.status).toBe(200);
		const console_ = connectFacilitator(server, token, session.id, 'fr');
		const snapshot = await next(console_, 'snapshot');
		const run = (name: string, input: Record<string, unknown>) =>
			(console_.emitWithAck as unknown as (n: string, p: unknown) => Promise<{ ok: boolean }>)(
				name,
				{ ...input, commandId: commandId(name) }
			);
		for (let i = 1; i <= 20; i++) {
			const saved = await run('news.save', {
				titleFr: `Actualité ${i} : journée portes ouvertes`,
				titleNl: `Nieuws ${i}: opendeurdag`,
				textFr: 'Présentation des services et rencontre avec les équipes.',
				textNl: 'Voorstelling van de diensten en kennismaking met de teams.',
				startDate: '2025-03-12',
				place: 'Bruxelles / Brussel'
			});
			expect(saved.ok).toBe(true);
		}
		expect((await run('session.start', {})).ok).toBe(true);
		const phaseOf = (kind: string) =>
			snapshot.sections.programme!.find((phase) => phase.kind === kind)!.id;

		const screen = projector.page;
		await screen.goto(`${server.url}/s/${session.id}?key=${encodeURIComponent(session.screenKey)}`);
		await waitForHydration(screen);
		// As many a page as fit whole (at least `perPage`), so no more pages than that allows.
		for (const [kind, testId, perPage, total] of [
			['needs', 'screen-needs-chart', 8, 30],
			['news', 'screen-news', 2, 20]
		] as const) {
			expect((await run('phase.goto', { phaseId: phaseOf(kind) })).ok).toBe(true);
			await screen.locator(`[data-testid="screen-phase"][data-phase-kind="${kind}"]`).waitFor();
			await expect.poll(() => pageCount(screen)).toBeGreaterThanOrEqual(2);
			expect(await pageCount(screen)).toBeLessThanOrEqual(Math.ceil(total / perPage));
			const items = screen.getByTestId(testId).locator(kind === 'needs' ? 'li' : 'li.item');
			expect(await items.count()).toBeGreaterThan(0);
			await expectLegible(screen, `${kind} paged`, [
				kind === 'needs' ? '[data-testid="screen-needs-chart"] .label' : '.news-title'
			]);
			await shot(screen, `${kind}-projector-paged`);
			// The phase title, the whole page and its pager fit in the phase's area: nothing cut.
			const fit = await screen.evaluate((id) => {
				const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
				const area = box('[data-testid="screen-phase"]');
				const title = box('[data-testid="screen-phase"] h1');
				return {
					area: { top: area.top, bottom: area.bottom },
					top: title.top,
					bottom: Math.max(
						box(`[data-testid="${id}"]`).bottom,
						box('[data-testid="screen-page"]').bottom
					)
				};
			}, testId);
			expect(fit.top, `${kind}: title visible`).toBeGreaterThanOrEqual(fit.area.top);
			expect(fit.bottom, `${kind}: page visible`).toBeLessThanOrEqual(fit.area.bottom);
			await expectNoAxeViolations(screen, `projector: ${kind} paged`);
		}
		console_.disconnect();
	});
	it.each([
		{ kind: 'the longest', count: 6, perPage: 1 },
		{ kind: 'short', count: 12, perPage: 12 }
	])(
		'shows every expectation of the tour in turn, $kind ones legibly at 1920×1080',
		async ({ kind, count, perPage }) => {
			captureOnFailure(`first-half-tour-paging-${count}`);
			const { concertation: session, command } = await sessionAtStep(
				server,
				await signIn(server),
				'tour'
			);
			// The longest name and expectations the forms allow, or a few words each.
			const said = (index: number) =>
				kind === 'short'
					? `Rencontrer le réseau (${index})`
					: `Participant ${index} : ${LONG_EXPECTATIONS}`.slice(0, 500);
			const people: number[] = [];
			for (let index = 1; index <= count; index++)
				people.push(
					await joinWithExpectations(
						server,
						session,
						kind === 'short'
							? `Personne ${index}`
							: `Marie-Christine Vandenbroucke-Dupont, participante n° ${index}`.slice(0, 60),
						said(index)
					)
				);

			const screen = projector.page;
			await showOnProjector(screen, server, session, 'tour');
			// Pages hold as many as fit, at least `perPage`: short ones all at once.
			await expectPagesHold(screen, 'screen-expectations', count, perPage);
			await shot(screen, `tour-projector-paged-${count}`);
			await expectFitsPhaseArea(
				screen,
				['screen-expectations', ...(count > perPage ? ['screen-page'] : [])],
				'expectations'
			);
			await expectLegible(screen, `expectations (${kind})`, [
				'[data-testid="screen-expectations"] li'
			]);
			await expectNoAxeViolations(screen, `projector: tour expectations paged (${kind})`);

			// Given the floor, the speaker's card fits too, countdown included.
			await command('tour.spotlight', { participantId: people[0] });
			await screen.getByTestId('screen-spotlight').waitFor();
			await shot(screen, `tour-projector-spotlight-${count}`);
			expect(await screen.getByTestId('screen-spotlight').locator('.said').textContent()).toBe(
				said(1)
			);
			await expectFitsPhaseArea(screen, ['screen-spotlight'], 'spotlight');
		}
	);

	it.each([
		{ length: 80, count: 9, perPage: 9 },
		{ length: 300, count: 4, perPage: 2 }
	])(
		'shows $count questions of the day of $length characters in turn, $perPage or more a page, at 1920×1080',
		async ({ length, count, perPage }) => {
			captureOnFailure(`first-half-topics-paging-${length}`);
			const { concertation: session, command } = await sessionAtStep(
				server,
				await signIn(server),
				'topics'
			);
			for (let index = 1; index <= count; index++)
				await command('topics.saveQuestion', {
					textFr: `Question ${index} : ${LONG_QUESTION_FR}`.slice(0, length),
					textNl: `Vraag ${index}: ${LONG_QUESTION_NL}`.slice(0, length)
				});

			const screen = projector.page;
			await showOnProjector(screen, server, session, 'topics');
			await expectPagesHold(screen, 'screen-candidates', count, perPage);
			await shot(screen, `topics-projector-paged-${length}`);
			await expectFitsPhaseArea(
				screen,
				['screen-candidates', ...(count > perPage ? ['screen-page'] : [])],
				'questions'
			);
			await expectLegible(screen, `questions of ${length} characters`, [
				'[data-testid="screen-candidates"] li [lang]'
			]);
			await expectNoAxeViolations(screen, `projector: topics paged (${length})`);
		}
	);
});
