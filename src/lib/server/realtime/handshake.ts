import { parse as parseCookies } from 'cookie';
import type { Socket } from 'socket.io';
import { negotiateLocale, type Locale } from '../../i18n/locales';
import type { Audience, SocketAuth } from '../../protocol';
import type { Actor } from '../auth/actor';
import { facilitatorForSession, SESSION_COOKIE } from '../auth/sessions';
import { hashToken } from '../auth/tokens';
import type { Db } from '../db';
import type { Concertation, Participant } from '../db/schema';
import { screenKeyMatches } from '../concertation/screen-key';
import { findConcertation } from '../concertation/store';
import { BatchedReads, InFlightReads } from '../db/shared-reads';
import {
	isDeviceToken,
	participantCookieName,
	participantsByTokenHash
} from '../participants/service';
import { isAllowedOrigin } from '../http/origin';
import { LOCALE_COOKIE } from '../http/locale';

export interface SocketData {
	actor: Actor;
	audience: Audience;
	concertation: Concertation;
	locale: Locale;
	/** A console's sign-in session (its token's hash): the socket ends when the session does. */
	sessionTokenHash?: string;
	/** A projector opened with the screen key: it ends when the key is rotated or ended. */
	viaScreenKey?: boolean;
	/** A remote participant (at the handshake): the device also follows the projector. */
	remote?: boolean;
}

export class HandshakeError extends Error {
	/** socket.io sends `data` to the client with the connect_error. */
	readonly data: { code: string };
	constructor(code: string) {
		super(code);
		this.data = { code };
	}
}

/**
 * Who is this connection? Checked once per connection (a facilitator's session cookie, a
 * participant's device token or cookie, or the projector's screen key), and again for every
 * command by the command's own rules.
 */
/**
 * A handshake's reads, shared by the handshakes of the same moment: the concertation read
 * once for all of them, the participants found by their tokens in one query per batch.
 */
export class HandshakeReads {
	private readonly concertations = new InFlightReads<number, Concertation | undefined>();
	private readonly participants: BatchedReads<string, Participant>;

	constructor(private readonly db: Db) {
		this.participants = new BatchedReads((hashes) => participantsByTokenHash(db, hashes));
	}

	concertation(concertationId: number): Promise<Concertation | undefined> {
		return this.concertations.read(concertationId, () => findConcertation(this.db, concertationId));
	}

	/** The participant of this concertation whose device token it is. */
	async participant(concertationId: number, token: string | undefined) {
		if (!isDeviceToken(token)) return undefined;
		const participant = await this.participants.read(hashToken(token));
		return participant?.concertation_id === concertationId ? participant : undefined;
	}
}

export async function authenticateSocket(
	db: Db,
	socket: Socket,
	reads = new HandshakeReads(db)
): Promise<SocketData> {
	const headers = socket.handshake.headers;
	if (!isAllowedOrigin(headers.origin, headers.host)) throw new HandshakeError('bad_origin');
	const auth = (socket.handshake.auth ?? {}) as Partial<SocketAuth>;
	const concertationId = Number(auth.concertationId);
	if (!Number.isSafeInteger(concertationId) || concertationId <= 0)
		throw new HandshakeError('invalid');
	const concertation = await reads.concertation(concertationId);
	if (!concertation) throw new HandshakeError('not_found');
	const cookies = parseCookies(headers.cookie ?? '');
	const locale = negotiateLocale(
		auth.locale ?? cookies[LOCALE_COOKIE],
		headers['accept-language'] ?? null
	);

	switch (auth.role) {
		case 'facilitator': {
			// A script gives the `token` of POST /api/session (the session cookie's value) in
			// `auth`, as a phone gives its device token; a browser sends the cookie.
			const sessionToken =
				(typeof auth.token === 'string' ? auth.token : undefined) ??
				cookies[SESSION_COOKIE] ??
				bearer(headers.authorization);
			const facilitator = await facilitatorForSession(db, sessionToken);
			if (!facilitator) throw new HandshakeError('unauthenticated');
			// The console's view names the participants: coordinators (who never run a session)
			// read the restitution instead.
			if (facilitator.role !== 'facilitator') throw new HandshakeError('forbidden');
			return {
				actor: { kind: 'facilitator', facilitatorId: facilitator.id, role: facilitator.role },
				audience: 'facilitator',
				concertation,
				locale,
				// facilitatorForSession found the session, so there was a token.
				sessionTokenHash: hashToken(sessionToken!)
			};
		}
		case 'participant': {
			const token =
				typeof auth.token === 'string'
					? auth.token
					: cookies[participantCookieName(concertationId)];
			const participant = await reads.participant(concertationId, token);
			if (!participant) throw new HandshakeError('unauthenticated');
			return {
				actor: { kind: 'participant', participantId: participant.id, concertationId },
				audience: 'participant',
				concertation,
				locale: auth.locale ? locale : negotiateLocale(participant.locale, null),
				remote: participant.attendance_mode === 'remote'
			};
		}
		case 'screen': {
			// The projector shows table members' names and items: its key, or a facilitator's
			// session. A coordinator reads the restitution instead, like for the console.
			const keyMatches = screenKeyMatches(concertation, auth.screenKey);
			if (!keyMatches) {
				const account = await facilitatorForSession(db, cookies[SESSION_COOKIE]);
				if (!account) throw new HandshakeError('unauthenticated');
				if (account.role !== 'facilitator') throw new HandshakeError('forbidden');
			}
			return {
				actor: { kind: 'screen', concertationId },
				audience: 'screen',
				concertation,
				locale,
				viaScreenKey: keyMatches
			};
		}
		default:
			throw new HandshakeError('invalid');
	}
}

function bearer(header: string | undefined): string | undefined {
	return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
