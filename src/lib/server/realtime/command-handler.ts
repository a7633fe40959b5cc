import type {
	CommandInput,
	CommandName,
	CommandResult,
	SectionName,
	SelfView
} from '../../protocol';
import type { Actor, ActorKind } from '../auth/actor';
import type { PreparedStatements, Tables, TxWith } from '../db';
import type { Concertation } from '../db/schema';

/*
 * What a command's handler is, as the phases register it (`registerCommands` in commands.ts)
 * and as each database's way of running commands calls it (commands.ts, postgres-commands.ts).
 */

/**
 * What an immediate command (see `runNow`) sees of its concertation: its live state, not
 * its title, place and contact details, which it never needs and which would cost every
 * ballot the reading of some twenty more columns.
 */
export type LiveConcertation = Pick<Concertation, 'id' | 'status' | 'current_phase_id' | 'version'>;

/** What a command runs with when it only needs cached prepared statements (see `runNow`). */
export interface ImmediateCommandContext {
	/**
	 * Cached prepared statements on the database's connection; they run synchronously inside
	 * the command's transaction.
	 */
	prepared: PreparedStatements;
	actor: Actor;
	concertation: LiveConcertation;
	now: Date;
}

/** `T`: the tables of the phase kind that registers the command, besides the core's. */
export interface CommandContext<T extends Tables = Record<never, never>> {
	tx: TxWith<T>;
	actor: Actor;
	concertation: Concertation;
	now: Date;
}

export interface CommandOutcome<R> {
	result: R;
	/** Sections of the shared state to send again. Empty: nothing shared changed. */
	changed: SectionName[];
	/** Participants whose own view changed and must be rebuilt (sent on their personal room). */
	selfChanged?: number[];
	/** Participants whose entry in the consoles' roster changed (name, organisation, sector). */
	rosterChanged?: number[];
	/**
	 * The part of a participant's own view that changed, when the command already knows it
	 * (a ballot): sent as is, without rebuilding the whole view, to their devices other than
	 * the one that sent the command (which knows what it sent, and has the ack).
	 */
	selfParts?: { participantId: number; part: Partial<SelfView> }[];
	/** What to announce once the transaction committed (never for a repeated id). */
	afterCommit?: () => void;
}

interface HandlerRules<N extends CommandName> {
	/** Who may send it. Coordinators never run live commands. */
	allow: ActorKind[];
	/** What the audit log keeps of the input, when all of it must not be kept (a ballot). */
	audit?(input: CommandInput<N>): unknown;
}

/**
 * A command's domain function, reading and writing through Kysely (`run`, asynchronous).
 * The command every phone sends at once (a ballot) has two more, one per database:
 * - SQLite: `runNow` uses only prepared statements and runs synchronously, without Kysely's
 *   connection lock and promise chain, which were most of a ballot's cost on the server; the
 *   ballots of one turn of the event loop share one commit (`groupCommit`), each in its own
 *   savepoint.
 * - PostgreSQL: `runBatch` runs the commands that arrived together in one transaction, with
 *   one set of statements for all of them (see `postgres-commands.ts`). It answers, per
 *   command, its outcome or the error refusing it, and throws only when nothing can be stored.
 */
export type CommandHandler<
	N extends CommandName,
	T extends Tables = Record<never, never>
> = HandlerRules<N> & {
	run(ctx: CommandContext<T>, input: CommandInput<N>): Promise<CommandOutcome<CommandResult<N>>>;
	runNow?(ctx: ImmediateCommandContext, input: CommandInput<N>): CommandOutcome<CommandResult<N>>;
	runBatch?(
		ctx: Omit<CommandContext<T>, 'actor'>,
		commands: readonly { actor: Actor; input: CommandInput<N> }[]
	): Promise<(CommandOutcome<CommandResult<N>> | Error)[]>;
};

export type AnyHandler = CommandHandler<CommandName>;
