/**
 * Where one phase hands its results to another without the two modules importing each
 * other: the questions-and-topics phase provides the vote's candidates, the vote the
 * priorities that become discussion tables, and the tables what they produced (which the
 * vote's and the tables' parts of the restitution read: each part reads its own phase's
 * tables itself, see restitution/part.ts).
 * A provider registers itself when its phase's module loads (see phases.ts); until one does,
 * the consumer gets the port's empty answer (the facilitator can still enter things by hand).
 */
import type { LocalizedText } from '../protocol';
import type { Queryable } from './db';

export interface CandidateSeed {
	source: 'question' | 'topic';
	/** The id of the question or topic, stable across reorderings and edits. */
	sourceId: number;
	/** '' in a language nobody wrote (never a copy). */
	label: LocalizedText;
	position: number;
}

export interface SelectedPriority {
	/** The vote candidate's id. */
	candidateId: number;
	/** '' in a language nobody wrote (never a copy). */
	label: LocalizedText;
	rank: number;
	points: number;
}

/** What a discussion table produced, for the restitution (tables → restitution). */
export interface TableOutcome {
	/** The table's id: stable, so restitution edits can point at it. */
	id: number;
	name: string;
	/** The vote candidate it came from; null for a priority typed by hand. */
	candidateId: number | null;
	/** In the languages it was written in (`en` only when written). */
	priority: { fr: string; nl: string; en?: string };
	barriers: TableOutcomeItem[];
	levers: TableOutcomeItem[];
	collaborations: TableOutcomeItem[];
	actors: TableOutcomeItem[];
	/** The rapporteur's display name, or null when nobody took the role. */
	rapporteur: string | null;
	/** The rapporteur's participant id, so the restitution can check their consent. */
	rapporteurParticipantId: number | null;
	justification: string;
}

export interface TableOutcomeItem {
	/** The note's id: stable, so restitution edits can point at it. */
	id: number;
	text: string;
	key: boolean;
	/** The author's phone language ('' when the facilitator typed it). */
	language: string;
}

/** One hand-off: a consumer reads through it whatever its provider registered, or `empty`. */
class Port<Args extends unknown[], T> {
	private provider: ((db: Queryable, ...args: Args) => Promise<T>) | null = null;
	constructor(private readonly empty: () => T) {}

	provide(provider: (db: Queryable, ...args: Args) => Promise<T>): void {
		this.provider = provider;
	}

	read(db: Queryable, ...args: Args): Promise<T> {
		return this.provider ? this.provider(db, ...args) : Promise.resolve(this.empty());
	}
}

const candidates = new Port<[concertationId: number], CandidateSeed[]>(() => []);
const priorities = new Port<[concertationId: number], SelectedPriority[]>(() => []);
const tableOutcomes = new Port<[concertationId: number], TableOutcome[]>(() => []);

export const provideCandidates = candidates.provide.bind(candidates);
/** The approved questions and topics, in ballot order. */
export const approvedCandidates = candidates.read.bind(candidates);

export const provideSelectedPriorities = priorities.provide.bind(priorities);
/** The priorities the facilitator selected after the vote, best ranked first. */
export const selectedPriorities = priorities.read.bind(priorities);

export const provideTableOutcomes = tableOutcomes.provide.bind(tableOutcomes);
/** The discussion tables in order, each with its four lists (key items first). */
export const discussionTableOutcomes = tableOutcomes.read.bind(tableOutcomes);
