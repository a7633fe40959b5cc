import type { ZodType } from 'zod';

/**
 * What a phase kind declares in the protocol: its kind and its commands' payload schemas and,
 * as types only, its commands' results, its sections of the concertation's state and its part
 * of a participant's own view. `phases.ts` lists every phase; the protocol's index derives
 * the command map, the sections and the self view from that list.
 */
export interface PhaseProtocol<K extends string, C, Results, Sections, Self> {
	kind: K;
	commands: C;
	/** Never set: carries the phase's types to `phases.ts`. */
	readonly types?: { results: Results; sections: Sections; self: Self };
}

/**
 * `definePhase<Results, Sections, Self>()({ kind, commands })`: the types are given, the kind
 * and the schemas inferred (hence the two calls). Results must name every command.
 */
export function definePhase<
	Results,
	Sections = Record<never, never>,
	Self = Record<never, never>
>() {
	return <K extends string, C extends { [N in keyof Results]: ZodType }>(definition: {
		kind: K;
		commands: C;
	}): PhaseProtocol<K, C, Results, Sections, Self> => definition;
}
