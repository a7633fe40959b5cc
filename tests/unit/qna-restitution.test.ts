import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { QnaQuestionSummary } from '../../src/lib/protocol';
import { parseRestitution, type Restitution } from '../../src/lib/protocol/summary';
import { renderDocx } from '../../src/lib/server/restitution/render-docx';
import { parseRestitutionJson, renderJson } from '../../src/lib/server/restitution/render-json';
import { renderMarkdown } from '../../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../../src/lib/server/restitution/render-pdf';
import { typicalRestitutionFixture } from '../fixtures/restitution';

/**
 * The Q&A's part of the restitution, on the typical session of the fixtures: the questions
 * asked to the experts, most votes first, with their votes and whether they were answered; a
 * typical Q&A whole on page 1, a long one shortened there, and every list whole in the appendix.
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

const squash = (text: string) => text.replace(/\s+/g, '');

/** What experts are asked in a typical Q&A: a few questions, some long, in both languages. */
const TYPICAL_QUESTIONS: QnaQuestionSummary[] = [
	{
		text: 'Comment les équipes mobiles seront-elles financées après 2025, et par quel niveau de pouvoir ?',
		language: 'fr',
		votes: 14,
		answered: true
	},
	{
		text: 'Hoe betrekken we gebruikers en hun naasten bij de evaluatie van de hervorming?',
		language: 'nl',
		votes: 9,
		answered: true
	},
	{
		text: 'Quels freins voyez-vous à la collaboration entre CPAS et SSM ?',
		language: 'fr',
		votes: 6,
		answered: false
	},
	{
		text: 'What worked best in the other care zones?',
		language: 'en',
		votes: 2,
		answered: false
	}
];

const withQna = (questions: QnaQuestionSummary[]): Restitution =>
	parseRestitution({ ...typicalRestitutionFixture(), qna: questions });

describe('the Q&A in the restitution', () => {
	it('prints every question of a typical Q&A on page 1, whose other lists shorten to fit', async () => {
		const model = withQna(TYPICAL_QUESTIONS);
		const [first = '', ...appendix] = await pdfPages(await renderPdf(model));
		const page = squash(first);
		expect(page).toContain(squash('Questions aux experts · Vragen aan de experts'));
		for (const question of TYPICAL_QUESTIONS) expect(page).toContain(squash(question.text));
		expect(page).toContain(squash('(répondue · beantwoord)'));
		// The typical session already fills its page: another list gives way ("+N", here the
		// news) and is printed whole in the appendix; the Q&A and the vote stay whole.
		const layout = await describePdfLayout(model);
		expect(layout.bodySize).toBeGreaterThanOrEqual(7);
		expect(layout.cut).not.toContain('qna');
		expect(layout.cut).not.toContain('vote');
		expect(layout.cut.length).toBeGreaterThan(0);
		expect(appendix.length).toBeGreaterThan(0);
	});

	it('shows the first questions on page 1 with “+N”, and every one in the appendix', async () => {
		const many = Array.from({ length: 30 }, (_, index): QnaQuestionSummary => ({
			text: `Question numéro ${index + 1} sur la réforme et son financement ?`,
			language: 'fr',
			votes: 30 - index,
			answered: index % 3 === 0
		}));
		const model = withQna(many);
		const [first = '', ...appendix] = await pdfPages(await renderPdf(model));
		expect(appendix.length).toBeGreaterThan(0);
		expect(first).toMatch(/\+\d+ autres/);
		expect(squash(first)).toContain(squash('Question numéro 1 sur'));
		expect(squash(first)).not.toContain(squash('Question numéro 30 sur'));
		expect(squash(appendix.join(' '))).toContain(squash('Question numéro 30 sur'));
		expect((await describePdfLayout(model)).cut).toContain('qna');
	});

	it('prints the same questions in Word, Markdown and JSON', async () => {
		const model = withQna(TYPICAL_QUESTIONS);
		const markdown = renderMarkdown(model);
		expect(markdown).toContain('### Questions aux experts · Vragen aan de experts');
		expect(markdown).toContain(
			'- 14 — Comment les équipes mobiles seront-elles financées après 2025, et par quel niveau de pouvoir ? _(répondue · beantwoord)_'
		);
		expect(markdown).toContain('- 2 — What worked best in the other care zones?\n');
		const docx = await renderDocx(model);
		expect(docx.length).toBeGreaterThan(1000);
		expect(parseRestitutionJson(renderJson(model)).qna).toEqual(TYPICAL_QUESTIONS);
	});

	it('is absent from a session without questions, whose outputs stay as they were', () => {
		const typical = typicalRestitutionFixture();
		expect(Object.keys(typical)).not.toContain('qna');
		expect(renderMarkdown(typical)).not.toContain('Vragen aan de experts');
		// An empty list is no part: the model refuses it rather than print an empty heading.
		expect(() => parseRestitution({ ...typical, qna: [] })).toThrow();
	});
});
