import type { DbWith, TxWith } from '../db';
import type { Generated, Selectable } from 'kysely';
import type { CandidateSource, VoteStatus } from '../../protocol';

/** The vote's tables (migrations 003_vote, 008_ballot_rows). Booleans are 0/1, timestamps ISO text. */
export type VoteTables = {
	vote: VoteTable;
	vote_candidate: VoteCandidateTable;
	ballot: BallotTable;
};

export interface VoteTable {
	concertation_id: number;
	status: Generated<VoteStatus>;
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
	source: CandidateSource;
	source_id: number | null;
	/** '' where nobody wrote that language (never a copy, see migration 016). */
	label_fr: string;
	label_nl: string;
	/** Only an option taken from a topic typed in English. */
	label_en: Generated<string>;
	position: number;
	withdrawn: Generated<number>;
	priority_position: number | null;
	created_at: string;
}

/**
 * A participant's ballot: the candidates given 3, 2 and 1 points (a partial ballot has no 1,
 * or neither 2 nor 1). The participant is kept only to keep one ballot per participant.
 */
export interface BallotTable {
	participant_id: number;
	concertation_id: number;
	three_points_to: number;
	two_points_to: number | null;
	one_point_to: number | null;
}

export type Vote = Selectable<VoteTable>;
export type VoteCandidate = Selectable<VoteCandidateTable>;

/** The core's tables and this phase kind's, as its modules read and write them. */
export type VoteDb = DbWith<VoteTables>;
export type VoteTx = TxWith<VoteTables>;
