// The needs monitoring's part of the restitution: the survey's themes, most named first, in a
// column of the figures row (its section is declared in protocol/needs.ts; the preview draws
// it with components/phases/needs/NeedsSummary.svelte). Found by restitution/parts.ts.
import { AlignmentType, HeadingLevel, Paragraph, TableRow } from 'docx';
import { localizedFromColumns, type NeedTheme } from '../../protocol';
import { colon, documentLanguages } from '../../protocol/summary';
import { definePart, docx, markdown, pdf } from '../restitution/part';
import type { NeedsDb } from './schema';

/** A theme as stored: its label and how many times it was named. */
export interface SourceNeed {
	id: number;
	/** In the languages it was written in (`en` only when written). */
	label: { fr: string; nl: string; en?: string };
	count: number;
}

export const part = definePart({
	kind: 'needs',
	itemKeys: /need:\d{1,12}/,

	/** The survey's themes, in the order they were entered (the builder sorts them). */
	async load({ db, concertationId }): Promise<SourceNeed[]> {
		const rows = await (db as NeedsDb)
			.selectFrom('need_theme')
			.select(['id', 'label_fr', 'label_nl', 'label_en', 'count'])
			.where('concertation_id', '=', concertationId)
			.orderBy('id')
			.execute();
		return rows.map((row) => ({
			id: row.id,
			label: localizedFromColumns(row.label_fr, row.label_nl, row.label_en),
			count: row.count
		}));
	},

	build(needs, ctx) {
		const themes: NeedTheme[] = [];
		for (const need of [...needs].sort((a, b) => b.count - a.count)) {
			const label = ctx.bilingual(`need:${need.id}`, 'needs', need.label);
			if (label) themes.push({ label, count: need.count });
		}
		return themes;
	},

	pdf: {
		column: { weight: 0.35, present: (needs) => needs.length > 0 },
		page(ctx, needs, width) {
			if (needs.length === 0) return pdf.EMPTY;
			const max = Math.max(1, ...needs.map((need) => need.count));
			const parts: pdf.Box[] = [pdf.heading(ctx, pdf.labelPair('needs'), width)];
			parts.push(
				pdf.paragraph(
					ctx,
					pdf.bilingual(ctx, pdf.labelPair('needsSource'), ctx.s.mutedItalic, ' · '),
					width
				)
			);
			const shown = needs.slice(0, pdf.cap(ctx, 'needs'));
			parts.push(
				pdf.list(
					shown.map((need) =>
						pdf.countRow(
							ctx,
							pdf.bilingual(ctx, need.label, ctx.s.body),
							pdf.formatCount(need.count),
							width,
							need.count / max
						)
					),
					1
				)
			);
			parts.push(pdf.moreLine(ctx, needs.length - shown.length, width, 'needs'));
			return pdf.stack(parts, 1);
		},
		caps: { needs: 3 },
		shorten: () => [
			{ level: 6, caps: { needs: 4 } },
			{ level: 8, caps: { needs: 3 } }
		]
	},

	docx(needs, model) {
		if (needs.length === 0) return [];
		const langs = documentLanguages(model);
		return [
			docx.heading(docx.pair(langs, 'needs'), HeadingLevel.HEADING_1),
			docx.paragraph(
				docx.runs(docx.pair(langs, 'needsSource'), { italics: true, color: docx.MUTED })
			),
			docx.table(
				needs.map(
					(need) =>
						new TableRow({
							cantSplit: true,
							children: [
								docx.cell([docx.paragraph(docx.labelRuns(langs, need.label))], { width: 90 }),
								docx.cell(
									[
										new Paragraph({
											alignment: AlignmentType.RIGHT,
											children: docx.runs(String(need.count), { bold: true })
										})
									],
									{ width: 10 }
								)
							]
						})
				),
				docx.LIGHT_BORDERS,
				[90, 10]
			)
		];
	},

	markdown(needs, model) {
		if (needs.length === 0) return [];
		const langs = documentLanguages(model);
		return [
			`### ${markdown.both(langs, 'needs')}`,
			`*${markdown.both(langs, 'needsSource')}*`,
			markdown.block(
				...needs.map(
					(need) =>
						`- ${markdown.labelText(langs, need.label)}${colon(langs, '\u00a0')}${need.count}`
				)
			)
		];
	}
});
