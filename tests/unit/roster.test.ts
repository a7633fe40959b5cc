import { describe, expect, it } from 'vitest';
import { patchRoster } from '../../src/lib/client/roster';
import type { ParticipantSummary } from '../../src/lib/protocol';

const person = (id: number, online = false, displayName = `P${id}`): ParticipantSummary =>
	online ? { id, displayName, online } : { id, displayName };

describe('the consoles’ roster, kept by changes', () => {
	it('replaces who changed in place, adds newcomers at the end, drops who left', () => {
		const roster = { participants: [person(1), person(2), person(3)] };
		const patched = patchRoster(roster, {
			participants: [person(4, true), person(2, true, 'Bram')],
			removed: [3]
		});
		expect(patched.participants).toEqual([person(1), person(2, true, 'Bram'), person(4, true)]);
		// The roster given is left as it was (the page's state is replaced, never mutated).
		expect(roster.participants.map((entry) => entry.id)).toEqual([1, 2, 3]);
	});

	it('ignores the removal of someone it never had', () => {
		expect(patchRoster({ participants: [person(1)] }, { participants: [], removed: [9] })).toEqual({
			participants: [person(1)]
		});
	});
});
