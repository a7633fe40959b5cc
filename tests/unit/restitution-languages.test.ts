/**
 * The restitution in other content languages than French and Dutch (issue 18): the typical
 * large session of the fixtures, its organiser texts given in English (as long as their
 * Dutch, the longer of the two), printed English-only, Dutch-only and French–English: still
 * one page at a legible size, nothing cut, only its languages' headings; and a French–Dutch
 * model without `languages` prints as it always has.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import enLabels from '../../src/lib/i18n/locales/en/restitution.json';
import frLabels from '../../src/lib/i18n/locales/fr/restitution.json';
import nlLabels from '../../src/lib/i18n/locales/nl/restitution.json';
import type { ContentLanguages } from '../../src/lib/protocol/localized';
import { parseRestitution, type Restitution } from '../../src/lib/protocol/summary';
import { restitutionFileName } from '../../src/lib/server/restitution/exports';
import { renderMarkdown } from '../../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../../src/lib/server/restitution/render-pdf';
import { typicalRestitutionFixture } from '../fixtures/restitution';

const LABELS = { fr: frLabels, nl: nlLabels, en: enLabels };

/** Every organiser text of the model with an English version (its Dutch words). */
function withEnglish(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withEnglish);
	if (value === null || typeof value !== 'object') return value;
	const record = value as Record<string, unknown>;
	const copy = Object.fromEntries(
		Object.entries(record).map(([key, inner]) => [key, withEnglish(inner)])
	);
	if (typeof record.fr === 'string' || typeof record.nl === 'string') {
		const english = (record.nl as string | undefined) || (record.fr as string | undefined);
		if (english) copy.en = english;
	}
	return copy;
}

function inLanguages(languages: ContentLanguages): Restitution {
	const typical = typicalRestitutionFixture();
	const english = languages.includes('en') ? (withEnglish(typical) as Restitution) : typical;
	return parseRestitution({ ...english, languages });
}

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const parts: string[] = [];
	for (let number = 1; number <= doc.numPages; number++) {
		const content = await (await doc.getPage(number)).getTextContent();
		for (const item of content.items) if ('str' in item) parts.push(item.str);
	}
	const pages = doc.numPages;
	await doc.destroy();
	return { pages, text: parts.join(' ').replace(/\s+/g, '') };
}

const SETS: ContentLanguages[] = [['en'], ['nl'], ['fr', 'en']];
const SHOTS = '/tmp/restitution-languages';

describe.each(SETS)('the typical large session in %s', (...languages) => {
	const set = languages as unknown as ContentLanguages;
	const model = inLanguages(set);

	it('is one page, legible, nothing cut, in its languages only', async () => {
		const bytes = await renderPdf(model);
		const pdf = await pdfText(bytes);
		expect(pdf.pages).toBe(1);
		const layout = await describePdfLayout(model);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
		expect(layout.cut).toEqual([]);
		for (const language of ['fr', 'nl', 'en'] as const)
			for (const key of ['title', 'vote', 'tables', 'news'] as const) {
				const heading = LABELS[language][key].replace(/\s+/g, '');
				if (set.includes(language)) expect(pdf.text).toContain(heading);
				else expect(pdf.text).not.toContain(heading);
			}
		mkdirSync(SHOTS, { recursive: true });
		const name = `${SHOTS}/typical-${set.join('-')}`;
		writeFileSync(`${name}.pdf`, bytes);
		execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', `${name}.pdf`, name]);
	});

	it('names its files in its language when it has one', () => {
		const stem =
			set.length === 1
				? { en: 'summary', nl: 'samenvatting', fr: 'synthese' }[set[0]]
				: 'restitution';
		expect(restitutionFileName(model, 'pdf')).toBe(`${stem}-2024-09-23-n12.pdf`);
		const markdown = renderMarkdown(model);
		expect(markdown.split('\n')[0]).toBe(
			`# ${set.map((language) => LABELS[language].title).join(' · ')}`
		);
	});
});

describe('a French–Dutch restitution', () => {
	it('carries no `languages`, and naming French and Dutch prints the same', async () => {
		const typical = typicalRestitutionFixture();
		expect('languages' in typical).toBe(false);
		expect(restitutionFileName(typical, 'md')).toBe('restitution-2024-09-23-n12.md');
		// Named explicitly, French and Dutch print the same text (participant text aside:
		// a model with `languages` tags what was typed in another language).
		const named = parseRestitution({ ...typical, languages: ['fr', 'nl'] });
		const plain = renderMarkdown(typical);
		expect(renderMarkdown(named).replace(/ \\\[EN\\\]/g, '')).toBe(plain);
	});
});
