/**
 * What each audience sees of the vote, what a participant sees of their own ballot, the
 * priorities handed to the tables phase, and the results export. Results are aggregates
 * only: nothing here can tell who gave points to what.
 */
import type { VoteDb, VoteTables } from './schema';
import {
	localizedFromColumns,
	type Audience,
	type VoteCandidateView,
	type VotePrioritiesView,
	type VoteSectionView,
	type VoteMinChoices,
	type VoteSelf,
	type VoteTallyRow
} from '../../protocol';

import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguages } from '../../protocol/localized';
import type { Concertation } from '../db/schema';
import { provideSelectedPriorities, type SelectedPriority } from '../ports';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import { defaultSelection, resultsCsv, tallyFromCounts, turnout } from './rules';
import type { Vote, VoteCandidate } from './schema';
import {
	asRuleCandidate,
	ballotsOf,
	countParticipants,
	listCandidates,
	loadVote,
	votersIn,
	weightCounts
} from './store';

/** Everything the section is made of, read once and shared by the three audiences. */
interface VoteState {
	vote: Vote;
	candidates: VoteCandidate[];
	tally: VoteTallyRow[];
	voters: number;
	present: number;
}

async function readVoteState(db: VoteDb, concertationId: number): Promise<VoteState> {
	const [vote, candidates, counts, present] = await Promise.all([
		loadVote(db, concertationId),
		listCandidates(db, concertationId),
		weightCounts(db, concertationId),
		countParticipants(db, concertationId)
	]);
	return {
		vote,
		candidates,
		tally: tallyFromCounts(counts, candidates.map(asRuleCandidate)),
		voters: votersIn(counts),
		present
	};
}

/**
 * The state read last, per database and concertation, with the version it was read at.
 * Every committed change bumps the concertation's version, so one version has one vote
 * state: the audiences of a broadcast, flushed at the same moment (consoles and projector
 * ten times a second during a vote), share one read. A snapshot reads inside its own
 * transaction and is not shared.
 */
const latestStates = new WeakMap<
	VoteDb,
	Map<number, { version: number; state: Promise<VoteState> }>
>();
function voteStateFor(db: VoteDb, concertation: Concertation): Promise<VoteState> {
	if (db.isTransaction) return readVoteState(db, concertation.id);
	let latest = latestStates.get(db);
	if (!latest) latestStates.set(db, (latest = new Map()));
	const known = latest.get(concertation.id);
	if (known?.version === concertation.version) return known.state;
	const state = readVoteState(db, concertation.id);
	latest.set(concertation.id, { version: concertation.version, state });
	// A failed read is not kept: the next broadcast reads again.
	state.catch(() => {
		if (latest.get(concertation.id)?.state === state) latest.delete(concertation.id);
	});
	return state;
}

function candidateView(candidate: VoteCandidate): VoteCandidateView {
	return {
		id: candidate.id,
		label: localizedFromColumns(candidate.label_fr, candidate.label_nl, candidate.label_en),
		position: candidate.position,
		source: candidate.source,
		sourceId: candidate.source_id,
		withdrawn: candidate.withdrawn === 1
	};
}

/** Results are hidden from the room until revealed, if the facilitator chose to hide them. */
export function resultsVisibleTo(vote: Vote, audience: Audience): boolean {
	return audience === 'facilitator' || vote.hide_results === 0 || vote.revealed === 1;
}

export function prioritiesOf(state: VoteState): VotePrioritiesView {
	if (state.vote.priorities_chosen === 1) {
		const chosen = state.candidates
			.filter((candidate) => candidate.priority_position !== null && candidate.withdrawn === 0)
			.sort((a, b) => (a.priority_position ?? 0) - (b.priority_position ?? 0));
		return { candidateIds: chosen.map((c) => c.id), isDefault: false, tieAtCut: false };
	}
	const proposal = defaultSelection(state.tally);
	return { candidateIds: proposal.selected, isDefault: true, tieAtCut: proposal.tieAtCut };
}

export function voteSectionView(state: VoteState, audience: Audience): VoteSectionView {
	const { vote } = state;
	const forFacilitator = audience === 'facilitator';
	const view: VoteSectionView = {
		status: vote.status,
		settings: {
			minChoices: vote.min_choices as VoteMinChoices,
			hideResults: vote.hide_results === 1
		},
		revealed: vote.revealed === 1,
		candidates: state.candidates
			.filter((candidate) => forFacilitator || candidate.withdrawn === 0)
			.map(candidateView),
		turnout: turnout(state.voters, state.present),
		tally: resultsVisibleTo(vote, audience) ? state.tally : null
	};
	if (forFacilitator && vote.status === 'closed') view.priorities = prioritiesOf(state);
	return view;
}

// The turnout ("N of M voted") counts everyone who joined.
registerSection<'vote', VoteTables>(
	'vote',
	async (db, concertation, audience) =>
		voteSectionView(await voteStateFor(db, concertation), audience),
	{ countsJoins: 'always' }
);

registerSelfBuilder<VoteTables>(async (db, participants): Promise<VoteSelf[]> => {
	const ballots = await ballotsOf(
		db,
		participants.map((participant) => participant.id)
	);
	return participants.map((participant) => ({
		vote: { ballot: ballots.get(participant.id) ?? [] }
	}));
});

provideSelectedPriorities(async (db, concertationId): Promise<SelectedPriority[]> => {
	const state = await readVoteState(db, concertationId);
	if (state.vote.status !== 'closed') return [];
	const byId = new Map(state.candidates.map((candidate) => [candidate.id, candidate]));
	const rowOf = new Map(state.tally.map((row) => [row.candidateId, row]));
	return prioritiesOf(state).candidateIds.flatMap((candidateId) => {
		const candidate = byId.get(candidateId);
		const row = rowOf.get(candidateId);
		if (!candidate || !row) return [];
		return [
			{
				candidateId,
				label: localizedFromColumns(candidate.label_fr, candidate.label_nl, candidate.label_en),
				rank: row.rank,
				points: row.points
			}
		];
	});
});

/**
 * One label in the content languages, for a CSV cell: "fr | nl", or the one written (once
 * when both say the same; else what was written, e.g. the English of an option typed in
 * English in a French–Dutch concertation).
 */
function bilingualLabel(candidate: VoteCandidate, languages: ContentLanguages): string {
	const text = {
		fr: candidate.label_fr.trim(),
		nl: candidate.label_nl.trim(),
		en: candidate.label_en.trim()
	};
	const written = [...new Set(languages.map((language) => text[language]).filter(Boolean))];
	if (written.length > 0) return written.join(' | ');
	return text.fr || text.nl || text.en;
}

/** The results as CSV (candidate, points, #3, #2, #1, voters, rank), best ranked first. */
export async function voteResultsCsv(
	db: VoteDb,
	concertationId: number,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): Promise<string> {
	const state = await readVoteState(db, concertationId);
	const byId = new Map(state.candidates.map((candidate) => [candidate.id, candidate]));
	return resultsCsv(
		state.tally.map((row) => {
			const candidate = byId.get(row.candidateId);
			return {
				...row,
				label: candidate ? bilingualLabel(candidate, languages) : String(row.candidateId)
			};
		})
	);
}
