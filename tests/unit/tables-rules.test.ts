import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import {
	INITIAL_REVISION,
	ITEM_CATEGORIES,
	MAX_ITEM_LENGTH,
	MAX_JUSTIFICATION_LENGTH,
	applyItemDelete,
	applyItemEdit,
	assertCanEditSynthesis,
	assertCanEditTableItem,
	assertCanManageTables,
	assertCanReleaseRapporteur,
	assertCanSeat,
	assertCanTakeRapporteur,
	canEditSynthesis,
	canEditTableItem,
	cleanText,
	isAllowed,
	isItemCategory,
	normalizeItemText,
	normalizeJustification,
	tableSummary,
	validateCapacity,
	validateItemInput,
	type TablesActor,
	type TablesPhaseStatus
} from '../../src/lib/server/tables/rules';
import {
	DEFAULT_MAX_PER_TABLE,
	autoAssign,
	mulberry32,
	planTables,
	type AssignableParticipant,
	type AssignableTable,
	type AutoAssignResult
} from '../../src/lib/server/tables/plan';
import en from '../../src/lib/i18n/locales/en/tables.json';
import fr from '../../src/lib/i18n/locales/fr/tables.json';
import nl from '../../src/lib/i18n/locales/nl/tables.json';

const CODES = [
	'forbidden',
	'not_found',
	'phase_closed',
	'tables_invalid_capacity',
	'tables_full',
	'tables_not_member',
	'tables_not_rapporteur',
	'tables_rapporteur_taken',
	'tables_item_too_long',
	'tables_item_empty',
	'tables_unknown_category',
	'tables_conflict',
	'tables_justification_too_long',
	// Raised by the commands (tables/*.ts), translated from the same namespace.
	'tables_name_too_long',
	'tables_priority_empty',
	'tables_priority_too_long',
	'tables_already_planned',
	'tables_no_priorities',
	'tables_no_tables',
	'tables_not_empty'
];

/** Runs `action` and checks that it refuses with `code`, translated in the tables namespace. */
function refusal(action: () => unknown, code: string): DomainError {
	let caught: unknown;
	try {
		action();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(DomainError);
	const error = caught as DomainError;
	expect(error.code).toBe(code);
	expect(error.messageKey).toBe(`tables:errors.${code}`);
	expect(CODES).toContain(code);
	return error;
}

describe('i18n', () => {
	it('has the same keys in the three locales, and a message for every code', () => {
		const keys = (o: object) => Object.keys(o).sort();
		expect(keys(fr.errors)).toEqual(keys(nl.errors));
		expect(keys(fr.errors)).toEqual(keys(en.errors));
		expect(keys(fr.errors)).toEqual([...CODES].sort());
		expect(keys(fr.categories)).toEqual([...ITEM_CATEGORIES].sort());
		expect(keys(nl.categories)).toEqual([...ITEM_CATEGORIES].sort());
		expect(keys(en.categories)).toEqual([...ITEM_CATEGORIES].sort());
	});

	it('uses the same interpolation variables in every locale', () => {
		const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
		for (const code of CODES) {
			const key = code as keyof typeof fr.errors;
			expect(vars(nl.errors[key]), code).toEqual(vars(fr.errors[key]));
			expect(vars(en.errors[key]), code).toEqual(vars(fr.errors[key]));
		}
	});

	it('names the categories as agreed', () => {
		expect(fr.categories).toEqual({
			barrier: 'Freins',
			lever: 'Leviers',
			collaboration: 'Pistes de collaboration',
			actor: 'Acteurs à impliquer'
		});
		expect(nl.categories.barrier).toBe('Drempels');
		expect(en.categories.actor).toBe('Actors to involve');
	});
});

describe('validateCapacity', () => {
	it('accepts no limit and whole numbers within bounds', () => {
		expect(validateCapacity(null)).toBeNull();
		expect(validateCapacity(2)).toBe(2);
		expect(validateCapacity(100)).toBe(100);
	});

	it.each([0, 1, 2.5, 101, -3, Number.NaN, Infinity])('refuses %s', (capacity) => {
		const error = refusal(() => validateCapacity(capacity), 'tables_invalid_capacity');
		expect(error.params).toEqual({ min: 2, max: 100 });
	});
});

describe('planTables', () => {
	const priorities = [
		{ candidateId: 11, label: 'Mobility' },
		{ candidateId: 22, label: 'Housing' },
		{ candidateId: 33, label: 'Greenery' }
	];

	it('opens one table per priority while the room is small', () => {
		const plan = planTables(priorities, 30);
		expect(plan).toEqual(
			priorities.map((p) => ({
				candidateId: p.candidateId,
				label: p.label,
				indexInPriority: 0,
				tablesForPriority: 1,
				capacity: DEFAULT_MAX_PER_TABLE
			}))
		);
	});

	it('keeps one table per priority at exactly maxPerTable each', () => {
		expect(planTables(priorities, 36)).toHaveLength(3);
	});

	it('splits every priority once the share exceeds maxPerTable', () => {
		const plan = planTables(priorities, 37);
		expect(plan.map((t) => [t.candidateId, t.indexInPriority, t.tablesForPriority])).toEqual([
			[11, 0, 2],
			[11, 1, 2],
			[22, 0, 2],
			[22, 1, 2],
			[33, 0, 2],
			[33, 1, 2]
		]);
	});

	it('honours a custom maxPerTable', () => {
		const plan = planTables(priorities.slice(0, 2), 100, { maxPerTable: 10 });
		expect(plan).toHaveLength(10);
		expect(plan.every((t) => t.capacity === 10 && t.tablesForPriority === 5)).toBe(true);
	});

	it('always seats everyone and never splits needlessly', () => {
		for (let p = 1; p <= 6; p++) {
			for (let n = 0; n <= 200; n += 7) {
				const plan = planTables(
					priorities
						.concat(priorities)
						.slice(0, p)
						.map((x, i) => ({ ...x, candidateId: i })),
					n
				);
				const perPriority = plan.filter((t) => t.candidateId === 0).length;
				const seats = plan.reduce((sum, t) => sum + t.capacity, 0);
				expect(seats).toBeGreaterThanOrEqual(n);
				// One table fewer per priority would not have been enough.
				expect((perPriority - 1) * DEFAULT_MAX_PER_TABLE * p).toBeLessThan(Math.max(n, 1));
			}
		}
	});

	it('opens one table per priority when nobody has joined yet', () => {
		expect(planTables(priorities, 0)).toHaveLength(3);
		expect(planTables(priorities, -5)).toHaveLength(3);
	});

	it('returns nothing without priorities', () => {
		expect(planTables([], 50)).toEqual([]);
	});

	it('ignores a priority listed twice', () => {
		const plan = planTables([...priorities, { candidateId: 11, label: 'again' }], 30);
		expect(plan.map((t) => t.candidateId)).toEqual([11, 22, 33]);
	});

	it('refuses an unworkable maxPerTable', () => {
		refusal(() => planTables(priorities, 30, { maxPerTable: 1 }), 'tables_invalid_capacity');
		refusal(() => planTables(priorities, 30, { maxPerTable: 0 }), 'tables_invalid_capacity');
	});
});

describe('mulberry32', () => {
	it('is deterministic, in [0, 1), and depends on the seed', () => {
		const a = mulberry32(42);
		const b = mulberry32(42);
		const c = mulberry32(43);
		const seqA = Array.from({ length: 100 }, a);
		expect(Array.from({ length: 100 }, b)).toEqual(seqA);
		expect(Array.from({ length: 100 }, c)).not.toEqual(seqA);
		expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
	});
});

// ---------------------------------------------------------------------------------------------
// autoAssign
// ---------------------------------------------------------------------------------------------

let nextId = 1;
function people(
	count: number,
	sector: string | null,
	tableId: number | null = null
): AssignableParticipant[] {
	return Array.from({ length: count }, () => ({ id: nextId++, sector, tableId }));
}

function tablesOf(...capacities: (number | null)[]): AssignableTable[] {
	return capacities.map((capacity, i) => ({ id: 100 + i, capacity }));
}

/** Who sits where once the result is applied. */
function seating(
	participants: readonly AssignableParticipant[],
	tables: readonly AssignableTable[],
	result: AutoAssignResult
): Map<number, AssignableParticipant[]> {
	const byTable = new Map<number, AssignableParticipant[]>(tables.map((t) => [t.id, []]));
	const newSeat = new Map(result.assignments.map((a) => [a.participantId, a.tableId]));
	for (const p of participants) {
		const tableId = p.tableId ?? newSeat.get(p.id);
		if (tableId !== undefined) byTable.get(tableId)?.push(p);
	}
	return byTable;
}

function sectorsAt(members: readonly AssignableParticipant[]): Set<string | null> {
	return new Set(members.map((m) => m.sector));
}

/** Invariants that must hold for any input and any seed. */
function checkInvariants(
	participants: readonly AssignableParticipant[],
	tables: readonly AssignableTable[],
	result: AutoAssignResult
): void {
	const tableIds = new Set(tables.map((t) => t.id));
	const waiting = participants.filter((p) => p.tableId === null).map((p) => p.id);
	const handled = [...result.assignments.map((a) => a.participantId), ...result.unassigned];

	// Every waiting person is either seated or reported, exactly once; nobody else appears.
	expect([...handled].sort((a, b) => a - b)).toEqual([...waiting].sort((a, b) => a - b));
	expect(result.assignments.every((a) => tableIds.has(a.tableId))).toBe(true);
	// Sorted output, so that results compare and diff well.
	const ids = result.assignments.map((a) => a.participantId);
	expect(ids).toEqual([...ids].sort((a, b) => a - b));
	expect(result.unassigned).toEqual([...result.unassigned].sort((a, b) => a - b));

	const before = new Map(tables.map((t) => [t.id, 0]));
	for (const p of participants) {
		if (p.tableId !== null && before.has(p.tableId))
			before.set(p.tableId, (before.get(p.tableId) ?? 0) + 1);
	}
	const after = seating(participants, tables, result);
	const size = (id: number) => after.get(id)?.length ?? 0;
	const hasRoom = (t: AssignableTable) => t.capacity === null || size(t.id) < t.capacity;

	for (const table of tables) {
		const added = size(table.id) - (before.get(table.id) ?? 0);
		// Capacity: never exceeded by this run (a table already over capacity gets nobody).
		if (table.capacity !== null) {
			expect(added).toBeLessThanOrEqual(Math.max(0, table.capacity - (before.get(table.id) ?? 0)));
		}
		// Balance: a table that received people is at most one above any table with room.
		if (added > 0) {
			for (const other of tables.filter(hasRoom)) {
				expect(size(table.id)).toBeLessThanOrEqual(size(other.id) + 1);
			}
		}
	}
	// Nobody is left out while a seat is free.
	if (result.unassigned.length > 0) expect(tables.filter(hasRoom)).toEqual([]);
}

describe('autoAssign', () => {
	it('mixes 60 participants from 5 sectors over 3 tables, for any seed', () => {
		const sectors = ['public', 'associations', 'business', 'residents', 'research'];
		const participants = sectors.flatMap((s) => people(12, s));
		const tables = tablesOf(null, null, null);
		for (let seed = 0; seed < 200; seed++) {
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			expect(result.unassigned).toEqual([]);
			for (const members of seating(participants, tables, result).values()) {
				expect(members).toHaveLength(20);
				expect(sectorsAt(members).size).toBeGreaterThanOrEqual(3);
				// Dealt like cards: each sector 4 per table.
				for (const s of sectors) expect(members.filter((m) => m.sector === s)).toHaveLength(4);
			}
		}
	});

	it('spreads a room dominated by one sector', () => {
		const participants = [
			...people(24, 'public'),
			...people(3, 'business'),
			...people(3, 'residents')
		];
		const tables = tablesOf(null, null, null);
		for (let seed = 0; seed < 200; seed++) {
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			for (const members of seating(participants, tables, result).values()) {
				expect(members).toHaveLength(10);
				expect(sectorsAt(members).size).toBeGreaterThanOrEqual(2);
				expect(members.filter((m) => m.sector === 'public').length).toBe(8);
			}
		}
	});

	it('mixes uneven sectors: every table gets at least 3 sectors', () => {
		const participants = [
			...people(20, 'a'),
			...people(15, 'b'),
			...people(10, 'c'),
			...people(10, 'd'),
			...people(5, 'e')
		];
		const tables = tablesOf(12, 12, 12, 12, 12);
		for (let seed = 0; seed < 200; seed++) {
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			for (const members of seating(participants, tables, result).values()) {
				expect(members).toHaveLength(12);
				expect(sectorsAt(members).size).toBeGreaterThanOrEqual(3);
			}
		}
	});

	it('brings other sectors to a table already seated with one sector', () => {
		const seated = people(4, 'public', 100);
		const participants = [...seated, ...people(4, 'public'), ...people(4, 'business')];
		const tables = tablesOf(null, null);
		for (let seed = 0; seed < 50; seed++) {
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			const after = seating(participants, tables, result);
			expect(after.get(100)).toHaveLength(6);
			expect(after.get(101)).toHaveLength(6);
			// Table 100 gets the two business people it lacks, not more public ones.
			expect(after.get(100)?.filter((m) => m.sector === 'business')).toHaveLength(2);
		}
	});

	it('leaves already seated participants where they are and never lists them', () => {
		const seated = [...people(3, 'a', 100), ...people(1, 'b', 101)];
		const elsewhere = people(2, 'c', 999); // a table outside this run
		const participants = [...seated, ...elsewhere, ...people(6, 'a')];
		const tables = tablesOf(null, null);
		const result = autoAssign(participants, tables, 7);
		checkInvariants(participants, tables, result);
		const listed = new Set([
			...result.assignments.map((a) => a.participantId),
			...result.unassigned
		]);
		for (const p of [...seated, ...elsewhere]) expect(listed.has(p.id)).toBe(false);
		// 4 seated + 6 new = 10: 5 and 5; the unknown table's people are not counted.
		const after = seating(participants, tables, result);
		expect(after.get(100)).toHaveLength(5);
		expect(after.get(101)).toHaveLength(5);
	});

	it('never exceeds capacity and balances where capacity allows', () => {
		const participants = people(20, 'a');
		const tables = tablesOf(3, null, 4, null);
		const result = autoAssign(participants, tables, 1);
		checkInvariants(participants, tables, result);
		const after = seating(participants, tables, result);
		const sizes = [100, 101, 102, 103].map((id) => after.get(id)?.length ?? 0);
		// The capped tables fill up; the 13 others split 7 / 6 between the unlimited ones.
		expect(sizes[0]).toBe(3);
		expect(sizes[2]).toBe(4);
		expect([sizes[1], sizes[3]].sort()).toEqual([6, 7]);
	});

	it('reports who stays out when every table is full', () => {
		const participants = people(7, 'a');
		const tables = tablesOf(2, 3);
		const result = autoAssign(participants, tables, 3);
		checkInvariants(participants, tables, result);
		expect(result.assignments).toHaveLength(5);
		expect(result.unassigned).toHaveLength(2);
	});

	it('seats nobody at tables already full (or over capacity after a change)', () => {
		const participants = [...people(2, 'a', 100), ...people(3, 'b', 101), ...people(3, 'c')];
		const tables = tablesOf(2, 2);
		const result = autoAssign(participants, tables, 9);
		checkInvariants(participants, tables, result);
		expect(result.assignments).toEqual([]);
		expect(result.unassigned).toHaveLength(3);
	});

	it('leaves out people from the largest sector, so small sectors keep their seats', () => {
		const business = people(1, 'business');
		const residents = people(2, 'residents');
		const participants = [...people(6, 'public'), ...business, ...residents];
		const tables = tablesOf(3, 3);
		for (let seed = 0; seed < 50; seed++) {
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			const seatedIds = new Set(result.assignments.map((a) => a.participantId));
			for (const p of [...business, ...residents]) expect(seatedIds.has(p.id)).toBe(true);
			expect(result.unassigned).toHaveLength(3);
		}
	});

	it('handles people without a sector like any other group', () => {
		const participants = [...people(6, null), ...people(6, 'a')];
		const tables = tablesOf(null, null, null);
		const result = autoAssign(participants, tables, 5);
		checkInvariants(participants, tables, result);
		for (const members of seating(participants, tables, result).values()) {
			expect(members.filter((m) => m.sector === null)).toHaveLength(2);
		}
	});

	it('copes with no tables and with nobody waiting', () => {
		const participants = people(3, 'a');
		expect(autoAssign(participants, [], 1)).toEqual({
			assignments: [],
			unassigned: participants.map((p) => p.id)
		});
		expect(autoAssign([], tablesOf(null), 1)).toEqual({ assignments: [], unassigned: [] });
	});

	it('is deterministic for a seed and varies across seeds', () => {
		const participants = [
			...people(13, 'a'),
			...people(8, 'b'),
			...people(4, 'c'),
			...people(2, null)
		];
		const tables = tablesOf(10, null, 8, null);
		const outcomes = new Set<string>();
		for (let seed = 0; seed < 30; seed++) {
			const first = autoAssign(participants, tables, seed);
			expect(autoAssign(participants, tables, seed)).toEqual(first);
			// The order of the input rows does not matter either: the seed decides.
			expect(autoAssign([...participants].reverse(), [...tables].reverse(), seed)).toEqual(first);
			outcomes.add(JSON.stringify(first));
		}
		expect(outcomes.size).toBeGreaterThan(1);
	});

	it('keeps its invariants on many random rooms', () => {
		const random = mulberry32(2024);
		const int = (max: number) => Math.floor(random() * max);
		for (let round = 0; round < 300; round++) {
			const tables = Array.from({ length: 1 + int(6) }, (_, i) => ({
				id: 100 + i,
				capacity: random() < 0.3 ? null : 2 + int(10)
			}));
			const sectors = ['a', 'b', 'c', 'd', null];
			const participants = Array.from({ length: int(60) }, () => {
				const seated = random() < 0.25;
				return {
					id: nextId++,
					sector: sectors[int(sectors.length)] ?? null,
					tableId: seated ? 100 + int(tables.length + 1) : null // sometimes an unknown table
				};
			});
			const seed = int(1_000_000);
			const result = autoAssign(participants, tables, seed);
			checkInvariants(participants, tables, result);
			expect(autoAssign([...participants].reverse(), tables, seed)).toEqual(result);
		}
	});
});

// ---------------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------------

const facilitator: TablesActor = { kind: 'facilitator' };
const alice: TablesActor = { kind: 'participant', participantId: 1, tableId: 10 };
const bob: TablesActor = { kind: 'participant', participantId: 2, tableId: 10 };
const carol: TablesActor = { kind: 'participant', participantId: 3, tableId: 20 };
const dave: TablesActor = { kind: 'participant', participantId: 4, tableId: null };
const table10 = { id: 10, capacity: 3, memberCount: 2, rapporteurId: 1 };
const table20 = { id: 20, capacity: 3, memberCount: 3, rapporteurId: null };
const table30 = { id: 30, capacity: null, memberCount: 50, rapporteurId: null };

const seat = (actor: TablesActor) =>
	actor.kind === 'participant'
		? { participantId: actor.participantId, tableId: actor.tableId }
		: { participantId: 0, tableId: null };

describe('assertCanManageTables', () => {
	it('is the facilitator’s, before and during the phase', () => {
		expect(isAllowed(() => assertCanManageTables(facilitator, 'upcoming'))).toBe(true);
		expect(isAllowed(() => assertCanManageTables(facilitator, 'open'))).toBe(true);
		refusal(() => assertCanManageTables(facilitator, 'closed'), 'phase_closed');
		refusal(() => assertCanManageTables(alice, 'open'), 'forbidden');
	});
});

describe('assertCanEditTableItem', () => {
	it('lets a member edit their own table’s items while the phase is open', () => {
		expect(canEditTableItem(alice, table10, 'open')).toBe(true);
		expect(() => assertCanEditTableItem(bob, table10, 'open')).not.toThrow();
	});

	it('refuses items of another table, or with no table', () => {
		refusal(() => assertCanEditTableItem(carol, table10, 'open'), 'tables_not_member');
		refusal(() => assertCanEditTableItem(dave, table10, 'open'), 'tables_not_member');
		expect(canEditTableItem(carol, table10, 'open')).toBe(false);
	});

	it('lets the facilitator edit any table, also before the phase opens', () => {
		expect(canEditTableItem(facilitator, table10, 'open')).toBe(true);
		expect(canEditTableItem(facilitator, table20, 'upcoming')).toBe(true);
	});

	it('refuses participants before the phase opens', () => {
		refusal(() => assertCanEditTableItem(alice, table10, 'upcoming'), 'phase_closed');
	});

	it('freezes everything once the phase is closed', () => {
		for (const actor of [facilitator, alice, carol]) {
			refusal(() => assertCanEditTableItem(actor, table10, 'closed'), 'phase_closed');
		}
	});
});

describe('assertCanEditSynthesis (justification, key items)', () => {
	it('is the rapporteur’s and the facilitator’s', () => {
		expect(canEditSynthesis(alice, table10, 'open')).toBe(true);
		expect(canEditSynthesis(facilitator, table10, 'open')).toBe(true);
		expect(canEditSynthesis(facilitator, table20, 'upcoming')).toBe(true);
	});

	it('refuses other members, and tables without a rapporteur', () => {
		refusal(() => assertCanEditSynthesis(bob, table10, 'open'), 'tables_not_rapporteur');
		refusal(() => assertCanEditSynthesis(carol, table20, 'open'), 'tables_not_rapporteur');
	});

	it('refuses non-members, even a rapporteur of another table', () => {
		refusal(() => assertCanEditSynthesis(carol, table10, 'open'), 'tables_not_member');
		const staleRapporteur: TablesActor = { kind: 'participant', participantId: 1, tableId: 20 };
		refusal(() => assertCanEditSynthesis(staleRapporteur, table10, 'open'), 'tables_not_member');
	});

	it('freezes once closed, and waits for the phase to open', () => {
		refusal(() => assertCanEditSynthesis(alice, table10, 'closed'), 'phase_closed');
		refusal(() => assertCanEditSynthesis(facilitator, table10, 'closed'), 'phase_closed');
		refusal(() => assertCanEditSynthesis(alice, table10, 'upcoming'), 'phase_closed');
	});
});

describe('assertCanSeat', () => {
	it('lets a participant choose a table with room, or one without limit', () => {
		expect(isAllowed(() => assertCanSeat(dave, seat(dave), table10, 'open'))).toBe(true);
		expect(isAllowed(() => assertCanSeat(carol, seat(carol), table30, 'open'))).toBe(true);
	});

	it('refuses a full table', () => {
		const error = refusal(() => assertCanSeat(dave, seat(dave), table20, 'open'), 'tables_full');
		expect(error.params).toEqual({ capacity: 3 });
	});

	it('accepts choosing the table one already sits at, even when full', () => {
		expect(isAllowed(() => assertCanSeat(carol, seat(carol), table20, 'open'))).toBe(true);
	});

	it('refuses seating someone else', () => {
		refusal(() => assertCanSeat(alice, seat(dave), table30, 'open'), 'forbidden');
	});

	it('lets the facilitator seat anyone, beyond capacity and before opening', () => {
		expect(isAllowed(() => assertCanSeat(facilitator, seat(dave), table20, 'open'))).toBe(true);
		expect(isAllowed(() => assertCanSeat(facilitator, seat(dave), table20, 'upcoming'))).toBe(true);
	});

	it('follows the phase', () => {
		refusal(() => assertCanSeat(dave, seat(dave), table10, 'upcoming'), 'phase_closed');
		refusal(() => assertCanSeat(dave, seat(dave), table10, 'closed'), 'phase_closed');
		refusal(() => assertCanSeat(facilitator, seat(dave), table10, 'closed'), 'phase_closed');
	});
});

describe('assertCanTakeRapporteur', () => {
	it('lets a member volunteer at a table without rapporteur', () => {
		const t = { ...table10, rapporteurId: null };
		expect(isAllowed(() => assertCanTakeRapporteur(bob, t, seat(bob), 'open'))).toBe(true);
	});

	it('accepts the current rapporteur volunteering again', () => {
		expect(isAllowed(() => assertCanTakeRapporteur(alice, table10, seat(alice), 'open'))).toBe(
			true
		);
	});

	it('keeps one rapporteur per table', () => {
		refusal(
			() => assertCanTakeRapporteur(bob, table10, seat(bob), 'open'),
			'tables_rapporteur_taken'
		);
	});

	it('lets the facilitator name a member, replacing the rapporteur', () => {
		expect(isAllowed(() => assertCanTakeRapporteur(facilitator, table10, seat(bob), 'open'))).toBe(
			true
		);
		expect(
			isAllowed(() => assertCanTakeRapporteur(facilitator, table10, seat(bob), 'upcoming'))
		).toBe(true);
	});

	it('only names members of the table', () => {
		refusal(
			() => assertCanTakeRapporteur(carol, table10, seat(carol), 'open'),
			'tables_not_member'
		);
		refusal(
			() => assertCanTakeRapporteur(facilitator, table10, seat(carol), 'open'),
			'tables_not_member'
		);
		refusal(() => assertCanTakeRapporteur(dave, table30, seat(dave), 'open'), 'tables_not_member');
	});

	it('refuses a participant naming someone else', () => {
		const t = { ...table10, rapporteurId: null };
		refusal(() => assertCanTakeRapporteur(alice, t, seat(bob), 'open'), 'forbidden');
	});

	it('follows the phase', () => {
		const t = { ...table10, rapporteurId: null };
		refusal(() => assertCanTakeRapporteur(bob, t, seat(bob), 'upcoming'), 'phase_closed');
		refusal(() => assertCanTakeRapporteur(bob, t, seat(bob), 'closed'), 'phase_closed');
		refusal(() => assertCanTakeRapporteur(facilitator, t, seat(bob), 'closed'), 'phase_closed');
	});
});

describe('assertCanReleaseRapporteur', () => {
	it('lets the rapporteur step down and the facilitator remove them', () => {
		expect(isAllowed(() => assertCanReleaseRapporteur(alice, table10, 'open'))).toBe(true);
		expect(isAllowed(() => assertCanReleaseRapporteur(facilitator, table10, 'open'))).toBe(true);
	});

	it('refuses anybody else, and everything once closed', () => {
		refusal(() => assertCanReleaseRapporteur(bob, table10, 'open'), 'tables_not_rapporteur');
		refusal(() => assertCanReleaseRapporteur(alice, table10, 'closed'), 'phase_closed');
		refusal(() => assertCanReleaseRapporteur(facilitator, table10, 'closed'), 'phase_closed');
	});
});

describe('isAllowed', () => {
	it('turns refusals into false but lets bugs through', () => {
		expect(isAllowed(() => undefined)).toBe(true);
		expect(isAllowed(() => assertCanManageTables(alice, 'open'))).toBe(false);
		expect(() =>
			isAllowed(() => {
				throw new TypeError('bug');
			})
		).toThrow(TypeError);
	});

	it('agrees with the assertions for every actor, table and phase', () => {
		const phases: TablesPhaseStatus[] = ['upcoming', 'open', 'closed'];
		for (const actor of [facilitator, alice, bob, carol, dave]) {
			for (const table of [table10, table20, table30]) {
				for (const phase of phases) {
					const editable = canEditTableItem(actor, table, phase);
					expect(editable).toBe(isAllowed(() => assertCanEditTableItem(actor, table, phase)));
					// Whoever may write the synthesis may also edit items.
					if (canEditSynthesis(actor, table, phase)) expect(editable).toBe(true);
					if (phase === 'closed') expect(editable).toBe(false);
				}
			}
		}
	});
});

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

describe('item text', () => {
	it('trims and keeps the text as typed, HTML included', () => {
		expect(normalizeItemText('  <b>Plus de bancs</b> & moins de voitures  ')).toBe(
			'<b>Plus de bancs</b> & moins de voitures'
		);
	});

	it('keeps newlines, unifies line endings and turns tabs into spaces', () => {
		expect(cleanText('a\r\nb\rc\nd\te')).toBe('a\nb\nc\nd e');
	});

	it('removes other control characters (NEL is a line break, as in every typed text)', () => {
		expect(cleanText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg')).toBe('abcde\nfg');
	});

	it('keeps emoji sequences and accents, composed', () => {
		expect(cleanText('👩‍👩‍👧 Molenbeek')).toBe('👩‍👩‍👧 Molenbeek');
		expect(cleanText('e\u0301te\u0301')).toBe('été');
	});

	it('repairs lone surrogates', () => {
		expect(cleanText('a\uD800b')).toBe('a\uFFFDb');
	});

	it('refuses empty text, whitespace or control characters only', () => {
		for (const text of ['', '   ', '\n\n\t', '\u0000\u0001', '\r\n ']) {
			refusal(() => normalizeItemText(text), 'tables_item_empty');
		}
	});

	it('allows 500 code points and refuses 501', () => {
		expect(MAX_ITEM_LENGTH).toBe(500);
		expect(normalizeItemText('x'.repeat(500))).toHaveLength(500);
		// 500 emoji are 1000 UTF-16 units but 500 characters.
		expect(normalizeItemText('😀'.repeat(500))).toHaveLength(1000);
		const error = refusal(() => normalizeItemText('x'.repeat(501)), 'tables_item_too_long');
		expect(error.params).toEqual({ max: 500, length: 501 });
		refusal(() => normalizeItemText('😀'.repeat(501)), 'tables_item_too_long');
	});

	it('measures length after cleaning', () => {
		expect(normalizeItemText(`  ${'x'.repeat(500)}  \u0000`)).toHaveLength(500);
		expect(normalizeItemText('e\u0301'.repeat(500))).toHaveLength(500);
	});
});

describe('item category', () => {
	it('knows the four categories', () => {
		expect(ITEM_CATEGORIES).toEqual(['barrier', 'lever', 'collaboration', 'actor']);
		for (const c of ITEM_CATEGORIES) expect(isItemCategory(c)).toBe(true);
	});

	it.each(['Barrier', '', 'constructor', '__proto__', 'toString', 'levers'])(
		'refuses %j',
		(category) => {
			expect(isItemCategory(category)).toBe(false);
			refusal(() => validateItemInput({ category, text: 'ok' }), 'tables_unknown_category');
		}
	);

	it('validates a new item', () => {
		expect(validateItemInput({ category: 'lever', text: ' Budget participatif ' })).toEqual({
			category: 'lever',
			text: 'Budget participatif'
		});
		refusal(() => validateItemInput({ category: 'actor', text: ' ' }), 'tables_item_empty');
	});
});

describe('justification', () => {
	it('may be empty, is cleaned and bounded', () => {
		expect(normalizeJustification('  ')).toBe('');
		expect(normalizeJustification(' Parce que\r\nc’est urgent ')).toBe('Parce que\nc’est urgent');
		expect(normalizeJustification('x'.repeat(MAX_JUSTIFICATION_LENGTH))).toHaveLength(2000);
		const error = refusal(
			() => normalizeJustification('x'.repeat(MAX_JUSTIFICATION_LENGTH + 1)),
			'tables_justification_too_long'
		);
		expect(error.params).toEqual({ max: 2000, length: 2001 });
	});
});

// ---------------------------------------------------------------------------------------------
// Concurrent edits
// ---------------------------------------------------------------------------------------------

describe('applyItemEdit', () => {
	const current = { text: 'Trop de voitures', revision: 3, deleted: false };

	it('accepts an edit based on the current revision', () => {
		expect(
			applyItemEdit(current, { text: ' Trop de voitures rue Neuve ', baseRevision: 3 })
		).toEqual({ text: 'Trop de voitures rue Neuve', revision: 4, deleted: false, changed: true });
	});

	it('refuses a stale edit and hands back the current version', () => {
		const error = refusal(
			() => applyItemEdit(current, { text: 'Autre chose', baseRevision: 2 }),
			'tables_conflict'
		);
		expect(error.params).toEqual({ text: 'Trop de voitures', revision: 3 });
	});

	it('refuses a revision from the future as well', () => {
		refusal(() => applyItemEdit(current, { text: 'Autre', baseRevision: 4 }), 'tables_conflict');
	});

	it('accepts, without change, a stale edit that writes the current text', () => {
		expect(applyItemEdit(current, { text: 'Trop de voitures ', baseRevision: 1 })).toEqual({
			...current,
			changed: false
		});
	});

	it('keeps the revision when nothing changes', () => {
		expect(applyItemEdit(current, { text: 'Trop de voitures', baseRevision: 3 }).revision).toBe(3);
	});

	it('answers not_found for a deleted item, stale or not', () => {
		const deleted = { ...current, deleted: true };
		refusal(() => applyItemEdit(deleted, { text: 'x', baseRevision: 3 }), 'not_found');
		refusal(() => applyItemEdit(deleted, { text: 'x', baseRevision: 1 }), 'not_found');
	});

	it('validates the text before looking at revisions', () => {
		refusal(() => applyItemEdit(current, { text: ' ', baseRevision: 1 }), 'tables_item_empty');
		refusal(
			() => applyItemEdit(current, { text: 'x'.repeat(501), baseRevision: 3 }),
			'tables_item_too_long'
		);
	});

	it('never loses one of two concurrent edits silently', () => {
		let item = { text: 'Parking', revision: INITIAL_REVISION, deleted: false };
		const seenByAlice = item.revision;
		const seenByBob = item.revision;

		item = {
			...item,
			...applyItemEdit(item, { text: 'Parkings vélos', baseRevision: seenByAlice })
		};
		expect(item.revision).toBe(2);

		// Bob saw revision 1: refused, shown Alice's text, he resubmits knowingly.
		const error = refusal(
			() => applyItemEdit(item, { text: 'Parking voitures', baseRevision: seenByBob }),
			'tables_conflict'
		);
		expect(error.params.text).toBe('Parkings vélos');
		const merged = applyItemEdit(item, {
			text: 'Parkings vélos et voitures',
			baseRevision: Number(error.params.revision)
		});
		expect(merged).toEqual({
			text: 'Parkings vélos et voitures',
			revision: 3,
			deleted: false,
			changed: true
		});
	});
});

describe('applyItemDelete', () => {
	const current = { text: 'Manque de bancs', revision: 2, deleted: false };

	it('deletes at the current revision', () => {
		expect(applyItemDelete(current, { baseRevision: 2 })).toEqual({
			text: 'Manque de bancs',
			revision: 3,
			deleted: true,
			changed: true
		});
	});

	it('refuses deleting what someone changed meanwhile', () => {
		const error = refusal(() => applyItemDelete(current, { baseRevision: 1 }), 'tables_conflict');
		expect(error.params).toEqual({ text: 'Manque de bancs', revision: 2 });
	});

	it('accepts deleting an already deleted item, without change', () => {
		const deleted = { ...current, revision: 3, deleted: true };
		expect(applyItemDelete(deleted, { baseRevision: 2 })).toEqual({ ...deleted, changed: false });
	});

	it('makes a late edit of a deleted item a not_found', () => {
		const after = applyItemDelete(current, { baseRevision: 2 });
		refusal(() => applyItemEdit(after, { text: 'Bancs', baseRevision: 2 }), 'not_found');
	});
});

// ---------------------------------------------------------------------------------------------
// Overview
// ---------------------------------------------------------------------------------------------

describe('tableSummary', () => {
	it('counts live items per category and finds the last activity', () => {
		const summary = tableSummary([
			{ category: 'barrier', deleted: false, updatedAt: '2025-03-01T10:00:00.000Z' },
			{ category: 'barrier', deleted: false, key: true, updatedAt: '2025-03-01T10:05:00.000Z' },
			{ category: 'lever', deleted: false, updatedAt: '2025-03-01T10:02:00.000Z' },
			{ category: 'actor', deleted: true, key: true, updatedAt: '2025-03-01T10:09:00.000Z' },
			{ category: 'actor', deleted: false, updatedAt: '2025-03-01T09:59:59.999Z' }
		]);
		expect(summary).toEqual({
			counts: { barrier: 2, lever: 1, collaboration: 0, actor: 1 },
			total: 4,
			keyCount: 1,
			// A deletion is activity too.
			lastActivityAt: '2025-03-01T10:09:00.000Z'
		});
	});

	it('is all zeros for an empty table', () => {
		expect(tableSummary([])).toEqual({
			counts: { barrier: 0, lever: 0, collaboration: 0, actor: 0 },
			total: 0,
			keyCount: 0,
			lastActivityAt: null
		});
	});
});
