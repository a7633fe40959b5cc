import type { Locale } from '../../i18n/locales';
import {
	type AttendanceMode,
	commandIdSchema,
	commandSchemas,
	isCommandName,
	type CommandAck,
	type CommandInput,
	type CommandName,
	type SectionName,
	type SelfView
} from '../../protocol';
import { actorKey, type Actor } from '../auth/actor';
import {
	dialectOf,
	nowIso,
	preparedStatements,
	groupCommit,
	type Db,
	type Tables,
	type PreparedStatements,
	type TxWith
} from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import {
	auditPayload,
	replayedAck,
	type LogEntry,
	type Recorded,
	type LoggedCommand
} from './command-log';
import { toCommandError } from './errors';
import type {
	AnyHandler,
	CommandHandler,
	CommandOutcome,
	LiveConcertation
} from './command-handler';
import { runOnPostgres } from './postgres-commands';

export type {
	AnyHandler,
	CommandContext,
	CommandHandler,
	CommandOutcome,
	ImmediateCommandContext,
	LiveConcertation
} from './command-handler';

const LIVE_CONCERTATION_SQL =
	'select id, status, current_phase_id, version from concertation where id = ?';
const handlers = new Map<CommandName, AnyHandler>();

/**
 * A domain's commands. `T`: its own tables, which its handlers' `tx` reads and writes besides
 * the core's (a type only: the transaction is the same).
 */
export function registerCommands<T extends Tables = Record<never, never>>(definitions: {
	[N in CommandName]?: CommandHandler<N, T>;
}): void {
	for (const [name, handler] of Object.entries(definitions)) {
		handlers.set(name as CommandName, handler as unknown as AnyHandler);
	}
}

export function registeredCommandNames(): CommandName[] {
	return [...handlers.keys()];
}

/** Where committed changes are announced (the broadcaster, when realtime is running). */
export interface ChangeSink {
	/**
	 * `urgent`: a facilitator's change, which the room waits for: not held by coalescing.
	 * `roster`: participants whose entry in the consoles' roster changed (sent as changes).
	 */
	changed(
		concertationId: number,
		sections: Iterable<SectionName>,
		versionBefore: number,
		urgent?: boolean,
		roster?: readonly number[]
	): void;
	selfChanged(participantIds: number[]): Promise<void>;
	/** `exceptSocketId`: the device that sent the command, which learns it from its ack. */
	selfPart(participantId: number, part: Partial<SelfView>, exceptSocketId?: string): void;
	/** The concertation is gone (deleted): its live connections end. */
	removed(concertationId: number): void;
	/** A projector key was replaced or ended: the projectors opened with it disconnect. */
	screenKeyEnded(concertationId: number): void;
	/** A participant moved into the room or out of it: their devices join or leave the projector's feed. */
	attendanceModeChanged(
		concertationId: number,
		participantId: number,
		attendanceMode: AttendanceMode
	): void;
}

let sink: ChangeSink | null = null;
export function setChangeSink(next: ChangeSink | null): void {
	sink = next;
}

/**
 * Announces a change committed outside `executeCommand`/`applyChange` (e.g. a phone joining);
 * `roster`: the participants whose entry in the consoles' roster changed.
 */
export function announceChange(
	concertationId: number,
	sections: SectionName[],
	versionBefore: number,
	roster?: readonly number[]
): void {
	sink?.changed(concertationId, sections, versionBefore, false, roster);
}

/** Announces, once its transaction committed, that a concertation was deleted. */
export function announceRemoval(concertationId: number): void {
	sink?.removed(concertationId);
}

/** Once a new projector key (or none) is committed: projectors opened with the old one go. */
export function announceScreenKeyEnded(concertationId: number): void {
	sink?.screenKeyEnded(concertationId);
}

/** Once a participant's attendanceMode is committed: their devices follow the projector, or stop. */
export function announceAttendanceMode(
	concertationId: number,
	participantId: number,
	attendanceMode: AttendanceMode
): void {
	sink?.attendanceModeChanged(concertationId, participantId, attendanceMode);
}

export interface CommandRequest {
	name: string;
	payload: unknown;
	actor: Actor;
	concertationId: number;
	locale: Locale;
	/** The socket it came on, if any: it gets the command's ack, not its `selfParts`. */
	socketId?: string;
}

/**
 * The one path of every change requested by a client (socket, JSON API or form):
 * validate → authorise → run the domain function in one transaction that also bumps the
 * version and logs the answer → reply → broadcast. A repeated command id gets the first
 * answer back without running again. Only successes are logged: a refused command changed
 * nothing and may be retried with the same id.
 */
export async function executeCommand(db: Db, request: CommandRequest): Promise<CommandAck> {
	const { actor, concertationId, locale } = request;
	try {
		if (!isCommandName(request.name)) throw new DomainError('not_found');
		const name = request.name;
		const handler = handlers.get(name);
		if (!handler) throw new DomainError('not_found');
		if (
			typeof request.payload !== 'object' ||
			request.payload === null ||
			Array.isArray(request.payload)
		) {
			throw new DomainError('invalid', { detail: 'payload must be an object' });
		}
		const { commandId: rawCommandId, ...rawInput } = request.payload as Record<string, unknown>;
		const commandId = commandIdSchema.parse(rawCommandId);
		const input = commandSchemas[name].parse(rawInput) as CommandInput<typeof name>;
		authorise(handler, actor, concertationId);

		const command: LoggedCommand = {
			key: actorKey(actor),
			commandId,
			concertationId,
			name,
			audit: handler.audit
		};
		const outcome =
			dialectOf(db) === 'sqlite'
				? await runOnSqlite(db, handler, command, actor, input)
				: await runOnPostgres(db, handler, command, actor, input);

		if (!outcome.repeat) outcome.result.afterCommit?.();
		if (!outcome.repeat && sink) {
			const { changed, selfChanged, selfParts, rosterChanged } = outcome.result;
			const { versionBefore } = outcome;
			const target = sink;
			// The caller sends the ack as soon as this promise settles (a microtask); the
			// broadcast and the participants' own views go out on a later turn of the event
			// loop, so the answer to this command is never held behind them.
			setImmediate(() => {
				// A facilitator's click (reveal, close, next step) is what the room waits for;
				// what phones send (ballots, items) is counted, and coalesced.
				if (changed.length > 0 || rosterChanged?.length)
					target.changed(
						concertationId,
						changed,
						versionBefore,
						actor.kind === 'facilitator',
						rosterChanged
					);
				for (const { participantId, part } of selfParts ?? [])
					target.selfPart(participantId, part, request.socketId);
				if (selfChanged?.length)
					target.selfChanged(selfChanged).catch((error: unknown) => {
						console.error('self update failed', error);
					});
			});
		}
		return outcome.ack;
	} catch (error) {
		return { ok: false, error: toCommandError(error, locale) };
	}
}

/**
 * SQLite: the statements every command runs go straight to SQLite as cached prepared
 * statements (see `preparedStatements`), inside the one transaction; a command with a
 * `runNow` runs synchronously in the next group commit.
 */
async function runOnSqlite(
	db: Db,
	handler: AnyHandler,
	command: LoggedCommand,
	actor: Actor,
	input: CommandInput<CommandName>
): Promise<Logged> {
	const prepared = preparedStatements(db);
	const log = { prepared, ...command };
	/** The answer to a repeated id, or the concertation (`sql` picks its columns) and now. */
	const begin = <C extends LiveConcertation>(
		sql: string
	): Logged | { concertation: C; now: Date } => {
		const previous = prepared(
			'select name, response_json from command_log where actor_key = ? and command_id = ?'
		).get(command.key, command.commandId) as LogEntry | undefined;
		if (previous) return { ack: replayedAck(previous, command.name), repeat: true };
		const concertation = prepared(sql).get(command.concertationId) as C | undefined;
		if (!concertation) throw new DomainError('not_found');
		return { concertation, now: new Date() };
	};
	const runNow = handler.runNow;
	if (runNow)
		return groupCommit(db, (): Logged => {
			const started = begin<LiveConcertation>(LIVE_CONCERTATION_SQL);
			if ('ack' in started) return started;
			const result = runNow({ prepared, actor, ...started }, input);
			return record(log, started.concertation, started.now, input, result);
		});
	return db.transaction().execute(async (tx) => {
		const started = begin<Concertation>('select * from concertation where id = ?');
		if ('ack' in started) return started;
		const result = await handler.run({ tx, actor, ...started }, input);
		return record(log, started.concertation, started.now, input, result);
	});
}

/**
 * After the domain function, inside the same transaction: bump the version and keep the
 * audit entry when something shared changed, and log the answer for repeats of the id.
 */
function record(
	log: LoggedCommand & { prepared: PreparedStatements },
	concertation: Pick<Concertation, 'version'>,
	now: Date,
	input: unknown,
	result: CommandOutcome<unknown>
): Logged {
	const { prepared, concertationId } = log;
	const nowText = now.toISOString();
	let version = concertation.version;
	if (result.changed.length > 0) {
		const bumped = prepared(
			'update concertation set version = version + 1, updated_at = ? where id = ? returning version'
		).get(nowText, concertationId) as Pick<Concertation, 'version'>;
		version = bumped.version;
		prepared(
			'insert into event_log (concertation_id, actor, type, payload_json, version, created_at) values (?, ?, ?, ?, ?, ?)'
		).run(concertationId, log.key, log.name, auditPayload(log, input), version, nowText);
	}
	const ack: CommandAck = { ok: true, data: result.result, version };
	prepared(
		'insert into command_log (actor_key, command_id, concertation_id, name, response_json, created_at) values (?, ?, ?, ?, ?, ?)'
	).run(log.key, log.commandId, concertationId, log.name, JSON.stringify(ack), nowText);
	return { ack, repeat: false, result, versionBefore: concertation.version };
}

/** A command's answer as its transaction left it. */
type Logged = Recorded<CommandOutcome<unknown>>;

function authorise(handler: AnyHandler, actor: Actor, concertationId: number): void {
	if (!handler.allow.includes(actor.kind)) throw new DomainError('forbidden');
	if (actor.kind === 'facilitator' && actor.role !== 'facilitator')
		throw new DomainError('forbidden');
	if (actor.kind !== 'facilitator' && actor.concertationId !== concertationId)
		throw new DomainError('forbidden');
}

/**
 * For changes that do not come as commands (form actions, imports): the same transaction,
 * version bump, audit log and broadcast, without the idempotency log.
 */
export async function applyChange<R, T extends Tables = Record<never, never>>(
	db: Db,
	concertationId: number,
	actor: Actor,
	type: string,
	change: (tx: TxWith<T>, concertation: Concertation) => Promise<CommandOutcome<R>>
): Promise<{ result: R; version: number }> {
	const postgres = dialectOf(db) === 'postgres';
	const outcome = await db.transaction().execute(async (tx) => {
		const concertation = await tx
			.selectFrom('concertation')
			.selectAll()
			.where('id', '=', concertationId)
			// One change at a time per concertation, as in `runOnPostgres`.
			.$if(postgres, (query) => query.forNoKeyUpdate())
			.executeTakeFirst();
		if (!concertation) throw new DomainError('not_found');
		const done = await change(tx.withTables<T>(), concertation);
		const now = nowIso();
		const { version } = await tx
			.updateTable('concertation')
			.set({ version: (eb) => eb('version', '+', 1), updated_at: now })
			.where('id', '=', concertationId)
			.returning('version')
			.executeTakeFirstOrThrow();
		await tx
			.insertInto('event_log')
			.values({
				concertation_id: concertationId,
				actor: actorKey(actor),
				type,
				payload_json: '{}',
				version,
				created_at: now
			})
			.execute();
		return { done, version, versionBefore: concertation.version };
	});
	outcome.done.afterCommit?.();
	if (sink) {
		sink.changed(
			concertationId,
			outcome.done.changed,
			outcome.versionBefore,
			actor.kind === 'facilitator',
			outcome.done.rosterChanged
		);
		if (outcome.done.selfChanged?.length) await sink.selfChanged(outcome.done.selfChanged);
	}
	return { result: outcome.done.result, version: outcome.version };
}
