import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { typicalRestitutionFixture } from '../fixtures/restitution';
import type { Restitution } from '../../src/lib/protocol/summary';
import { renderDocx } from '../../src/lib/server/restitution/render-docx';
import { parseRestitutionJson, renderJson } from '../../src/lib/server/restitution/render-json';
import { renderMarkdown } from '../../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../../src/lib/server/restitution/render-pdf';
import { pdfText } from '../helpers/restitution';

/**
 * The news of the typical session grouped under two headings, as the room saw them: the first
 * two under none, three under « Législation et contexte », the others under « Nouvelles des
 * zones ». Printed grouped in every format, and the PDF still one page.
 */
const LAW = { fr: 'Législation et contexte', nl: 'Wetgeving en context' };
const ZONES = { fr: 'Nouvelles des zones', nl: 'Nieuws uit de zones' };

function groupedFixture(): Restitution {
	const model = typicalRestitutionFixture();
	model.context.news = model.context.news.map((item, index) =>
		index < 2 ? item : { ...item, heading: index < 5 ? LAW : ZONES }
	);
	return model;
}

const model = groupedFixture();
const news = model.context.news;
/** An item's title as printed first: its French, else the language it was written in. */
const titleOf = (index: number) => news[index]!.title.fr || news[index]!.title.nl;
const squash = (text: string) => text.replace(/\s+/g, '');
/** Where each text first appears in `text` (spaces ignored), in the order given. */
const positions = (text: string, parts: string[]) =>
	parts.map((part) => squash(text).indexOf(squash(part)));

describe('the restitution prints the news by heading', () => {
	it('has enough news for the test to mean something, and a valid model', () => {
		expect(news.length).toBeGreaterThanOrEqual(6);
		expect(parseRestitutionJson(renderJson(model))).toEqual(model);
	});

	it('Markdown: the items without heading, then each heading over its items', () => {
		const markdown = renderMarkdown(model);
		const lines = markdown.split('\n');
		const law = lines.indexOf('#### Législation et contexte · Wetgeving en context');
		const zones = lines.indexOf('#### Nouvelles des zones · Nieuws uit de zones');
		expect(law).toBeGreaterThan(0);
		expect(zones).toBeGreaterThan(law);
		const lineOf = (index: number) =>
			lines.findIndex((line) => line.startsWith('- ') && line.includes(titleOf(index)));
		expect(lineOf(0)).toBeLessThan(law);
		expect(lineOf(1)).toBeLessThan(law);
		for (const index of [2, 3, 4]) {
			expect(lineOf(index)).toBeGreaterThan(law);
			expect(lineOf(index)).toBeLessThan(zones);
		}
		for (let index = 5; index < news.length; index++) expect(lineOf(index)).toBeGreaterThan(zones);
	});

	it('DOCX: each heading a level-2 heading before its items', async () => {
		const zip = await JSZip.loadAsync(await renderDocx(model));
		const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
		const paragraphs = [...xml.matchAll(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/gs)].map((p) => ({
			heading2: p[0].includes('w:val="Heading2"'),
			text: [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
				.map((t) => t[1])
				.join('')
				.replace(/&amp;/g, '&')
		}));
		const law = paragraphs.findIndex(
			(p) => p.text === 'Législation et contexte · Wetgeving en context'
		);
		const zones = paragraphs.findIndex(
			(p) => p.text === 'Nouvelles des zones · Nieuws uit de zones'
		);
		expect(paragraphs[law]?.heading2).toBe(true);
		expect(paragraphs[zones]?.heading2).toBe(true);
		const at = (index: number) => paragraphs.findIndex((p) => p.text.includes(titleOf(index)));
		expect(at(1)).toBeLessThan(law);
		expect(at(2)).toBeGreaterThan(law);
		expect(at(4)).toBeLessThan(zones);
		expect(at(5)).toBeGreaterThan(zones);
	});

	it('PDF: one page, both headings printed before their items, nothing cut', async () => {
		const pdf = await pdfText(await renderPdf(model));
		expect(pdf.pages).toBe(1);
		const [first, law, lawItem, zones, zonesItem] = positions(pdf.text, [
			titleOf(0),
			'Législation et contexte · Wetgeving en context',
			titleOf(2),
			'Nouvelles des zones · Nieuws uit de zones',
			titleOf(5)
		]);
		for (const found of [first, law, lawItem, zones, zonesItem])
			expect(found).toBeGreaterThanOrEqual(0);
		expect(first).toBeLessThan(law!);
		expect(law).toBeLessThan(lawItem!);
		expect(lawItem).toBeLessThan(zones!);
		expect(zones).toBeLessThan(zonesItem!);
		const layout = await describePdfLayout(model);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
	});

	it('prints a session without headings as before: no heading line anywhere', () => {
		const plain = typicalRestitutionFixture();
		const markdown = renderMarkdown(plain);
		const section = markdown.slice(markdown.indexOf('### Actualités'));
		expect(section.slice(0, section.indexOf('\n### ', 5))).not.toContain('####');
		expect(
			parseRestitutionJson(renderJson(plain)).context.news.some((item) => 'heading' in item)
		).toBe(false);
	});
});
