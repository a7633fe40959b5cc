// What the restitution prints of the vote: its final results, published through the ports
// (vote → restitution).
import { provideVoteResults, selectedPriorities, type SourceVote } from '../ports';
import { tallyFromCounts } from './rules';
import type { VoteDb } from './schema';
import {
	asRuleCandidate,
	countParticipants,
	listCandidates,
	loadVote as loadVoteRow,
	votersIn,
	weightCounts
} from './store';

/**
 * The vote's final results: only once the vote is closed (an open vote has no result yet).
 * Totals only — the ballots stay anonymous. An entry is "selected" when it went on to a
 * discussion table.
 */
async function loadVote(
	db: VoteDb,
	concertationId: number,
	tableCandidateIds: readonly (number | null)[]
): Promise<SourceVote | null> {
	const [vote, candidates, counts, present, selected] = await Promise.all([
		loadVoteRow(db, concertationId),
		listCandidates(db, concertationId),
		weightCounts(db, concertationId),
		countParticipants(db, concertationId),
		selectedPriorities(db, concertationId)
	]);
	if (vote.status !== 'closed') return null;
	const tally = tallyFromCounts(counts, candidates.map(asRuleCandidate));
	if (tally.length === 0) return null;
	const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
	const chosen = new Set<number>([
		...selected.map((priority) => priority.candidateId),
		...tableCandidateIds.filter((id): id is number => id !== null)
	]);
	return {
		voters: votersIn(counts),
		present,
		entries: tally.flatMap((row) => {
			const candidate = byId.get(row.candidateId);
			if (!candidate) return [];
			return [
				{
					candidateId: row.candidateId,
					// Untranslated options print once, in their own language (never a copy).
					label:
						candidate.label_fr.trim() || candidate.label_nl.trim()
							? { fr: candidate.label_fr, nl: candidate.label_nl }
							: { text: candidate.label_en, language: 'en' },
					points: row.points,
					rank: row.rank,
					tied: row.tied,
					selected: chosen.has(row.candidateId)
				}
			];
		})
	};
}

provideVoteResults((db, concertationId, tableCandidateIds) =>
	loadVote(db as VoteDb, concertationId, tableCandidateIds)
);
