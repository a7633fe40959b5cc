import JSZip from 'jszip';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import {
	HOSTILE_STRINGS,
	hostileRestitutionFixture,
	largeRestitutionFixture,
	typicalRestitutionFixture
} from '../fixtures/restitution';
import {
	RESTITUTION_FORMAT,
	parseRestitution,
	printable,
	restitutionSchema,
	type Restitution
} from '../../src/lib/protocol/summary';
import { restitutionFileName } from '../../src/lib/server/restitution/exports';
import { renderDocx } from '../../src/lib/server/restitution/render-docx';
import { parseRestitutionJson, renderJson } from '../../src/lib/server/restitution/render-json';
import {
	escapeMarkdownLine,
	renderMarkdown
} from '../../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../../src/lib/server/restitution/render-pdf';

// ---------------------------------------------------------------------------------------------
// Helpers: read the outputs back
// ---------------------------------------------------------------------------------------------

interface PdfText {
	pages: number;
	/** Text of each page, items joined with spaces. */
	text: string[];
	/** Right edge of the widest text item on any page, in points. */
	maxRight: number;
	info: Record<string, unknown>;
}

async function readPdf(bytes: Buffer): Promise<PdfText> {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const text: string[] = [];
	let maxRight = 0;
	for (let number = 1; number <= doc.numPages; number++) {
		const page = await doc.getPage(number);
		const content = await page.getTextContent();
		const parts: string[] = [];
		for (const item of content.items) {
			if (!('str' in item)) continue;
			parts.push(item.str);
			maxRight = Math.max(maxRight, (item.transform[4] ?? 0) + item.width);
		}
		text.push(parts.join(' '));
	}
	const metadata = await doc.getMetadata();
	const pages = doc.numPages;
	await doc.destroy();
	return { pages, text, maxRight, info: metadata.info as Record<string, unknown> };
}

interface StructNode {
	role?: string;
	type?: string;
	lang?: string;
	alt?: string;
	children?: StructNode[];
}

/** What a screen reader gets of each page: its structure tree and how its text is marked. */
async function readPdfStructure(bytes: Buffer) {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const markInfo = await doc.getMarkInfo();
	const pages = [];
	for (let number = 1; number <= doc.numPages; number++) {
		const page = await doc.getPage(number);
		const tree = (await page.getStructTree()) as StructNode;
		const nodes: StructNode[] = [];
		const walk = (node: StructNode) => {
			nodes.push(node);
			for (const child of node.children ?? []) walk(child);
		};
		walk(tree);
		// Each text item is inside marked content: a structure element's (with an id) or an artifact.
		const open: { tag?: string; id?: string | null }[] = [];
		const text = { tagged: [] as string[], artifacts: [] as string[], unmarked: [] as string[] };
		const content = await page.getTextContent({ includeMarkedContent: true });
		for (const item of content.items) {
			if ('type' in item && item.type === 'endMarkedContent') open.pop();
			// pdf.js sends the marked content's tag at run time; its typings leave it out.
			else if ('type' in item) open.push({ tag: (item as { tag?: string }).tag, id: item.id });
			else if (item.str.trim()) {
				const marking = open.at(-1);
				if (!marking) text.unmarked.push(item.str);
				else if (marking.tag === 'Artifact') text.artifacts.push(item.str);
				else if (marking.id) text.tagged.push(item.str);
				else text.unmarked.push(item.str);
			}
		}
		pages.push({ nodes, text });
	}
	await doc.destroy();
	return { markInfo, pages };
}

/** Whitespace-free text: labels wrapped over several lines still match. */
function squash(text: string): string {
	return text.replace(/\s+/g, '');
}

function wordXmlText(xml: string): string {
	const decode = (value: string) =>
		value
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&apos;/g, "'")
			.replace(/&amp;/g, '&');
	return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
		.map((match) => decode(match[1] ?? ''))
		.join(' ');
}

async function readDocx(bytes: Buffer): Promise<{ xml: string; text: string; core: string }> {
	const zip = await JSZip.loadAsync(bytes);
	const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
	return { xml, text: wordXmlText(xml), core };
}

/** The priority labels as printed: French and Dutch for organiser text, else as typed. */
function priorityTexts(model: Restitution): string[] {
	return (model.vote?.priorities ?? []).flatMap((priority) => {
		const p = printable(priority.label);
		return p.kind === 'single' ? [p.text] : [p.fr, p.nl];
	});
}

const ACCENTED = ['é', 'è', 'ê', 'ë', 'ï', 'ç', 'ô', 'û', '€', '’', '«', '»'];

// Rendering is deterministic: render each fixture once for the whole file.
const typical = typicalRestitutionFixture();
const large = largeRestitutionFixture();
const hostile = hostileRestitutionFixture();
const typicalPdf = renderPdf(typical);
const largePdf = renderPdf(large);
const hostilePdf = renderPdf(hostile);

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

describe('restitution model', () => {
	it('accepts the fixtures', () => {
		for (const model of [typical, large, hostile])
			expect(restitutionSchema.safeParse(model).success).toBe(true);
	});

	it('rejects an impossible date, a bad time and a logo that is not what it claims', () => {
		expect(() =>
			parseRestitution({ ...typical, header: { ...typical.header, date: '2024-02-30' } })
		).toThrow();
		expect(() =>
			parseRestitution({ ...typical, header: { ...typical.header, startTime: '25:00' } })
		).toThrow();
		const logo = { mediaType: 'image/jpeg' as const, base64: typical.header.logo?.base64 ?? '' };
		expect(() => parseRestitution({ ...typical, header: { ...typical.header, logo } })).toThrow();
	});

	it('names files in safe ASCII', () => {
		expect(restitutionFileName(typical, 'pdf')).toBe('restitution-2024-09-23-n12.pdf');
		const odd = { ...typical, header: { ...typical.header, number: ' 12 bis/é<>' } };
		expect(restitutionFileName(odd, 'docx')).toBe('restitution-2024-09-23-n12-bis-e.docx');
		const none = { ...typical, header: { ...typical.header, number: '' } };
		expect(restitutionFileName(none, 'md')).toBe('restitution-2024-09-23.md');
	});
});

// ---------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------

describe('PDF', () => {
	it('fits the typical large session on exactly one A4 page, legibly, without cutting', async () => {
		const pdf = await readPdf(await typicalPdf);
		expect(pdf.pages).toBe(1);
		const layout = await describePdfLayout(typical);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
		expect(layout.cut).toEqual([]);
	});

	it('prints French and Dutch headings and every ranked priority', async () => {
		const text = squash((await readPdf(await typicalPdf)).text.join(' '));
		for (const heading of [
			'Synthèse de la concertation thématique',
			'Samenvatting van het thematisch overleg',
			'Vote des priorités',
			'Stemming over de prioriteiten',
			'Tables de discussion',
			'Discussietafels'
		]) {
			expect(text).toContain(squash(heading));
		}
		for (const priority of priorityTexts(typical)) expect(text).toContain(squash(priority));
		expect(text).toContain('=2');
		expect(text).toContain(squash('lundi 23 septembre 2024'));
		expect(text).toContain(squash('maandag 23 september 2024'));
	});

	it('extracts French and Dutch accents and typographic signs as they were typed', async () => {
		const text = (await readPdf(await typicalPdf)).text.join(' ');
		for (const char of ACCENTED) expect(text, char).toContain(char);
		for (const word of [
			'Synthèse',
			'Première',
			'Aïcha',
			'garçons',
			'Financiële',
			'Hôpital',
			'Coût',
			'750 €',
			'd’attente',
			'« fou »'
		]) {
			expect(squash(text)).toContain(squash(word));
		}
	});

	it('embeds its TrueType fonts and sets the document metadata', async () => {
		const bytes = await typicalPdf;
		const raw = bytes.toString('latin1');
		expect(raw).toContain('/FontFile2');
		expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
		const { info } = await readPdf(bytes);
		expect(info.Title).toContain('Synthèse de la concertation thématique');
		expect(info.Title).toContain('Samenvatting van het thematisch overleg');
		expect(info.Author).toContain('Zone de soins Bruxelles Nord-Ouest');
		expect(info.Subject).toContain('N° 12');
		expect(info.Language).toBe('fr-BE');
	});

	it('is a tagged PDF: headings, lists, each column in its language, every text reachable', async () => {
		const { markInfo, pages } = await readPdfStructure(await typicalPdf);
		expect(markInfo?.Marked).toBe(true);
		const [first] = pages;
		const roles = first!.nodes.map((node) => node.role);
		// The theme in French and in Dutch, then one heading per section.
		expect(roles.filter((role) => role === 'H1')).toHaveLength(2);
		expect(roles.filter((role) => role === 'H2').length).toBeGreaterThanOrEqual(6);
		for (const role of ['Document', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Figure'])
			expect(roles).toContain(role);
		const languages = new Set(first!.nodes.map((node) => node.lang).filter(Boolean));
		expect(languages).toEqual(new Set(['fr-BE', 'nl-BE']));
		expect(first!.nodes.find((node) => node.role === 'Figure')?.alt).toContain(
			'Zone de soins Bruxelles Nord-Ouest'
		);
		// Nothing a sighted reader sees is hidden from a screen reader, except the page footer.
		expect(first!.text.unmarked).toEqual([]);
		expect(first!.text.tagged.join(' ')).toContain('Vote des priorités');
		expect(first!.text.artifacts.join(' ')).toContain('23/09/2024');
		expect(first!.text.tagged.join(' ')).not.toContain('23/09/2024');
	});

	it('tags the appendix too, its lists split between pages included', async () => {
		const { pages } = await readPdfStructure(await largePdf);
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) expect(page.text.unmarked).toEqual([]);
		const appendixRoles = pages.slice(1).flatMap((page) => page.nodes.map((node) => node.role));
		expect(appendixRoles).toContain('H1');
		expect(appendixRoles).toContain('LI');
	});

	it('shortens a much larger session with "+N" and puts everything in a separate appendix', async () => {
		const pdf = await readPdf(await largePdf);
		expect(pdf.pages).toBeGreaterThan(1);
		const [first = '', ...rest] = pdf.text;
		expect(first).toMatch(/\+\d+ autres/);
		expect(first).toMatch(/\+\d+ andere/);
		expect(first).toContain('Listes complètes en annexe');
		const appendix = rest.join(' ');
		expect(rest[0]).toMatch(/^Annexe · Bijlage/);
		// The 25th item of each category is only in the appendix.
		for (const prefix of ['Frein 25', 'Levier 25', 'Piste 25', 'Acteur 25']) {
			expect(squash(first)).not.toContain(squash(prefix));
			expect(squash(appendix)).toContain(squash(prefix));
		}
		// The attendance list and every news item are in full there too.
		expect(squash(appendix)).toContain(squash('Actualité 20'));
		expect(appendix).toContain('Aanwezigheidslijst');
		const layout = await describePdfLayout(large);
		expect(layout.bodySize).toBe(7);
		expect(layout.cut).toContain('tables');
		// The vote is the main result: it stays whole on page 1 while the lists are cut.
		for (const priority of priorityTexts(large)) expect(squash(first)).toContain(squash(priority));
	});

	it('prints hostile text as text: HTML, markdown, a 300-character word, emoji, Arabic', async () => {
		const bytes = await hostilePdf;
		const pdf = await readPdf(bytes);
		const all = pdf.text.join(' ');
		expect(all).toContain(HOSTILE_STRINGS.script);
		expect(squash(all)).toContain(squash('**bold**'));
		expect(squash(all)).toContain(squash('[x](javascript:alert(1))'));
		// The long word is broken over lines: nothing runs off the A4 page (595 pt wide).
		expect(squash(all)).toContain(HOSTILE_STRINGS.longWord.slice(0, 40));
		expect(pdf.maxRight).toBeLessThanOrEqual(595.28 - 20);
		// Emoji are drawn with an embedded emoji font, skin tones and joined sequences included;
		// a character no embedded font has (Chinese) is a visible box, never a crash.
		expect(squash(all)).toContain(squash('Merci 🙏 pour tout 👍 — 👩‍⚕️ & 🇧🇪 ❤️ □□'));
		expect(bytes.toString('latin1')).toMatch(/NotoEmoji/);
		// Arabic is drawn with an embedded Arabic font.
		expect(all).toMatch(/[\u0600-\u06FF]/);
		expect(bytes.toString('latin1')).toMatch(/NotoSansArabic/);
	});
});

describe('next dates in every format', () => {
	it('print the time span, the place, the online link and the description, still on one page', async () => {
		const detailed = typicalRestitutionFixture();
		const [first, second] = detailed.nextDates;
		if (!first || !second) throw new Error('fixture has next dates');
		first.endTime = '12:00';
		first.description = { fr: 'Ordre du jour : le plan d’action', nl: 'Agenda: het actieplan' };
		second.link = 'https://meet.zone-nord-ouest.example/n13';
		const pdf = await readPdf(await renderPdf(detailed));
		expect(pdf.pages).toBe(1);
		expect((await describePdfLayout(detailed)).cut).toEqual([]);
		const markdown = renderMarkdown(detailed);
		for (const [format, text] of [
			['pdf', pdf.text.join(' ')],
			['docx', (await readDocx(await renderDocx(detailed))).text],
			['markdown', markdown]
		] as const) {
			for (const expected of [
				'10:00–12:00',
				'CPAS de Jette, salle du conseil',
				'https://meet.zone-nord-ouest.example/n13',
				'Ordre du jour : le plan d’action',
				'Agenda: het actieplan'
			])
				expect(squash(text), format).toContain(squash(expected));
		}
		// The link is a real link in Markdown (an autolink), the only one besides the contact's.
		const html = micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
		expect(html).toContain('<a href="https://meet.zone-nord-ouest.example/n13">');
		expect(html.match(/<a /g) ?? []).toHaveLength(2);
	});
});

// ---------------------------------------------------------------------------------------------
// DOCX
// ---------------------------------------------------------------------------------------------

describe('DOCX', () => {
	it('holds the same content, with headings and tables', async () => {
		const docx = await readDocx(await renderDocx(typical));
		expect(docx.text).toContain(
			'Synthèse de la concertation thématique · Samenvatting van het thematisch overleg'
		);
		for (const priority of priorityTexts(typical)) expect(docx.text).toContain(priority);
		for (const table of typical.tables) {
			for (const item of [
				...table.barriers,
				...table.levers,
				...table.collaborations,
				...table.actors
			]) {
				expect(docx.text).toContain(item.text);
			}
		}
		for (const char of ACCENTED) expect(docx.text, char).toContain(char);
		expect(docx.xml).toContain('w:val="Heading1"');
		expect(docx.xml).toContain('<w:tbl>');
		expect(docx.xml).toContain('w:val="nl-BE"');
		expect(docx.text).toContain('=2');
		expect(docx.core).toContain('Synthèse de la concertation thématique');
	});

	it('keeps hostile text literal and drops the characters XML forbids', async () => {
		const docx = await readDocx(await renderDocx(hostile));
		expect(docx.text).toContain(HOSTILE_STRINGS.script);
		expect(docx.xml).not.toContain('<script>');
		expect(docx.xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(docx.text).toContain(HOSTILE_STRINGS.bold);
		expect(docx.text).toContain('[x](javascript:alert(1))');
		expect(docx.text).toContain(HOSTILE_STRINGS.longWord);
		expect(docx.text).toContain(HOSTILE_STRINGS.arabic);
		expect(docx.text).toContain('🙏🏽');
		expect(docx.text).toContain('bell null form feed');
		// eslint-disable-next-line no-control-regex
		expect(docx.xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
	});
});

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

describe('Markdown', () => {
	const toHtml = (markdown: string) =>
		micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });

	it('holds the same content as clean CommonMark', () => {
		const markdown = renderMarkdown(typical);
		expect(markdown).toMatch(
			/^# Synthèse de la concertation thématique · Samenvatting van het thematisch overleg\n/
		);
		for (const priority of priorityTexts(typical)) expect(markdown).toContain(priority);
		expect(markdown).toContain('**=2**');
		const html = toHtml(markdown);
		expect(html.match(/<h4>/g)?.length).toBe(typical.tables.length);
		expect(html).toContain('<strong>Listes d’attente de 3 à 6 mois en SSM</strong>');
	});

	it('escapes participant text so that it cannot become markup, HTML or links', () => {
		const markdown = renderMarkdown(hostile);
		expect(markdown).not.toContain('<script>');
		expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
		expect(markdown).toContain('\\*\\*bold\\*\\*');
		expect(markdown).toContain('\\[x\\](javascript\\:alert(1))');
		const html = toHtml(markdown);
		// Everything typed comes out as text: no element the typist meant to create.
		expect(html).not.toMatch(/<(img|script|code|del|blockquote|h5|h6|ol|table)[\s>]/);
		expect(html.match(/<h1>/g)?.length).toBe(1);
		expect(html.match(/<a /g) ?? []).toEqual(['<a ']);
		expect(html).toContain('<a href="mailto:concertation@zone-nord-ouest.example">');
		expect(html).not.toContain('<strong>bold</strong>');
		expect(html).not.toContain('<em>em</em>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).toContain('**bold** __strong__ _em_ `code` ~~strike~~');
		expect(html).toContain('# not a heading');
		expect(html).toContain(HOSTILE_STRINGS.longWord);
		expect(html).toContain(HOSTILE_STRINGS.arabic);
		expect(html).toContain('👩‍⚕️');
		// eslint-disable-next-line no-control-regex
		expect(markdown).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
	});

	it('escapes the concertation number once, like the rest of its line', () => {
		const markdown = renderMarkdown({ ...typical, header: { ...typical.header, number: '12_b*' } });
		// Before: escaped on its own, then again with its label (12\\\_b\\\*).
		expect(markdown).toContain('12\\_b\\*');
		expect(markdown).not.toContain('12\\\\');
		expect(toHtml(markdown)).toContain('12_b*');
	});

	it('escapes block syntax only where it would start a block', () => {
		expect(escapeMarkdownLine('- item')).toBe('\\- item');
		expect(escapeMarkdownLine('1. first')).toBe('1\\. first');
		expect(escapeMarkdownLine('Bru-Stars 1. not a list')).toBe('Bru-Stars 1. not a list');
		expect(escapeMarkdownLine('    indented')).toBe('indented');
		expect(escapeMarkdownLine('see https://example.org')).toBe('see https\\://example.org');
	});
});

// ---------------------------------------------------------------------------------------------
// Other shapes of sessions
// ---------------------------------------------------------------------------------------------

/** An 8 × 4 px JPEG: logos come as JPEG as often as PNG. */
const TINY_JPEG = [
	'/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAA',
	'EAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAA',
	'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKA',
	'AAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0',
	'AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWi',
	'AAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQA',
	'AAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbA',
	'BlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZG',
	'NywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT0',
	'9PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAAEAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/',
	'xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9',
	'oADAMBAAIRAxEAPwCaAPT3/9k='
].join('');

describe('other sessions', () => {
	const minimal: Restitution = {
		header: {
			theme: { fr: 'Vieillir chez soi', nl: '' },
			number: '',
			date: '2025-03-03',
			place: '',
			organiser: { fr: 'Zone de soins Sud', nl: 'Zorgzone Zuid' },
			logo: { mediaType: 'image/jpeg', base64: TINY_JPEG }
		},
		attendance: { participants: 1, sectors: [], people: [] },
		context: { needs: [], news: [] },
		tables: [],
		nextDates: []
	};

	it('renders a minimal session (no vote, tables, news or contact; a JPEG logo) everywhere', async () => {
		expect(restitutionSchema.safeParse(minimal).success).toBe(true);
		const pdf = await readPdf(await renderPdf(minimal));
		expect(pdf.pages).toBe(1);
		expect(pdf.text[0]).toContain('Vieillir chez soi');
		expect(pdf.text[0]).toContain('lundi 3 mars 2025');
		expect(pdf.text[0]).toContain('Merci à toutes et à tous');
		const docx = await readDocx(await renderDocx(minimal));
		expect(docx.text).toContain('Vieillir chez soi');
		expect(renderMarkdown(minimal)).toContain('## Vieillir chez soi\n');
		expect(parseRestitutionJson(renderJson(minimal))).toEqual(minimal);
	});

	it('prints no organiser line rather than a placeholder when no organiser is known', async () => {
		const { organiser: _known, ...header } = minimal.header;
		const anonymous = { ...minimal, header };
		expect(restitutionSchema.safeParse(anonymous).success).toBe(true);
		const pdf = await readPdf(await renderPdf(anonymous));
		const docx = await readDocx(await renderDocx(anonymous));
		const markdown = renderMarkdown(anonymous);
		for (const text of [pdf.text.join('\n'), docx.text, markdown]) {
			expect(text).toContain('Vieillir chez soi');
			expect(text).not.toMatch(/Organisation|Organisatie|Overleg\b/);
		}
		expect(parseRestitutionJson(renderJson(anonymous))).toEqual(anonymous);
	});

	it('lays out five tables in rows, all of them on page 1', async () => {
		const five = typicalRestitutionFixture();
		const [first, second] = five.tables;
		if (!first || !second) throw new Error('fixture has tables');
		five.tables = [...five.tables, { ...first, name: '4' }, { ...second, name: '5' }].map(
			(table) => ({
				...table,
				barriers: table.barriers.slice(0, 3),
				levers: table.levers.slice(0, 3),
				collaborations: table.collaborations.slice(0, 2),
				actors: table.actors.slice(0, 3)
			})
		);
		const pdf = await readPdf(await renderPdf(five));
		for (const name of ['1', '2', '3', '4', '5']) {
			expect(pdf.text[0]).toContain(`Table ${name} · Tafel ${name}`);
		}
		// Every ballot entry stays on page 1 however many tables there are.
		for (const priority of priorityTexts(five))
			expect(squash(pdf.text[0] ?? '')).toContain(squash(priority));
	});
});

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

describe('JSON', () => {
	it('is the model in a versioned envelope, and reads back', () => {
		const json = renderJson(typical);
		const parsed = JSON.parse(json) as Record<string, unknown>;
		expect(parsed.format).toBe(RESTITUTION_FORMAT);
		expect(parsed.formatVersion).toBe(1);
		expect(parsed.restitution).toEqual(typical);
		expect(json).toContain('\n  "restitution": {');
		expect(parseRestitutionJson(json)).toEqual(typical);
		expect(parseRestitutionJson(renderJson(hostile))).toEqual(hostile);
	});
});

describe('the series’ public page on the PDF', () => {
	it('prints its QR code and address beside the next dates, the typical session still on one page', async () => {
		const url = 'https://concertation.zone-nord.example/p/Zx3k9Qa0bC4dE5fG6hI7jK';
		const withPage = { ...typical, header: { ...typical.header, seriesPageUrl: url } };
		const pdf = await readPdf(await renderPdf(withPage));
		expect(pdf.pages).toBe(1);
		const layout = await describePdfLayout(withPage);
		expect(layout.cut).toEqual([]);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
		const text = squash(pdf.text.join(' '));
		expect(text).toContain(squash('Page publique de la série'));
		expect(text).toContain(squash('Openbare pagina van de reeks'));
		expect(text).toContain('concertation.zone-nord.example/p/Zx3k9Qa0bC4dE5fG6hI7jK');
		// Without the page, no address.
		expect(squash((await readPdf(await typicalPdf)).text.join(' '))).not.toContain('/p/');
	});
});
