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

/** A person of the roster as the console's lists show them (blank fields filled in). */
export interface RosterPerson {
	id: number;
	displayName: string;
	organisation: string;
	sector: string | null;
}

/**
 * Finds people of the roster by participant id: sections that list people (the tour, the
 * tables) send ids only, and the console reads names here. An id the roster does not know
 * yet (an update still on its way) is left out rather than shown blank.
 */
export function rosterPeople(
	roster: RosterView | undefined
): (ids: readonly number[]) => RosterPerson[] {
	const byId = new Map((roster?.participants ?? []).map((entry) => [entry.id, entry]));
	return (ids) =>
		ids.flatMap((id) => {
			const entry = byId.get(id);
			return entry
				? [
						{
							id,
							displayName: entry.displayName,
							organisation: entry.organisation ?? '',
							sector: entry.sector ?? null
						}
					]
				: [];
		});
}
