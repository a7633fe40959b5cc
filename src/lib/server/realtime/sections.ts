import type { Audience, SectionName, Sections, SelfView } from '../../protocol';
import type { Db } from '../db';
import type { Concertation, Participant } from '../db/schema';

/**
 * Each domain says how to build its section of the state for each audience; the snapshot
 * and the broadcaster only call these. Returning `undefined` hides the section from that
 * audience (e.g. unrevealed vote results from phones).
 */
export type SectionBuilder<N extends SectionName> = (
	db: Db,
	concertation: Concertation,
	audience: Audience
) => Promise<Sections[N] | undefined>;

const builders = new Map<SectionName, SectionBuilder<SectionName>>();

export function registerSection<N extends SectionName>(name: N, build: SectionBuilder<N>): void {
	builders.set(name, build as unknown as SectionBuilder<SectionName>);
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

/** A participant's own state (their profile, their submissions and statuses). */
export type SelfBuilder = (db: Db, participant: Participant) => Promise<Partial<SelfView>>;
const selfBuilders: SelfBuilder[] = [];

export function registerSelfBuilder(build: SelfBuilder): void {
	selfBuilders.push(build);
}

export async function buildSelf(db: Db, participant: Participant): Promise<SelfView> {
	let self = {} as SelfView;
	for (const build of selfBuilders) self = { ...self, ...(await build(db, participant)) };
	return self;
}
