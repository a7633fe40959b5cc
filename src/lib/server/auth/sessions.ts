import type { Db } from '../db';
import type { Facilitator } from '../db/schema';
import { hashToken, randomToken } from './tokens';

export const SESSION_COOKIE = 'concertation_session';

/**
 * Who must know when sign-in sessions end (signing out, a password reset, an account's
 * removal): the live channel, which disconnects those sessions' consoles. It subscribes; the
 * accounts never import it.
 */
type SessionsEndedListener = (tokenHashes: readonly string[]) => void;
const sessionsEndedListeners = new Set<SessionsEndedListener>();

export function onSessionsEnded(listener: SessionsEndedListener): () => void {
	sessionsEndedListeners.add(listener);
	return () => sessionsEndedListeners.delete(listener);
}

/** Call once the sessions' rows were deleted (committed). */
export function sessionsEnded(tokenHashes: readonly string[]): void {
	if (tokenHashes.length === 0) return;
	for (const listener of sessionsEndedListeners) listener(tokenHashes);
}

export async function createSession(db: Db, facilitatorId: number, days: number, now = new Date()) {
	const token = randomToken();
	const expiresAt = new Date(now.getTime() + days * 86_400_000);
	await db
		.insertInto('auth_session')
		.values({
			token_hash: hashToken(token),
			facilitator_id: facilitatorId,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString()
		})
		.execute();
	return { token, expiresAt };
}

export async function facilitatorForSession(
	db: Db,
	token: string | undefined | null,
	now = new Date()
): Promise<Facilitator | null> {
	if (!token || token.length > 100) return null;
	const row = await db
		.selectFrom('auth_session')
		.innerJoin('facilitator', 'facilitator.id', 'auth_session.facilitator_id')
		.selectAll('facilitator')
		.select('auth_session.expires_at')
		.where('auth_session.token_hash', '=', hashToken(token))
		.executeTakeFirst();
	if (!row || Date.parse(row.expires_at) <= now.getTime()) return null;
	const { expires_at: _expiresAt, ...facilitator } = row;
	return facilitator;
}

/** Signs out: the session's row goes, then its open consoles are disconnected. */
export async function deleteSession(db: Db, token: string): Promise<void> {
	const hash = hashToken(token);
	await db.deleteFrom('auth_session').where('token_hash', '=', hash).execute();
	sessionsEnded([hash]);
}
