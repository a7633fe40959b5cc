import type { CommandAck, CommandName } from '../../protocol';
import { DomainError } from '../errors';

/**
 * A command as its log entry and audit entry name it. The command log keeps each answer under
 * its sender's key and command id, for a repeat of the id; the audit log keeps what changed
 * something shared.
 */
export interface LoggedCommand {
	key: string;
	commandId: string;
	concertationId: number;
	name: CommandName;
	/** What the audit log keeps of the input, when all of it must not be kept (a ballot). */
	audit?: (input: never) => unknown;
}

/** What a command gave, as recorded: `R` is its outcome (see `CommandOutcome`). */
export type Recorded<R> =
	| { ack: CommandAck; repeat: true }
	| { ack: CommandAck; repeat: false; result: R; versionBefore: number };

/** A command log's row, as a repeat of its id reads it. */
export interface LogEntry {
	name: string;
	response_json: string;
}

/**
 * The first answer to this id, when it was already used. An id names one command: reused for
 * another command it is refused (`conflict`), since answering the first command's result
 * would tell the client that a command ran when it did not.
 */
export function replayedAck(previous: LogEntry, name: CommandName): CommandAck {
	if (previous.name !== name) throw new DomainError('conflict', {}, 'errors:command_id_reused');
	return JSON.parse(previous.response_json) as CommandAck;
}

/** What the audit log keeps of a command's input (a ballot's keeps no choice). */
export function auditPayload(command: LoggedCommand, input: unknown): string {
	return JSON.stringify(command.audit ? command.audit(input as never) : input);
}

/** PostgreSQL refused a second log entry for a command id (its primary key). */
export function isDuplicateLogEntry(error: unknown): boolean {
	const refused = error as { code?: string; constraint?: string } | null;
	return refused?.code === '23505' && refused.constraint === 'command_log_pk';
}
