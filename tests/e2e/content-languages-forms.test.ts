import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { api, phaseOf, signIn, startServer, type RunningServer } from '../helpers/server';

/**
 * Organiser forms ask only for the content languages (issue 18), on a 1366×768 laptop with a
 * French interface: the edit page (titles, programme, parts, sectors), the console's step
 * panels (needs, questions of the day, tables) and the review page (texts, next dates) of an
 * English-only and of a French–English concertation show the fields of those languages and no
 * other, labelled with their language, axe-clean; saving the sectors keeps the labels of the
 * languages the form does not ask. Screenshots under /tmp/content-languages-forms-shots.
 */

let server: RunningServer;
let token: string;
let laptop: Device;
const SHOTS = '/tmp/content-languages-forms-shots';
const ALL = ['fr', 'nl', 'en'] as const;
const CODE = { fr: 'FR', nl: 'NL', en: 'EN' } as const;
/** The suffix of a language's form field (`titleEn`, `next-labelFr`). */
const SUFFIX = { fr: 'Fr', nl: 'Nl', en: 'En' } as const;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
	laptop = await launchDevice({ viewport: { width: 1366, height: 768 } });
	await laptop.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

async function create(body: Record<string, unknown>): Promise<number> {
	const { status, body: answer } = await api<{ concertation: { id: number } }>(
		server,
		'POST',
		'/api/concertations',
		{ token, body: { date: '2026-04-20', ...body } }
	);
	expect(status, JSON.stringify(answer)).toBe(201);
	return answer.concertation.id;
}

/** The languages of the visible text fields inside `scope` (each field carries its `lang`). */
async function fieldLanguages(page: Page, scope: string): Promise<string[]> {
	const langs = await page
		.locator(scope)
		.first()
		.evaluate((root) =>
			[...root.querySelectorAll('input[lang]:not([type="hidden"]), textarea[lang]')].map(
				(field) => field.getAttribute('lang') ?? ''
			)
		);
	return [...new Set(langs)].sort();
}

/** Fields `${prefix}${lang}${suffix}` exist for exactly the content languages. */
async function expectFieldsFor(
	page: Page,
	languages: readonly string[],
	id: (lang: 'fr' | 'nl' | 'en') => string
) {
	for (const lang of ALL) {
		const field = page.locator(`[id="${id(lang)}"]`);
		expect(await field.count(), `#${id(lang)}`).toBe(languages.includes(lang) ? 1 : 0);
		if (!languages.includes(lang)) continue;
		// Labelled with its language, in the interface's words (French here).
		const label = await page.locator(`label[for="${id(lang)}"]`).textContent();
		expect(label ?? '', `label of #${id(lang)}`).toMatch(
			new RegExp(`${CODE[lang]}|${{ fr: 'français', nl: 'néerlandais', en: 'anglais' }[lang]}`)
		);
	}
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

for (const [name, languages, titles] of [
	['english-only', ['en'], { titleEn: 'Study visit: mental health in Brussels' }],
	['french-english', ['fr', 'en'], { titleFr: 'Visite d’étude', titleEn: 'Study visit' }]
] as const) {
	const sorted = [...languages].sort();
	const hasFrench = (languages as readonly string[]).includes('fr');
	describe(`a ${name} concertation`, () => {
		let id: number;
		beforeAll(async () => {
			id = await create({ ...titles, languages });
		});

		it('edit page: titles, programme, parts and sectors in its languages only', async () => {
			captureOnFailure(`forms-edit-${name}`);
			const page = laptop.page;
			await page.goto(`${server.url}/f/${id}/edit`);
			await waitForHydration(page);
			await page.locator('#sectors').waitFor();

			expect(await fieldLanguages(page, 'form[action="?/details"]')).toEqual(sorted);
			await expectFieldsFor(page, languages, (lang) => `title${SUFFIX[lang]}`);
			expect(await fieldLanguages(page, '[data-testid="phase-card"]')).toEqual(sorted);
			expect(await fieldLanguages(page, 'form[action="?/add"]')).toEqual(sorted);
			expect(await fieldLanguages(page, '[data-testid="parts-editor"]')).toEqual(sorted);
			await expectFieldsFor(page, languages, (lang) => `part-title-new-${lang}`);

			// The sectors: one label per content language on each line, and a hint naming them.
			const lines = (await page.locator('#sectors').inputValue()).split('\n');
			expect(lines.length).toBeGreaterThan(3);
			for (const line of lines) expect(line.split(' | ')).toHaveLength(languages.length);
			expect(await page.locator('#sectors-hint').textContent()).toContain(
				languages
					.map((lang) => ({ fr: 'français', nl: 'néerlandais', en: 'anglais' })[lang])
					.join(' | ')
			);
			await shot(page, `edit-${name}`);
			await expectNoAxeViolations(page, `edit (${name})`);

			// Saving keeps the labels of the languages the form does not ask (Dutch here), and each
			// unchanged line its sector; a new line is a new sector in these languages only.
			const before = await sessionSectors(id);
			const added = languages.map((lang) => ({ fr: 'Pair-aidance', en: 'Peer support' })[lang]);
			await page.locator('#sectors').fill([...lines, added.join(' | ')].join('\n'));
			await page.locator('form[action="?/sectors"] button[type="submit"]').click();
			await expect.poll(async () => (await sessionSectors(id)).length).toBe(before.length + 1);
			const after = await sessionSectors(id);
			expect(after.slice(0, -1)).toEqual(before);
			expect(after.at(-1)).toEqual({
				id: hasFrench ? 'pair_aidance' : 'peer_support',
				fr: hasFrench ? 'Pair-aidance' : '',
				nl: '',
				en: 'Peer support'
			});
		});

		it('console: needs, questions of the day and tables asked in its languages only', async () => {
			captureOnFailure(`forms-console-${name}`);
			const page = laptop.page;
			await page.goto(`${server.url}/f/${id}`);
			await waitForHydration(page);
			await page.getByTestId('console-panel').waitFor();

			await page.selectOption('#panel-choice', String(await phaseOf(server, token, id, 'needs')));
			await page.locator('form.add').first().waitFor();
			await expectFieldsFor(page, languages, (lang) => `theme-${lang}`);
			await expectFieldsFor(page, languages, (lang) => `group-${lang}-0`);
			expect(await page.locator('#import-hint').textContent()).toContain(
				[...languages.map((lang) => `theme_${lang}`), 'count'].join(',')
			);
			await shot(page, `console-needs-${name}`);
			await expectNoAxeViolations(page, `console, needs (${name})`);

			await page.selectOption('#panel-choice', String(await phaseOf(server, token, id, 'topics')));
			await page.locator(`#question-${languages[0]}`).waitFor();
			await expectFieldsFor(page, languages, (lang) => `question-${lang}`);
			await expectNoAxeViolations(page, `console, questions (${name})`);

			await page.selectOption('#panel-choice', String(await phaseOf(server, token, id, 'tables')));
			await page.locator(`#table-priority-${languages[0]}`).waitFor({ state: 'attached' });
			await expectFieldsFor(page, languages, (lang) => `table-priority-${lang}`);
			await expectNoAxeViolations(page, `console, tables (${name})`);
		});

		it('review page: the restitution’s texts and next dates in its languages only', async () => {
			captureOnFailure(`forms-review-${name}`);
			const page = laptop.page;
			await page.goto(`${server.url}/r/${id}`);
			await waitForHydration(page);
			await page.getByTestId('next-date-form').waitFor({ state: 'attached' });
			for (const text of ['introduction', 'conclusion', 'thanks', 'organiser'])
				await expectFieldsFor(page, languages, (lang) => `${text}${SUFFIX[lang]}`);
			await expectFieldsFor(page, languages, (lang) => `next-label${SUFFIX[lang]}`);
			await expectFieldsFor(page, languages, (lang) => `next-description${SUFFIX[lang]}`);
			// Both editing panels open, for the picture and for axe.
			for (const summary of await page.locator('aside.panel details > summary').all())
				await summary.click();
			await shot(page, `review-${name}`);
			await expectNoAxeViolations(page, `review (${name})`);
		});
	});
}

async function sessionSectors(id: number) {
	const { body } = await api<{
		sections: { session: { sectors: { id: string; fr: string; nl: string; en: string }[] } };
	}>(server, 'GET', `/api/concertations/${id}`, { token });
	return body.sections.session.sectors;
}
