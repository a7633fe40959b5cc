import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import { recordFullSession } from '../helpers/full-session';
import { formAction } from '../helpers/restitution';
import {
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	sessionCookie,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer
} from '../helpers/server';

/**
 * What every response says about itself (security headers, the pages' CSP, static files
 * included), what unknown API addresses and read-only pages answer, and a stop (SIGTERM) that
 * lets requests in flight finish and sockets reconnect quietly.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

const COMMON = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'SAMEORIGIN'
};

function expectCommonHeaders(label: string, response: Response) {
	const seen = Object.fromEntries(
		Object.keys(COMMON).map((name) => [name, response.headers.get(name)])
	);
	// A share link keeps the stricter no-referrer its page sets.
	const expected = label.includes('/r/share/')
		? { ...COMMON, 'referrer-policy': 'no-referrer' }
		: COMMON;
	expect({ label, ...seen }).toEqual({ label, ...expected });
	expect(response.headers.get('permissions-policy'), label).toMatch(/camera=\(\).*microphone=\(\)/);
}

/** The directives of a page's Content-Security-Policy, by name. */
function csp(response: Response): Record<string, string[]> {
	const header = response.headers.get('content-security-policy') ?? '';
	return Object.fromEntries(
		header
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((parts) => parts[0])
			.map(([name, ...values]) => [name!, values])
	);
}

describe('security headers', () => {
	it('are on every kind of page, with a CSP that lets only this site frame it', async () => {
		const session = await recordFullSession(server, admin, sockets.track, { number: '7' });
		const { id, joinCode, screenKey } = session.concertation;
		const shareToken = session.shareToken;
		const signedIn = { cookie: sessionCookie(admin) };
		const pages: [string, Record<string, string>?][] = [
			['/'],
			[`/j/${joinCode}`],
			['/f/login'],
			['/f', signedIn],
			[`/f/${id}`, signedIn],
			[`/f/${id}/edit`, signedIn],
			[`/s/${id}?key=${encodeURIComponent(screenKey)}`],
			[`/r/${id}`, signedIn],
			[`/r/share/${shareToken}`],
			['/f/series', signedIn],
			['/f/accounts', signedIn],
			['/no/such/page']
		];
		for (const [pathname, headers] of pages) {
			const response = await fetch(`${server.url}${pathname}`, { headers, redirect: 'manual' });
			expect(response.headers.get('content-type'), pathname).toContain('text/html');
			expectCommonHeaders(pathname, response);
			const policy = csp(response);
			expect({ pathname, ancestors: policy['frame-ancestors'] }).toEqual({
				pathname,
				ancestors: ["'self'"]
			});
			expect(policy['default-src'], pathname).toEqual(["'self'"]);
			expect(policy['object-src'], pathname).toEqual(["'none'"]);
			// Scripts: this site and SvelteKit's own inline script, by its nonce; nothing inline else.
			expect(policy['script-src']?.[0], pathname).toBe("'self'");
			expect(
				policy['script-src']?.some((value) => value.startsWith("'nonce-")),
				pathname
			).toBe(true);
			expect(policy['script-src'], pathname).not.toContain("'unsafe-inline'");
			expect(response.headers.get('strict-transport-security'), pathname).toBeNull();
		}
	});

	it('are on JSON, files, redirects and static assets too', async () => {
		const concertation = await createConcertation(server, admin);
		const home = await (await fetch(`${server.url}/`)).text();
		const script = /\/_app\/immutable\/[^"']+\.js/.exec(home)?.[0];
		expect(script).toBeTruthy();
		const responses: [string, RequestInit?][] = [
			['/healthz'],
			['/api/concertations', { headers: { authorization: `Bearer ${admin}` } }],
			[
				`/api/concertations/${concertation.id}/programme.json`,
				{ headers: { authorization: `Bearer ${admin}` } }
			],
			['/f', { redirect: 'manual' }],
			['/favicon.svg'],
			[script!]
		];
		for (const [pathname, init] of responses) {
			const response = await fetch(`${server.url}${pathname}`, init);
			expect(response.status, pathname).toBeLessThan(400);
			expectCommonHeaders(pathname, response);
		}
	});

	it('add HSTS only when the site is served over HTTPS (behind a proxy)', async () => {
		const proxied = await startServer({
			env: { PROTOCOL_HEADER: 'x-forwarded-proto', HOST_HEADER: 'host' }
		});
		try {
			for (const pathname of ['/', '/favicon.svg', '/healthz']) {
				const https = await fetch(`${proxied.url}${pathname}`, {
					headers: { 'x-forwarded-proto': 'https' }
				});
				expect(https.headers.get('strict-transport-security'), pathname).toBe('max-age=31536000');
				const http = await fetch(`${proxied.url}${pathname}`, {
					headers: { 'x-forwarded-proto': 'http' }
				});
				expect(http.headers.get('strict-transport-security'), pathname).toBeNull();
			}
		} finally {
			await proxied.stop();
		}
	});
});

describe('addresses that take nothing', () => {
	it('answer unknown API paths with a JSON 404, whatever the method', async () => {
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
			const response = await fetch(`${server.url}/api/no/such/thing`, {
				method,
				headers: { 'accept-language': 'nl', authorization: `Bearer ${admin}` }
			});
			expect(response.status, method).toBe(404);
			expect(response.headers.get('content-type'), method).toContain('application/json');
			expect(await response.json(), method).toEqual({
				ok: false,
				error: { code: 'not_found', message: 'Niet gevonden.' }
			});
		}
	});

	it('refuse a form sent to a read-only share link with a translated message', async () => {
		const concertation = await createConcertation(server, admin);
		const shared = await formAction(server, admin, `/r/${concertation.id}?/share`, {});
		const token = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(shared.data ?? '')?.[1];
		const enhanced = await formAction(server, null, `/r/share/${token}?/texts`, {
			introductionFr: 'pirate'
		});
		expect(enhanced.httpStatus).toBe(405);
		expect(enhanced.type).toBe('error');
		const plain = await fetch(`${server.url}/r/share/${token}?/texts`, {
			method: 'POST',
			headers: {
				origin: server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'introductionFr=pirate'
		});
		expect(plain.status).toBe(405);
		const html = await plain.text();
		expect(html).toContain(frErrors.method_not_allowed);
		expect(html).not.toContain(frErrors.internal);
		expect(JSON.stringify(enhanced)).toContain(frErrors.method_not_allowed);
	});
});

describe('stopping (SIGTERM)', () => {
	it('lets a PDF export in flight finish, refuses new connections, and lets phones reconnect quietly', async () => {
		const own = await startServer();
		try {
			const token = await signIn(own);
			const session = await recordFullSession(own, token, sockets.track, { number: '9' });
			const id = session.concertation.id;
			const pdf = () =>
				fetch(`${own.url}/api/concertations/${id}/restitution.pdf`, {
					headers: { authorization: `Bearer ${token}` }
				});
			// How long an export takes here, to stop the server in the middle of the next one.
			let started = performance.now();
			expect((await pdf()).status).toBe(200);
			const duration = performance.now() - started;

			const phone = await joinAsParticipant(own, session.concertation.joinCode);
			const { socket } = await withSnapshot(
				sockets.track(connectParticipant(own, id, phone.token))
			);
			const reason = new Promise<string>((resolve) => socket.once('disconnect', resolve));
			const exited = new Promise<number | null>((resolve) => own.process.once('exit', resolve));

			started = performance.now();
			const inFlight = pdf();
			await new Promise((resolve) => setTimeout(resolve, Math.min(40, duration / 3)));
			own.process.kill('SIGTERM');
			const response = await inFlight;
			expect(response.status).toBe(200);
			const bytes = Buffer.from(await response.arrayBuffer());
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(bytes.subarray(-6).toString()).toContain('%%EOF');

			// Clients are not told to go away for good: socket.io reconnects after this reason.
			expect(await reason).toBe('transport close');
			expect(await exited).toBe(0);
			await expect(fetch(`${own.url}/healthz`)).rejects.toThrow();
			console.info(
				`SIGTERM during a ${duration.toFixed(0)} ms PDF export: the export completed in ${(performance.now() - started).toFixed(0)} ms, then the server exited`
			);
		} finally {
			await own.stop();
		}
	});
});
