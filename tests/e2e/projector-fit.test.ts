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
	expectPages,
	expectPhaseAreaHoldsAll,
	joinWithExpectations,
	sessionAtStep,
	showOnProjector
} from '../helpers/projector';
import { signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * The busiest projector views at 1920×1080 with as much as the forms allow: a page at a time
 * at a size read from the back of the room, pages rotating, nothing pushed off the screen.
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
		// 15 fill every page: 8 + 7 options while hidden (four rows each), 3 × 5 bars.
		for (let index = 1; index <= 15; index++)
			await command('vote.candidates.add', {
				labelFr: `Priorité ${index} : ${LONG_FR}`,
				labelNl: `Prioriteit ${index}: ${LONG_NL}`
			});
		await command('vote.open');
		const page = projector.page;
		await showOnProjector(page, server, concertation, 'vote');

		// Results hidden: the options in two columns, 8 a page (four rows).
		await expectPages(page, 2);
		expect(await page.locator('[data-testid="vote-screen"] ol li').count()).toBeGreaterThanOrEqual(
			7
		);
		await expectPhaseAreaHoldsAll(page, 'hidden results');

		// Results shown: 5 bars a page, 3 pages; each label on one line per language.
		await command('vote.reveal', { revealed: true });
		await page.getByTestId('vote-bars').waitFor();
		await expectPages(page, 3);
		expect(await page.getByTestId('vote-bar').count()).toBe(5);
		const labels = await page
			.locator('[data-testid="vote-bar"] [lang="fr"]')
			.evaluateAll((elements) =>
				elements.map((label) => {
					const style = getComputedStyle(label);
					return {
						height: label.getBoundingClientRect().height,
						line: parseFloat(style.lineHeight),
						fontSize: parseFloat(style.fontSize)
					};
				})
			);
		for (const label of labels) {
			expect(label.height).toBeLessThanOrEqual(label.line * 1.5);
			// Read from the back of the room: 26 px at 1080p, the projector's type × 0.85.
			expect(label.fontSize).toBeGreaterThanOrEqual(26);
		}
		await expectPhaseAreaHoldsAll(page, 'live bars');

		// Closed: the ranking, a page at a time, every one of them tied at 0 points.
		await command('vote.close');
		await expect.poll(() => page.getByTestId('vote-bars').getAttribute('data-ranked')).toBe('true');
		await page.waitForTimeout(700); // the bars' reordering animation
		await expectPhaseAreaHoldsAll(page, 'ranking');
		expect(await page.getByTestId('vote-bar').count()).toBe(5);
		await expectNoAxeViolations(page, 'projector: vote ranking paged');
	});
});

describe('the discussion tables on the projector', () => {
	it('pages 6 tables with long priorities, three a page, counts and legend visible', async () => {
		captureOnFailure('tables-projector-paging');
		const { concertation, command } = await sessionAtStep(server, token, 'tables');
		// 6 fill two pages of three whichever is up.
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
		await expectPages(page, 2);
		expect(await page.getByTestId('screen-table').count()).toBe(3);
		for (const category of ['barrier', 'lever', 'collaboration', 'actor'])
			expect(await page.getByTestId(`screen-count-${category}`).count()).toBe(3);
		await expectFitsPhaseArea(page, ['tables-screen', 'screen-page'], 'tables');
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
	])(
		'shows $kind one whole above the join code, its text cut at six lines',
		async ({ kind, item }) => {
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
			const text = await page
				.getByTestId('screen-news')
				.locator('.text')
				.first()
				.evaluate((element) => {
					const style = getComputedStyle(element);
					return {
						size: parseFloat(style.fontSize),
						lines: Math.round(element.getBoundingClientRect().height / parseFloat(style.lineHeight))
					};
				});
			expect(text.lines).toBeLessThanOrEqual(6);
			// A typical item stays large enough for the back of the room.
			if (kind === 'typical') expect(text.size).toBeGreaterThanOrEqual(24);
			await expectNoAxeViolations(page, `projector: news item alone (${kind})`);
		}
	);
});

describe('the tour grouped by keyword on the projector', () => {
	it('shows the 8 most shared keywords four a page, who shares them on one line', async () => {
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
		await expectPages(page, 2);
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
		expect(rows).toHaveLength(4);
		for (const row of rows) {
			expect(row.text).toMatch(/×12/);
			expect(row.height, 'one line each').toBeLessThan(row.line * 1.8);
		}
		await expectPhaseAreaHoldsAll(page, 'keywords');
		await expectNoAxeViolations(page, 'projector: tour keywords paged');
	});
});
