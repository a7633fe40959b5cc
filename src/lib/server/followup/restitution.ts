// The follow-up's part of the restitution, "Members' opinions on the actions": each action of
// the series with its status and progress note, and the opinions the room gave on it that the
// facilitation team approved, after the conclusion (its section is declared in
// protocol/followup.ts; the preview draws it with components/phases/followup/FollowupSummary).
// Found by restitution/parts.ts.
import { HeadingLevel } from 'docx';
import { isLocale } from '../../i18n';
import { localizedFromColumns, type FollowupActionSummary, type OpinionMark } from '../../protocol';
import type { ActionStatus } from '../../protocol/actions';
import { documentLanguages, foreignTag, type DocumentLanguages } from '../../protocol/summary';
import { definePart, docx, markdown, namespaceLabels, pdf } from '../restitution/part';
import type { FollowupDb } from './schema';

const followup = namespaceLabels('followup');
const actionLabels = namespaceLabels('actions');

/** "FR · NL" of the follow-up's (or the actions') labels, in the document's languages. */
const statusText = (langs: DocumentLanguages, status: ActionStatus) =>
	actionLabels.line(langs, `status.${status}`);
const markText = (langs: DocumentLanguages, mark: OpinionMark) =>
	followup.line(langs, `marks.${mark}`);

/** An action and its approved opinions, as stored. */
export interface SourceAction {
	id: number;
	title: { fr: string; nl: string };
	status: ActionStatus;
	progressNote: string;
	opinions: { id: number; text: string; language: string; mark: OpinionMark | null }[];
}

export const part = definePart({
	kind: 'followup',
	itemKeys: /followup:\d{1,12}(:note|:opinion:\d{1,12})?/,

	/** Nothing when the meeting had no follow-up step; else the series' actions and opinions. */
	async load({ db, concertationId }): Promise<SourceAction[] | null> {
		const store = db as FollowupDb;
		const concertation = await store
			.selectFrom('concertation')
			.select('series_id')
			.where('id', '=', concertationId)
			.executeTakeFirst();
		const step = await store
			.selectFrom('phase')
			.select('id')
			.where('concertation_id', '=', concertationId)
			.where('kind', '=', 'followup')
			.executeTakeFirst();
		if (!step || !concertation || concertation.series_id === null) return null;
		const [actions, opinions] = await Promise.all([
			store
				.selectFrom('series_action')
				.select(['id', 'title_fr', 'title_nl', 'status', 'progress_note'])
				.where('series_id', '=', concertation.series_id)
				.orderBy('id')
				.execute(),
			store
				.selectFrom('followup_opinion')
				.selectAll()
				.where('concertation_id', '=', concertationId)
				.where('status', '=', 'approved')
				.orderBy('id')
				.execute()
		]);
		return actions.map((action) => ({
			id: action.id,
			title: { fr: action.title_fr, nl: action.title_nl },
			status: action.status,
			progressNote: action.progress_note,
			opinions: opinions
				.filter((opinion) => opinion.action_id === action.id)
				.map((opinion) => {
					const text = localizedFromColumns(opinion.text_fr, opinion.text_nl, opinion.text_en);
					// Printed in the language it was typed in (a translation is not the member's words).
					const language = isLocale(opinion.language) ? opinion.language : 'fr';
					return {
						id: opinion.id,
						text: text[language] || text.fr || text.nl || text.en || '',
						language,
						mark: opinion.mark
					};
				})
		}));
	},

	build(actions: SourceAction[] | null | undefined, ctx): FollowupActionSummary[] | undefined {
		// No follow-up step (or a source made before the kind existed): no section.
		if (!actions) return undefined;
		const section: FollowupActionSummary[] = [];
		for (const action of actions) {
			const title = ctx.bilingual(`followup:${action.id}`, 'followup', action.title);
			if (!title) continue;
			const note = action.progressNote
				? ctx.single(`followup:${action.id}:note`, 'followup', action.progressNote)
				: null;
			const opinions: FollowupActionSummary['opinions'] = [];
			for (const opinion of action.opinions) {
				const text = ctx.single(
					`followup:${action.id}:opinion:${opinion.id}`,
					'followup',
					opinion.text
				);
				if (!text) continue;
				opinions.push({
					text: { text, language: opinion.language as 'fr' | 'nl' | 'en' },
					mark: opinion.mark
				});
			}
			section.push({
				title: title as FollowupActionSummary['title'],
				status: action.status,
				progressNote: note ?? '',
				opinions
			});
		}
		return section;
	},

	pdf: {
		page(ctx, actions, width) {
			if (actions.length === 0) return pdf.EMPTY;
			const perAction = pdf.cap(ctx, 'followup');
			// Wide: two columns, as the news, so that short opinions do not leave half the width
			// empty. Page 1 prints what the issue asks of it: each action's status and the
			// members' opinions; the progress note is the coordinators' (Word, Markdown, preview).
			const columns = width > 400 && actions.length > 1 ? 2 : 1;
			const gutter = pdf.GAP * 1.5;
			const columnWidth = (width - gutter * (columns - 1)) / columns;
			let hidden = 0;
			const blocks = actions.map((action) => {
				const shown = action.opinions.slice(0, perAction);
				hidden += action.opinions.length - shown.length;
				const title = pdf.paragraph(
					ctx,
					[
						...pdf.bilingual(ctx, action.title, ctx.s.semibold),
						pdf.span(` — ${statusText(ctx.langs, action.status)}`, ctx.s.muted)
					],
					columnWidth
				);
				const opinions = shown.map((opinion) =>
					pdf.paragraph(
						ctx,
						[
							pdf.span('– ', ctx.s.muted),
							pdf.span(opinion.text.text.replace(/\s*\n\s*/g, ' '), ctx.s.body),
							...pdf.languageTag(foreignTag(ctx.langs, opinion.text.language), ctx.s.body),
							...(opinion.mark
								? [pdf.span(` (${markText(ctx.langs, opinion.mark)})`, ctx.s.muted)]
								: [])
						],
						columnWidth
					)
				);
				return pdf.padded(pdf.stack([title, ...opinions]), 0.5);
			});
			return pdf.stack(
				[
					pdf.heading(ctx, followup.all('summaryTitle'), width),
					pdf.balancedColumns(blocks, columns, columnWidth, gutter),
					pdf.moreLine(ctx, hidden, width, 'followup')
				],
				0.6
			);
		},
		// Members' words: given back before the news, after the vote and the tables.
		caps: { followup: 5 },
		shorten: () => [
			{ level: 5, caps: { followup: 3 } },
			{ level: 7, caps: { followup: 1 } }
		]
	},

	docx(actions, model) {
		if (actions.length === 0) return [];
		const langs = documentLanguages(model);
		return [
			docx.heading(followup.line(langs, 'summaryTitle'), HeadingLevel.HEADING_1),
			...actions.flatMap((action) => [
				docx.paragraph(
					[
						...docx.labelRuns(langs, action.title, { bold: true }),
						...docx.runs(` — ${statusText(langs, action.status)}`, { color: docx.MUTED })
					],
					{ spacingAfter: 20 }
				),
				...(action.progressNote
					? [docx.paragraph(docx.runs(action.progressNote, { italics: true, color: docx.MUTED }))]
					: []),
				...action.opinions.map((opinion) =>
					docx.bullet([
						...docx.runs(opinion.text.text, { language: opinion.text.language }),
						...docx.tagRuns(foreignTag(langs, opinion.text.language)),
						...(opinion.mark
							? docx.runs(` (${markText(langs, opinion.mark)})`, { color: docx.MUTED })
							: [])
					])
				)
			])
		];
	},

	markdown(actions, model) {
		if (actions.length === 0) return [];
		const langs = documentLanguages(model);
		return [
			`### ${markdown.escapeMarkdownLine(followup.line(langs, 'summaryTitle'))}`,
			...actions.map((action) =>
				markdown.block(
					`**${markdown.labelText(langs, action.title)}** — ${markdown.escapeMarkdownLine(statusText(langs, action.status))}`,
					...(action.progressNote ? ['', `_${markdown.inline(action.progressNote)}_`] : []),
					...(action.opinions.length > 0 ? [''] : []),
					...action.opinions.map(
						(opinion) =>
							`- ${markdown.inline(opinion.text.text)}${markdown.tagText(foreignTag(langs, opinion.text.language))}${opinion.mark ? ` (${markdown.escapeMarkdownLine(markText(langs, opinion.mark))})` : ''}`
					)
				)
			)
		];
	}
});
