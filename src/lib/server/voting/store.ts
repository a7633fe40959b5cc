/**
 * The vote's queries. Results are always read as aggregates: no query here returns who
 * chose what, except a participant's own ballot for their own device.
 */
import type { Db } from '../db';
import type { Vote, VoteCandidate } from './schema';
import type { BallotChoice, Candidate, WeightCount } from './rules';

/** A concertation whose vote was never touched has the defaults: draft, full ballots, hidden. */
export function defaultVote(concertationId: number): Vote {
	return {
		concertation_id: concertationId,
		status: 'draft',
		min_choices: 3,
		hide_results: 1,
		revealed: 0,
		priorities_chosen: 0,
		opened_at: null,
		closed_at: null
	};
}

export async function loadVote(db: Db, concertationId: number): Promise<Vote> {
	const vote = await db
		.selectFrom('vote')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return vote ?? defaultVote(concertationId);
}

/** The vote row, created with its defaults the first time something changes it. */
export async function ensureVote(db: Db, concertationId: number): Promise<Vote> {
	await db
		.insertInto('vote')
		.values({ concertation_id: concertationId })
		.onConflict((conflict) => conflict.column('concertation_id').doNothing())
		.execute();
	return loadVote(db, concertationId);
}

export async function listCandidates(db: Db, concertationId: number): Promise<VoteCandidate[]> {
	return db
		.selectFrom('vote_candidate')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export function asRuleCandidate(candidate: VoteCandidate): Candidate {
	return { id: candidate.id, position: candidate.position, withdrawn: candidate.withdrawn === 1 };
}

export async function nextCandidatePosition(db: Db, concertationId: number): Promise<number> {
	const row = await db
		.selectFrom('vote_candidate')
		.select((eb) => eb.fn.max('position').as('last'))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return (row?.last ?? 0) + 1;
}

/** The whole tally in one aggregate query over the tally index. */
export async function weightCounts(db: Db, concertationId: number): Promise<WeightCount[]> {
	const rows = await db
		.selectFrom('ballot_choice')
		.select(['candidate_id', 'weight', (eb) => eb.fn.countAll<number>().as('count')])
		.where('concertation_id', '=', concertationId)
		.groupBy(['candidate_id', 'weight'])
		.execute();
	return rows.map((row) => ({
		candidateId: row.candidate_id,
		weight: row.weight,
		count: Number(row.count)
	}));
}

/** Every ballot has a 3 (ballots fill from the top), so voters are the number of 3s given. */
export function votersIn(counts: readonly WeightCount[]): number {
	return counts.reduce((sum, row) => (row.weight === 3 ? sum + row.count : sum), 0);
}

export async function countParticipants(db: Db, concertationId: number): Promise<number> {
	const row = await db
		.selectFrom('participant')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return Number(row?.count ?? 0);
}

export async function ballotOf(db: Db, participantId: number): Promise<BallotChoice[]> {
	const rows = await db
		.selectFrom('ballot_choice')
		.select(['candidate_id', 'weight'])
		.where('participant_id', '=', participantId)
		.orderBy('weight', 'desc')
		.execute();
	return rows.map((row) => ({
		candidateId: row.candidate_id,
		weight: row.weight as BallotChoice['weight']
	}));
}

/** Replaces a participant's ballot; returns whether there was one before. */
export async function replaceBallot(
	db: Db,
	concertationId: number,
	participantId: number,
	choices: readonly BallotChoice[]
): Promise<boolean> {
	const removed = await db
		.deleteFrom('ballot_choice')
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	await db
		.insertInto('ballot_choice')
		.values(
			choices.map((choice) => ({
				concertation_id: concertationId,
				participant_id: participantId,
				candidate_id: choice.candidateId,
				weight: choice.weight
			}))
		)
		.execute();
	return Number(removed.numDeletedRows) > 0;
}
