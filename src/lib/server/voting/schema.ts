import type { Generated, Selectable } from 'kysely';

/** The vote's tables (migration 003_vote). Booleans are 0/1, timestamps ISO text. */
export interface VoteTables {
	vote: VoteTable;
	vote_candidate: VoteCandidateTable;
	ballot_choice: BallotChoiceTable;
}

export interface VoteTable {
	concertation_id: number;
	status: Generated<'draft' | 'open' | 'closed'>;
	min_choices: Generated<number>;
	hide_results: Generated<number>;
	revealed: Generated<number>;
	priorities_chosen: Generated<number>;
	opened_at: string | null;
	closed_at: string | null;
}

export interface VoteCandidateTable {
	id: Generated<number>;
	concertation_id: number;
	source: 'question' | 'topic' | 'manual';
	source_id: number | null;
	label_fr: string;
	label_nl: string;
	position: number;
	withdrawn: Generated<number>;
	priority_position: number | null;
	created_at: string;
}

/** One line of a ballot. The participant is kept only to keep one ballot per participant. */
export interface BallotChoiceTable {
	concertation_id: number;
	participant_id: number;
	candidate_id: number;
	weight: number;
}

export type Vote = Selectable<VoteTable>;
export type VoteCandidate = Selectable<VoteCandidateTable>;
