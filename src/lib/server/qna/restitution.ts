// The Q&A's part of the restitution: the questions the room saw, as typed, most votes first,
// with their votes and whether they were answered; never who asked them (anonymous or not),
// nor who voted. After the meeting's other results (its section is declared in protocol/qna.ts;
// the preview draws it with components/phases/qna/QnaSummary.svelte). Found by
// restitution/parts.ts.
import { HeadingLevel } from 'docx';
import type { QnaQuestionSummary, TextLanguage } from '../../protocol';
import { documentLanguages } from '../../protocol/summary';
import { definePart, docx, markdown, namespaceLabels, pdf } from '../restitution/part';
import type { QnaDb } from './schema';

/** A question shown to the room, as stored. */
export interface SourceQuestion {
	id: number;
	text: string;
	language: TextLanguage;
	votes: number;
	answered: boolean;
}

/** Page 1 lists this many at most (then "+N", and the appendix lists every one). */
const PAGE_ONE = 8;

// Its strings are its own namespace's, in the document's languages like every heading.
const labels = namespaceLabels('qna');

function drawn(
	ctx: pdf.Ctx,
	questions: QnaQuestionSummary[],
	width: number,
	limit: number
): pdf.Box {
	const shown = questions.slice(0, limit);
	// Wide: two columns, most votes first down the left, so that short questions do not leave
	// half the width empty.
	const columns = width > 400 && shown.length > 1 ? 2 : 1;
	const gutter = pdf.GAP * 1.5;
	const columnWidth = (width - gutter * (columns - 1)) / columns;
	const counts = shown.map((q) => String(q.votes));
	const countWidth =
		Math.max(0, ...counts.map((count) => ctx.m.width(count, 'regular', ctx.b))) + ctx.b * 0.8;
	const rows = shown.map((q, index) => {
		const count = pdf.paragraph(ctx, [pdf.span(counts[index] ?? '', ctx.s.muted)], countWidth);
		const text = pdf.paragraph(
			ctx,
			[
				...pdf.bilingual(ctx, { text: q.text, language: q.language }, ctx.s.body),
				...(q.answered
					? [pdf.span(` (${labels.line(ctx.langs, 'summaryAnswered')})`, ctx.s.mutedItalic)]
					: [])
			],
			columnWidth - countWidth
		);
		return pdf.padded(
			pdf.beside([
				{ box: count, x: 0 },
				{ box: text, x: countWidth }
			]),
			0.5
		);
	});
	return pdf.stack(
		[
			pdf.heading(ctx, labels.all('kind'), width, [
				pdf.span(labels.line(ctx.langs, 'summaryVotes'), ctx.s.muted)
			]),
			pdf.balancedColumns(rows, columns, columnWidth, gutter),
			pdf.moreLine(ctx, questions.length - shown.length, width, 'qna')
		],
		0.6
	);
}

export const part = definePart({
	kind: 'qna',
	itemKeys: /qna:\d{1,12}/,

	/** The questions the room saw (approved), most votes first, then the oldest. */
	async load({ db, concertationId }): Promise<SourceQuestion[]> {
		const rows = await (db as QnaDb)
			.selectFrom('qna_question')
			.select(['id', 'text', 'language', 'answered_at'])
			.select((eb) =>
				eb
					.selectFrom('qna_vote')
					.select(eb.fn.countAll<number>().as('count'))
					.whereRef('qna_vote.question_id', '=', 'qna_question.id')
					.as('votes')
			)
			.where('concertation_id', '=', concertationId)
			.where('status', '=', 'approved')
			.orderBy('votes', 'desc')
			.orderBy('id')
			.execute();
		return rows.map((row) => ({
			id: row.id,
			text: row.text,
			language: row.language,
			votes: Number(row.votes ?? 0),
			answered: row.answered_at !== null
		}));
	},

	// A source read before the Q&A existed (a stored fixture) has no questions: none to print.
	build(questions: SourceQuestion[] | undefined, ctx) {
		const section: QnaQuestionSummary[] = [];
		for (const question of questions ?? []) {
			// Participant text: the coordinators may rephrase or hide it on the review page.
			const text = ctx.single(`qna:${question.id}`, 'qna', question.text);
			if (!text) continue;
			section.push({
				text,
				language: question.language,
				votes: question.votes,
				answered: question.answered
			});
		}
		// Nobody asked a question: the restitution is as it would be without the step.
		return section.length > 0 ? section : undefined;
	},

	pdf: {
		page: (ctx, questions, width) =>
			drawn(ctx, questions, width, Math.min(PAGE_ONE, pdf.cap(ctx, 'qna'))),
		appendix: (ctx, questions, width) => [drawn(ctx, questions, width, Infinity)],
		// Given back after the tables' items, before the news.
		caps: { qna: 5.5 },
		shorten: () => [
			{ level: 4, caps: { qna: 4 } },
			{ level: 8, caps: { qna: 2 } }
		]
	},

	docx(questions, model) {
		const langs = documentLanguages(model);
		return [
			docx.heading(labels.line(langs, 'kind'), HeadingLevel.HEADING_1),
			...questions.map((q) =>
				docx.bullet([
					...docx.runs(`${q.votes} — `, { color: docx.MUTED }),
					...docx.labelRuns(langs, { text: q.text, language: q.language }),
					...(q.answered
						? docx.runs(` (${labels.line(langs, 'summaryAnswered')})`, {
								color: docx.MUTED,
								italics: true
							})
						: [])
				])
			)
		];
	},

	markdown(questions, model) {
		const langs = documentLanguages(model);
		const answered = markdown.escapeMarkdownLine(labels.line(langs, 'summaryAnswered'));
		return [
			`### ${markdown.escapeMarkdownLine(labels.line(langs, 'kind'))}`,
			markdown.block(
				...questions.map(
					(q) =>
						`- ${q.votes} — ${markdown.labelText(langs, { text: q.text, language: q.language })}${q.answered ? ` _(${answered})_` : ''}`
				)
			)
		];
	}
});
