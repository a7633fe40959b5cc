/**
 * Discussion tables: the pure rules, no I/O.
 *
 * After the vote, people split into tables, one per selected priority (several when the room
 * is large), and capture barriers, levers, collaboration paths and actors. One volunteer per
 * table, the rapporteur, writes the justification and marks the key items.
 *
 * Everything here takes plain values and either returns a result or throws a `DomainError`
 * whose message key lives in the `tables` namespace (`tables:errors.<code>`).
 */
import { TABLE_ITEM_CATEGORIES, TABLE_LIMITS } from '../../protocol';
import { DomainError } from '../errors';

/** Throws the refusal `code`, translated from `tables:errors.<code>`. */
function refuse(code: string, params: Record<string, string | number> = {}): never {
	throw new DomainError(code, params, `tables:errors.${code}`);
}

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

/** Beyond this, a table stops being a conversation and becomes an audience. */
export const DEFAULT_MAX_PER_TABLE = 12;
// Seats, items and justifications are limited once, in the protocol (forms show the limits).
export const MIN_TABLE_SIZE = TABLE_LIMITS.minCapacity;
export const MAX_TABLE_SIZE = TABLE_LIMITS.maxCapacity;

/**
 * A table's capacity as set by the facilitator: `null` means no limit, otherwise a whole
 * number of seats between MIN_TABLE_SIZE and MAX_TABLE_SIZE.
 */
export function validateCapacity(capacity: number | null): number | null {
	if (capacity === null) return null;
	if (!Number.isInteger(capacity) || capacity < MIN_TABLE_SIZE || capacity > MAX_TABLE_SIZE) {
		refuse('tables_invalid_capacity', { min: MIN_TABLE_SIZE, max: MAX_TABLE_SIZE });
	}
	return capacity;
}

// ---------------------------------------------------------------------------------------------
// 1. Default plan: which tables to open
// ---------------------------------------------------------------------------------------------

export interface PriorityRef {
	candidateId: number;
	label: string;
}

export interface PlannedTable {
	candidateId: number;
	label: string;
	/** 0-based rank among the tables of the same priority ("1a" is 0, "1b" is 1). */
	indexInPriority: number;
	/** How many tables share this priority: the caller adds a letter only when it is > 1. */
	tablesForPriority: number;
	/** Suggested capacity; the facilitator may change it. */
	capacity: number;
}

/**
 * One table per priority; a priority gets several tables when its expected share of the
 * room (participants / priorities) exceeds `maxPerTable`. Every priority gets the same number
 * of tables: before people choose, nothing tells us one priority will draw more than another.
 *
 * The suggested capacity is `maxPerTable` rather than the even share, so people keep some
 * freedom to join the priority they care about; since
 * priorities × tablesPerPriority × maxPerTable ≥ participants, everyone still has a seat.
 */
export function planTables(
	priorities: readonly PriorityRef[],
	participantCount: number,
	options: { maxPerTable?: number } = {}
): PlannedTable[] {
	const maxPerTable = options.maxPerTable ?? DEFAULT_MAX_PER_TABLE;
	validateCapacity(maxPerTable);

	// The same candidate listed twice would open twice as many tables for it.
	const seen = new Set<number>();
	const unique = priorities.filter((p) => !seen.has(p.candidateId) && seen.add(p.candidateId));
	if (unique.length === 0) return [];

	const people = Math.max(0, Math.floor(participantCount));
	const perPriority = Math.ceil(people / unique.length);
	const tablesForPriority = Math.max(1, Math.ceil(perPriority / maxPerTable));

	return unique.flatMap((priority) =>
		Array.from({ length: tablesForPriority }, (_, indexInPriority) => ({
			candidateId: priority.candidateId,
			label: priority.label,
			indexInPriority,
			tablesForPriority,
			capacity: maxPerTable
		}))
	);
}

// ---------------------------------------------------------------------------------------------
// 2. Automatic assignment
// ---------------------------------------------------------------------------------------------

/** Small, fast, seedable PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

/** The best items by `compare` (negative = better); ties are broken by the seeded PRNG. */
function pickBest<T>(
	items: readonly T[],
	compare: (a: T, b: T) => number,
	random: () => number
): T {
	let best: T[] = [];
	for (const item of items) {
		const first = best[0];
		const order = first === undefined ? -1 : compare(item, first);
		if (order < 0) best = [item];
		else if (order === 0) best.push(item);
	}
	const chosen = best[Math.floor(random() * best.length)];
	if (chosen === undefined) throw new Error('pickBest: no candidates');
	return chosen;
}

export interface AssignableParticipant {
	id: number;
	sector: string | null;
	tableId: number | null;
}

export interface AssignableTable {
	id: number;
	/** null: no limit. */
	capacity: number | null;
}

export interface AutoAssignResult {
	/** New seats only, sorted by participant id; already-seated people never appear. */
	assignments: { participantId: number; tableId: number }[];
	/** Participants still without a table because every table is full, sorted by id. */
	unassigned: number[];
}

interface TableFill {
	id: number;
	capacity: number | null;
	/** Seats taken now, then as planned by the balancing step. */
	size: number;
	/** Seats this run may still fill at this table. */
	quota: number;
	/** People per sector (null: no sector given), already seated ones included. */
	sectors: Map<string | null, number>;
}

function hasRoom(table: TableFill): boolean {
	return table.capacity === null || table.size < table.capacity;
}

function distinctSectors(table: TableFill): number {
	let count = 0;
	for (const [sector, n] of table.sectors) if (sector !== null && n > 0) count++;
	return count;
}

/**
 * Seats the participants who have no table yet; seated ones stay where they are.
 *
 * 1. Who stays out: when there are more people than free seats, those left out come from the
 *    largest sector groups, so that small sectors are not the ones missing from the tables.
 * 2. Balance: seats are planned first, by filling the least-full table with room one seat at a
 *    time. Final sizes then differ by at most one, except for tables that are full or that
 *    were already larger through earlier seating (we never move anyone).
 * 3. Mixing: people are dealt like cards, largest sector first, each onto the table (among
 *    those with planned seats left) where their sector has the smallest share; ties go to the
 *    table with the fewest sectors, then the one with the most seats left, then the PRNG.
 *
 * Deterministic for a given seed; another seed may give another, equally valid, result.
 */
export function autoAssign(
	participants: readonly AssignableParticipant[],
	tables: readonly AssignableTable[],
	seed: number
): AutoAssignResult {
	const random = mulberry32(seed);
	// Canonical order first: the result depends on the seed, not on how the caller listed rows.
	const byId = <T extends { id: number }>(rows: readonly T[]) =>
		[...rows].sort((a, b) => a.id - b.id);
	const fills = new Map<number, TableFill>(
		byId(tables).map((t) => [
			t.id,
			{ id: t.id, capacity: t.capacity, size: 0, quota: 0, sectors: new Map() }
		])
	);
	const addToSector = (fill: TableFill, sector: string | null) =>
		fill.sectors.set(sector, (fill.sectors.get(sector) ?? 0) + 1);

	const waiting: AssignableParticipant[] = [];
	for (const participant of byId(participants)) {
		if (participant.tableId === null) {
			waiting.push(participant);
			continue;
		}
		// Seated at a table outside this run (e.g. another round): neither moved nor counted.
		const fill = fills.get(participant.tableId);
		if (fill === undefined) continue;
		fill.size++;
		addToSector(fill, participant.sector);
	}

	// Groups by sector, each in a seeded random order (who is dealt first, who stays out).
	const bySector = new Map<string | null, AssignableParticipant[]>();
	for (const participant of waiting) {
		const group = bySector.get(participant.sector);
		if (group) group.push(participant);
		else bySector.set(participant.sector, [participant]);
	}
	const sectorOrder = [...bySector.keys()].sort((a, b) =>
		a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1
	);
	// Shuffle the group order too, so that ties between equal groups depend on the seed only.
	const groups = shuffle(
		sectorOrder.map((sector) => bySector.get(sector) ?? []),
		random
	).map((group) => shuffle(group, random));

	const freeSeats = [...fills.values()].reduce(
		(sum, t) => sum + (t.capacity === null ? Infinity : Math.max(0, t.capacity - t.size)),
		0
	);
	const seats = Math.min(waiting.length, freeSeats);

	// 1. Who stays out.
	const leftOut: number[] = [];
	for (let excess = waiting.length - seats; excess > 0; excess--) {
		const largest = pickBest(groups, (a, b) => b.length - a.length, random);
		const person = largest.pop();
		if (person) leftOut.push(person.id);
	}

	// 2. Balance: plan the final size of every table.
	const open = [...fills.values()];
	for (let seat = 0; seat < seats; seat++) {
		const table = pickBest(open.filter(hasRoom), (a, b) => a.size - b.size, random);
		table.size++;
		table.quota++;
	}

	// 3. Mixing: deal the largest sectors first, while every table still has seats to offer.
	const dealingOrder = [...groups].sort((a, b) => b.length - a.length).flat();
	const assignments: { participantId: number; tableId: number }[] = [];
	for (const person of dealingOrder) {
		const withSeats = open.filter((t) => t.quota > 0);
		const share = (t: TableFill) => t.sectors.get(person.sector) ?? 0;
		const table = pickBest(
			withSeats,
			(a, b) =>
				// Compare share(a)/size(a) with share(b)/size(b) without floating point.
				share(a) * b.size - share(b) * a.size ||
				distinctSectors(a) - distinctSectors(b) ||
				b.quota - a.quota,
			random
		);
		table.quota--;
		addToSector(table, person.sector);
		assignments.push({ participantId: person.id, tableId: table.id });
	}

	assignments.sort((a, b) => a.participantId - b.participantId);
	leftOut.sort((a, b) => a - b);
	return { assignments, unassigned: leftOut };
}

// ---------------------------------------------------------------------------------------------
// 3. Permissions
// ---------------------------------------------------------------------------------------------

/**
 * The tables phase as these rules see it. `upcoming`: the facilitator prepares (tables,
 * capacities, seating, rapporteurs), participants wait. `open`: everyone works. `closed`:
 * nothing changes any more, for anyone.
 */
export type TablesPhaseStatus = 'upcoming' | 'open' | 'closed';

export type TablesActor =
	{ kind: 'facilitator' } | { kind: 'participant'; participantId: number; tableId: number | null };

/** A participant and the table they currently sit at. */
export interface SeatedParticipant {
	participantId: number;
	tableId: number | null;
}

export interface TableState {
	id: number;
	capacity: number | null;
	memberCount: number;
	rapporteurId: number | null;
}

/** Participants act only while the phase is open; the facilitator also before it opens. */
function assertPhaseAllows(actor: TablesActor, phase: TablesPhaseStatus): void {
	if (phase === 'closed') refuse('phase_closed');
	if (actor.kind === 'participant' && phase !== 'open') refuse('phase_closed');
}

/** Creating, renaming, deleting tables, setting capacities, running the auto-assignment. */
export function assertCanManageTables(actor: TablesActor, phase: TablesPhaseStatus): void {
	if (actor.kind !== 'facilitator') refuse('forbidden');
	assertPhaseAllows(actor, phase);
}

/** Adding, editing or deleting the items (barriers, levers…) of a table. */
export function assertCanEditTableItem(
	actor: TablesActor,
	table: Pick<TableState, 'id'>,
	phase: TablesPhaseStatus
): void {
	assertPhaseAllows(actor, phase);
	if (actor.kind === 'participant' && actor.tableId !== table.id) refuse('tables_not_member');
}

/** Writing the table's justification and marking its key items: the rapporteur's job. */
export function assertCanEditSynthesis(
	actor: TablesActor,
	table: Pick<TableState, 'id' | 'rapporteurId'>,
	phase: TablesPhaseStatus
): void {
	assertPhaseAllows(actor, phase);
	if (actor.kind === 'facilitator') return;
	if (actor.tableId !== table.id) refuse('tables_not_member');
	if (table.rapporteurId !== actor.participantId) refuse('tables_not_rapporteur');
}

/**
 * Seating `who` at `table`: a participant chooses for themselves, within capacity; the
 * facilitator may seat anyone anywhere, beyond capacity too (a deliberate override, e.g. for
 * an accessible table). The caller clears the rapporteur role of the table being left.
 */
export function assertCanSeat(
	actor: TablesActor,
	who: SeatedParticipant,
	table: Pick<TableState, 'id' | 'capacity' | 'memberCount'>,
	phase: TablesPhaseStatus
): void {
	assertPhaseAllows(actor, phase);
	if (actor.kind === 'facilitator') return;
	if (actor.participantId !== who.participantId) refuse('forbidden');
	if (who.tableId === table.id) return; // already there: nothing to check
	if (table.capacity !== null && table.memberCount >= table.capacity) {
		refuse('tables_full', { capacity: table.capacity });
	}
}

/**
 * `candidate` becomes the rapporteur of `table`. A participant can only volunteer themselves,
 * and only while nobody else holds the role; the facilitator can name any member, replacing
 * the current rapporteur. Either way the rapporteur sits at the table.
 */
export function assertCanTakeRapporteur(
	actor: TablesActor,
	table: Pick<TableState, 'id' | 'rapporteurId'>,
	candidate: SeatedParticipant,
	phase: TablesPhaseStatus
): void {
	assertPhaseAllows(actor, phase);
	if (actor.kind === 'participant' && actor.participantId !== candidate.participantId) {
		refuse('forbidden');
	}
	if (candidate.tableId !== table.id) refuse('tables_not_member');
	if (actor.kind === 'facilitator') return;
	if (table.rapporteurId !== null && table.rapporteurId !== candidate.participantId) {
		refuse('tables_rapporteur_taken');
	}
}

/** The rapporteur steps down, or the facilitator removes them. */
export function assertCanReleaseRapporteur(
	actor: TablesActor,
	table: Pick<TableState, 'rapporteurId'>,
	phase: TablesPhaseStatus
): void {
	assertPhaseAllows(actor, phase);
	if (actor.kind === 'participant' && table.rapporteurId !== actor.participantId) {
		refuse('tables_not_rapporteur');
	}
}

/**
 * The rapporteur agrees (or no longer agrees) to be named on the projector and in the report.
 * Only the rapporteur answers for themselves, and at any time, even once the tables are
 * closed: it is consent, not content, and the restitution is when it matters.
 */
export function assertCanSetNameConsent(
	actor: TablesActor,
	table: Pick<TableState, 'rapporteurId'>
): void {
	if (actor.kind !== 'participant' || table.rapporteurId !== actor.participantId) {
		refuse('tables_not_rapporteur');
	}
}

/** A check turned into a yes/no, for the UI (greying out a button); other errors propagate. */
export function isAllowed(check: () => void): boolean {
	try {
		check();
		return true;
	} catch (error) {
		if (error instanceof DomainError) return false;
		throw error;
	}
}

export function canEditTableItem(
	actor: TablesActor,
	table: Pick<TableState, 'id'>,
	phase: TablesPhaseStatus
): boolean {
	return isAllowed(() => assertCanEditTableItem(actor, table, phase));
}

export function canEditSynthesis(
	actor: TablesActor,
	table: Pick<TableState, 'id' | 'rapporteurId'>,
	phase: TablesPhaseStatus
): boolean {
	return isAllowed(() => assertCanEditSynthesis(actor, table, phase));
}

// ---------------------------------------------------------------------------------------------
// 4. Item and justification text
// ---------------------------------------------------------------------------------------------

export const ITEM_CATEGORIES = TABLE_ITEM_CATEGORIES;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** In code points (`[...text].length`), close enough to what people perceive as characters. */
export const MAX_ITEM_LENGTH = TABLE_LIMITS.item;
export const MAX_JUSTIFICATION_LENGTH = TABLE_LIMITS.justification;

export function isItemCategory(value: unknown): value is ItemCategory {
	return (ITEM_CATEGORIES as readonly unknown[]).includes(value);
}

/** Items are paragraphs; cleaned like every typed text (see ../text). */
export { cleanBlock as cleanText, textLength } from '../text';
import { cleanBlock as cleanText, textLength } from '../text';

/** The text of an item, cleaned; refuses an empty or too long one. */
export function normalizeItemText(text: string): string {
	const cleaned = cleanText(text);
	if (cleaned === '') refuse('tables_item_empty');
	if (textLength(cleaned) > MAX_ITEM_LENGTH) {
		refuse('tables_item_too_long', { max: MAX_ITEM_LENGTH, length: textLength(cleaned) });
	}
	return cleaned;
}

/** A new item's category and text, checked. */
export function validateItemInput(input: { category: string; text: string }): {
	category: ItemCategory;
	text: string;
} {
	if (!isItemCategory(input.category)) refuse('tables_unknown_category');
	return { category: input.category, text: normalizeItemText(input.text) };
}

/** The rapporteur's justification, cleaned; empty is allowed (not written yet). */
export function normalizeJustification(text: string): string {
	const cleaned = cleanText(text);
	if (textLength(cleaned) > MAX_JUSTIFICATION_LENGTH) {
		refuse('tables_justification_too_long', {
			max: MAX_JUSTIFICATION_LENGTH,
			length: textLength(cleaned)
		});
	}
	return cleaned;
}

// ---------------------------------------------------------------------------------------------
// 5. Concurrent edits
//
// Goal: two people editing the same item never lose one of the edits silently.
//
// - Every item carries a `revision`, 1 at creation, +1 on every accepted change (edit or
//   deletion). Deleted items are kept (soft delete) so late edits can be recognised.
// - A client sends the revision it last saw as `baseRevision` with every edit or deletion.
// - baseRevision === current revision: the change is accepted and the revision increases.
// - Stale baseRevision: refused with `tables_conflict`, whose params carry the item's current
//   `text` and `revision`. The client shows "someone changed this meanwhile: [theirs]", lets
//   the person keep theirs or keep the other, and resubmits against the new revision. The
//   server never merges and never lets the last writer win unseen.
// - A stale edit that writes exactly the current text is accepted without change: nothing is
//   lost, so there is no conflict to show. An edit that changes nothing keeps the revision.
// - Editing a deleted item answers `not_found` (the client offers to add it again); deleting
//   an already-deleted item succeeds without change (both people wanted it gone).
// - Marking key items is a set-to-value flag, not text: it does not need revisions.
// ---------------------------------------------------------------------------------------------

export const INITIAL_REVISION = 1;

export interface ItemVersion {
	text: string;
	revision: number;
	deleted: boolean;
}

export interface ItemChange {
	text: string;
	revision: number;
	deleted: boolean;
	/** False when nothing needs writing nor broadcasting. */
	changed: boolean;
}

function conflict(current: ItemVersion): never {
	refuse('tables_conflict', { text: current.text, revision: current.revision });
}

export function applyItemEdit(
	current: ItemVersion,
	edit: { text: string; baseRevision: number }
): ItemChange {
	if (current.deleted) refuse('not_found');
	const text = normalizeItemText(edit.text);
	if (text === current.text) {
		return { text, revision: current.revision, deleted: false, changed: false };
	}
	if (edit.baseRevision !== current.revision) conflict(current);
	return { text, revision: current.revision + 1, deleted: false, changed: true };
}

export function applyItemDelete(current: ItemVersion, edit: { baseRevision: number }): ItemChange {
	if (current.deleted) return { ...current, changed: false };
	if (edit.baseRevision !== current.revision) conflict(current);
	return { text: current.text, revision: current.revision + 1, deleted: true, changed: true };
}

/**
 * The rapporteur's justification follows the same revision rule as items: one text per
 * table, written by the rapporteur (or the facilitator), a stale write is refused with the
 * current text. Empty is allowed (it clears the justification).
 */
export function applyJustificationEdit(
	current: { text: string; revision: number },
	edit: { text: string; baseRevision: number }
): { text: string; revision: number; changed: boolean } {
	const text = normalizeJustification(edit.text);
	if (text === current.text) return { text, revision: current.revision, changed: false };
	if (edit.baseRevision !== current.revision) {
		refuse('tables_conflict', { text: current.text, revision: current.revision });
	}
	return { text, revision: current.revision + 1, changed: true };
}

/** The name of a planned table: the priority's rank, with a letter when it has several ("2b"). */
export function plannedTableName(
	rank: number,
	table: Pick<PlannedTable, 'indexInPriority' | 'tablesForPriority'>
): string {
	if (table.tablesForPriority <= 1) return String(rank);
	return `${rank}${String.fromCharCode(97 + (table.indexInPriority % 26))}`;
}

// ---------------------------------------------------------------------------------------------
// 6. Overview
// ---------------------------------------------------------------------------------------------

export interface SummaryItem {
	category: ItemCategory;
	deleted: boolean;
	key?: boolean;
	/** ISO 8601 UTC, as written by `toISOString()`: such strings sort chronologically. */
	updatedAt: string;
}

export interface TableSummary {
	counts: Record<ItemCategory, number>;
	total: number;
	keyCount: number;
	/** Latest change, deletions included (they are activity too); null for an empty table. */
	lastActivityAt: string | null;
}

export function tableSummary(items: readonly SummaryItem[]): TableSummary {
	const counts: Record<ItemCategory, number> = {
		barrier: 0,
		lever: 0,
		collaboration: 0,
		actor: 0
	};
	let total = 0;
	let keyCount = 0;
	let lastActivityAt: string | null = null;
	for (const item of items) {
		if (lastActivityAt === null || item.updatedAt > lastActivityAt) lastActivityAt = item.updatedAt;
		if (item.deleted) continue;
		counts[item.category]++;
		total++;
		if (item.key) keyCount++;
	}
	return { counts, total, keyCount, lastActivityAt };
}
