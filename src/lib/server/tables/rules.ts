/**
 * Discussion tables: the pure rules, no I/O. Which tables to open and who sits where (the
 * seating algorithm) are in ./plan.
 *
 * After the vote, people split into tables, one per selected priority (several when the room
 * is large), and capture barriers, levers, collaboration paths and actors. One volunteer per
 * table, the rapporteur, writes the justification and marks the key items.
 *
 * Everything here takes plain values and either returns a result or throws a `DomainError`
 * whose message key lives in the `tables` namespace (`tables:errors.<code>`).
 */
import {
	DEFAULT_CONTENT_LANGUAGES,
	TABLE_ITEM_CATEGORIES,
	TABLE_LIMITS,
	type ContentLanguages
} from '../../protocol';
import { requireSomeLanguage } from '../content-languages';
import { DomainError, refusals, type Refusal } from '../errors';

/** Throws the refusal `code`, translated from `tables:errors.<code>` (the commands' too). */
export const refuse: Refusal = refusals('tables');

// ---------------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------------

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
// 1. Permissions
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
// 2. Text: items, justifications, table names and priorities
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
import { cleanBlock as cleanText, cleanLine, requireReadableName, textLength } from '../text';

/** A table's name as the facilitator typed it, cleaned; `fallback` when left empty. */
export function validateTableName(raw: string, fallback: string): string {
	const name = cleanLine(raw);
	if (textLength(name) > TABLE_LIMITS.name) {
		refuse('tables_name_too_long', { max: TABLE_LIMITS.name });
	}
	return requireReadableName(name, 'name') || fallback;
}

/**
 * A table's priority typed by hand, in one of the content languages or both (French, Dutch
 * or both for a French–Dutch concertation). `en` only when written.
 */
export function validatePriorityLabel(
	raw: { fr: string; nl: string; en?: string },
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): { fr: string; nl: string; en?: string } {
	const fr = cleanLine(raw.fr);
	const nl = cleanLine(raw.nl);
	const en = cleanLine(raw.en);
	requireSomeLanguage(
		{ fr, nl, en },
		languages,
		{ namespace: 'tables', code: 'tables_priority_empty', field: `priority.${languages[0]}` },
		['fr', 'nl']
	);
	if ([fr, nl, en].some((text) => textLength(text) > TABLE_LIMITS.priority)) {
		refuse('tables_priority_too_long', { max: TABLE_LIMITS.priority });
	}
	return en ? { fr, nl, en } : { fr, nl };
}

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
// 3. Concurrent edits
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

// ---------------------------------------------------------------------------------------------
// 4. Overview
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
