/**
 * The vote's commands: the facilitator prepares candidates and settings, opens, closes,
 * reveals and selects the priorities; participants cast (and recast) their ballot. Each
 * runs inside `executeCommand`'s transaction, which also bumps the version and broadcasts.
 */
import type { VoteTx, VoteTables } from './schema';
import {
	VOTE_LIMITS,
	localizedFromColumns,
	type SectionName,
	type VoteMinChoices
} from '../../protocol';

import type { Concertation } from '../db/schema';
import { currentPhase, listPhases } from '../concertation/store';
import { DomainError } from '../errors';
import { approvedCandidates, discussionTableOutcomes } from '../ports';
import { registerCommands } from '../realtime/commands';
import { cleanLine, textLength } from '../text';
import { validateTranslation } from '../translation';
import type { Actor } from '../auth/actor';
import {
	assertVoteReopenable,
	eligibleCandidates,
	validateBallot,
	voteError,
	type BallotChoice,
	type SubmittedChoice
} from './rules';
import type { Vote, VoteCandidate } from './schema';
import {
	asRuleCandidate,
	castBallot,
	ensureVote,
	listCandidates,
	loadBallotRules,
	loadBallotRulesAtOnce,
	loadVote,
	nextCandidatePosition,
	readBallotRules,
	saveBallot,
	saveBallots,
	type BallotRules
} from './store';

const VOTE_SECTION: SectionName[] = ['vote'];
// Closing the vote and choosing priorities change what `selectedPriorities()` hands to the
// tables phase, whose console section shows them.
const VOTE_AND_PRIORITIES: SectionName[] = ['vote', 'tables'];

function requireLiveSession(concertation: Pick<Concertation, 'status'>): void {
	if (concertation.status === 'closed') throw new DomainError('session_closed');
}

async function isVotePhase(tx: VoteTx, concertation: Concertation): Promise<boolean> {
	return (await currentPhase(tx, concertation))?.kind === 'vote';
}

/** Candidates and settings can be prepared in any phase, but not once the vote is over. */
async function preparableVote(tx: VoteTx, concertation: Concertation): Promise<Vote> {
	requireLiveSession(concertation);
	const vote = await ensureVote(tx, concertation.id);
	if (vote.status === 'closed') throw voteError('vote_closed');
	return vote;
}

/**
 * A label in each language as written: one typed alone stays alone (never copied into the
 * other language), and the console marks it "to translate". `en`: an option taken from a
 * topic typed in English, kept when the facilitator edits the French and Dutch.
 */
function cleanLabels(
	labelFr: string,
	labelNl: string,
	labelEn = ''
): { label_fr: string; label_nl: string; label_en: string } {
	const fr = cleanLine(labelFr);
	const nl = cleanLine(labelNl);
	const en = cleanLine(labelEn);
	if (!fr && !nl && !en) throw voteError('vote_label_required');
	for (const label of [fr, nl, en]) {
		if (textLength(label) > VOTE_LIMITS.candidateLabel)
			throw voteError('vote_label_too_long', { max: VOTE_LIMITS.candidateLabel });
	}
	return { label_fr: fr, label_nl: nl, label_en: en };
}

async function findCandidate(
	tx: VoteTx,
	concertationId: number,
	candidateId: number
): Promise<VoteCandidate> {
	const candidate = await tx
		.selectFrom('vote_candidate')
		.selectAll()
		.where('id', '=', candidateId)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!candidate) throw voteError('vote_unknown_candidate', { candidateId });
	return candidate;
}

/**
 * Adds the approved questions and topics not yet on the ballot, after the existing ones and
 * in their own order. One taken before keeps its edits and its withdrawal.
 */
async function importApproved(tx: VoteTx, concertationId: number, now: Date): Promise<number> {
	const seeds = await approvedCandidates(tx, concertationId);
	if (seeds.length === 0) return 0;
	const existing = await listCandidates(tx, concertationId);
	const known = new Set(existing.map((c) => `${c.source}:${c.source_id}`));
	const fresh = [...seeds]
		.sort((a, b) => a.position - b.position)
		.filter((seed) => !known.has(`${seed.source}:${seed.sourceId}`));
	if (existing.length + fresh.length > VOTE_LIMITS.candidates)
		throw voteError('vote_too_many_candidates', { max: VOTE_LIMITS.candidates });
	let position = await nextCandidatePosition(tx, concertationId);
	for (const seed of fresh) {
		await tx
			.insertInto('vote_candidate')
			.values({
				concertation_id: concertationId,
				source: seed.source,
				source_id: seed.sourceId,
				...cleanLabels(seed.label.fr, seed.label.nl, seed.label.en),
				position: position++,
				priority_position: null,
				created_at: now.toISOString()
			})
			.execute();
	}
	return fresh.length;
}

registerCommands<VoteTables>({
	'vote.candidates.import': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			await preparableVote(tx, concertation);
			const added = await importApproved(tx, concertation.id, now);
			return { result: { added }, changed: added > 0 ? VOTE_SECTION : [] };
		}
	},
	'vote.candidates.add': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { labelFr, labelNl, labelEn }) {
			await preparableVote(tx, concertation);
			const labels = cleanLabels(labelFr, labelNl, labelEn);
			const count = (await listCandidates(tx, concertation.id)).length;
			if (count >= VOTE_LIMITS.candidates)
				throw voteError('vote_too_many_candidates', { max: VOTE_LIMITS.candidates });
			const { id } = await tx
				.insertInto('vote_candidate')
				.values({
					concertation_id: concertation.id,
					source: 'manual',
					source_id: null,
					...labels,
					position: await nextCandidatePosition(tx, concertation.id),
					priority_position: null,
					created_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { candidateId: id }, changed: VOTE_SECTION };
		}
	},
	'vote.candidates.edit': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { candidateId, labelFr, labelNl, labelEn }) {
			await preparableVote(tx, concertation);
			const candidate = await findCandidate(tx, concertation.id, candidateId);
			await tx
				.updateTable('vote_candidate')
				.set(cleanLabels(labelFr, labelNl, labelEn ?? candidate.label_en))
				.where('id', '=', candidateId)
				.execute();
			return { result: { candidateId }, changed: VOTE_SECTION };
		}
	},
	'vote.candidates.translate': {
		allow: ['facilitator'],
		// Any time, even once the vote is closed: it changes no ballot, and the summary and
		// the tables read the label in both languages.
		async run({ tx, concertation }, { candidateId, language, label }) {
			const candidate = await findCandidate(tx, concertation.id, candidateId);
			const translation = validateTranslation(
				localizedFromColumns(candidate.label_fr, candidate.label_nl, candidate.label_en),
				language,
				label,
				{ max: VOTE_LIMITS.candidateLabel, languages: concertation.languages }
			);
			await tx
				.updateTable('vote_candidate')
				.set({ [`label_${language}`]: translation })
				.where('id', '=', candidateId)
				.execute();
			return { result: { candidateId }, changed: VOTE_AND_PRIORITIES };
		}
	},
	'vote.candidates.withdraw': {
		allow: ['facilitator'],
		// Withdrawing during the vote is allowed (a duplicate spotted late): ballots keep
		// their other choices, and the withdrawn candidate's points stop counting.
		async run({ tx, concertation }, { candidateId, withdrawn }) {
			await preparableVote(tx, concertation);
			await findCandidate(tx, concertation.id, candidateId);
			await tx
				.updateTable('vote_candidate')
				.set({ withdrawn: withdrawn ? 1 : 0 })
				.where('id', '=', candidateId)
				.execute();
			return { result: { candidateId }, changed: VOTE_SECTION };
		}
	},
	'vote.settings': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { minChoices, hideResults }) {
			const vote = await preparableVote(tx, concertation);
			// Ballots already cast were checked against the rule in force: it cannot change under them.
			if (minChoices !== undefined && minChoices !== vote.min_choices && vote.status !== 'draft')
				throw voteError('vote_settings_locked');
			const updated = await tx
				.updateTable('vote')
				.set({
					...(minChoices !== undefined ? { min_choices: minChoices } : {}),
					...(hideResults !== undefined ? { hide_results: hideResults ? 1 : 0 } : {})
				})
				.where('concertation_id', '=', concertation.id)
				.returningAll()
				.executeTakeFirstOrThrow();
			return {
				result: {
					minChoices: updated.min_choices as VoteMinChoices,
					hideResults: updated.hide_results === 1
				},
				changed: VOTE_SECTION
			};
		}
	},
	'vote.open': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			requireLiveSession(concertation);
			if (concertation.status !== 'live' || !(await isVotePhase(tx, concertation)))
				throw voteError('vote_wrong_phase');
			const vote = await ensureVote(tx, concertation.id);
			if (vote.status === 'open') throw voteError('vote_already_open');
			if (vote.status === 'closed') throw voteError('vote_closed');
			const imported = await importApproved(tx, concertation.id, now);
			const candidates = await listCandidates(tx, concertation.id);
			if (eligibleCandidates(candidates.map(asRuleCandidate)).length < 2)
				throw voteError('vote_too_few_candidates');
			await tx
				.updateTable('vote')
				.set({ status: 'open', opened_at: now.toISOString() })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { status: 'open', imported }, changed: VOTE_SECTION };
		}
	},
	'vote.close': {
		allow: ['facilitator'],
		// Closing does not depend on the phase: a facilitator who moved on can still close.
		async run({ tx, concertation, now }) {
			const vote = await loadVote(tx, concertation.id);
			if (vote.status === 'closed') throw voteError('vote_closed');
			if (vote.status !== 'open') throw voteError('vote_not_open', { status: vote.status });
			await tx
				.updateTable('vote')
				.set({ status: 'closed', closed_at: now.toISOString() })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { status: 'closed' }, changed: VOTE_AND_PRIORITIES };
		}
	},
	'vote.reopen': {
		allow: ['facilitator'],
		// Closed too early (a few phones had not sent): the ballots already cast stay, and the
		// vote takes more until it is closed again, as long as the tables have not started.
		async run({ tx, concertation }) {
			requireLiveSession(concertation);
			const vote = await loadVote(tx, concertation.id);
			const [phases, current] = await Promise.all([
				listPhases(tx, concertation.id),
				currentPhase(tx, concertation)
			]);
			const live = concertation.status === 'live' && current !== undefined;
			const tablesReached =
				live &&
				phases.some((phase) => phase.kind === 'tables' && phase.position <= current.position);
			const tablesHaveItems = (await discussionTableOutcomes(tx, concertation.id)).some(
				(table) =>
					table.barriers.length +
						table.levers.length +
						table.collaborations.length +
						table.actors.length >
						0 || table.justification.trim() !== ''
			);
			assertVoteReopenable({
				status: vote.status,
				atVoteStep: live && current.kind === 'vote',
				tablesReached,
				tablesHaveItems
			});
			await tx
				.updateTable('vote')
				// Results the room was to see only at the end are hidden again until revealed.
				.set({
					status: 'open',
					closed_at: null,
					revealed: vote.hide_results === 1 ? 0 : vote.revealed
				})
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { status: 'open' }, changed: VOTE_AND_PRIORITIES };
		}
	},
	'vote.reveal': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { revealed }) {
			requireLiveSession(concertation);
			await ensureVote(tx, concertation.id);
			await tx
				.updateTable('vote')
				.set({ revealed: revealed ? 1 : 0 })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { revealed }, changed: VOTE_SECTION };
		}
	},
	'vote.cast': {
		allow: ['participant'],
		// The audit log keeps that a ballot was cast, never its content.
		audit: (input) => ({ choices: input.choices.length }),
		async run({ tx, actor, concertation }, { choices }) {
			const participantId = ballotCaster(actor, concertation);
			const ballot = checkedBallot(await loadBallotRules(tx, concertation), choices);
			const replaced = await saveBallot(tx, concertation.id, participantId, ballot);
			return ballotOutcome(participantId, ballot, replaced);
		},
		// On PostgreSQL, the ballots that arrived together: the rules read once, one write for
		// all (see `runBatch` in realtime/commands.ts). One ballot per sender in a batch.
		async runBatch({ tx, concertation }, casts) {
			const rules = await loadBallotRulesAtOnce(tx, concertation);
			const checked = casts.map(({ actor, input }) => {
				try {
					return {
						participantId: ballotCaster(actor, concertation),
						ballot: checkedBallot(rules, input.choices)
					};
				} catch (error) {
					if (error instanceof DomainError) return error;
					throw error;
				}
			});
			const replaced = await saveBallots(
				tx,
				concertation.id,
				checked.filter(
					(cast): cast is Exclude<typeof cast, DomainError> => !(cast instanceof DomainError)
				)
			);
			return checked.map((cast) =>
				cast instanceof DomainError
					? cast
					: ballotOutcome(cast.participantId, cast.ballot, replaced.has(cast.participantId))
			);
		},
		// The one command every phone sends at once: on SQLite it runs synchronously on cached
		// prepared statements (see `runNow` in realtime/commands.ts and `castBallot` in store.ts).
		runNow({ prepared, actor, concertation }, { choices }) {
			const participantId = ballotCaster(actor, concertation);
			const ballot = checkedBallot(readBallotRules(prepared, concertation), choices);
			const replaced = castBallot(prepared, concertation.id, participantId, ballot);
			return ballotOutcome(participantId, ballot, replaced);
		}
	},
	'vote.select': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { candidateIds }) {
			requireLiveSession(concertation);
			const vote = await loadVote(tx, concertation.id);
			if (vote.status !== 'closed') throw voteError('vote_not_closed');
			const eligible = new Set(
				eligibleCandidates((await listCandidates(tx, concertation.id)).map(asRuleCandidate)).map(
					(candidate) => candidate.id
				)
			);
			const chosen = candidateIds ?? [];
			const seen = new Set<number>();
			for (const candidateId of chosen) {
				if (!eligible.has(candidateId)) throw voteError('vote_unknown_candidate', { candidateId });
				if (seen.has(candidateId)) throw voteError('vote_repeated_candidate', { candidateId });
				seen.add(candidateId);
			}
			await tx
				.updateTable('vote_candidate')
				.set({ priority_position: null })
				.where('concertation_id', '=', concertation.id)
				.execute();
			for (const [index, candidateId] of chosen.entries()) {
				await tx
					.updateTable('vote_candidate')
					.set({ priority_position: index + 1 })
					.where('id', '=', candidateId)
					.execute();
			}
			await tx
				.updateTable('vote')
				.set({ priorities_chosen: candidateIds === null ? 0 : 1 })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { candidateIds: chosen }, changed: VOTE_AND_PRIORITIES };
		}
	}
});

/** Who casts a ballot: a participant of a live session. */
function ballotCaster(actor: Actor, concertation: Pick<Concertation, 'status'>): number {
	if (actor.kind !== 'participant') throw new DomainError('forbidden');
	requireLiveSession(concertation);
	return actor.participantId;
}

/** The ballot as the rules accept it, or a refusal saying why. */
function checkedBallot(
	{ vote, phaseKind, candidates }: BallotRules,
	choices: readonly SubmittedChoice[]
): BallotChoice[] {
	// A vote left open while the session moved on takes no more ballots.
	const status = vote.status === 'open' && phaseKind !== 'vote' ? 'closed' : vote.status;
	return validateBallot(
		choices,
		candidates,
		{ minChoices: vote.min_choices as VoteMinChoices },
		status
	);
}

function ballotOutcome(participantId: number, ballot: BallotChoice[], replaced: boolean) {
	return {
		result: { replaced },
		changed: VOTE_SECTION,
		// The phone's other tabs and devices learn the ballot the server kept.
		selfParts: [{ participantId, part: { vote: { ballot } } }]
	};
}
