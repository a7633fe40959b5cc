/**
 * The vote's queries. Results are always read as aggregates: no query here returns who
 * chose what, except a participant's own ballot for their own device.
 */
import { sql } from 'kysely';
import type { VoteDb } from './schema';
import { currentPhase } from '../concertation/store';
import type { PreparedStatements } from '../db';
import type { Concertation, Phase } from '../db/schema';
import type { BallotTable, Vote, VoteCandidate } from './schema';
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

export async function loadVote(db: VoteDb, concertationId: number): Promise<Vote> {
	const vote = await db
		.selectFrom('vote')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return vote ?? defaultVote(concertationId);
}

/** The vote row, created with its defaults the first time something changes it. */
export async function ensureVote(db: VoteDb, concertationId: number): Promise<Vote> {
	await db
		.insertInto('vote')
		.values({ concertation_id: concertationId })
		.onConflict((conflict) => conflict.column('concertation_id').doNothing())
		.execute();
	return loadVote(db, concertationId);
}

export async function listCandidates(db: VoteDb, concertationId: number): Promise<VoteCandidate[]> {
	return db
		.selectFrom('vote_candidate')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export function asRuleCandidate(
	candidate: Pick<VoteCandidate, 'id' | 'position' | 'withdrawn'>
): Candidate {
	return { id: candidate.id, position: candidate.position, withdrawn: candidate.withdrawn === 1 };
}

export async function nextCandidatePosition(db: VoteDb, concertationId: number): Promise<number> {
	const row = await db
		.selectFrom('vote_candidate')
		.select((eb) => eb.fn.max('position').as('last'))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return (row?.last ?? 0) + 1;
}

/**
 * The whole tally as per-(candidate, weight) counts: one aggregate per weight, each reading
 * only the tally index.
 */
export async function weightCounts(db: VoteDb, concertationId: number): Promise<WeightCount[]> {
	const countsOf = (column: 'three_points_to' | 'two_points_to' | 'one_point_to', weight: number) =>
		db
			.selectFrom('ballot')
			.select((eb) => [
				eb.ref(column).as('candidate_id'),
				eb.val(weight).as('weight'),
				eb.fn.countAll<number>().as('count')
			])
			.where('concertation_id', '=', concertationId)
			.where(column, 'is not', null)
			.groupBy(column);
	const rows = await countsOf('three_points_to', 3)
		.unionAll(countsOf('two_points_to', 2))
		.unionAll(countsOf('one_point_to', 1))
		.execute();
	return rows.flatMap((row) =>
		row.candidate_id === null
			? []
			: [{ candidateId: row.candidate_id, weight: Number(row.weight), count: Number(row.count) }]
	);
}

/** Every ballot has a 3 (ballots fill from the top), so voters are the number of 3s given. */
export function votersIn(counts: readonly WeightCount[]): number {
	return counts.reduce((sum, row) => (row.weight === 3 ? sum + row.count : sum), 0);
}

export async function countParticipants(db: VoteDb, concertationId: number): Promise<number> {
	const row = await db
		.selectFrom('participant')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return Number(row?.count ?? 0);
}

/** The ballots of several participants (see `registerSelfBuilder`): none for who cast none. */
export async function ballotsOf(
	db: VoteDb,
	participantIds: readonly number[]
): Promise<Map<number, BallotChoice[]>> {
	const rows = await db
		.selectFrom('ballot')
		.select(['participant_id', 'three_points_to', 'two_points_to', 'one_point_to'])
		.where('participant_id', 'in', participantIds)
		.execute();
	return new Map(rows.map((row) => [row.participant_id, choicesOf(row)]));
}

type BallotColumns = Pick<BallotTable, 'three_points_to' | 'two_points_to' | 'one_point_to'>;

/** A stored ballot as its choices, 3 points first. */
function choicesOf(row: BallotColumns): BallotChoice[] {
	const choices: BallotChoice[] = [{ candidateId: row.three_points_to, weight: 3 }];
	if (row.two_points_to !== null) choices.push({ candidateId: row.two_points_to, weight: 2 });
	if (row.one_point_to !== null) choices.push({ candidateId: row.one_point_to, weight: 1 });
	return choices;
}

/** A validated ballot (see `validateBallot`: it has a 3, and fills from the top) as columns. */
function columnsOf(choices: readonly BallotChoice[]): BallotColumns {
	const to = (weight: number) =>
		choices.find((choice) => choice.weight === weight)?.candidateId ?? null;
	const threePointsTo = to(3);
	if (threePointsTo === null) throw new Error('a ballot gives 3 points to someone');
	return { three_points_to: threePointsTo, two_points_to: to(2), one_point_to: to(1) };
}

/** What a ballot is checked against: the vote's settings, the current phase, the ballot. */
export interface BallotRules {
	vote: Vote;
	phaseKind: Phase['kind'] | null;
	candidates: Candidate[];
}

/**
 * The hot path of a ballot (every phone casts at once) on cached prepared statements, inside
 * the command's transaction: the same reads as `loadVote`, `currentPhase` and
 * `listCandidates`, without Kysely's per-query building and compiling.
 */
export function readBallotRules(
	prepared: PreparedStatements,
	concertation: Pick<Concertation, 'id' | 'current_phase_id'>
): BallotRules {
	const vote =
		(prepared('select * from vote where concertation_id = ?').get(concertation.id) as
			Vote | undefined) ?? defaultVote(concertation.id);
	const phase =
		concertation.current_phase_id === null
			? undefined
			: (prepared('select kind from phase where id = ?').get(concertation.current_phase_id) as
					Pick<Phase, 'kind'> | undefined);
	const rows = prepared(
		'select id, position, withdrawn from vote_candidate where concertation_id = ? order by position, id'
	).all(concertation.id) as Pick<VoteCandidate, 'id' | 'position' | 'withdrawn'>[];
	return {
		vote,
		phaseKind: phase?.kind ?? null,
		candidates: rows.map(asRuleCandidate)
	};
}

/** Replaces a participant's ballot; returns whether there was one before. */
export function castBallot(
	prepared: PreparedStatements,
	concertationId: number,
	participantId: number,
	choices: readonly BallotChoice[]
): boolean {
	const earlier = prepared('select 1 from ballot where participant_id = ?').get(participantId);
	const columns = columnsOf(choices);
	prepared(
		`insert into ballot (participant_id, concertation_id, three_points_to, two_points_to, one_point_to)
		values (?, ?, ?, ?, ?)
		on conflict (participant_id) do update set
			three_points_to = excluded.three_points_to,
			two_points_to = excluded.two_points_to,
			one_point_to = excluded.one_point_to`
	).run(
		participantId,
		concertationId,
		columns.three_points_to,
		columns.two_points_to,
		columns.one_point_to
	);
	return earlier !== undefined;
}

/**
 * The same reads as `readBallotRules`, through Kysely, for a database without the SQLite fast
 * path (PostgreSQL, where every query is asynchronous).
 */
export async function loadBallotRules(
	db: VoteDb,
	concertation: Pick<Concertation, 'id' | 'current_phase_id'>
): Promise<BallotRules> {
	const vote =
		(await db
			.selectFrom('vote')
			.selectAll()
			.where('concertation_id', '=', concertation.id)
			.executeTakeFirst()) ?? defaultVote(concertation.id);
	const phase = await currentPhase(db, concertation);
	const candidates = await listCandidates(db, concertation.id);
	return { vote, phaseKind: phase?.kind ?? null, candidates: candidates.map(asRuleCandidate) };
}

/**
 * PostgreSQL: what `loadBallotRules` reads, in one statement instead of three (each is a round
 * trip, read once per batch of ballots). PostgreSQL's JSON functions: `runBatch` only.
 */
export async function loadBallotRulesAtOnce(
	db: VoteDb,
	concertation: Pick<Concertation, 'id' | 'current_phase_id'>
): Promise<BallotRules> {
	const { rows } = await sql<{
		vote: Vote | null;
		phase_kind: Phase['kind'] | null;
		candidates: Pick<VoteCandidate, 'id' | 'position' | 'withdrawn'>[];
	}>`
		select
			(select row_to_json(vote) from vote where concertation_id = ${concertation.id}) as vote,
			(select kind from phase where id = ${concertation.current_phase_id}) as phase_kind,
			(select coalesce(json_agg(json_build_object('id', id, 'position', position,
					'withdrawn', withdrawn) order by position, id), '[]')
				from vote_candidate where concertation_id = ${concertation.id}) as candidates`.execute(db);
	const row = rows[0]!;
	return {
		vote: row.vote ?? defaultVote(concertation.id),
		phaseKind: row.phase_kind,
		candidates: row.candidates.map(asRuleCandidate)
	};
}

/** `castBallot` through Kysely (see `loadBallotRules`). */
export async function saveBallot(
	db: VoteDb,
	concertationId: number,
	participantId: number,
	choices: readonly BallotChoice[]
): Promise<boolean> {
	const earlier = await db
		.selectFrom('ballot')
		.select('participant_id')
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	const columns = columnsOf(choices);
	await db
		.insertInto('ballot')
		.values({ participant_id: participantId, concertation_id: concertationId, ...columns })
		.onConflict((conflict) => conflict.column('participant_id').doUpdateSet(columns))
		.execute();
	return earlier !== undefined;
}

/**
 * PostgreSQL: the ballots of a batch, one per participant, in one statement (one array per
 * column, so its parameters stay five whatever the batch). Returns the participants whose
 * ballot replaced an earlier one: a row the upsert updated has a transaction id in `xmax`,
 * a row it inserted has 0 (PostgreSQL's documented way to tell them apart).
 */
export async function saveBallots(
	db: VoteDb,
	concertationId: number,
	ballots: readonly { participantId: number; ballot: readonly BallotChoice[] }[]
): Promise<Set<number>> {
	if (ballots.length === 0) return new Set();
	const columns = ballots.map(({ ballot }) => columnsOf(ballot));
	const { rows } = await sql<{ participant_id: number; inserted: boolean }>`
		insert into ballot (participant_id, concertation_id, three_points_to, two_points_to, one_point_to)
		select participant_id, ${concertationId}, three, two, one
		from unnest(${ballots.map(({ participantId }) => participantId)}::bigint[],
			${columns.map((column) => column.three_points_to)}::bigint[],
			${columns.map((column) => column.two_points_to)}::bigint[],
			${columns.map((column) => column.one_point_to)}::bigint[])
			as cast_now(participant_id, three, two, one)
		on conflict (participant_id) do update set
			three_points_to = excluded.three_points_to,
			two_points_to = excluded.two_points_to,
			one_point_to = excluded.one_point_to
		returning participant_id, xmax = 0 as inserted`.execute(db);
	return new Set(rows.filter((row) => !row.inserted).map((row) => row.participant_id));
}
