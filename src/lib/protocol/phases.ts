/**
 * Every phase kind, in the order of the standard programme: THE list a new phase kind is
 * added to (see docs/architecture.md, "Adding a phase kind"). The kinds, the command map, the
 * sections and the self view derive from it here; the server registers the phase's folder
 * `src/lib/server/<kind>/`, the components' registry `components/phases/<kind>/`, and i18n
 * the namespace `locales/<language>/<kind>.json`, each found by the kind's name.
 */
import type { Bilingual } from './core';
import { followup } from './followup';
import { introduction } from './introduction';
import { needs } from './needs';
import { news } from './news';
import { qna } from './qna';
import { restitution } from './restitution';
import { tables } from './tables';
import { topics } from './topics';
import { tour } from './tour';
import { vote } from './vote';

export const PHASES = [
	introduction,
	tour,
	news,
	followup,
	needs,
	topics,
	vote,
	tables,
	qna,
	restitution
] as const;

type Phase = (typeof PHASES)[number];
export type PhaseKind = Phase['kind'];
export const PHASE_KINDS = PHASES.map((phase) => phase.kind) as [PhaseKind, ...PhaseKind[]];

/** One type from the union of the phases' parts: their commands, sections, self views. */
type Joined<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void
	? I
	: never;
type Types = NonNullable<Phase['types']>;
export type PhaseCommandSchemas = Joined<Phase['commands']>;
export type PhaseCommandResults = Joined<Types['results']>;
export type PhaseSections = Joined<Types['sections']>;
export type PhaseSelf = Joined<Types['self']>;

/** Every phase's command schemas, by command name. */
export const phaseCommandSchemas = Object.assign(
	{},
	...PHASES.map((phase) => phase.commands)
) as PhaseCommandSchemas;

/** A step of a concertation's programme: one phase kind, with its texts and duration. */
export interface PhaseView {
	id: number;
	kind: PhaseKind;
	position: number;
	title: Bilingual;
	body: Bilingual;
	durationMinutes: number;
	/** Facilitators only: their private notes for running this step. */
	notes?: string;
}
