/**
 * The restitution of concertations in other content languages than French and Dutch (issue
 * 18), from creation to the downloaded files, on a 1366×768 laptop with a French interface:
 * an English-only, a Dutch-only and a French–English concertation are created through the
 * browser's form (which asks only the chosen languages' titles), a realistic session is
 * recorded through the API (a phone in another interface language among them), and the
 * review page's preview shows only the content languages, participants' text typed in another
 * language with its tag, axe-clean; the page's own PDF, Word and Markdown links download files
 * in those languages only, the PDF on one page. Screenshots and the PDFs as PNG under
 * /tmp/content-languages-restitution.
 */
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enLabels from '../../src/lib/i18n/locales/en/restitution.json';
import frLabels from '../../src/lib/i18n/locales/fr/restitution.json';
import nlLabels from '../../src/lib/i18n/locales/nl/restitution.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { recordFullSession } from '../helpers/full-session';
import { formAction, pdfText } from '../helpers/restitution';
import {
	api,
	connectParticipant,
	joinAsParticipant,
	next,
	runCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

type Language = 'fr' | 'nl' | 'en';
const ALL = ['fr', 'nl', 'en'] as const;
const LABELS = { fr: frLabels, nl: nlLabels, en: enLabels };
const SUFFIX = { fr: 'Fr', nl: 'Nl', en: 'En' } as const;
/** Section headings whose words no other language's heading shares. */
const HEADINGS = ['vote', 'tables', 'news', 'needs'] as const;
/** The titles typed in the form: the full session's words (tests/helpers/full-session.ts). */
const TITLES = {
	fr: 'Santé mentale et logement',
	nl: 'Geestelijke gezondheid en huisvesting',
	en: 'Mental health and housing'
};
/** The vote's options, as the full session writes them in each language. */
const OPTIONS = {
	fr: ['Accès aux soins', 'Logement', 'Isolement'],
	nl: ['Toegang tot zorg', 'Huisvesting', 'Vereenzaming'],
	en: ['Access to care', 'Housing', 'Isolation']
};
const CONCLUSION = {
	fr: 'Nous reprendrons les freins relevés au prochain comité.',
	nl: 'We bespreken de drempels opnieuw op het volgende comité.',
	en: 'We will take up the barriers raised at the next committee.'
};

const CASES: {
	name: string;
	languages: Language[];
	/** The interface language of the session's phone: not always a content language. */
	phoneLocale: Language;
	/** A rapporteur's phone in a language that is not a content one, and what it types. */
	other: { locale: Language; text: string };
	stem: string;
}[] = [
	{
		name: 'English-only',
		languages: ['en'],
		phoneLocale: 'fr',
		other: { locale: 'fr', text: 'Intervision mensuelle' },
		stem: 'summary'
	},
	{
		name: 'Dutch-only',
		languages: ['nl'],
		phoneLocale: 'en',
		other: { locale: 'en', text: 'Monthly peer review' },
		stem: 'samenvatting'
	},
	{
		name: 'French–English',
		languages: ['fr', 'en'],
		phoneLocale: 'nl',
		other: { locale: 'nl', text: 'Maandelijkse intervisie' },
		stem: 'restitution'
	}
];

const SHOTS = '/tmp/content-languages-restitution';
const sockets = socketTracker();
let server: RunningServer;
let admin: string;
let laptop: Device;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	admin = await signIn(server);
	laptop = await launchDevice({ viewport: { width: 1366, height: 768 } });
	await laptop.context.addCookies([{ name: SESSION_COOKIE, value: admin, url: server.url }]);
});

afterAll(async () => {
	sockets.closeAll();
	await closeAllDevices();
	await server?.stop();
});

/** The section headings a document shows: its languages' and no other's. */
function expectHeadings(text: string, languages: readonly Language[], where: string) {
	const squashed = text.replace(/\s+/g, '');
	for (const language of ALL) {
		for (const key of HEADINGS) {
			const heading = LABELS[language][key].replace(/\s+/g, '');
			if (languages.includes(language)) expect(squashed, `${where}: ${heading}`).toContain(heading);
			else expect(squashed, `${where}: no ${heading}`).not.toContain(heading);
		}
	}
}

/** Its languages' titles and vote options, and none of the others'. */
function expectWords(text: string, languages: readonly Language[], where: string) {
	for (const language of ALL) {
		const words = [TITLES[language], LABELS[language].title, ...OPTIONS[language]];
		for (const word of words) {
			if (languages.includes(language)) expect(text, `${where}: ${word}`).toContain(word);
			else expect(text, `${where}: no ${word}`).not.toContain(word);
		}
	}
}

/** A concertation as `GET /api/concertations` lists it. */
async function listed(id: number) {
	const { status, body } = await api<{
		concertations: {
			id: number;
			joinCode: string;
			screenKey: string;
			languages: string[];
			title: Record<Language, string>;
		}[];
	}>(server, 'GET', '/api/concertations', { token: admin });
	expect(status).toBe(200);
	const found = body.concertations.find((concertation) => concertation.id === id);
	if (!found) throw new Error(`concertation ${id} not listed`);
	return found;
}

/** The words inside `scope` that the layout cut across two lines (screen-reader text aside). */
async function brokenWords(page: Page, scope: string): Promise<string[]> {
	return page.locator(scope).evaluate((root) => {
		const broken: string[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if (node.parentElement?.closest('.visually-hidden')) continue;
			for (const match of (node.textContent ?? '').matchAll(/\S{2,}/g)) {
				const range = document.createRange();
				range.setStart(node, match.index);
				range.setEnd(node, match.index + match[0].length);
				const lines = new Set(
					[...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
				);
				if (lines.size > 1) broken.push(match[0]);
			}
		}
		return broken;
	});
}

async function docxText(bytes: Buffer): Promise<{ text: string; xml: string }> {
	const zip = await JSZip.loadAsync(bytes);
	const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
		.map((match) => match[1] ?? '')
		.join(' ')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
	return { text, xml };
}

/** Clicks one of the review page's export links and reads what the browser downloaded. */
async function downloadFrom(page: Page, label: string) {
	const link = page.locator('.exports a[download]', { hasText: label });
	expect(await link.count(), label).toBe(1);
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	const path = await download.path();
	return { bytes: readFileSync(path), fileName: download.suggestedFilename() };
}

describe.each(CASES)('the restitution of a $name concertation', (c) => {
	const one = c.languages.length === 1;
	const [main, second] = c.languages as [Language, Language | undefined];
	const number = `${c.languages.join('')}8`;
	const tag = c.other.locale.toUpperCase();
	let id = 0;

	it('is created through the form, which asks only its languages’ titles', async () => {
		captureOnFailure(`restitution-create-${c.name}`);
		const page = laptop.page;
		await page.goto(`${server.url}/f`);
		await waitForHydration(page);
		const form = page.locator('form[action="?/create"]');
		await form.locator('#languageMain').selectOption(main);
		await form.locator('#languageSecond').selectOption(second ?? '');
		// Only the chosen languages' title fields, required, each marked with its language.
		for (const language of ALL) {
			const field = form.locator(`#title${SUFFIX[language]}`);
			expect(await field.count(), `title ${language}`).toBe(c.languages.includes(language) ? 1 : 0);
		}
		const asked = await form
			.locator('input[id^="title"]:not([type="hidden"])')
			.evaluateAll((fields) =>
				fields.map((field) => [field.getAttribute('lang'), (field as HTMLInputElement).required])
			);
		expect(asked).toEqual(c.languages.map((language) => [language, true]));
		await expectNoAxeViolations(page, `create form (${c.name})`);
		await page.screenshot({ path: `${SHOTS}/create-${c.stem}-${c.languages.join('-')}.png` });
		for (const language of c.languages)
			await form.locator(`#title${SUFFIX[language]}`).fill(TITLES[language]);
		await form.locator('#number').fill(number);
		await form.locator('#date').fill('2024-09-23');
		await form.locator('#place').fill('Maison des associations, Bruxelles');
		await Promise.all([
			page.waitForURL(/\/f\/\d+$/),
			form.locator('button[type="submit"]').click()
		]);
		id = Number(/\/f\/(\d+)$/.exec(page.url())?.[1]);
		expect(id).toBeGreaterThan(0);

		// As the JSON API lists it: its languages and only their titles.
		const created = await listed(id);
		expect(created.languages).toEqual(c.languages);
		for (const language of ALL)
			expect(created.title[language]).toBe(c.languages.includes(language) ? TITLES[language] : '');
	});

	it('records a session, a phone in another interface language among its people', async () => {
		expect(id).toBeGreaterThan(0);
		const { joinCode, screenKey } = await listed(id);
		const { tableId, command } = await recordFullSession(server, admin, sockets.track, {
			number,
			languages: c.languages,
			phoneLocale: c.phoneLocale,
			concertation: { id, joinCode, screenKey }
		});
		// A latecomer joins from a phone in a language that is not a content one and sits at
		// the table: what they type is printed as typed, tagged with that language.
		const latecomer = await joinAsParticipant(server, joinCode, {
			displayName: 'Dirk',
			locale: c.other.locale
		});
		await command('tables.seat', { participantId: latecomer.participantId, tableId });
		const phone = sockets.track(connectParticipant(server, id, latecomer.token, c.other.locale));
		await next(phone, 'snapshot');
		await runCommand(phone, 'tables.item.add', { tableId, category: 'lever', text: c.other.text });
		phone.disconnect();
		// The conclusion, in the content languages' fields the review page asks for.
		const conclusion = await formAction(server, admin, `/r/${id}?/texts`, {
			...Object.fromEntries(
				c.languages.map((language) => [`conclusion${SUFFIX[language]}`, CONCLUSION[language]])
			),
			...Object.fromEntries(
				c.languages.map((language) => [
					`introduction${SUFFIX[language]}`,
					{ fr: 'Bonjour', nl: 'Hallo', en: 'Hello' }[language]
				])
			)
		});
		expect(conclusion.type).toBe('success');
	});

	it('previews the document in its languages only', async () => {
		captureOnFailure(`restitution-preview-${c.name}`);
		const page = laptop.page;
		await page.goto(`${server.url}/r/${id}`);
		await waitForHydration(page);
		const sheet = page.locator('.restitution-sheet');
		await sheet.waitFor();
		expect(await sheet.getAttribute('data-languages')).toBe(c.languages.join(' '));
		const text = await sheet.innerText();
		expectHeadings(text, c.languages, 'preview');
		expectWords(text, c.languages, 'preview');
		for (const language of ALL) {
			if (c.languages.includes(language)) expect(text).toContain(CONCLUSION[language]);
			else expect(text).not.toContain(CONCLUSION[language]);
		}

		// Each text marked with its language: a content language, or another one with its tag.
		const marked = await sheet.evaluate((root, languages) => {
			const out: { lang: string; text: string; tagged: string | null }[] = [];
			for (const element of root.querySelectorAll('[lang]')) {
				if (element.closest('.lang-tag')) continue;
				const lang = element.getAttribute('lang') ?? '';
				if (languages.includes(lang)) continue;
				const tagEl = element.nextElementSibling;
				out.push({
					lang,
					text: element.textContent ?? '',
					tagged: tagEl?.classList.contains('lang-tag') ? tagEl.getAttribute('data-lang') : null
				});
			}
			return out;
		}, c.languages as string[]);
		expect(marked.length, JSON.stringify(marked)).toBeGreaterThan(0);
		for (const entry of marked) expect(entry.tagged, JSON.stringify(entry)).toBe(entry.lang);
		expect(marked).toContainEqual({
			lang: c.other.locale,
			text: c.other.text,
			tagged: c.other.locale
		});
		expect(await sheet.locator(`.lang-tag[data-lang="${c.other.locale}"]`).count()).toBeGreaterThan(
			0
		);

		const h3 = (await sheet.locator('h3').allInnerTexts()).map((heading) => heading.trim());
		if (one) {
			// A normal one-language document: no "·" pairs of headings, no "|" pairs of texts,
			// no half-empty columns.
			for (const heading of h3) expect(heading).not.toContain(' · ');
			expect(await sheet.locator('.sep').count()).toBe(0);
			expect(await sheet.locator('.columns').count()).toBe(0);
			expect(await sheet.locator(`p[lang="${main}"]`, { hasText: CONCLUSION[main] }).count()).toBe(
				1
			);
		} else {
			expect(h3).toContain(`${LABELS.fr.vote} · ${LABELS.en.vote}`);
			expect(await sheet.locator('.sep').count()).toBeGreaterThan(0);
			// The coordinators' texts side by side, one column per language.
			const columns = sheet.locator('.columns', { hasText: CONCLUSION.fr });
			expect(
				await columns.locator('p').evaluateAll((ps) => ps.map((p) => p.getAttribute('lang')))
			).toEqual(c.languages);
		}
		// Nothing wider than the laptop, and the sheet's type as the print's.
		const layout = await page.evaluate(() => ({
			overflow: document.documentElement.scrollWidth - window.innerWidth,
			heading: getComputedStyle(document.querySelector('.restitution-sheet h3')!).fontSize
		}));
		expect(layout.overflow).toBeLessThanOrEqual(0);
		expect(await brokenWords(page, '.restitution-sheet')).toEqual([]);
		expect(parseFloat(layout.heading)).toBeCloseTo(14, 0);
		await expectNoAxeViolations(page, `review page (${c.name})`);
		await sheet.screenshot({ path: `${SHOTS}/preview-${c.stem}-${c.languages.join('-')}.png` });
	});

	it('downloads the PDF, Word and Markdown files from the page’s links', async () => {
		captureOnFailure(`restitution-downloads-${c.name}`);
		const page = laptop.page;
		const name = `${c.stem}-2024-09-23-n${number}`;

		const pdf = await downloadFrom(page, 'PDF');
		expect(pdf.fileName).toBe(`${name}.pdf`);
		const printed = await pdfText(pdf.bytes);
		expect(printed.pages).toBe(1);
		expectHeadings(printed.text, c.languages, 'PDF');
		expectWords(printed.text, c.languages, 'PDF');
		expect(printed.text).toContain(`${c.other.text} [${tag}]`);
		if (one) expect(printed.text).not.toContain(`${LABELS[main].participants} ·`);
		const file = `${SHOTS}/${name}`;
		writeFileSync(`${file}.pdf`, pdf.bytes);
		execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', `${file}.pdf`, file]);

		const docx = await downloadFrom(page, 'Word (DOCX)');
		expect(docx.fileName).toBe(`${name}.docx`);
		const word = await docxText(docx.bytes);
		expectHeadings(word.text, c.languages, 'Word');
		expectWords(word.text, c.languages, 'Word');
		expect(word.text).toContain(`${c.other.text}  [${tag}]`);
		if (one) expect(word.text).not.toContain(' · ');

		const md = await downloadFrom(page, 'Markdown');
		expect(md.fileName).toBe(`${name}.md`);
		const markdown = md.bytes.toString('utf8');
		expectHeadings(markdown, c.languages, 'Markdown');
		expectWords(markdown, c.languages, 'Markdown');
		expect(markdown).toContain(`${c.other.text} \\[${tag}\\]`);
		expect(markdown.split('\n')[0]).toBe(
			`# ${c.languages.map((language) => LABELS[language].title).join(' · ')}`
		);
		if (one) expect(markdown).not.toMatch(/^#.* · /m);
		for (const language of ALL) {
			if (c.languages.includes(language)) expect(markdown).toContain(CONCLUSION[language]);
			else expect(markdown).not.toContain(CONCLUSION[language]);
		}
		// The preview's sections are the Markdown's, heading for heading.
		await page.locator('.restitution-sheet').waitFor();
		const previewHeadings = await page.locator('.restitution-sheet h3').allInnerTexts();
		const markdownHeadings = [...markdown.matchAll(/^### (.*)$/gm)].map((match) =>
			(match[1] ?? '').replace(/\\(.)/g, '$1')
		);
		for (const heading of previewHeadings)
			expect(markdownHeadings, heading).toContain(heading.trim());
	});
});
