import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { typicalRestitutionFixture } from '../fixtures/restitution';
import type { FollowupActionSummary } from '../../src/lib/protocol';
import { parseRestitution, type Restitution } from '../../src/lib/protocol/summary';
import { renderDocx } from '../../src/lib/server/restitution/render-docx';
import { renderMarkdown } from '../../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../../src/lib/server/restitution/render-pdf';

/**
 * "Members' opinions on the actions" in the one-page summary: the typical session with the
 * regional restitution's three actions and their opinions still fits one A4 page; a room that
 * said much more is shortened on page 1 and printed in full in the appendix.
 */

async function pdfPages(bytes: Buffer): Promise<string[]> {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let number = 1; number <= doc.numPages; number++) {
		const content = await (await doc.getPage(number)).getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str : ''))
				.join(' ')
				.replace(/\s+/g, ' ')
		);
	}
	await doc.destroy();
	return pages;
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

const ACTIONS: FollowupActionSummary[] = [
	{
		title: {
			fr: 'Ateliers pour une première ligne inclusive',
			nl: 'Workshops voor een inclusieve eerstelijn'
		},
		status: 'in_progress',
		progressNote: 'Deux ateliers ont eu lieu ; le troisième est prévu en mai.',
		opinions: [
			{ text: { text: 'Très utile pour nos équipes.', language: 'fr' }, mark: 'support' },
			{ text: { text: 'Trop peu de places à Evere.', language: 'fr' }, mark: 'concerns' }
		]
	},
	{
		title: { fr: 'Crise sanitaire', nl: 'Gezondheidscrisis' },
		status: 'done',
		progressNote: '',
		opinions: [{ text: { text: 'Het plan is duidelijk, bedankt.', language: 'nl' }, mark: null }]
	},
	{
		title: {
			fr: 'Case management et soutien aux professionnel·les',
			nl: 'Casemanagement en ondersteuning van professionals'
		},
		status: 'paused',
		progressNote: 'En attente du financement régional.',
		opinions: [
			{
				text: { text: 'Nous pouvons aider à trouver un financement.', language: 'fr' },
				mark: 'support'
			}
		]
	}
];

/** The typical session with a follow-up step; `news`: how many of its 8 news items it kept. */
function withFollowup(followup: FollowupActionSummary[], news = 4): Restitution {
	const typical = typicalRestitutionFixture();
	return parseRestitution({
		...typical,
		context: { ...typical.context, news: typical.context.news.slice(0, news) },
		followup
	});
}

describe('members’ opinions on the actions in the summary', () => {
	// The typical fixture fills page 1 at 7.25 pt already (three tables, the vote, eight news).
	// A meeting that also follows its actions up holds them with four news on one page; with all
	// eight, page 1 shortens the tables' lists and the appendix prints them (next test).
	it('keeps a typical session with a follow-up on one page: three actions and their opinions', async () => {
		const model = withFollowup(ACTIONS);
		const pages = await pdfPages(await renderPdf(model));
		expect(pages).toHaveLength(1);
		const text = pages[0]!;
		expect(text).toContain('Avis des membres sur les actions · Mening van de leden over de acties');
		for (const action of ACTIONS)
			for (const opinion of action.opinions) expect(text).toContain(squash(opinion.text.text));
		expect(text).toContain('En pause · Gepauzeerd');
		expect(text).toContain('(Soutien · Steun)');
		const layout = await describePdfLayout(model);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
		expect(layout.cut).not.toContain('followup');
	});

	it('with all of the typical news, shortens page 1 but loses nothing', async () => {
		const model = withFollowup(ACTIONS, 8);
		const pages = await pdfPages(await renderPdf(model));
		expect(pages[0]).toContain('Avis des membres sur les actions');
		const all = pages.join(' ');
		for (const action of ACTIONS)
			for (const opinion of action.opinions) expect(all).toContain(squash(opinion.text.text));
	});

	it('shortens a long list of opinions on page 1 and prints them all in the appendix', async () => {
		const many = ACTIONS.map((action, a) => ({
			...action,
			opinions: Array.from({ length: 12 }, (_, index) => ({
				text: {
					text: `Avis ${a + 1}.${index + 1} : une remarque assez longue pour occuper une ligne entière du document.`,
					language: 'fr' as const
				},
				mark: null
			}))
		}));
		const model = withFollowup(many);
		const layout = await describePdfLayout(model);
		expect(layout.cut).toContain('followup');
		expect(layout.caps.followup).toBeLessThan(12);
		const pages = await pdfPages(await renderPdf(model));
		expect(pages.length).toBeGreaterThan(1);
		const all = pages.join(' ');
		for (const action of many)
			for (const opinion of action.opinions) expect(all).toContain(squash(opinion.text.text));
		expect(pages[0]).not.toContain('Avis 1.12');
	});

	it('prints the same in Word and Markdown, each opinion in its language', async () => {
		const model = withFollowup(ACTIONS);
		const markdown = renderMarkdown(model);
		expect(markdown).toContain(
			'### Avis des membres sur les actions · Mening van de leden over de acties'
		);
		expect(markdown).toContain('**Crise sanitaire / Gezondheidscrisis** — Réalisée · Uitgevoerd');
		expect(markdown).toContain('- Het plan is duidelijk, bedankt.');
		const zip = await JSZip.loadAsync(await renderDocx(model));
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toContain('Nous pouvons aider à trouver un financement.');
		// The Dutch opinion is tagged Dutch for spell-checkers and screen readers.
		expect(xml).toMatch(/w:lang w:val="nl-BE"\/>(?:(?!<\/w:r>).)*Het plan is duidelijk/s);
	});
});
