import type { ZodType } from 'zod';
import type { SummaryPartDeclaration } from './summary-blocks';

/**
 * What a phase kind declares in the protocol: its kind and its commands' payload schemas and,
 * as types only, its commands' results, its sections of the concertation's state and its part
 * of a participant's own view; and its part of the restitution, when it has one. `phases.ts`
 * lists every phase; the protocol's index derives the command map, the sections and the self
 * view from that list, and `summary.ts` the restitution's model.
 */
export interface PhaseProtocol<
	K extends string,
	C,
	Results,
	Sections,
	Self,
	Summary extends SummaryPartDeclaration | undefined = undefined
> {
	kind: K;
	commands: C;
	/** Its part of the restitution: its section of the model and where it goes. */
	summary?: Summary;
	/** Never set: carries the phase's types to `phases.ts`. */
	readonly types?: { results: Results; sections: Sections; self: Self };
}

/**
 * `definePhase<Results, Sections, Self>()({ kind, commands, summary? })`: the types are given,
 * the kind, the schemas and the summary part inferred (hence the two calls). Results must name
 * every command.
 */
export function definePhase<
	Results,
	Sections = Record<never, never>,
	Self = Record<never, never>
>() {
	return <
		K extends string,
		C extends { [N in keyof Results]: ZodType },
		Summary extends SummaryPartDeclaration | undefined = undefined
	>(definition: {
		kind: K;
		commands: C;
		summary?: Summary;
	}): PhaseProtocol<K, C, Results, Sections, Self, Summary> => definition;
}
