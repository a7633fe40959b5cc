/**
 * Discussion tables: which tables to open after the vote and who sits where, as pure rules
 * (no I/O). The tables commands (planning.ts, seating.ts) store what these return.
 *
 * Apart from the permissions and edits of ./rules because it is an algorithm of its own: a
 * seeded random order, then balancing and sector mixing, tested on its own.
 */
import { validateCapacity } from './rules';

/** Beyond this, a table stops being a conversation and becomes an audience. */
export const DEFAULT_MAX_PER_TABLE = 12;

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

/** The name of a planned table: the priority's rank, with a letter when it has several ("2b"). */
export function plannedTableName(
	rank: number,
	table: Pick<PlannedTable, 'indexInPriority' | 'tablesForPriority'>
): string {
	if (table.tablesForPriority <= 1) return String(rank);
	return `${rank}${String.fromCharCode(97 + (table.indexInPriority % 26))}`;
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
