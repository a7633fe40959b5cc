import { authenticate } from '$lib/server/auth/facilitators';
import { deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { startSessionCookie } from '$lib/server/http/session-cookie';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { z } from 'zod';
import type { RequestHandler } from './$types';

const credentials = z.object({ email: z.string().max(300), password: z.string().max(300) });

/** Sign in from a script: the token works as a cookie or as `Authorization: Bearer`. */
export const POST: RequestHandler = ({ request, locals, cookies, url, getClientAddress }) =>
	jsonEndpoint(locals, async () => {
		const { email, password } = credentials.parse(await readJson(request));
		const facilitator = await authenticate(
			locals.db,
			email,
			password,
			new Date(),
			getClientAddress()
		);
		const session = await startSessionCookie(locals.db, cookies, url, facilitator.id);
		return Response.json({
			ok: true,
			token: session.token,
			expiresAt: session.expiresAt.toISOString(),
			account: { id: facilitator.id, email: facilitator.email, role: facilitator.role }
		});
	});

export const DELETE: RequestHandler = ({ locals, cookies, request }) =>
	jsonEndpoint(locals, async () => {
		const bearer = request.headers.get('authorization');
		const token =
			cookies.get(SESSION_COOKIE) ??
			(bearer?.startsWith('Bearer ') ? bearer.slice(7).trim() : undefined);
		if (token) await deleteSession(locals.db, token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		return Response.json({ ok: true });
	});
