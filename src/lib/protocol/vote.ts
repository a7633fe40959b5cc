/**
 * The priority vote's part of the realtime protocol: 3, 2 and 1 points from phones,
 * candidates prepared by the facilitator, results that may stay hidden until revealed,
 * and the priorities chosen for the discussion tables. See docs/protocol.md.
 */
import { z } from 'zod';
import { translationLanguageSchema, type LocalizedText } from './localized';
import { definePhase } from './phase';
import { countSchema, defineSummaryPart, labelSchema } from './summary-blocks';

export const VOTE_LIMITS = {
	candidateLabel: 200,
	candidates: 40,
	priorities: 12
} as const;

export type VoteStatus = 'draft' | 'open' | 'closed';
/** 1: only the 3 is required; 2: the 3 and the 2; 3 (default): all three. */
export type VoteMinChoices = 1 | 2 | 3;
export type CandidateSource = 'question' | 'topic' | 'manual';

const candidateId = z.number().int().positive();
const label = z.string().max(VOTE_LIMITS.candidateLabel * 4);

export const voteCommandSchemas = {
	/** Takes the approved questions and topics of the previous phase as candidates. */
	'vote.candidates.import': z.object({}).strict(),
	/** Labels in the content languages; `labelEn` for English (kept when absent in an edit). */
	'vote.candidates.add': z
		.object({ labelFr: label, labelNl: label, labelEn: label.optional() })
		.strict(),
	'vote.candidates.edit': z
		.object({ candidateId, labelFr: label, labelNl: label, labelEn: label.optional() })
		.strict(),
	/** Adds a language nobody wrote yet to an option's label (any time, even once closed). */
	'vote.candidates.translate': z
		.object({ candidateId, language: translationLanguageSchema, label })
		.strict(),
	/** Withdraws a candidate from the ballot (or puts it back with `withdrawn: false`). */
	'vote.candidates.withdraw': z.object({ candidateId, withdrawn: z.boolean() }).strict(),
	'vote.settings': z
		.object({
			minChoices: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
			hideResults: z.boolean().optional()
		})
		.strict(),
	'vote.open': z.object({}).strict(),
	'vote.close': z.object({}).strict(),
	/** Reopens a closed vote, ballots kept, until the discussion tables start. */
	'vote.reopen': z.object({}).strict(),
	/** Shows (or hides again) hidden results on the projector and the phones. */
	'vote.reveal': z.object({ revealed: z.boolean() }).strict(),
	/** A participant's whole ballot; it replaces any earlier one while the vote is open. */
	'vote.cast': z
		.object({
			choices: z
				.array(z.object({ candidateId, weight: z.number().int() }).strict())
				.min(1)
				.max(3)
		})
		.strict(),
	/** The priorities that go to the discussion tables, best first; `null`: back to the top 3. */
	'vote.select': z
		.object({
			candidateIds: z.array(candidateId).max(VOTE_LIMITS.priorities).nullable()
		})
		.strict()
} as const;

export interface VoteCandidateView {
	id: number;
	/** '' in a language nobody wrote (never a copy). */
	label: LocalizedText;
	position: number;
	source: CandidateSource;
	/** The question or topic it came from (its `id` in the `topics` section); null if manual. */
	sourceId: number | null;
	/** Facilitators only see withdrawn candidates; everyone else sees the ballot. */
	withdrawn: boolean;
}

/** One candidate's result, as the rules count it (vote/rules.ts). No participant in it. */
export interface VoteTallyRow {
	candidateId: number;
	points: number;
	threes: number;
	twos: number;
	ones: number;
	/** Participants whose ballot named this candidate, whatever the weight. */
	voters: number;
	/** Competition ranking (1, 2, 2, 4): exact ties share a rank. */
	rank: number;
	/** True when another candidate has exactly the same standing: a tie is never hidden. */
	tied: boolean;
}

export interface VoteTurnoutView {
	voters: number;
	/** Participants who joined the concertation. */
	present: number;
	ratio: number;
}

export interface VotePrioritiesView {
	/** Candidate ids, best ranked first. */
	candidateIds: number[];
	/** True while the facilitator has not chosen: the top 3 of the tally. */
	isDefault: boolean;
	/** True when the default kept more than 3 because of a tie at the cut. */
	tieAtCut: boolean;
}

export interface VoteSectionView {
	status: VoteStatus;
	settings: { minChoices: VoteMinChoices; hideResults: boolean };
	revealed: boolean;
	candidates: VoteCandidateView[];
	turnout: VoteTurnoutView;
	/**
	 * Ranked tally (no participant in it). Always sent to facilitators; to the projector and
	 * phones only when results are not hidden or have been revealed, else `null`.
	 */
	tally: VoteTallyRow[] | null;
	/** Facilitators only, once the vote is closed. */
	priorities?: VotePrioritiesView;
}

export interface VoteSections {
	vote: VoteSectionView;
}

export interface VoteSelf {
	/** The participant's own current ballot, 3 first; empty when they have not voted. */
	vote?: { ballot: { candidateId: number; weight: 3 | 2 | 1 }[] };
}

export interface VoteCommandResults {
	'vote.candidates.import': { added: number };
	'vote.candidates.add': { candidateId: number };
	'vote.candidates.edit': { candidateId: number };
	'vote.candidates.translate': { candidateId: number };
	'vote.candidates.withdraw': { candidateId: number };
	'vote.settings': { minChoices: VoteMinChoices; hideResults: boolean };
	'vote.open': { status: VoteStatus; imported: number };
	'vote.close': { status: VoteStatus };
	'vote.reopen': { status: VoteStatus };
	'vote.reveal': { revealed: boolean };
	/** No choices here: answers are kept for retries, and must not tell who voted for what. */
	'vote.cast': { replaced: boolean };
	'vote.select': { candidateIds: number[] };
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** One ballot entry's result. */
export const rankedPrioritySchema = z
	.object({
		label: labelSchema,
		points: countSchema,
		/** Competition ranking (1, 2, 2, 4): tied entries share a rank. */
		rank: z.number().int().positive(),
		/** True when another entry has exactly the same standing: printed as "=2". */
		tied: z.boolean(),
		/** True when the entry went on to a discussion table. */
		selected: z.boolean().optional()
	})
	.strict();
export type RankedPriority = z.infer<typeof rankedPrioritySchema>;

export const voteResultSchema = z
	.object({
		/** Participants who cast a ballot. */
		voters: countSchema,
		/** Participants present when the vote closed. */
		present: countSchema,
		/** Every entry, best first. */
		priorities: z.array(rankedPrioritySchema)
	})
	.strict();
export type VoteResult = z.infer<typeof voteResultSchema>;

/** The vote's results: `vote`, absent when the meeting had no vote; the first of the results. */
export const voteSummary = defineSummaryPart({
	in: 'document',
	slot: 'results',
	optional: true,
	schema: voteResultSchema
});

/** "=2" for a shared rank: a tie is never hidden. */
export function rankLabel(priority: Pick<RankedPriority, 'rank' | 'tied'>): string {
	return priority.tied ? `=${priority.rank}` : String(priority.rank);
}

/** Ballot entries best first; ties keep the caller's order. */
export function byRank(priorities: readonly RankedPriority[]): RankedPriority[] {
	return priorities
		.map((priority, index) => ({ priority, index }))
		.sort((a, b) => a.priority.rank - b.priority.rank || a.index - b.index)
		.map(({ priority }) => priority);
}

export const vote = definePhase<VoteCommandResults, VoteSections, VoteSelf>()({
	kind: 'vote',
	commands: voteCommandSchemas,
	summary: voteSummary
});
