import type { RosterChanges, RosterView } from '../protocol';

/**
 * The consoles' roster after an update's changes: who changed replaced in place, who joined
 * added at the end (the roster is in joining order), who left removed.
 */
export function patchRoster(roster: RosterView, changes: RosterChanges): RosterView {
	const changed = new Map(changes.participants.map((entry) => [entry.id, entry]));
	const removed = new Set(changes.removed);
	const participants = roster.participants
		.filter((entry) => !removed.has(entry.id))
		.map((entry) => {
			const next = changed.get(entry.id);
			changed.delete(entry.id);
			return next ?? entry;
		});
	return { participants: [...participants, ...changed.values()] };
}
