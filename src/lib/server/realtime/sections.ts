import type { Audience, RosterChanges, SectionName, Sections, SelfView } from '../../protocol';
import type { Db, DbWith, Tables } from '../db';
import type { Concertation, Participant } from '../db/schema';

/**
 * Each domain says how to build its section of the state for each audience; the snapshot
 * and the broadcaster only call these. Returning `undefined` hides the section from that
 * audience (e.g. unrevealed vote results from phones).
 */
export type SectionBuilder<N extends SectionName, T extends Tables = Record<never, never>> = (
	db: DbWith<T>,
	concertation: Concertation,
	audience: Audience
) => Promise<Sections[N] | undefined>;

const builders = new Map<SectionName, SectionBuilder<SectionName>>();
/**
 * Sections that count who joined: always (the vote's turnout), or only while their own step
 * is on (the tour's headcount, whose console copy lists everyone: resent on every join of a
 * 2,000-person arrival, it would cost the console more than the room's arrival itself).
 */
const joinCounting = new Map<SectionName, 'always' | 'atItsStep'>();

/**
 * `T`: the registering phase's own tables, which its builder reads besides the core's. Kysely's
 * `withTables` only changes types, so the builder is stored as it is and given the core's `db`.
 * `countsJoins`: the section changes when someone joins, so a join sends it again (coalesced
 * with the others of that second, and only to audiences whose copy really changed).
 */
export function registerSection<N extends SectionName, T extends Tables = Record<never, never>>(
	name: N,
	build: SectionBuilder<N, T>,
	options: { countsJoins?: 'always' | 'atItsStep' } = {}
): void {
	builders.set(name, build as unknown as SectionBuilder<SectionName>);
	if (options.countsJoins) joinCounting.set(name, options.countsJoins);
}

/** What a join changes besides the presence counts, with `currentKind` the step that is on. */
export function sectionsCountingJoins(currentKind: string | null): SectionName[] {
	return [...joinCounting]
		.filter(([name, when]) => when === 'always' || name === currentKind)
		.map(([name]) => name);
}

/**
 * The section of a step's own kind, when it has one: sent again when the step starts, since
 * what it counts (who joined) may have changed unannounced while another step was on.
 */
export function sectionOfKind(kind: string): SectionName[] {
	return builders.has(kind as SectionName) ? [kind as SectionName] : [];
}

export function sectionNames(): SectionName[] {
	return [...builders.keys()];
}

export async function buildSections(
	db: Db,
	concertation: Concertation,
	audience: Audience,
	names: Iterable<SectionName> = builders.keys()
): Promise<Partial<Sections>> {
	const sections: Partial<Record<SectionName, unknown>> = {};
	for (const name of names) {
		const build = builders.get(name);
		if (!build) continue;
		const value = await build(db, concertation, audience);
		if (value !== undefined) sections[name] = value;
	}
	return sections as Partial<Sections>;
}

/**
 * Participants' own state (their profile, their submissions and statuses), built for several
 * participants at once: one part per participant, in the order given. A builder reads each of
 * its tables once for all of them (`where participant_id in …`): a reconnect storm asks for
 * thousands of these within seconds, and one query per table per phone was half its cost.
 */
export type SelfBuilder<T extends Tables = Record<never, never>> = (
	db: DbWith<T>,
	participants: readonly Participant[]
) => Promise<Partial<SelfView>[]>;
const selfBuilders: SelfBuilder[] = [];

export function registerSelfBuilder<T extends Tables = Record<never, never>>(
	build: SelfBuilder<T>
): void {
	selfBuilders.push(build as unknown as SelfBuilder);
}

/** The own views of `participants`, in their order. */
export async function buildSelves(
	db: Db,
	participants: readonly Participant[]
): Promise<SelfView[]> {
	const selves = participants.map(() => ({}) as SelfView);
	if (participants.length === 0) return selves;
	for (const build of selfBuilders) {
		const parts = await build(db, participants);
		parts.forEach((part, index) => Object.assign(selves[index]!, part));
	}
	return selves;
}

/**
 * A builder's rows grouped by participant, in the order of `participants` (none for a
 * participant without rows), the rows' own order kept.
 */
export function rowsPerParticipant<R>(
	participants: readonly Participant[],
	rows: readonly R[],
	participantOf: (row: R) => number
): R[][] {
	const byParticipant = new Map<number, R[]>();
	for (const row of rows) {
		const id = participantOf(row);
		const list = byParticipant.get(id);
		if (list) list.push(row);
		else byParticipant.set(id, [row]);
	}
	return participants.map((participant) => byParticipant.get(participant.id) ?? []);
}

/**
 * The consoles' roster is sent whole in a snapshot, then as changes: the entries of the
 * participants who joined or changed since the last update. The participants' module says
 * how to read those entries.
 */
export type RosterChangesBuilder = (
	db: Db,
	concertation: Concertation,
	participantIds: readonly number[]
) => Promise<RosterChanges>;
let rosterChanges: RosterChangesBuilder | null = null;

export function registerRosterChanges(build: RosterChangesBuilder): void {
	rosterChanges = build;
}

export function buildRosterChanges(
	db: Db,
	concertation: Concertation,
	participantIds: readonly number[]
): Promise<RosterChanges> {
	return rosterChanges
		? rosterChanges(db, concertation, participantIds)
		: Promise.resolve({ participants: [], removed: [] });
}
