// The priority vote's part of the restitution: its final results, totals only, first of the
// meeting's results (its section is declared in protocol/vote.ts; the preview draws it with
// components/phases/vote/VoteSummary.svelte). Found by restitution/parts.ts.
import { AlignmentType, HeadingLevel, Paragraph, TableRow } from 'docx';
import { formatNumber } from '../../i18n/format';
import { byRank, rankLabel, type RankedPriority, type VoteResult } from '../../protocol';
import {
	contentLanguage,
	documentLanguages,
	label,
	printIn,
	type Label
} from '../../protocol/summary';
import type { TextLanguage } from '../../protocol/localized';
import { discussionTableOutcomes, selectedPriorities } from '../ports';
import { definePart, docx, markdown, pdf } from '../restitution/part';
import { tallyFromCounts } from './rules';
import type { VoteDb } from './schema';
import {
	asRuleCandidate,
	countParticipants,
	listCandidates,
	loadVote,
	votersIn,
	weightCounts
} from './store';

export interface SourceVoteEntry {
	candidateId: number;
	/** Organiser text (a ballot question) or participant text (a topic from the room). */
	label: { fr: string; nl: string } | { text: string; language?: string };
	points: number;
	rank: number;
	tied: boolean;
	selected: boolean;
}

/** The closed vote's totals, as read; null when there is none. */
export type SourceVote = {
	voters: number;
	present: number;
	/** Best first. */
	entries: SourceVoteEntry[];
} | null;

/** Turnout as a percentage in the given language ("90 %" / "90%"), '' when nobody was present. */
function turnoutPercent(vote: VoteResult, language: TextLanguage): string {
	if (vote.present <= 0) return '';
	return formatNumber(vote.voters / vote.present, language, {
		style: 'percent',
		maximumFractionDigits: 0
	});
}

function turnout(vote: VoteResult, language: TextLanguage, count: (n: number) => string | number) {
	return label(language, 'turnout', {
		voters: count(vote.voters),
		present: count(vote.present),
		percent: turnoutPercent(vote, language)
	});
}

export const part = definePart({
	kind: 'vote',
	itemKeys: /vote:\d{1,12}/,

	/**
	 * The vote's final results: only once the vote is closed (an open vote has no result yet).
	 * Totals only — the ballots stay anonymous. An entry is "selected" when the facilitator
	 * selected it or it went on to a discussion table.
	 */
	async load({ db, concertationId, once, languages }): Promise<SourceVote> {
		const voteDb = db as VoteDb;
		const [vote, candidates, counts, present, selected, tables] = await Promise.all([
			loadVote(voteDb, concertationId),
			listCandidates(voteDb, concertationId),
			weightCounts(voteDb, concertationId),
			countParticipants(voteDb, concertationId),
			selectedPriorities(db, concertationId),
			once(discussionTableOutcomes)
		]);
		if (vote.status !== 'closed') return null;
		const tally = tallyFromCounts(counts, candidates.map(asRuleCandidate));
		if (tally.length === 0) return null;
		const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
		const chosen = new Set<number>([
			...selected.map((priority) => priority.candidateId),
			...tables.flatMap((table) => (table.candidateId === null ? [] : [table.candidateId]))
		]);
		return {
			voters: votersIn(counts),
			present,
			entries: tally.flatMap((row) => {
				const candidate = byId.get(row.candidateId);
				if (!candidate) return [];
				return [
					{
						candidateId: row.candidateId,
						// Untranslated options print once, in their own language (never a copy).
						// Its English too when English is a content language.
						label:
							candidate.label_fr.trim() || candidate.label_nl.trim()
								? languages.includes('en') && candidate.label_en.trim()
									? { fr: candidate.label_fr, nl: candidate.label_nl, en: candidate.label_en }
									: { fr: candidate.label_fr, nl: candidate.label_nl }
								: { text: candidate.label_en, language: 'en' },
						points: row.points,
						rank: row.rank,
						tied: row.tied,
						selected: chosen.has(row.candidateId)
					}
				];
			})
		};
	},

	build(vote, ctx) {
		if (!vote || vote.entries.length === 0) return undefined;
		const priorities: RankedPriority[] = [];
		for (const entry of vote.entries) {
			const key = `vote:${entry.candidateId}`;
			let text: Label | null;
			if ('text' in entry.label) {
				const typed = ctx.single(key, 'vote', entry.label.text);
				const language = contentLanguage(entry.label.language);
				text = typed === null ? null : language ? { text: typed, language } : { text: typed };
			} else text = ctx.bilingual(key, 'vote', entry.label);
			if (!text) continue;
			const priority: RankedPriority = {
				label: text,
				points: entry.points,
				rank: entry.rank,
				tied: entry.tied
			};
			if (entry.selected) priority.selected = true;
			priorities.push(priority);
		}
		return { voters: vote.voters, present: vote.present, priorities };
	},

	pdf: {
		page(ctx, vote, width) {
			if (vote.priorities.length === 0) return pdf.EMPTY;
			const note =
				vote.present > 0
					? [
							pdf.span(
								ctx.langs.list
									.map((language) => turnout(vote, language, pdf.formatCount))
									.join(' · '),
								ctx.s.mutedItalic
							)
						]
					: undefined;
			const parts: pdf.Box[] = [pdf.heading(ctx, pdf.labelPair('vote'), width, note)];
			const ranked = byRank(vote.priorities);
			const shown = ranked.slice(0, pdf.cap(ctx, 'vote'));
			const max = Math.max(1, ...ranked.map((priority) => priority.points));
			const rankWidth = ctx.m.width('=10', 'bold', ctx.b) + 4;
			const pointsWidth = ctx.m.width('888', 'semibold', ctx.b) + 2;
			const barWidth = ctx.b * 4;
			const labelWidth = width - rankWidth - barWidth - pointsWidth - 8;
			// Wide enough: each language in its own column; participant text spans both.
			const split = labelWidth >= 300;
			const half = (labelWidth - pdf.GAP) / 2;
			const rows: pdf.Box[] = shown.map((priority) => {
				const rankBox = pdf.withRole(
					pdf.paragraph(ctx, [pdf.span(rankLabel(priority), ctx.s.bold)], rankWidth),
					{ role: 'Lbl' }
				);
				const text = printIn(priority.label, ctx.langs);
				const labelBox =
					split && text.kind === 'pair'
						? pdf.beside([
								{ box: pdf.paragraph(ctx, [pdf.span(text.first.text, ctx.s.body)], half), x: 0 },
								{
									box: pdf.paragraph(ctx, [pdf.span(text.second.text, ctx.s.body)], half),
									x: half + pdf.GAP
								}
							])
						: pdf.paragraph(ctx, pdf.bilingual(ctx, priority.label, ctx.s.body), labelWidth);
				const pointsBox = pdf.paragraph(
					ctx,
					[pdf.span(pdf.formatCount(priority.points), ctx.s.semibold)],
					pointsWidth,
					{ align: 'right' }
				);
				const row = pdf.beside([
					{ box: rankBox, x: 0 },
					{ box: labelBox, x: rankWidth },
					{ box: pointsBox, x: width - pointsWidth }
				]);
				const barH = ctx.b * 0.55;
				const barX = width - pointsWidth - barWidth - 3;
				const barY = ctx.b * 0.3 + 0.6;
				const ops: pdf.Node[] = [
					{ kind: 'rect', x: barX, y: barY, w: barWidth, h: barH, color: pdf.COLORS.track },
					{
						kind: 'rect',
						x: barX,
						y: barY,
						w: Math.max(0.5, (barWidth * priority.points) / max),
						h: barH,
						color: pdf.COLORS.accentSoft
					},
					pdf.at(row, 0, 0.3)
				];
				if (priority.selected)
					ops.unshift({
						kind: 'rect',
						x: -2,
						y: 0,
						w: width + 4,
						h: row.h + 0.6,
						color: pdf.COLORS.band
					});
				return { h: row.h + 0.6, ops, tag: pdf.LIST_ITEM };
			});
			parts.push(pdf.list(rows, 0.4));
			parts.push(pdf.moreLine(ctx, ranked.length - shown.length, width, 'vote'));
			return pdf.stack(parts, 1);
		},
		// The vote is the meeting's main result: shortened last, given back first.
		caps: { vote: 1 },
		shorten: () => [
			{ level: 9, caps: { vote: 8 } },
			{ level: 9, caps: { vote: 5 } },
			{ level: 9, caps: { vote: 3 } }
		]
	},

	docx(vote, model) {
		if (vote.priorities.length === 0) return [];
		const langs = documentLanguages(model);
		// A priority column per language (41 % each in two, 82 % in one).
		const labelWidth = 82 / langs.list.length;
		const blocks: docx.Block[] = [docx.heading(docx.pair(langs, 'vote'), HeadingLevel.HEADING_1)];
		if (vote.present > 0) {
			blocks.push(
				docx.paragraph(
					docx.runs(langs.list.map((language) => turnout(vote, language, String)).join(' · '), {
						italics: true,
						color: docx.MUTED
					})
				)
			);
		}
		const headerRow = new TableRow({
			cantSplit: true,
			tableHeader: true,
			children: [
				docx.cell([docx.paragraph(docx.runs(docx.pair(langs, 'rank'), { bold: true }))], {
					width: 8,
					shade: true
				}),
				...langs.list.map((language) =>
					docx.cell(
						[docx.paragraph(docx.runs(label(language, 'priority'), { bold: true, language }))],
						{ width: labelWidth, shade: true }
					)
				),
				docx.cell([docx.paragraph(docx.runs(docx.pair(langs, 'points'), { bold: true }))], {
					width: 10,
					shade: true
				})
			]
		});
		const rows = byRank(vote.priorities).map((priority) => {
			const p = printIn(priority.label, langs);
			const shade = Boolean(priority.selected);
			const labelCells =
				p.kind === 'single'
					? [
							docx.cell(
								[
									docx.paragraph([
										...docx.runs(p.text, p.language ? { language: p.language } : {}),
										...docx.tagRuns(p.tag)
									])
								],
								{
									width: 82,
									...(langs.list.length > 1 ? { span: langs.list.length } : {}),
									shade
								}
							)
						]
					: [p.first, p.second].map((side) =>
							docx.cell([docx.paragraph(docx.runs(side.text, { language: side.language }))], {
								width: labelWidth,
								shade
							})
						);
			return new TableRow({
				cantSplit: true,
				children: [
					docx.cell([docx.paragraph(docx.runs(rankLabel(priority), { bold: true }))], {
						width: 8,
						shade
					}),
					...labelCells,
					docx.cell(
						[
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: docx.runs(String(priority.points), { bold: true })
							})
						],
						{ width: 10, shade }
					)
				]
			});
		});
		blocks.push(
			docx.table([headerRow, ...rows], docx.LIGHT_BORDERS, [
				8,
				...langs.list.map(() => labelWidth),
				10
			])
		);
		if (vote.priorities.some((priority) => priority.selected)) {
			blocks.push(
				docx.paragraph(
					docx.runs(docx.pair(langs, 'selectedLegend'), { italics: true, color: docx.MUTED })
				)
			);
		}
		return blocks;
	},

	markdown(vote, model) {
		if (vote.priorities.length === 0) return [];
		const langs = documentLanguages(model);
		const blocks = [`### ${markdown.both(langs, 'vote')}`];
		if (vote.present > 0) {
			const line = (language: TextLanguage) =>
				markdown.escapeMarkdownLine(turnout(vote, language, String));
			blocks.push(`*${langs.list.map(line).join(' · ')}*`);
		}
		blocks.push(
			markdown.block(
				...byRank(vote.priorities).map((priority) => {
					const points = `${priority.points} ${langs.list.map((language) => markdown.escapeMarkdownLine(label(language, 'points').toLowerCase())).join(' · ')}`;
					const selected = priority.selected
						? ` — *${markdown.both(langs, 'selected').toLowerCase()}*`
						: '';
					return `- **${rankLabel(priority)}** · ${markdown.labelText(langs, priority.label)} — ${points}${selected}`;
				})
			)
		);
		return blocks;
	}
});
