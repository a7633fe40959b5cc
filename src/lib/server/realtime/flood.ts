import { translator, type Locale } from '../../i18n';
import type { CommandAck } from '../../protocol';
import type { Actor } from '../auth/actor';
import { config } from '../config';
import { RateLimit, type Verdict } from '../limits';

/**
 * How often a connection may send commands and `sync`: a phone (and the projector) per
 * connection and, across all of a participant's devices, per participant; a console per
 * connection, with more room (a facilitator sorting tables clicks fast, and is signed in).
 * The figures never hinder a person: tapping, even fast, is a few commands a second, and a
 * phone's offline queue sends what it kept at the pace it is told (`retryAfterMs`). A refusal
 * is answered at once and stored nowhere: no command log, no database write.
 */
export class CommandLimits {
	private readonly perConnection: RateLimit;
	private readonly perParticipant: RateLimit;
	private readonly perConsole: RateLimit;

	constructor(limits = config.limits) {
		this.perConnection = new RateLimit('socket', limits.commandsPerSecond, limits.commandBurst);
		this.perParticipant = new RateLimit(
			'participant',
			limits.commandsPerSecond,
			limits.commandBurst
		);
		this.perConsole = new RateLimit(
			'console',
			limits.consoleCommandsPerSecond,
			limits.consoleCommandBurst
		);
	}

	async take(socketId: string, actor: Actor): Promise<Verdict> {
		if (actor.kind === 'facilitator') return this.perConsole.take(socketId);
		const connection = await this.perConnection.take(socketId);
		if (!connection.allowed || actor.kind !== 'participant') return connection;
		return this.perParticipant.take(String(actor.participantId));
	}
}

const messages = new Map<Locale, string>();

/** The answer to a command (or `sync`) over the limit: try again after `retryAfterMs`. */
export function rateLimitedAck(locale: Locale, retryAfterMs: number): CommandAck {
	let message = messages.get(locale);
	if (message === undefined) {
		message = translator(locale, 'errors')('too_many_requests');
		messages.set(locale, message);
	}
	return { ok: false, error: { code: 'rate_limited', message, details: { retryAfterMs } } };
}
