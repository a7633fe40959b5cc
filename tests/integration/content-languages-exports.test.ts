/**
 * The exports of a concertation in other content languages than French and Dutch (issue 18):
 * an English-only, a Dutch-only and a French–English session, recorded by the server, give a
 * restitution (PDF, Word, Markdown, JSON), attendance and votes CSV and a join poster in their
 * own languages. A one-language restitution reads as a normal document: one heading per
 * section, no "·" pairs, no empty column, a file name in that language; participant text typed
 * in another language keeps its words and carries its language tag.
 */
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import enLabels from '../../src/lib/i18n/locales/en/restitution.json';
import frLabels from '../../src/lib/i18n/locales/fr/restitution.json';
import nlLabels from '../../src/lib/i18n/locales/nl/restitution.json';
import enCommon from '../../src/lib/i18n/locales/en/common.json';
import frCommon from '../../src/lib/i18n/locales/fr/common.json';
import nlCommon from '../../src/lib/i18n/locales/nl/common.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import { recordFullSession } from '../helpers/full-session';
import { pdfText } from '../helpers/restitution';
import {
	connectParticipant,
	next,
	runCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

type Language = 'fr' | 'nl' | 'en';
const LABELS = { fr: frLabels, nl: nlLabels, en: enLabels };
const COMMON = { fr: frCommon, nl: nlCommon, en: enCommon };
/** Words of a section heading in each language, none shared with another language's. */
const HEADINGS = ['vote', 'tables', 'news', 'needs'] as const;
const TITLES = {
	fr: 'Santé mentale et logement',
	nl: 'Geestelijke gezondheid en huisvesting',
	en: 'Mental health and housing'
};
const OPTIONS = {
	fr: ['Accès aux soins', 'Logement', 'Isolement'],
	nl: ['Toegang tot zorg', 'Huisvesting', 'Vereenzaming'],
	en: ['Access to care', 'Housing', 'Isolation']
};

/** Typed on a phone in French at a discussion table. */
const TYPED = 'Intervision mensuelle';

const sockets = socketTracker();
let server: RunningServer;
let admin: string;
const SHOTS = '/tmp/content-languages-exports';

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

async function download(path: string) {
	const response = await fetch(`${server.url}${path}`, {
		headers: { authorization: `Bearer ${admin}` }
	});
	expect(response.status, path).toBe(200);
	const disposition = response.headers.get('content-disposition') ?? '';
	return {
		bytes: Buffer.from(await response.arrayBuffer()),
		fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? ''
	};
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

/** The section headings one document shows: its languages' and no other's. */
function expectHeadings(text: string, languages: readonly Language[], where: string) {
	const squashed = text.replace(/\s+/g, '');
	for (const language of ['fr', 'nl', 'en'] as const) {
		for (const key of HEADINGS) {
			const heading = LABELS[language][key].replace(/\s+/g, '');
			if (languages.includes(language)) expect(squashed, `${where}: ${heading}`).toContain(heading);
			else expect(squashed, `${where}: no ${heading}`).not.toContain(heading);
		}
	}
}

const CASES: {
	name: string;
	languages: Language[];
	stem: string;
	attendanceStem: string;
	votesStem: string;
}[] = [
	{
		name: 'English-only',
		languages: ['en'],
		stem: 'summary',
		attendanceStem: 'attendance',
		votesStem: 'votes'
	},
	{
		name: 'Dutch-only',
		languages: ['nl'],
		stem: 'samenvatting',
		attendanceStem: 'aanwezigheden',
		votesStem: 'stemmen'
	},
	{
		name: 'French–English',
		languages: ['fr', 'en'],
		stem: 'restitution',
		attendanceStem: 'attendance',
		votesStem: 'votes'
	}
];

describe.each(CASES)('the exports of a $name concertation', (c) => {
	const one = c.languages.length === 1;
	const [main] = c.languages as [Language];
	let id = 0;
	let number = '';

	beforeAll(async () => {
		number = `${c.languages.join('')}7`;
		const { concertation, people, tableId } = await recordFullSession(
			server,
			admin,
			sockets.track,
			{ number, languages: c.languages }
		);
		id = concertation.id;
		// The rapporteur's phone is in French: in an English-only or Dutch-only meeting what
		// they type is printed as typed, tagged with its language, never as a translation.
		const rapporteur = people[2];
		if (!rapporteur) throw new Error('no rapporteur');
		const phone = sockets.track(connectParticipant(server, id, rapporteur.token, 'fr'));
		await next(phone, 'snapshot');
		await runCommand(phone, 'tables.item.add', {
			tableId,
			category: 'lever',
			text: TYPED
		});
		phone.disconnect();
	});

	it('prints the PDF in its languages only, on one page', async () => {
		const { bytes, fileName } = await download(`/api/concertations/${id}/restitution.pdf`);
		expect(fileName).toBe(`${c.stem}-2024-09-23-n${number}.pdf`);
		const pdf = await pdfText(bytes);
		expect(pdf.pages).toBe(1);
		expectHeadings(pdf.text, c.languages, 'PDF');
		for (const language of c.languages) {
			expect(pdf.text).toContain(TITLES[language]);
			expect(pdf.text).toContain(LABELS[language].title);
			for (const option of OPTIONS[language]) expect(pdf.text).toContain(option);
		}
		for (const language of (['fr', 'nl', 'en'] as const).filter((l) => !c.languages.includes(l))) {
			expect(pdf.text).not.toContain(LABELS[language].title);
			expect(pdf.text).not.toContain(TITLES[language]);
		}
		// One language: single headings, no "fr · nl" pairs of labels.
		if (one) expect(pdf.text).not.toMatch(new RegExp(`${LABELS[main].participants} ·`));
		// What the French phone typed: as typed, tagged when French is not a content language.
		if (c.languages.includes('fr')) {
			expect(pdf.text).toContain(TYPED);
			expect(pdf.text).not.toMatch(/\[FR\]/);
		} else expect(pdf.text).toContain(`${TYPED} [FR]`);
		writeFileSync(`${SHOTS}/${c.stem}-${c.languages.join('-')}.pdf`, bytes);
		execFileSync('pdftoppm', [
			'-png',
			'-r',
			'80',
			'-singlefile',
			`${SHOTS}/${c.stem}-${c.languages.join('-')}.pdf`,
			`${SHOTS}/${c.stem}-${c.languages.join('-')}`
		]);
	});

	it('writes Word, Markdown and JSON in its languages', async () => {
		const docx = await download(`/api/concertations/${id}/restitution.docx`);
		expect(docx.fileName).toBe(`${c.stem}-2024-09-23-n${number}.docx`);
		const word = await docxText(docx.bytes);
		expectHeadings(word.text, c.languages, 'Word');
		for (const language of c.languages) expect(word.text).toContain(TITLES[language]);
		// Each language's text is marked as such for spell-checking and screen readers; the
		// document's own language is the main content language.
		const tag = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
		expect(word.xml).toContain(`w:val="${tag[main]}"`);
		// One language: one column of sector names and one of priorities, not two.
		if (one) {
			expect(word.text).not.toContain(' · ');
			expect(
				word.xml
					.match(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)
					?.every((grid) => grid.match(/<w:gridCol/g)!.length <= 3)
			).toBe(true);
		}

		const md = await download(`/api/concertations/${id}/restitution.md`);
		expect(md.fileName).toBe(`${c.stem}-2024-09-23-n${number}.md`);
		const markdown = md.bytes.toString('utf8');
		expectHeadings(markdown, c.languages, 'Markdown');
		expect(markdown.split('\n')[0]).toBe(
			`# ${c.languages.map((language) => LABELS[language].title).join(' · ')}`
		);
		if (one) expect(markdown).not.toMatch(/^#.* · /m);
		expect(markdown).toContain(c.languages.includes('fr') ? TYPED : `${TYPED} \\[FR\\]`);
		expect(word.text).toContain(c.languages.includes('fr') ? TYPED : `${TYPED}  [FR]`);

		const json = await download(`/api/concertations/${id}/restitution.json`);
		expect(json.fileName).toBe(`${c.stem}-2024-09-23-n${number}.json`);
		const envelope = JSON.parse(json.bytes.toString('utf8')) as {
			restitution: { languages?: string[]; header: { theme: Record<string, string> } };
		};
		expect(envelope.restitution.languages).toEqual(c.languages);
		for (const language of c.languages)
			expect(envelope.restitution.header.theme[language]).toBe(TITLES[language]);
	});

	it('names its CSV files and their sector columns in its languages', async () => {
		const attendance = await download(`/api/concertations/${id}/attendance.csv`);
		expect(attendance.fileName).toBe(`${c.attendanceStem}-2024-09-23-n${number}.csv`);
		const header = attendance.bytes
			.toString('utf8')
			.replace(/^\uFEFF/, '')
			.split('\r\n')[0];
		expect(header).toBe(
			['name', 'organisation', ...c.languages.map((language) => `sector_${language}`)].join(',')
		);
		const votes = await download(`/api/concertations/${id}/votes.csv`);
		expect(votes.fileName).toBe(`${c.votesStem}-2024-09-23-n${number}.csv`);
		const csv = votes.bytes.toString('utf8');
		// Each option in the content languages, "fr | en" for two.
		expect(csv).toContain(c.languages.map((language) => OPTIONS[language][0]).join(' | '));
	});

	it('prints its join poster in its languages', async () => {
		const response = await fetch(`${server.url}/f/${id}/join-sheet`, {
			headers: { cookie: `${SESSION_COOKIE}=${admin}` }
		});
		const html = await response.text();
		expect(response.status, html.slice(0, 300)).toBe(200);
		expect(html).toContain(`data-languages="${c.languages.join(',')}"`);
		for (const language of ['fr', 'nl', 'en'] as const) {
			const heading = COMMON[language].joinSheet.heading;
			if (c.languages.includes(language)) {
				expect(html).toContain(heading);
				expect(html).toContain(TITLES[language]);
			} else expect(html).not.toContain(heading);
		}
	});
});
