/**
 * The priority vote, as pure rules: what a valid ballot is, how ballots are counted and
 * ranked, and how results are exported. No I/O here, so every rule is tested in isolation;
 * persistence and sockets call these functions and store what they return.
 */
import type { VoteMinChoices, VoteStatus, VoteTallyRow } from '../../protocol';
import { writeCsv } from '../csv';
import { DomainError } from '../errors';

/** Points a ballot gives: 3 to the first choice, 2 to the second, 1 to the third. */
export type Weight = 3 | 2 | 1;

/** Weights from the top, in the order a ballot must fill them. */
export const WEIGHTS: readonly Weight[] = [3, 2, 1];

export interface BallotChoice {
	candidateId: number;
	weight: Weight;
}

/**
 * A choice as it arrives from a phone: its shape is checked at the boundary, but its
 * values are not trusted until `validateBallot` has accepted them.
 */
export interface SubmittedChoice {
	candidateId: number;
	weight: number;
}

export interface VoteSettings {
	minChoices: VoteMinChoices;
}

export const DEFAULT_VOTE_SETTINGS: VoteSettings = { minChoices: 3 };

export interface Candidate {
	id: number;
	/** Display order, used only to list exact ties; it never decides a rank. */
	position: number;
	withdrawn?: boolean;
}

/** Every refusal of the vote, whether a rule here or a command (service.ts) raises it. */
export type VoteErrorCode =
	| 'vote_bad_weight'
	| 'vote_repeated_weight'
	| 'vote_repeated_candidate'
	| 'vote_unknown_candidate'
	| 'vote_incomplete'
	| 'vote_not_open'
	| 'vote_not_closed'
	| 'vote_already_open'
	| 'vote_reopen_not_closed'
	| 'vote_closed'
	| 'vote_wrong_phase'
	| 'vote_tables_started'
	| 'vote_too_few_candidates'
	| 'vote_too_many_candidates'
	| 'vote_label_required'
	| 'vote_label_too_long'
	| 'vote_settings_locked';

/** The refusal `code`, translated from `vote:errors.<code>`. */
export function voteError(
	code: VoteErrorCode,
	params: Record<string, string | number> = {}
): DomainError {
	return new DomainError(code, params, `vote:errors.${code}`);
}

function isWeight(value: unknown): value is Weight {
	return value === 3 || value === 2 || value === 1;
}

/**
 * Casting, replacing and withdrawing a ballot are all allowed only while the vote is open:
 * persistence calls this before replacing a participant's single ballot.
 */
export function assertVoteOpen(status: VoteStatus): void {
	if (status !== 'open') throw voteError('vote_not_open', { status });
}

/** What decides whether a closed vote may be reopened (read by the service, judged here). */
export interface ReopenState {
	status: VoteStatus;
	/** The step under way is the vote's own step (ballots are taken only there). */
	atVoteStep: boolean;
	/** The programme has reached the discussion tables: the current step is a tables step or a later one. */
	tablesReached: boolean;
	/** Something was written at a discussion table (people went to the tables, then came back). */
	tablesHaveItems: boolean;
}

/**
 * A closed vote may be reopened, ballots kept, as long as the discussion tables have not
 * started: once the programme reached them, or someone wrote at a table, the priorities they
 * discuss came from this result, and changing it would pull the ground from under them.
 * Reopening happens at the vote step, the only step where phones take ballots.
 */
export function assertVoteReopenable(state: ReopenState): void {
	if (state.status === 'open') throw voteError('vote_already_open');
	if (state.status !== 'closed') throw voteError('vote_reopen_not_closed');
	if (state.tablesReached || state.tablesHaveItems) throw voteError('vote_tables_started');
	if (!state.atVoteStep) throw voteError('vote_wrong_phase');
}

/** Candidates a ballot may still name: a withdrawn candidate is no longer on the ballot. */
export function eligibleCandidates(candidates: readonly Candidate[]): Candidate[] {
	return candidates.filter((candidate) => !candidate.withdrawn);
}

/**
 * The number of choices a ballot must make. Never more than the candidates left, so that
 * a vote with only two candidates can still be answered; never less than one, so that an
 * empty ballot is never a vote.
 */
export function requiredChoices(settings: VoteSettings, eligibleCount: number): number {
	return Math.max(1, Math.min(settings.minChoices, eligibleCount));
}

/**
 * Accepts a ballot or throws the DomainError that tells the participant what to fix.
 * Returns the choices sorted by weight (3, 2, 1): the normalised form to store, which
 * replaces any earlier ballot of the same participant.
 */
export function validateBallot(
	choices: readonly SubmittedChoice[],
	candidates: readonly Candidate[],
	settings: VoteSettings,
	status: VoteStatus
): BallotChoice[] {
	assertVoteOpen(status);

	const ballot: BallotChoice[] = [];
	for (const { candidateId, weight } of choices) {
		if (!isWeight(weight)) throw voteError('vote_bad_weight', { weight: String(weight) });
		ballot.push({ candidateId, weight });
	}

	const weights = new Set<Weight>();
	for (const { weight } of ballot) {
		if (weights.has(weight)) throw voteError('vote_repeated_weight', { weight });
		weights.add(weight);
	}

	const seen = new Set<number>();
	for (const { candidateId } of ballot) {
		if (seen.has(candidateId)) throw voteError('vote_repeated_candidate', { candidateId });
		seen.add(candidateId);
	}

	const eligible = eligibleCandidates(candidates);
	const eligibleIds = new Set(eligible.map((candidate) => candidate.id));
	for (const { candidateId } of ballot) {
		if (!eligibleIds.has(candidateId)) {
			throw voteError('vote_unknown_candidate', { candidateId });
		}
	}

	// A partial ballot fills from the top: {3} or {3, 2}, never {2, 1} nor {3, 1}.
	const required = requiredChoices(settings, eligible.length);
	const filledFromTop = WEIGHTS.slice(0, Math.max(required, ballot.length));
	if (!filledFromTop.every((weight) => weights.has(weight))) {
		throw voteError('vote_incomplete', { count: required });
	}

	return ballot.sort((a, b) => b.weight - a.weight);
}

// One candidate's result is the protocol's `VoteTallyRow`: what the rules count is what the
// room is sent, and it holds no participant id (results are shown to everyone).

/** Negative when `a` stands higher: more points, then more 3s, then more 2s. */
function compareStanding(a: VoteTallyRow, b: VoteTallyRow): number {
	return b.points - a.points || b.threes - a.threes || b.twos - a.twos;
}

/** How many ballots gave `weight` points to a candidate: what one aggregate query returns. */
export interface WeightCount {
	candidateId: number;
	weight: number;
	count: number;
}

/**
 * Counts ballots and ranks every candidate still on the ballot, zero-point candidates
 * included. Choices naming a withdrawn or unknown candidate are left out of the count:
 * the rest of that ballot still counts.
 */
export function tally(
	ballots: readonly (readonly BallotChoice[])[],
	candidates: readonly Candidate[]
): VoteTallyRow[] {
	const counts = new Map<string, WeightCount>();
	for (const ballot of ballots) {
		for (const { candidateId, weight } of ballot) {
			const key = `${candidateId}:${weight}`;
			const row = counts.get(key) ?? { candidateId, weight, count: 0 };
			row.count += 1;
			counts.set(key, row);
		}
	}
	return tallyFromCounts([...counts.values()], candidates);
}

/**
 * The same count and ranking as `tally`, from per-(candidate, weight) counts, so that the
 * server can let SQLite aggregate thousands of ballots in one query. A participant names a
 * candidate at most once (a rule of `validateBallot`, enforced again by the database), so a
 * candidate's voters are the sum of its counts. Counts of other weights are ignored.
 */
export function tallyFromCounts(
	counts: readonly WeightCount[],
	candidates: readonly Candidate[]
): VoteTallyRow[] {
	const byId = new Map<number, VoteTallyRow>();
	const positionOf = new Map<number, number>();
	for (const candidate of eligibleCandidates(candidates)) {
		byId.set(candidate.id, {
			candidateId: candidate.id,
			points: 0,
			threes: 0,
			twos: 0,
			ones: 0,
			voters: 0,
			rank: 0,
			tied: false
		});
		positionOf.set(candidate.id, candidate.position);
	}

	for (const { candidateId, weight, count } of counts) {
		const row = byId.get(candidateId);
		if (!row || !isWeight(weight) || count <= 0) continue;
		row.points += weight * count;
		row.voters += count;
		if (weight === 3) row.threes += count;
		else if (weight === 2) row.twos += count;
		else row.ones += count;
	}

	const rows = [...byId.values()].sort(
		(a, b) =>
			compareStanding(a, b) ||
			(positionOf.get(a.candidateId) ?? 0) - (positionOf.get(b.candidateId) ?? 0) ||
			a.candidateId - b.candidateId
	);

	rows.forEach((row, index) => {
		const previous = rows[index - 1];
		const next = rows[index + 1];
		const tiedWithPrevious = previous !== undefined && compareStanding(previous, row) === 0;
		const tiedWithNext = next !== undefined && compareStanding(row, next) === 0;
		// Rows are sorted, so a tie group is contiguous and inherits its first row's rank.
		row.rank = previous && tiedWithPrevious ? previous.rank : index + 1;
		row.tied = tiedWithPrevious || tiedWithNext;
	});
	return rows;
}

export interface Turnout {
	voters: number;
	present: number;
	/** voters / present, or 0 when nobody is present. */
	ratio: number;
}

export function turnout(voters: number, present: number): Turnout {
	return { voters, present, ratio: present > 0 ? voters / present : 0 };
}

export interface DefaultSelection {
	/** Candidate ids in rank order. */
	selected: number[];
	/** True when a tie straddled the cut and more than `count` candidates were kept. */
	tieAtCut: boolean;
}

/**
 * The candidates proposed for the discussion tables: the top `count` by rank. A tie at the
 * cut keeps every tied candidate and says so, for the facilitator to decide; a candidate
 * nobody chose is never proposed.
 */
export function defaultSelection(tallies: readonly VoteTallyRow[], count = 3): DefaultSelection {
	const selected = tallies
		.filter((row) => row.points > 0 && row.rank <= count)
		.map((row) => row.candidateId);
	return { selected, tieAtCut: selected.length > count };
}

export const RESULTS_CSV_COLUMNS = [
	'candidate',
	'points',
	'threes',
	'twos',
	'ones',
	'voters',
	'rank'
] as const;

export type ResultsRow = VoteTallyRow & { label: string };

/**
 * Results as CSV for machines: fixed English column names, the project's CSV policy (CRLF
 * after every record, formula-safe cells; see `csv.ts`). The caller adds the byte-order mark
 * and supplies each candidate's label.
 */
export function resultsCsv(rows: readonly ResultsRow[]): string {
	return writeCsv([
		RESULTS_CSV_COLUMNS,
		...rows.map((row) => [
			row.label,
			row.points,
			row.threes,
			row.twos,
			row.ones,
			row.voters,
			row.rank
		])
	]);
}
