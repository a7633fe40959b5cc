import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	type Device
} from '../helpers/browser';
import {
	expectFitsPhaseArea,
	expectLegible,
	expectPhaseAreaHoldsAll,
	joinWithExpectations,
	pageCount,
	sessionAtStep,
	showOnProjector
} from '../helpers/projector';
import { signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * The busiest projector views at 1920×1080 with as much as the forms allow: a page at a time
 * at a size read from the back of the room (content at 32 px, nothing under 24 px), as many a
 * page as fit whole, pages rotating, nothing cut or pushed off the screen.
 * The vote with many options and long labels (results hidden, live, ranked); the discussion
 * tables with long priorities; a news item shown on its own, as long as it can be; the
 * tour's shared keywords in a room of 40.
 */

let server: RunningServer;
let token: string;
let projector: Device;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	projector = await launchDevice({ viewport: VIEWPORTS.projector });
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

const LONG_FR =
	'améliorer la coordination entre les services de santé mentale, le logement et l’aide sociale du quartier pour les familles';
const LONG_NL =
	'betere coördinatie tussen geestelijke gezondheidszorg, huisvesting en sociale hulp in de wijk voor gezinnen';

describe('the vote on the projector', () => {
	it('pages 15 options with long labels legibly, hidden, live and ranked', async () => {
		captureOnFailure('vote-projector-paging');
		const { concertation, command } = await sessionAtStep(server, token, 'vote');
		for (let index = 1; index <= 15; index++)
			await command('vote.candidates.add', {
				labelFr: `Priorité ${index} : ${LONG_FR}`,
				labelNl: `Prioriteit ${index}: ${LONG_NL}`
			});
		await command('vote.open');
		const page = projector.page;
		await showOnProjector(page, server, concertation, 'vote');

		// Results hidden: the options whole in two columns, as many a page as fit, pages rotating.
		await expect.poll(() => pageCount(page)).toBeGreaterThanOrEqual(2);
		// Two options a row at least, on pages that hold as many rows as fit.
		expect(await pageCount(page)).toBeLessThanOrEqual(8);
		expect(await page.locator('[data-testid="vote-screen"] ol li').count()).toBeGreaterThanOrEqual(
			1
		);
		await expectPhaseAreaHoldsAll(page, 'hidden results');
		await expectLegible(page, 'hidden results', ['[data-testid="vote-screen"] .candidates [lang]']);

		// Results shown: each label whole in both languages at 32 px, beside its bar.
		await command('vote.reveal', { revealed: true });
		await page.getByTestId('vote-bars').waitFor();
		await expect.poll(() => pageCount(page)).toBeGreaterThanOrEqual(3);
		expect(await pageCount(page)).toBeLessThanOrEqual(15);
		expect(await page.getByTestId('vote-bar').count()).toBeGreaterThanOrEqual(1);
		await expectPhaseAreaHoldsAll(page, 'live bars');
		await expectLegible(page, 'live bars', [
			'[data-testid="vote-bar"] .name [lang]',
			'[data-testid="vote-points"]'
		]);

		// Closed: the ranking, a page at a time, every one of them tied at 0 points.
		await command('vote.close');
		await expect.poll(() => page.getByTestId('vote-bars').getAttribute('data-ranked')).toBe('true');
		await page.waitForTimeout(700); // the bars' reordering animation
		await expectPhaseAreaHoldsAll(page, 'ranking');
		await expectLegible(page, 'ranking', ['[data-testid="vote-bar"] .name [lang]']);
		await expectNoAxeViolations(page, 'projector: vote ranking paged');
	});
});

describe('the discussion tables on the projector', () => {
	it('pages 6 tables with long priorities whole, counts and legend visible', async () => {
		captureOnFailure('tables-projector-paging');
		const { concertation, command } = await sessionAtStep(server, token, 'tables');
		for (let index = 1; index <= 6; index++)
			await command('tables.create', {
				name: `Réseau santé mentale et logement ${index}`,
				capacity: null,
				priority: {
					fr: `Priorité ${index} : ${LONG_FR} ${LONG_FR}`.slice(0, 300),
					nl: `Prioriteit ${index}: ${LONG_NL} ${LONG_NL}`.slice(0, 300)
				}
			});
		const page = projector.page;
		await showOnProjector(page, server, concertation, 'tables');
		// 300-character priorities whole: fewer tables a row, more pages.
		await expect.poll(() => pageCount(page)).toBeGreaterThanOrEqual(2);
		const shown = await page.getByTestId('screen-table').count();
		expect(shown).toBeGreaterThanOrEqual(1);
		for (const category of ['barrier', 'lever', 'collaboration', 'actor'])
			expect(await page.getByTestId(`screen-count-${category}`).count()).toBe(shown);
		await expectFitsPhaseArea(page, ['tables-screen', 'screen-page'], 'tables');
		await expectLegible(page, 'tables', ['[data-testid="screen-table"] .priority']);
		await expectNoAxeViolations(page, 'projector: tables paged');
	});
});

describe('a news item on its own on the projector', () => {
	const SENTENCE =
		'Présentation des services de santé mentale, de logement et d’aide sociale du quartier, avec les équipes de terrain et les associations d’usagers et de familles. ';
	it.each([
		{
			kind: 'typical',
			item: {
				titleFr: 'Journée portes ouvertes du réseau',
				titleNl: 'Opendeurdag van het netwerk',
				textFr: SENTENCE.repeat(2),
				textNl: SENTENCE.repeat(2),
				startDate: '12/03/2025',
				startTime: '9h30',
				place: 'Maison de quartier, Bruxelles',
				price: 'Gratuit',
				link: 'https://example.org/journee'
			}
		},
		{
			kind: 'the longest',
			item: {
				titleFr: 'Journée portes ouvertes du réseau santé mentale et logement '
					.repeat(3)
					.slice(0, 140),
				titleNl: 'Opendeurdag van het netwerk geestelijke gezondheid en huisvesting '
					.repeat(3)
					.slice(0, 140),
				textFr: SENTENCE.repeat(12).slice(0, 1500),
				textNl: SENTENCE.repeat(12).slice(0, 1500),
				startDate: '12/03/2025',
				startTime: '9h30',
				endDate: '13/03/2025',
				endTime: '17h',
				place: 'Maison de quartier, rue de la Loi 200, 1000 Bruxelles',
				price: 'Gratuit / Gratis',
				link: 'https://example.org/reseau-sante-mentale-logement/journee-portes-ouvertes-2025'
			}
		}
	])('shows $kind one whole above the join code, its text whole', async ({ kind, item }) => {
		captureOnFailure(`news-single-${kind}`);
		const { concertation, command } = await sessionAtStep(server, token, 'news');
		const saved = await command('news.save', item);
		await command('news.display', { mode: 'single', currentId: saved.id });
		const page = projector.page;
		await showOnProjector(page, server, concertation, 'news');
		await page.getByTestId('screen-news').locator('.text').first().waitFor();
		// The type shrinks to fit in a few frames: wait until nothing is clipped, or fail.
		await expect
			.poll(() =>
				page
					.getByTestId('screen-phase')
					.evaluate((phase) => phase.scrollHeight <= phase.clientHeight)
			)
			.toBe(true);
		// Nothing cut: the text whole, large for a typical item; the longest one is shown one
		// language at a time across the width when both side by side cannot fit.
		await page.waitForTimeout(500);
		await expectLegible(
			page,
			`news item alone (${kind})`,
			kind === 'typical' ? ['[data-testid="screen-news"] .text'] : []
		);
		const text = await page
			.getByTestId('screen-news')
			.locator('.text')
			.first()
			.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
		expect(text).toBeGreaterThanOrEqual(kind === 'typical' ? 32 : 24);
		if (kind === 'the longest') {
			await expect.poll(() => pageCount(page)).toBe(2);
			expect(await page.getByTestId('screen-news').locator('.text').count()).toBe(1);
		}
		await expectNoAxeViolations(page, `projector: news item alone (${kind})`);
	});
});

describe('the tour grouped by keyword on the projector', () => {
	it('shows the 8 most shared keywords, the first names of who shares them and how many more', async () => {
		captureOnFailure('tour-keywords-paging');
		const { concertation, command } = await sessionAtStep(server, token, 'tour');
		await command('tour.settings', { speakerSeconds: 60, groupByKeyword: true });
		// 40 people, each naming three of ten themes: every theme is shared by 12.
		const themes = [
			'logement',
			'réseau',
			'familles',
			'jeunes',
			'précarité',
			'mobilité',
			'solitude',
			'migration',
			'emploi',
			'addictions'
		];
		for (let index = 0; index < 40; index++)
			await joinWithExpectations(
				server,
				concertation,
				`Marie-Christine Vandenbroucke ${index + 1}`,
				`${themes[index % 10]}, ${themes[(index + 3) % 10]} et ${themes[(index + 7) % 10]}`
			);
		const page = projector.page;
		await showOnProjector(page, server, concertation, 'tour');
		await expect.poll(() => pageCount(page)).toBe(2);
		const rows = await page
			.getByTestId('screen-keywords')
			.locator('li')
			.evaluateAll((items) =>
				items.map((item) => ({
					text: item.textContent ?? '',
					height: item.getBoundingClientRect().height,
					line: parseFloat(getComputedStyle(item).lineHeight)
				}))
			);
		expect(rows.length).toBeGreaterThanOrEqual(3);
		for (const row of rows) {
			expect(row.text).toMatch(/×12/);
			// A few names, then "+N autres": a keyword, its count and who shares it in 3 lines.
			expect(row.text).toMatch(/\+\d+ autres/);
			expect(row.height, 'three lines at most').toBeLessThan(row.line * 3.5);
		}
		await expectPhaseAreaHoldsAll(page, 'keywords');
		await expectLegible(page, 'keywords', ['[data-testid="screen-keywords"] li > strong']);
		await expectNoAxeViolations(page, 'projector: tour keywords paged');
	});
});
