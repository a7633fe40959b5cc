/**
 * Where one phase hands its results to the next without the two modules importing each
 * other: the questions-and-topics phase provides the vote's candidates, the vote provides
 * the priorities that become discussion tables. A provider registers itself when its module
 * loads (see boot.ts); until one does, the consumer sees an empty list and the facilitator
 * can still enter things by hand.
 */
import type { LocalizedText } from '../protocol';
import type { Db } from './db';

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

type Provider<T> = (db: Db, concertationId: number) => Promise<T[]>;

let candidates: Provider<CandidateSeed> | null = null;
let priorities: Provider<SelectedPriority> | null = null;

export function provideCandidates(provider: Provider<CandidateSeed>): void {
	candidates = provider;
}

/** The approved questions and topics, in ballot order. */
export function approvedCandidates(db: Db, concertationId: number): Promise<CandidateSeed[]> {
	return candidates ? candidates(db, concertationId) : Promise.resolve([]);
}

export function provideSelectedPriorities(provider: Provider<SelectedPriority>): void {
	priorities = provider;
}

/** The priorities the facilitator selected after the vote, best ranked first. */
export function selectedPriorities(db: Db, concertationId: number): Promise<SelectedPriority[]> {
	return priorities ? priorities(db, concertationId) : Promise.resolve([]);
}

/** What a discussion table produced, for the restitution (tables → restitution). */
export interface TableOutcome {
	/** The table's id: stable, so restitution edits can point at it. */
	id: number;
	name: string;
	/** The vote candidate it came from; null for a priority typed by hand. */
	candidateId: number | null;
	priority: { fr: string; nl: string };
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

let tableOutcomes: Provider<TableOutcome> | null = null;

export function provideTableOutcomes(provider: Provider<TableOutcome>): void {
	tableOutcomes = provider;
}

/** The discussion tables in order, each with its four lists (key items first). */
export function discussionTableOutcomes(db: Db, concertationId: number): Promise<TableOutcome[]> {
	return tableOutcomes ? tableOutcomes(db, concertationId) : Promise.resolve([]);
}
