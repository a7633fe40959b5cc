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
import type { PhaseKind } from './core';

export const TABLE_ITEM_CATEGORIES = ['barrier', 'lever', 'collaboration', 'actor'] as const;
export type TableItemCategory = (typeof TABLE_ITEM_CATEGORIES)[number];

/** Mirrors the server rules (tables/rules.ts), so that forms say the limits first. */
export const TABLE_LIMITS = {
	name: 40,
	priority: 300,
	item: 500,
	justification: 2000,
	minCapacity: 2,
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
	phases: readonly { id: number; kind: PhaseKind; position: number }[];
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
const priorityLabel = z
	.object({
		fr: z.string().max(TABLE_LIMITS.priority * 2),
		nl: z.string().max(TABLE_LIMITS.priority * 2)
	})
	.strict();
// Typed text: the length is checked after cleaning, in characters, by the rules (a clear
// translated error); the schema only stops absurd payloads.
const itemText = z.string().max(TABLE_LIMITS.item * 4);
const revision = z.number().int().min(1);
const category = z.enum(TABLE_ITEM_CATEGORIES);

export const tablesCommandSchemas = {
	'tables.plan': z.object({ maxPerTable: z.number().int().min(2).max(100).optional() }).strict(),
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
	'tables.rapporteur.take': z.object({ tableId: id, participantId: id.optional() }).strict(),
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
	'tables.spotlight': z.object({ tableId: id.nullable() }).strict()
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
	priority: { fr: string; nl: string };
	/** null: no limit. */
	capacity: number | null;
	memberCount: number;
	rapporteur: { id: number; displayName: string } | null;
	counts: TableCounts;
	total: number;
	keyCount: number;
	/** Latest change to the table's items or justification (ISO), null when untouched. */
	lastActivityAt: string | null;
}

/** A table with its content: facilitators and the projector, and members in their self view. */
export interface TableDetailView extends TableSummaryView {
	members: TableMemberView[];
	items: TableItemView[];
	justification: string;
	justificationRevision: number;
}

export interface TablesSection {
	/** Set by `tables.close`; the effective status also depends on the phase (`tablesStatus`). */
	closedByFacilitator: boolean;
	tables: TableSummaryView[];
	/** Facilitators and the projector: the same tables with their content. */
	details?: TableDetailView[];
	/** Facilitators: participants without a table. */
	unassigned?: TableMemberView[];
	/** Facilitators: the vote's selected priorities, to plan tables from. */
	priorities?: {
		candidateId: number;
		label: { fr: string; nl: string };
		rank: number;
		points: number;
	}[];
	/** Facilitators: the last auto-assignment (the seed makes it reproducible). */
	lastAssignment?: { seed: number; assigned: number; unassigned: number; at: string } | null;
	/** Restitution on the projector: one table (its id), or null for all side by side. */
	spotlightTableId: number | null;
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
	'tables.rapporteur.release': { tableId: number };
	'tables.item.add': { item: TableItemView };
	'tables.item.edit': { item: TableItemView };
	'tables.item.delete': { itemId: number };
	'tables.item.key': { item: TableItemView };
	'tables.justification.set': { tableId: number; text: string; revision: number };
	'tables.close': Record<string, never>;
	'tables.reopen': Record<string, never>;
	'tables.spotlight': { tableId: number | null };
}
