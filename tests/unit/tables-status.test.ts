import { describe, expect, it } from 'vitest';
import { tablesStatus, type PhaseKind } from '../../src/lib/protocol';
import { DomainError } from '../../src/lib/server/errors';
import { applyJustificationEdit } from '../../src/lib/server/tables/rules';
import { plannedTableName } from '../../src/lib/server/tables/plan';

const phases: { id: number; kind: PhaseKind; position: number }[] = [
	{ id: 10, kind: 'vote', position: 0 },
	{ id: 11, kind: 'tables', position: 1 },
	{ id: 12, kind: 'restitution', position: 2 }
];
const at = (
	currentPhaseId: number | null,
	extra: Partial<Parameters<typeof tablesStatus>[0]> = {}
) =>
	tablesStatus({
		sessionStatus: 'live',
		currentPhaseId,
		phases,
		closedByFacilitator: false,
		...extra
	});

describe('tablesStatus', () => {
	it('is upcoming before the tables phase, open during it, closed after it', () => {
		expect(at(null, { sessionStatus: 'draft' })).toBe('upcoming');
		expect(at(10)).toBe('upcoming');
		expect(at(11)).toBe('open');
		expect(at(12)).toBe('closed');
	});

	it('is closed when the facilitator closed the tables or the session, whatever the phase', () => {
		expect(at(11, { closedByFacilitator: true })).toBe('closed');
		expect(at(10, { closedByFacilitator: true })).toBe('closed');
		expect(at(11, { sessionStatus: 'closed' })).toBe('closed');
	});

	it('stays upcoming in a programme without a tables phase', () => {
		expect(at(12, { phases: phases.filter((p) => p.kind !== 'tables') })).toBe('upcoming');
	});
});

describe('applyJustificationEdit', () => {
	it('accepts a write against the current revision and increases it', () => {
		expect(
			applyJustificationEdit({ text: '', revision: 1 }, { text: ' Parce que ', baseRevision: 1 })
		).toEqual({ text: 'Parce que', revision: 2, changed: true });
	});

	it('refuses a stale write with the current text, unless it writes that very text', () => {
		let caught: unknown;
		try {
			applyJustificationEdit({ text: 'theirs', revision: 3 }, { text: 'mine', baseRevision: 2 });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(DomainError);
		expect((caught as DomainError).code).toBe('tables_conflict');
		expect((caught as DomainError).params).toEqual({ text: 'theirs', revision: 3 });
		expect(
			applyJustificationEdit({ text: 'same', revision: 3 }, { text: 'same', baseRevision: 1 })
		).toEqual({ text: 'same', revision: 3, changed: false });
	});

	it('refuses a justification longer than the limit', () => {
		expect(() =>
			applyJustificationEdit({ text: '', revision: 1 }, { text: 'x'.repeat(2001), baseRevision: 1 })
		).toThrow(DomainError);
	});
});

describe('plannedTableName', () => {
	it('names a table by its priority, with a letter when the priority has several', () => {
		expect(plannedTableName(2, { indexInPriority: 0, tablesForPriority: 1 })).toBe('2');
		expect(plannedTableName(1, { indexInPriority: 0, tablesForPriority: 3 })).toBe('1a');
		expect(plannedTableName(1, { indexInPriority: 2, tablesForPriority: 3 })).toBe('1c');
	});
});
