/**
 * Discussion tables in the realtime protocol: commands, results, the `tables` section and the
 * participant's own table in their self view. See docs/protocol.md, "Discussion tables".
 *
 * Visibility: the `tables` section gives everyone each table's name, priority, seats and
 * counts; only facilitators and the projector get the items (the projector shows them in the
 * restitution). A participant gets the items of their own table in `self.tables`, sent again to
 * the table's members whenever it changes; nobody else's phone receives them.
 */
import { z } from 'zod';
import type { LocalizedText } from './localized';
import { definePhase } from './phase';
import {
	contentLanguageSchema,
	defineSummaryPart,
	labelSchema,
	typedTextSchema
} from './summary-blocks';

export const TABLE_ITEM_CATEGORIES = ['barrier', 'lever', 'collaboration', 'actor'] as const;
export type TableItemCategory = (typeof TABLE_ITEM_CATEGORIES)[number];

/**
 * Defined here once: the server's rules enforce them (tables/rules.ts) and forms say them
 * first. Lengths in characters as people count them.
 */
export const TABLE_LIMITS = {
	name: 40,
	priority: 300,
	item: 500,
	justification: 2000,
	/** One person alone is not a discussion. */
	minCapacity: 2,
	/** A sanity bound on what a facilitator can type, not a pedagogical limit. */
	maxCapacity: 100
} as const;

/**
 * `upcoming`: the facilitator prepares, phones wait. `open`: everyone works. `closed`:
 * nothing changes any more (explicit `tables.close`, the session closed, or the programme
 * moved past the tables phase).
 */
export type TablesStatus = 'upcoming' | 'open' | 'closed';

/**
 * The status, derived the same way on the server (authorisation) and on clients (display):
 * it depends on the current phase, which lives in the `session` section.
 */
export function tablesStatus(input: {
	sessionStatus: 'draft' | 'live' | 'closed';
	currentPhaseId: number | null;
	phases: readonly { id: number; kind: string; position: number }[];
	closedByFacilitator: boolean;
}): TablesStatus {
	if (input.closedByFacilitator || input.sessionStatus === 'closed') return 'closed';
	const current = input.phases.find((phase) => phase.id === input.currentPhaseId);
	if (input.sessionStatus === 'live' && current?.kind === 'tables') return 'open';
	const tablesPhases = input.phases.filter((phase) => phase.kind === 'tables');
	if (
		current &&
		tablesPhases.length > 0 &&
		tablesPhases.every((p) => p.position < current.position)
	)
		return 'closed';
	return 'upcoming';
}

const id = z.number().int().positive();
const capacity = z
	.number()
	.int()
	.min(TABLE_LIMITS.minCapacity)
	.max(TABLE_LIMITS.maxCapacity)
	.nullable();
/** In the content languages; `en` for English (kept when absent in an update). */
const priorityLabel = z
	.object({
		fr: z.string().max(TABLE_LIMITS.priority * 2),
		nl: z.string().max(TABLE_LIMITS.priority * 2),
		en: z
			.string()
			.max(TABLE_LIMITS.priority * 2)
			.optional()
	})
	.strict();
// Typed text: the length is checked after cleaning, in characters, by the rules (a clear
// translated error); the schema only stops absurd payloads.
const itemText = z.string().max(TABLE_LIMITS.item * 4);
const revision = z.number().int().min(1);
const category = z.enum(TABLE_ITEM_CATEGORIES);

export const tablesCommandSchemas = {
	'tables.plan': z
		.object({
			maxPerTable: z
				.number()
				.int()
				.min(TABLE_LIMITS.minCapacity)
				.max(TABLE_LIMITS.maxCapacity)
				.optional()
		})
		.strict(),
	'tables.create': z
		.object({
			name: z.string().max(TABLE_LIMITS.name * 2),
			priority: priorityLabel,
			candidateId: id.nullable().optional(),
			capacity
		})
		.strict(),
	'tables.update': z
		.object({
			tableId: id,
			name: z
				.string()
				.max(TABLE_LIMITS.name * 2)
				.optional(),
			priority: priorityLabel.optional(),
			capacity: capacity.optional()
		})
		.strict(),
	'tables.delete': z.object({ tableId: id }).strict(),
	'tables.join': z.object({ tableId: id }).strict(),
	'tables.seat': z.object({ participantId: id, tableId: id.nullable() }).strict(),
	'tables.autoAssign': z
		.object({
			seed: z
				.number()
				.int()
				.min(0)
				.max(2 ** 32 - 1)
				.optional()
		})
		.strict(),
	'tables.rapporteur.take': z
		.object({ tableId: id, participantId: id.optional(), showName: z.boolean().optional() })
		.strict(),
	'tables.rapporteur.showName': z.object({ tableId: id, showName: z.boolean() }).strict(),
	'tables.rapporteur.release': z.object({ tableId: id }).strict(),
	'tables.item.add': z.object({ tableId: id, category, text: itemText }).strict(),
	'tables.item.edit': z.object({ itemId: id, text: itemText, baseRevision: revision }).strict(),
	'tables.item.delete': z.object({ itemId: id, baseRevision: revision }).strict(),
	'tables.item.key': z.object({ itemId: id, key: z.boolean() }).strict(),
	'tables.justification.set': z
		.object({
			tableId: id,
			text: z.string().max(TABLE_LIMITS.justification * 4),
			baseRevision: revision
		})
		.strict(),
	'tables.close': z.object({}).strict(),
	'tables.reopen': z.object({}).strict(),
	'tables.spotlight': z
		.object({ tableId: id.nullable(), page: z.number().int().min(0).max(999).optional() })
		.strict()
} as const;

export interface TableItemView {
	id: number;
	tableId: number;
	category: TableItemCategory;
	text: string;
	/** Marked as key by the rapporteur (printed first in the restitution). */
	key: boolean;
	/** Send it back as `baseRevision` when editing or deleting (see "Concurrent edits"). */
	revision: number;
	/** Who typed it first ('' when the facilitator did). */
	authorName: string;
	/** The language the author's phone was in. */
	language: string;
	createdAt: string;
	updatedAt: string;
}

export interface TableMemberView {
	id: number;
	displayName: string;
	organisation: string;
	sector: string | null;
}

export interface TableCounts {
	barrier: number;
	lever: number;
	collaboration: number;
	actor: number;
}

/** What everyone sees of a table. */
export interface TableSummaryView {
	id: number;
	/** "1", "2a"… */
	name: string;
	position: number;
	/** The vote candidate it came from; null for a priority typed by hand. */
	candidateId: number | null;
	priority: LocalizedText;
	/** null: no limit. */
	capacity: number | null;
	memberCount: number;
	/**
	 * `showName`: the rapporteur's consent to be named on the projector and in the report
	 * (true), refused (false) or not asked yet (null: named by the facilitator). Unless true,
	 * the projector and other tables' phones get `displayName: ''` and show "Rapporteur (table
	 * N)"; the facilitator and the table's members still see the name.
	 */
	rapporteur: { id: number; displayName: string; showName: boolean | null } | null;
	counts: TableCounts;
	total: number;
	keyCount: number;
	/** Latest change to the table's items or justification (ISO), null when untouched. */
	lastActivityAt: string | null;
}

/** A table with what it wrote: its items and justification. */
export interface TableContentView extends TableSummaryView {
	items: TableItemView[];
	justification: string;
	justificationRevision: number;
}

/** A participant's own table (their self view): its content and who sits there, by name. */
export interface TableDetailView extends TableContentView {
	members: TableMemberView[];
}

/**
 * A table in the `tables` section (facilitators and the projector): who sits there by
 * participant id, in the order of their names. Facilitators find each person in the roster,
 * which they keep up to date by its changes, so a room of 2,000 seated at tables does not
 * send every name and organisation again with each table's new item.
 */
export interface TableWithMemberIdsView extends TableContentView {
	memberIds: number[];
}

export interface TablesSection {
	/** Set by `tables.close`; the effective status also depends on the phase (`tablesStatus`). */
	closedByFacilitator: boolean;
	tables: TableSummaryView[];
	/** Facilitators and the projector: the same tables with their content. */
	details?: TableWithMemberIdsView[];
	/** Facilitators: the participants without a table (ids, in the order of their names; see the roster). */
	unassignedIds?: number[];
	/** Facilitators: the vote's selected priorities, to plan tables from. */
	priorities?: {
		candidateId: number;
		label: { fr: string; nl: string };
		rank: number;
		points: number;
	}[];
	/** Facilitators: the last auto-assignment (the seed makes it reproducible). */
	lastAssignment?: { seed: number; assigned: number; unassigned: number; at: string } | null;
	/**
	 * Restitution on the projector: one table (its id), or null for the default (all side by
	 * side when they fit whole, else the first table; see `restitutionOnScreen`).
	 */
	spotlightTableId: number | null;
	/** The page of the spotlighted table (0-based; see `restitutionPages`, clamped to the last). */
	spotlightPage: number;
}

export interface TablesSections {
	tables: TablesSection;
}

/** A participant's own table, with its content. */
export interface TablesSelfPart {
	/**
	 * The concertation version when this part was built: self messages are not versioned, so a
	 * client keeps the part with the highest stamp if two arrive out of order.
	 */
	stamp: number;
	table: TableDetailView | null;
}

export interface TablesSelf {
	tables?: TablesSelfPart;
}

export interface TablesCommandResults {
	'tables.plan': { created: number };
	'tables.create': { tableId: number };
	'tables.update': { tableId: number };
	'tables.delete': { tableId: number };
	'tables.join': { tableId: number };
	'tables.seat': { participantId: number; tableId: number | null };
	'tables.autoAssign': { seed: number; assigned: number; unassigned: number[] };
	'tables.rapporteur.take': { tableId: number; rapporteurId: number };
	'tables.rapporteur.showName': { tableId: number; showName: boolean };
	'tables.rapporteur.release': { tableId: number };
	'tables.item.add': { item: TableItemView };
	'tables.item.edit': { item: TableItemView };
	'tables.item.delete': { itemId: number };
	'tables.item.key': { item: TableItemView };
	'tables.justification.set': { tableId: number; text: string; revision: number };
	'tables.close': Record<string, never>;
	'tables.reopen': Record<string, never>;
	'tables.spotlight': { tableId: number | null; page: number };
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** One post-it of a discussion table. */
export const contributionItemSchema = z
	.object({
		text: z.string().min(1),
		/** Marked as key by the rapporteur: printed first and highlighted. */
		key: z.boolean(),
		language: contentLanguageSchema.optional()
	})
	.strict();
export type ContributionItem = z.infer<typeof contributionItemSchema>;

/** The four things every table captures, in the order they are printed. */
export const TABLE_CATEGORIES = ['barriers', 'levers', 'collaborations', 'actors'] as const;
export type TableCategory = (typeof TABLE_CATEGORIES)[number];

export const discussionTableSchema = z
	.object({
		/** The table's name as shown in the room ("1", "2a"); '' to number them 1, 2, 3… */
		name: z.string(),
		/** The priority the table worked on. */
		priority: labelSchema,
		/** Freins / drempels. */
		barriers: z.array(contributionItemSchema),
		/** Leviers / hefbomen. */
		levers: z.array(contributionItemSchema),
		/** Pistes de collaboration / samenwerkingsmogelijkheden. */
		collaborations: z.array(contributionItemSchema),
		/** Acteurs / actoren to involve. */
		actors: z.array(contributionItemSchema),
		/** The rapporteur's name, when they agreed to be named. */
		rapporteur: z.string().optional(),
		/** The rapporteur's justification of the key items. */
		justification: typedTextSchema.optional()
	})
	.strict();
export type DiscussionTable = z.infer<typeof discussionTableSchema>;

/** The discussion tables in the order to print: `tables`, after the vote. */
export const tablesSummary = defineSummaryPart({
	in: 'document',
	slot: 'results',
	schema: z.array(discussionTableSchema)
});

/** Key items first, each group in the order given (a stable sort). */
export function keyFirst(items: readonly ContributionItem[]): ContributionItem[] {
	return [...items.filter((item) => item.key), ...items.filter((item) => !item.key)];
}

/** The table's display name: its own, or its position from 1. */
export function tableName(table: DiscussionTable, index: number): string {
	return table.name.trim() || String(index + 1);
}

export const tables = definePhase<TablesCommandResults, TablesSections, TablesSelf>()({
	kind: 'tables',
	commands: tablesCommandSchemas,
	summary: tablesSummary
});

// ---------------------------------------------------------------------------------------------
// The projector in the restitution
// ---------------------------------------------------------------------------------------------

/** A category's items (key items first, then in the order they were added). */
export function restitutionOrder(items: readonly TableItemView[], category: TableItemCategory) {
	const inCategory = items.filter((item) => item.category === category);
	return [...inCategory.filter((i) => i.key), ...inCategory.filter((i) => !i.key)];
}

export type RestitutionBlock =
	| { kind: 'justification'; text: string; continued: boolean }
	| { kind: 'category'; category: TableItemCategory; items: TableItemView[]; continued: boolean };

/** One projector page of a table: its columns, each a list of blocks, top to bottom. */
export type RestitutionPage = RestitutionBlock[][];

/**
 * The projector's geometry for one table (see RestitutionTablesScreen): two columns of about
 * 46 characters by 18 lines of the projector's content type (32 px at 1920×1080, the same
 * share of any 16:9 screen), under the table's name and priority; a category's heading is
 * smaller type (1.2 lines with its spacing), items are 0.2 line apart. Conservative on purpose: a
 * page must never be clipped (the projector also shrinks its type if a page still overflows,
 * e.g. a very long priority, or the join block shown in full on request).
 */
export const RESTITUTION_PAGE = {
	columns: 2,
	linesPerColumn: 18,
	charsPerLine: 46,
	heading: 1.2,
	itemGap: 0.2
} as const;

/** Lines a text takes in a column `charsPerLine` wide (each typed line break starts a line). */
export function textLines(text: string, charsPerLine: number): number {
	return text
		.split('\n')
		.reduce((sum, line) => sum + Math.max(1, Math.ceil([...line].length / charsPerLine)), 0);
}

/** Splits a long text at word boundaries into pieces of at most `maxLines` lines. */
function splitText(text: string, maxLines: number, charsPerLine: number): string[] {
	const pieces: string[] = [];
	let current = '';
	for (const word of text.split(/(?<=\s)/)) {
		const candidate = current + word;
		if (current && textLines(candidate.trimEnd(), charsPerLine) > maxLines) {
			pieces.push(current.trimEnd());
			current = word.trimStart();
		} else current = candidate;
	}
	if (current.trim()) pieces.push(current.trimEnd());
	return pieces;
}

/**
 * The pages of one table on the projector, computed the same way by the projector (what it
 * shows) and the console (how many pages it can step through). The justification comes first
 * (the rapporteur opens with it), then barriers, levers, collaborations and actors, key items
 * first; a category that does not fit continues in the next column or page ("continued").
 * A heading and the space between items take what the geometry says (2 and 0.4 lines by default).
 */
export function restitutionPages(
	table: Pick<TableDetailView, 'items' | 'justification'>,
	geometry: {
		columns: number;
		linesPerColumn: number;
		charsPerLine: number;
		/** Lines a category's heading takes, with its spacing (default 2). */
		heading?: number;
		/** The space between two items, in lines (default 0.4). */
		itemGap?: number;
	} = RESTITUTION_PAGE
): RestitutionPage[] {
	const { columns, linesPerColumn: max, charsPerLine: cpl } = geometry;
	const HEADING = geometry.heading ?? 2;
	const ITEM_GAP = geometry.itemGap ?? 0.4;
	const columnsFlat: RestitutionBlock[][] = [[]];
	let used = 0;
	const newColumn = () => {
		columnsFlat.push([]);
		used = 0;
	};
	const column = () => columnsFlat[columnsFlat.length - 1]!;

	if (table.justification.trim()) {
		const pieces = splitText(table.justification.trim(), max - HEADING, cpl);
		pieces.forEach((text, index) => {
			const lines = HEADING + textLines(text, cpl);
			if (used > 0 && used + lines > max) newColumn();
			column().push({ kind: 'justification', text, continued: index > 0 });
			used += lines;
		});
	}
	for (const category of TABLE_ITEM_CATEGORIES) {
		const items = restitutionOrder(table.items, category);
		if (items.length === 0) continue;
		let block: Extract<RestitutionBlock, { kind: 'category' }> | null = null;
		for (const item of items) {
			const lines = Math.min(textLines(item.text, cpl), max - HEADING) + ITEM_GAP;
			if (block && used + lines <= max) {
				block.items.push(item);
				used += lines;
				continue;
			}
			if (used > 0 && used + HEADING + lines > max) newColumn();
			block = { kind: 'category', category, items: [item], continued: block !== null };
			column().push(block);
			used += HEADING + lines;
		}
	}
	const pages: RestitutionPage[] = [];
	for (let i = 0; i < columnsFlat.length; i += columns)
		pages.push(columnsFlat.slice(i, i + columns));
	return pages;
}
