// The discussion tables' part of the restitution: what each table produced, in the order the
// coordinators chose, after the vote (its section is declared in protocol/tables.ts; the PDF
// is drawn by restitution-pdf.ts, the preview by components/phases/tables/TablesSummary.svelte).
// Found by restitution/parts.ts.
import { HeadingLevel, Paragraph } from 'docx';
import {
	TABLE_CATEGORIES,
	keyFirst,
	localizedFromColumns,
	tableName,
	type ContributionItem,
	type DiscussionTable
} from '../../protocol';
import {
	contentLanguage,
	documentLanguages,
	colon,
	foreignTag,
	quoted,
	type DocumentLanguages,
	type OrderEntry
} from '../../protocol/summary';
import { discussionTableOutcomes, type TableOutcome } from '../ports';
import { definePart, docx, markdown } from '../restitution/part';
import { tablesAppendix, tablesPage, tablesShorten } from './restitution-pdf';

function itemParagraph(langs: DocumentLanguages, item: ContributionItem): Paragraph {
	return docx.bullet([
		...docx.runs(item.text, {
			bold: item.key,
			...(item.language ? { language: item.language } : {})
		}),
		...docx.tagRuns(foreignTag(langs, item.language))
	]);
}

function markdownItem(langs: DocumentLanguages, entry: ContributionItem): string {
	const text = markdown.inline(entry.text, '  ');
	const tag = markdown.tagText(foreignTag(langs, entry.language));
	return entry.key ? `- **${text}**${tag}` : `- ${text}${tag}`;
}

export const part = definePart({
	kind: 'tables',
	itemKeys: /table:\d{1,12}:(?:priority|justification|rapporteur|note:\d{1,12})/,
	namedKeys: ['table:%:rapporteur'],

	/** The tables in their own order, each with its four lists (key items first). */
	async load({ once }): Promise<Omit<TableOutcome, 'candidateId'>[]> {
		return once(discussionTableOutcomes);
	},

	build(outcomes, ctx) {
		const byId = new Map(outcomes.map((table) => [table.id, table]));
		const tables: DiscussionTable[] = [];
		const order: OrderEntry[] = [];
		for (const id of ctx.ordered(outcomes.map((table) => table.id))) {
			const table = byId.get(id);
			if (!table) continue;
			order.push({
				id,
				name: table.name,
				priority: localizedFromColumns(table.priority.fr, table.priority.nl, table.priority.en)
			});
			const priority = ctx.bilingual(`table:${id}:priority`, 'tablePriority', table.priority, {
				tableId: id
			});
			const built: DiscussionTable = {
				name: table.name,
				priority: priority ?? ctx.everywhere('—'),
				barriers: [],
				levers: [],
				collaborations: [],
				actors: []
			};
			for (const category of TABLE_CATEGORIES) {
				const items = [...table[category]].sort((a, b) => Number(b.key) - Number(a.key));
				for (const item of items) {
					const text = ctx.single(`table:${id}:note:${item.id}`, 'tableItem', item.text, {
						tableId: id,
						category,
						keyItem: item.key
					});
					if (!text) continue;
					const contribution: ContributionItem = { text, key: item.key };
					const language = contentLanguage(item.language);
					if (language) contribution.language = language;
					built[category].push(contribution);
				}
			}
			// A rapporteur is named only with their consent, and only when names are printed at
			// all; an unknown participant is not named.
			if (
				ctx.namesListed &&
				table.rapporteur &&
				table.rapporteurParticipantId !== null &&
				ctx.consented(table.rapporteurParticipantId)
			) {
				const rapporteur = ctx.single(`table:${id}:rapporteur`, 'rapporteur', table.rapporteur, {
					tableId: id
				});
				if (rapporteur) built.rapporteur = rapporteur;
			}
			if (table.justification.trim()) {
				const text = ctx.single(`table:${id}:justification`, 'justification', table.justification, {
					tableId: id
				});
				if (text) built.justification = { text };
			}
			tables.push(built);
		}
		ctx.setOrder(order);
		return tables;
	},

	pdf: {
		page: (ctx, tables, width) => tablesPage(ctx, tables, width),
		appendix: (ctx, tables, width) => tablesAppendix(ctx, tables, width),
		caps: { items: 5, tables: 8 },
		shorten: (tables) => tablesShorten(tables ?? [])
	},

	docx(tables, model) {
		if (tables.length === 0) return [];
		const langs = documentLanguages(model);
		const blocks: docx.Block[] = [
			docx.heading(docx.pair(langs, 'tables'), HeadingLevel.HEADING_1),
			docx.paragraph(docx.runs(docx.pair(langs, 'keyLegend'), { italics: true, color: docx.MUTED }))
		];
		tables.forEach((discussion, index) => {
			const name = tableName(discussion, index);
			blocks.push(
				new Paragraph({
					heading: HeadingLevel.HEADING_2,
					keepNext: true,
					children: [
						...docx.runs(`${docx.pair(langs, 'table', { name })} — `),
						...docx.labelRuns(langs, discussion.priority)
					]
				})
			);
			// One heading and one bulleted list per category: easy to edit, and it reads well
			// whatever the width (four table columns would be too narrow for long items).
			for (const category of TABLE_CATEGORIES) {
				const items = keyFirst(discussion[category]);
				blocks.push(docx.heading(docx.pair(langs, category), HeadingLevel.HEADING_3));
				blocks.push(
					...(items.length > 0
						? items.map((item) => itemParagraph(langs, item))
						: [docx.paragraph(docx.runs('—', { color: docx.MUTED }))])
				);
			}
			const justification = discussion.justification?.text.trim();
			const rapporteur = discussion.rapporteur?.trim();
			if (justification) {
				const language = discussion.justification?.language;
				blocks.push(
					docx.paragraph([
						...docx.runs(`${docx.pair(langs, 'justification')}${colon(langs)}`, { bold: true }),
						...docx.runs(quoted(langs, justification), {
							italics: true,
							...(language ? { language } : {})
						})
					])
				);
			}
			if (rapporteur) {
				blocks.push(
					docx.paragraph(
						[
							...docx.runs(`— ${rapporteur} `),
							...docx.runs(`(${docx.pair(langs, 'rapporteur').toLowerCase()})`, {
								color: docx.MUTED
							})
						],
						{ spacingAfter: 160 }
					)
				);
			}
		});
		return blocks;
	},

	markdown(tables, model) {
		if (tables.length === 0) return [];
		const langs = documentLanguages(model);
		const blocks = [
			`### ${markdown.both(langs, 'tables')}`,
			`*${markdown.both(langs, 'keyLegend')}*`
		];
		tables.forEach((table, index) => {
			const name = markdown.inline(tableName(table, index));
			blocks.push(
				`#### ${markdown.both(langs, 'table', { name })} — ${markdown.labelText(langs, table.priority)}`
			);
			for (const category of TABLE_CATEGORIES) {
				const items = keyFirst(table[category]);
				blocks.push(`**${markdown.both(langs, category)}**`);
				blocks.push(
					markdown.block(
						...(items.length > 0 ? items.map((item) => markdownItem(langs, item)) : ['- —'])
					)
				);
			}
			const justification = table.justification?.text.trim();
			const rapporteur = table.rapporteur?.trim();
			if (justification)
				blocks.push(
					`*${markdown.both(langs, 'justification')}${colon(langs, '\u00a0').trimEnd()}* ${quoted(langs, markdown.inline(justification), '\u00a0')}`
				);
			if (rapporteur)
				blocks.push(
					`— ${markdown.inline(rapporteur)} (${markdown.both(langs, 'rapporteur').toLowerCase()})`
				);
		});
		return blocks;
	}
});
