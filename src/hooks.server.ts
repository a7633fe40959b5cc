import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { negotiateLocale } from '$lib/i18n/locales';
import { boot } from '$lib/server/boot';
import { facilitatorForSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { LOCALE_COOKIE } from '$lib/server/http/locale';
import { isAllowedOrigin } from '$lib/server/http/origin';
import { securityHeaders } from '$lib/server/http/security-headers.js';
import { translator } from '$lib/i18n';
import { isStorageFailure, storageFailures } from '$lib/server/db/storage';

export const init: ServerInit = async () => {
	await boot();
};

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const handle: Handle = async ({ event, resolve }) => {
	const app = await boot();
	event.locals.db = app.db;
	event.locals.locale = negotiateLocale(
		event.cookies.get(LOCALE_COOKIE),
		event.request.headers.get('accept-language')
	);

	const bearer = event.request.headers.get('authorization');
	const sessionToken =
		event.cookies.get(SESSION_COOKIE) ??
		(bearer?.startsWith('Bearer ') ? bearer.slice(7).trim() : undefined);
	event.locals.facilitator = await facilitatorForSession(app.db, sessionToken);
	event.locals.sessionToken = event.locals.facilitator ? (sessionToken ?? null) : null;

	// SvelteKit checks Origin for form posts only; JSON endpoints that change data need it too.
	if (
		event.url.pathname.startsWith('/api/') &&
		MUTATING.has(event.request.method) &&
		!isAllowedOrigin(event.request.headers.get('origin'), event.request.headers.get('host'))
	) {
		const t = translator(event.locals.locale, 'errors');
		return withSecurityHeaders(
			Response.json(
				{ ok: false, error: { code: 'bad_origin', message: t('bad_origin') } },
				{ status: 403 }
			),
			event.url.protocol === 'https:'
		);
	}

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
	return withSecurityHeaders(response, event.url.protocol === 'https:');
};

/**
 * The headers of security-headers.js on a response (copied first if its headers are frozen),
 * unless the page set a stricter one itself (a share link's `no-referrer`).
 */
function withSecurityHeaders(response: Response, https: boolean): Response {
	const headers = Object.entries(securityHeaders(https));
	const apply = (target: Response) => {
		for (const [name, value] of headers)
			if (!target.headers.has(name)) target.headers.set(name, value);
		return target;
	};
	try {
		return apply(response);
	} catch {
		return apply(new Response(response.body, response));
	}
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	const t = translator(event.locals.locale ?? 'fr', 'errors');
	// A full or failing disk is not a bug: counted and logged once a minute (db/storage.ts).
	if (isStorageFailure(error)) {
		storageFailures.report(error, `${event.request.method} ${event.url.pathname}`);
		return { message: t('storage_unavailable'), code: 'storage_unavailable' };
	}
	if (status !== 404 && status !== 405)
		console.error(`Error on ${event.request.method} ${event.url.pathname}`, error);
	// A 400 here is an address the router cannot even read (e.g. a broken %-escape); a 405 a
	// form sent to a page that takes none (e.g. a review form replayed on a read-only link).
	const code =
		status === 404
			? 'not_found'
			: status === 400
				? 'bad_address'
				: status === 405
					? 'method_not_allowed'
					: 'internal';
	return { message: t(code), code };
};
