import type { Cookies } from '@sveltejs/kit';
import { createSession, SESSION_COOKIE } from '../auth/sessions';
import { config } from '../config';
import type { Db } from '../db';

/** Signs a facilitator in on this browser: a new session and its http-only cookie. */
export async function startSessionCookie(
	db: Db,
	cookies: Cookies,
	url: URL,
	facilitatorId: number
) {
	const session = await createSession(db, facilitatorId, config.sessionDays);
	cookies.set(SESSION_COOKIE, session.token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: session.expiresAt
	});
	return session;
}
