import { sql } from 'kysely';
import type { CommandAck, CommandInput, CommandName } from '../../protocol';
import type { Actor } from '../auth/actor';
import type { Db, Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import type { AnyHandler, CommandOutcome } from './command-handler';
import {
	auditPayload,
	isDuplicateLogEntry,
	replayedAck,
	type LogEntry,
	type Recorded,
	type LoggedCommand
} from './command-log';

/**
 * How commands run on PostgreSQL (issue 19). Every command locks its concertation's row first
 * (`select … for update`), so that one concertation's commands run one at a time, as SQLite's
 * single writer makes them, whichever instance receives them: each sees the ones before, and
 * versions follow each other.
 *
 * The command a whole room sends at once (a ballot) would then queue a thousand transactions
 * of ten round trips each behind one lock. A handler with a `runBatch` has its commands
 * grouped instead, as SQLite's group commit does: those that arrive for one concertation
 * while its previous group runs go together in one transaction, whatever their number, with
 * a fixed number of statements (the log read, the handler's reads and one write, one
 * statement for the versions, audit and log entries). Nobody is answered before the commit.
 */
export function runOnPostgres(
	db: Db,
	handler: AnyHandler,
	command: LoggedCommand,
	actor: Actor,
	input: CommandInput<CommandName>
): Promise<Logged> {
	if (handler.runBatch) return inNextBatch(db, handler, { command, actor, input });
	return runAlone(db, handler, { command, actor, input });
}

/** A command, as it waits for its batch. */
interface Pending {
	command: LoggedCommand;
	actor: Actor;
	input: CommandInput<CommandName>;
}

type Outcome = CommandOutcome<unknown>;
/** A command's answer as its transaction left it. */
type Logged = Recorded<Outcome>;

/** One command in its own transaction, answered from the log if its id was used. */
async function runAlone(db: Db, handler: AnyHandler, pending: Pending): Promise<Logged> {
	const once = () =>
		db.transaction().execute(async (tx) => {
			const concertation = await lockConcertation(tx, pending.command.concertationId);
			const previous = await previousAnswers(tx, [pending.command]);
			const answer = previous.get(logKey(pending.command));
			if (answer) return repeated(answer, pending.command);
			const now = new Date();
			const result = await handler.run(
				{ tx, actor: pending.actor, concertation, now },
				pending.input
			);
			const [logged] = await record(tx, concertation, now, [{ ...pending, result }]);
			return logged!;
		});
	// The same id sent twice at once (a phone that reconnected to another instance while its
	// first try was running): the second finds the first's answer now.
	return once().catch((error: unknown) => {
		if (isDuplicateLogEntry(error)) return once();
		throw error;
	});
}

/**
 * The concertation, its row locked until the commit: the concertation's commands queue here.
 * `for no key update`, the lock an update takes: the rows that only refer to the concertation
 * (their foreign key: a phone's presence) are written meanwhile.
 */
async function lockConcertation(tx: Tx, concertationId: number) {
	const concertation = await tx
		.selectFrom('concertation')
		.selectAll()
		.where('id', '=', concertationId)
		.forNoKeyUpdate()
		.executeTakeFirst();
	if (!concertation) throw new DomainError('not_found');
	return concertation;
}

/** The answers already logged for these ids, by `logKey`. */
async function previousAnswers(
	tx: Tx,
	commands: readonly LoggedCommand[]
): Promise<Map<string, LogEntry>> {
	const { rows } = await sql<LogEntry & { actor_key: string; command_id: string }>`
		select actor_key, command_id, name, response_json from command_log
		where (actor_key, command_id) in (
			select * from unnest(${commands.map((command) => command.key)}::text[],
				${commands.map((command) => command.commandId)}::text[]))`.execute(tx);
	return new Map(rows.map((row) => [`${row.actor_key}\n${row.command_id}`, row]));
}

function logKey(command: LoggedCommand): string {
	return `${command.key}\n${command.commandId}`;
}

function repeated(answer: LogEntry, command: LoggedCommand): Logged {
	return { ack: replayedAck(answer, command.name), repeat: true };
}

/**
 * Records what commands did, in one statement: the concertation's version goes up by one per
 * command that changed something shared (each gets its own version, in order), with an audit
 * entry each; every command's answer goes to the log, for a repeat of its id. `concertation`
 * was read under its lock, held until the commit: its version is the one to count from.
 */
async function record(
	tx: Tx,
	concertation: Pick<Concertation, 'id' | 'version'>,
	now: Date,
	done: readonly (Pending & { result: Outcome })[]
): Promise<Logged[]> {
	const nowText = now.toISOString();
	let version = concertation.version;
	/** Each command's version: the one after it, if it changed something shared. */
	const versions = done.map(({ result }) => (result.changed.length > 0 ? ++version : version));
	const logged = done.map(({ result }, index): Logged => {
		const ack: CommandAck = { ok: true, data: result.result, version: versions[index]! };
		const versionBefore = versions[index]! - (result.changed.length > 0 ? 1 : 0);
		return { ack, repeat: false, result, versionBefore };
	});
	const audited = done.flatMap((pending, index) =>
		pending.result.changed.length > 0 ? [{ ...pending, version: versions[index]! }] : []
	);
	await sql`
		with bumped as (
			update concertation set version = ${version}, updated_at = ${nowText}
			where id = ${concertation.id} and ${audited.length}::int > 0
		), audited as (
			insert into event_log (concertation_id, actor, type, payload_json, version, created_at)
			select ${concertation.id}, actor, type, payload_json, version, ${nowText}
			from unnest(${audited.map(({ command }) => command.key)}::text[],
				${audited.map(({ command }) => command.name)}::text[],
				${audited.map(({ command, input }) => auditPayload(command, input))}::text[],
				${audited.map((entry) => entry.version)}::bigint[])
				as audited(actor, type, payload_json, version)
		)
		insert into command_log (actor_key, command_id, concertation_id, name, response_json, created_at)
		select actor_key, command_id, ${concertation.id}, name, response_json, ${nowText}
		from unnest(${done.map(({ command }) => command.key)}::text[],
			${done.map(({ command }) => command.commandId)}::text[],
			${done.map(({ command }) => command.name)}::text[],
			${logged.map(({ ack }) => JSON.stringify(ack))}::text[])
			as logged(actor_key, command_id, name, response_json)`.execute(tx);
	return logged;
}

/** A command's end: what it recorded, or why it was refused or failed. */
type Settled = { ok: true; logged: Logged } | { ok: false; error: unknown };

/** The commands waiting for a concertation's next batch of one command name. */
interface Lane {
	handler: AnyHandler;
	waiting: (Pending & { answer: (end: Settled) => void })[];
}
const lanes = new WeakMap<Db, Map<string, Lane>>();

/** A batch's size at most: its statements stay well within PostgreSQL's parameter limits. */
const MAX_BATCH = 1_000;

function inNextBatch(db: Db, handler: AnyHandler, pending: Pending): Promise<Logged> {
	let byKey = lanes.get(db);
	if (!byKey) lanes.set(db, (byKey = new Map()));
	const key = `${pending.command.concertationId}\n${pending.command.name}`;
	let lane = byKey.get(key);
	if (!lane) {
		const started: Lane = { handler, waiting: [] };
		byKey.set(key, started);
		// The check phase runs after every socket read of this turn: their commands join.
		setImmediate(() => void drain(db, byKey, key, started));
		lane = started;
	}
	const { waiting } = lane;
	return new Promise<Logged>((resolve, reject) => {
		waiting.push({
			...pending,
			answer: (end) => (end.ok ? resolve(end.logged) : reject(end.error))
		});
	});
}

/** Runs the lane's batches until nobody waits: what arrives meanwhile forms the next one. */
async function drain(db: Db, byKey: Map<string, Lane>, key: string, lane: Lane): Promise<void> {
	while (lane.waiting.length > 0) {
		const batch = takeBatch(lane);
		let ends: Settled[];
		try {
			ends = await runBatch(db, lane.handler, batch);
		} catch {
			// The batch failed as a whole (a command id sent to two instances at once, a lost
			// connection): nothing of it is stored, and each command runs alone, in order.
			ends = [];
			for (const pending of batch)
				ends.push(
					await runAlone(db, lane.handler, pending).then(
						(logged): Settled => ({ ok: true, logged }),
						(error: unknown): Settled => ({ ok: false, error })
					)
				);
		}
		batch.forEach((pending, index) => pending.answer(ends[index]!));
	}
	// Nobody waits, and nothing ran since the check: the next command starts a new lane.
	byKey.delete(key);
}

/**
 * The next batch: the oldest waiting commands, one per sender, so that a sender's commands
 * keep their order (the next one of a sender waits for the next batch).
 */
function takeBatch(lane: Lane): Lane['waiting'] {
	const senders = new Set<string>();
	const batch: Lane['waiting'] = [];
	const later: Lane['waiting'] = [];
	for (const pending of lane.waiting) {
		if (batch.length < MAX_BATCH && !senders.has(pending.command.key)) {
			senders.add(pending.command.key);
			batch.push(pending);
		} else later.push(pending);
	}
	lane.waiting = later;
	return batch;
}

/**
 * One transaction for the batch. A command its handler refused gets its error and leaves
 * nothing; the others are recorded together. Throws when the transaction failed: then
 * nothing of the batch is stored.
 */
async function runBatch(
	db: Db,
	handler: AnyHandler,
	batch: readonly Pending[]
): Promise<Settled[]> {
	const concertationId = batch[0]!.command.concertationId;
	return db.transaction().execute(async (tx) => {
		const concertation = await lockConcertation(tx, concertationId);
		const previous = await previousAnswers(
			tx,
			batch.map(({ command }) => command)
		);
		const fresh = batch.filter(({ command }) => !previous.has(logKey(command)));
		const now = new Date();
		const outcomes =
			fresh.length === 0 ? [] : await handler.runBatch!({ tx, concertation, now }, fresh);
		const ends = new Map<Pending, Settled>();
		const done: { pending: Pending; result: Outcome }[] = [];
		fresh.forEach((pending, index) => {
			const result = outcomes[index]!;
			if (result instanceof Error) ends.set(pending, { ok: false, error: result });
			else done.push({ pending, result });
		});
		const recorded =
			done.length === 0
				? []
				: await record(
						tx,
						concertation,
						now,
						done.map(({ pending, result }) => ({ ...pending, result }))
					);
		done.forEach(({ pending }, index) => ends.set(pending, { ok: true, logged: recorded[index]! }));
		return batch.map((pending): Settled => {
			const answer = previous.get(logKey(pending.command));
			if (answer) return settledNow(() => repeated(answer, pending.command));
			return ends.get(pending)!;
		});
	});
}

/** `make`'s value, or what it threw (a command id reused for another command). */
function settledNow(make: () => Logged): Settled {
	try {
		return { ok: true, logged: make() };
	} catch (error) {
		return { ok: false, error };
	}
}
