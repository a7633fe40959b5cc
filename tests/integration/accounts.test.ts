import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionData, formAction, type ActionAnswer } from '../helpers/restitution';
import {
	api,
	connectError,
	connectFacilitator,
	createConcertation,
	next,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';
import { storedRows } from '../helpers/stored';

/**
 * Accounts from the app: a facilitator creates, resets and removes accounts (the password is
 * generated and shown once), anyone signed in changes their own password; every refusal is
 * translated and changes nothing, and a reset or a change ends the sessions it should.
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

interface Issued {
	issued: { email: string; password: string };
}
interface Refused {
	message: string;
	fields: { path: string; message: string }[];
}

/** The accounts table, read from the database by a second connection. */
function accounts() {
	return storedRows<{ id: number; email: string; role: string; password_hash: string }>(
		server,
		'select id, email, role, password_hash from facilitator order by id'
	);
}

const idOf = async (email: string) =>
	(await accounts()).find((account) => account.email === email)!.id;

/** Whether a session token still opens the API. */
async function signedIn(token: string): Promise<boolean> {
	return (await api(server, 'GET', '/api/concertations', { token })).status === 200;
}

/** Whether signing in with these credentials is refused as wrong. */
async function signInRefused(email: string, password: string): Promise<boolean> {
	const answer = await api<{ error?: { code: string } }>(server, 'POST', '/api/session', {
		body: { email, password }
	});
	return answer.body.error?.code === 'bad_credentials';
}

async function addAccount(fields: Record<string, string>): Promise<ActionAnswer> {
	return formAction(server, admin, '/f/accounts?/add', fields);
}

async function newAccount(email: string, role = 'coordinator') {
	const answer = await addAccount({ email, displayName: '', role });
	expect(answer.type).toBe('success');
	const { issued } = actionData<Issued>(answer);
	expect(issued.email).toBe(email);
	return { password: issued.password, token: await signIn(server, email, issued.password) };
}

describe('accounts managed by facilitators', () => {
	it('creates an account with a generated password that signs in, shown once', async () => {
		const answer = await addAccount({
			email: '  Coord.Nord@Example.org ',
			displayName: 'Coordination Nord',
			role: 'coordinator'
		});
		expect(answer.type).toBe('success');
		const { issued } = actionData<Issued>(answer);
		expect(issued.email).toBe('coord.nord@example.org');
		expect(issued.password).toMatch(/^[A-Za-z2-9]{20}$/);
		const stored = (await accounts()).find((account) => account.email === issued.email)!;
		expect(stored.role).toBe('coordinator');
		// Only its argon2id hash is kept.
		expect(stored.password_hash).toMatch(/^\$argon2id\$/);
		expect(JSON.stringify(await accounts())).not.toContain(issued.password);
		const token = await signIn(server, issued.email, issued.password);
		expect(await signedIn(token)).toBe(true);
		// A series can take it as a coordinator straight away.
		const series = await formAction(server, admin, '/f/series?/create', {
			titleFr: 'Zone Nord',
			titleNl: 'Zone Noord'
		});
		expect(series.type).toBe('success');
		const followed = await formAction(server, admin, '/f/series?/addCoordinator', {
			seriesId: '1',
			email: issued.email
		});
		expect(followed.type).toBe('success');
		// The list page shows it, without any password.
		const page = await fetch(`${server.url}/f/accounts`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		const html = await page.text();
		expect(html).toContain('coord.nord@example.org');
		expect(html).not.toContain(issued.password);
	});

	it('refuses a taken, malformed or oversized address and an unknown role, keeping what was typed', async () => {
		await newAccount('taken@example.org');
		const before = await accounts();
		for (const [fields, field, message] of [
			[
				{ email: 'TAKEN@example.org', displayName: 'Bis', role: 'coordinator' },
				null,
				frErrors.email_taken
			],
			[{ email: 'not-an-address', displayName: 'X', role: 'coordinator' }, 'email', null],
			[
				{ email: 'a@example.org', displayName: 'x'.repeat(81), role: 'coordinator' },
				'displayName',
				null
			],
			[{ email: 'b@example.org', displayName: '', role: 'admin' }, 'role', null]
		] as const) {
			const answer = await addAccount(fields);
			expect(answer.type, fields.email).toBe('failure');
			expect(answer.status).toBe(400);
			const refused = actionData<Refused & { values: Record<string, string> }>(answer);
			expect(refused.values.email).toBe(fields.email);
			if (field) expect(refused.fields.map((f) => f.path)).toContain(field);
			if (message) expect(refused.message).toBe(message);
		}
		expect(await accounts()).toEqual(before);
	});

	it('resets a password: the old one and every session of the account stop working', async () => {
		const email = 'forgetful@example.org';
		const { password, token } = await newAccount(email);
		const answer = await formAction(server, admin, '/f/accounts?/reset', {
			accountId: String(await idOf(email))
		});
		expect(answer.type).toBe('success');
		const { issued } = actionData<Issued>(answer);
		expect(issued.password).not.toBe(password);
		expect(await signedIn(token)).toBe(false);
		expect(await signInRefused(email, password)).toBe(true);
		expect(await signedIn(await signIn(server, email, issued.password))).toBe(true);
	});

	it('removes an account, its sessions and its series memberships; what it created stays', async () => {
		const { token } = await newAccount('leaving@example.org', 'facilitator');
		const concertation = await createConcertation(server, token);
		const before = (await accounts()).length;
		const answer = await formAction(server, admin, '/f/accounts?/remove', {
			accountId: String(await idOf('leaving@example.org'))
		});
		expect(answer.type).toBe('success');
		expect(actionData<{ removed: string }>(answer).removed).toBe('leaving@example.org');
		expect(await accounts()).toHaveLength(before - 1);
		expect(await signedIn(token)).toBe(false);
		const kept = await api(server, 'GET', `/api/concertations/${concertation.id}`, {
			token: admin
		});
		expect(kept.status).toBe(200);
	});

	it('refuses to reset or remove one’s own account, an unknown one, and any of it from a coordinator', async () => {
		const { token: coordinator } = await newAccount('reviewer@example.org');
		const before = await accounts();
		const self = String(await idOf('admin@example.org'));
		for (const [action, accountId, code] of [
			[
				'reset',
				self,
				'Pour changer votre propre mot de passe, passez par «\u00a0Mon compte\u00a0».'
			],
			['remove', self, 'Vous ne pouvez pas supprimer votre propre compte'],
			['reset', '999999', null],
			['remove', 'abc', null]
		] as const) {
			const answer = await formAction(server, admin, `/f/accounts?/${action}`, { accountId });
			expect(answer.type, `${action} ${accountId}`).toBe('failure');
			if (code) expect(actionData<Refused>(answer).message).toContain(code);
			else expect(answer.status).toBe(404);
		}
		for (const action of ['add', 'reset', 'remove']) {
			const answer = await formAction(server, coordinator, `/f/accounts?/${action}`, {
				accountId: self,
				email: 'sneaky@example.org',
				role: 'facilitator'
			});
			expect(answer.httpStatus, action).toBe(403);
		}
		const page = await fetch(`${server.url}/f/accounts`, {
			headers: { authorization: `Bearer ${coordinator}` }
		});
		expect(page.status).toBe(403);
		expect(await accounts()).toEqual(before);
		expect(await signedIn(admin)).toBe(true);
	});
});

describe('the accounts JSON API', () => {
	interface ApiAnswer {
		ok: boolean;
		email?: string;
		password?: string;
		accounts?: { id: number; email: string; role: string; self: boolean }[];
		error?: { code: string; message: string; fields?: { path: string }[] };
	}
	const call = (method: string, path: string, token: string, body?: unknown) =>
		api<ApiAnswer>(server, method, path, { token, body });

	it('lists, creates, resets and removes accounts for a script, with the same rules', async () => {
		const created = await call('POST', '/api/accounts', admin, {
			email: 'Scripted@Example.org',
			role: 'coordinator'
		});
		expect(created.status).toBe(201);
		expect(created.body.email).toBe('scripted@example.org');
		const first = created.body.password!;
		const session = await signIn(server, 'scripted@example.org', first);
		expect(await signedIn(session)).toBe(true);

		const listed = await call('GET', '/api/accounts', admin);
		const row = listed.body.accounts!.find((account) => account.email === 'scripted@example.org')!;
		expect(row).toMatchObject({ role: 'coordinator', self: false });
		expect(JSON.stringify(listed.body)).not.toMatch(/password|argon2/);
		expect(listed.body.accounts!.find((account) => account.self)?.email).toBe('admin@example.org');

		const taken = await call('POST', '/api/accounts', admin, {
			email: 'scripted@example.org',
			role: 'coordinator'
		});
		expect(taken.status).toBe(409);
		expect(taken.body.error?.code).toBe('email_taken');
		const bad = await call('POST', '/api/accounts', admin, { email: 'x', role: 'boss' });
		expect(bad.status).toBe(400);
		expect(bad.body.error?.fields?.map((field) => field.path).sort()).toEqual(['email', 'role']);
		// A coordinator may not use any of it.
		for (const [method, path] of [
			['GET', '/api/accounts'],
			['POST', '/api/accounts'],
			['POST', `/api/accounts/${row.id}/password`],
			['DELETE', `/api/accounts/${row.id}`]
		] as const)
			expect(
				(await call(method, path, session, method === 'GET' ? undefined : {})).status,
				`${method} ${path}`
			).toBe(403);

		const reset = await call('POST', `/api/accounts/${row.id}/password`, admin);
		expect(reset.status).toBe(200);
		expect(reset.body.password).not.toBe(first);
		expect(await signedIn(session)).toBe(false);
		const again = await signIn(server, 'scripted@example.org', reset.body.password!);

		// Its own password, from the script's session.
		const wrong = await call('PUT', '/api/session/password', again, {
			current: 'not it at all',
			next: 'a brand new password',
			confirm: 'a brand new password'
		});
		expect(wrong.status).toBe(400);
		expect(wrong.body.error?.code).toBe('wrong_password');
		const changed = await call('PUT', '/api/session/password', again, {
			current: reset.body.password,
			next: 'a brand new password',
			confirm: 'a brand new password'
		});
		expect(changed.status).toBe(200);
		expect(await signedIn(again)).toBe(true);

		const self = listed.body.accounts!.find((account) => account.self)!;
		const ownRemoval = await call('DELETE', `/api/accounts/${self.id}`, admin);
		expect(ownRemoval.status).toBe(400);
		expect(ownRemoval.body.error?.code).toBe('remove_own_account');
		expect((await call('DELETE', '/api/accounts/999999', admin)).status).toBe(404);
		const removed = await call('DELETE', `/api/accounts/${row.id}`, admin);
		expect(removed.status).toBe(200);
		expect(await signedIn(again)).toBe(false);
		expect(
			(await call('GET', '/api/accounts', admin)).body.accounts!.map((a) => a.id)
		).not.toContain(row.id);
	});
});

describe('open consoles of ended sessions', () => {
	/** A console connected with this session token; resolves once it has its snapshot. */
	async function console_(token: string, concertationId: number) {
		const socket = sockets.track(connectFacilitator(server, token, concertationId));
		await next(socket, 'snapshot');
		return socket;
	}
	const endedByServer = (socket: TestSocket) =>
		new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

	it('are disconnected by a reset, a removal and a sign-out, and cannot come back', async () => {
		const concertation = await createConcertation(server, admin);
		for (const [email, end] of [
			[
				'reset-me@example.org',
				async (email: string) =>
					formAction(server, admin, '/f/accounts?/reset', { accountId: String(await idOf(email)) })
			],
			[
				'remove-me@example.org',
				async (email: string) =>
					formAction(server, admin, '/f/accounts?/remove', { accountId: String(await idOf(email)) })
			]
		] as const) {
			const { token } = await newAccount(email, 'facilitator');
			const socket = await console_(token, concertation.id);
			const ended = endedByServer(socket);
			expect((await end(email)).type).toBe('success');
			expect(await ended).toBe('io server disconnect');
			// Connecting again with the old session is refused.
			socket.connect();
			expect((await connectError(socket)).data?.code).toBe('unauthenticated');
			socket.disconnect();
		}
		const signedOut = await signIn(server);
		const socket = await console_(signedOut, concertation.id);
		const ended = endedByServer(socket);
		expect((await api(server, 'DELETE', '/api/session', { token: signedOut })).status).toBe(200);
		expect(await ended).toBe('io server disconnect');
		socket.disconnect();
	});

	it('keep the console of the session a password was changed from, and end the others', async () => {
		const concertation = await createConcertation(server, admin);
		const { password, token: here } = await newAccount('two-laptops@example.org', 'facilitator');
		const elsewhere = await signIn(server, 'two-laptops@example.org', password);
		const kept = await console_(here, concertation.id);
		const other = await console_(elsewhere, concertation.id);
		const ended = endedByServer(other);
		const changed = await formAction(server, here, '/f/account?/password', {
			current: password,
			next: 'another long password',
			confirm: 'another long password'
		});
		expect(changed.type).toBe('success');
		expect(await ended).toBe('io server disconnect');
		// The one it was changed from still works: a command goes through.
		const ack = await sendCommand(kept, 'timer.add', { seconds: 60 });
		expect(ack.ok).toBe(true);
		expect(kept.connected).toBe(true);
	});
});

describe('changing one’s own password', () => {
	it('needs the current password and the new one twice, then ends the other sessions only', async () => {
		const email = 'changer@example.org';
		const { password, token: here } = await newAccount(email);
		const elsewhere = await signIn(server, email, password);
		const change = (fields: Record<string, string>) =>
			formAction(server, here, '/f/account?/password', fields);
		const hashBefore = (await accounts()).find((account) => account.email === email)!.password_hash;

		for (const [fields, field, message] of [
			[
				{ current: 'wrong password!', next: 'a new long password', confirm: 'a new long password' },
				'current',
				'Le mot de passe actuel n’est pas le bon.'
			],
			[
				{ current: password, next: 'short', confirm: 'short' },
				'next',
				'Un mot de passe a de 10 à 256 caractères.'
			],
			[
				{ current: password, next: 'a new long password', confirm: 'a new long passwort' },
				'confirm',
				'Les deux nouveaux mots de passe diffèrent.'
			]
		] as const) {
			const answer = await change(fields);
			expect(answer.type, field).toBe('failure');
			const refused = actionData<Refused>(answer);
			expect(refused.fields).toEqual([{ path: field, message }]);
			// Nothing typed comes back: no password in the answer.
			expect(answer.data).not.toContain(fields.next);
			expect(answer.data).not.toContain(password);
		}
		expect((await accounts()).find((account) => account.email === email)!.password_hash).toBe(
			hashBefore
		);

		const done = await change({
			current: password,
			next: 'a new long password',
			confirm: 'a new long password'
		});
		expect(done.type).toBe('success');
		expect(await signedIn(here)).toBe(true);
		expect(await signedIn(elsewhere)).toBe(false);
		expect(await signInRefused(email, password)).toBe(true);
		expect(await signedIn(await signIn(server, email, 'a new long password'))).toBe(true);
	});

	it('is throttled like a sign-in, so it cannot be used to guess the current password', async () => {
		const { token } = await newAccount('guessed@example.org');
		const messages: string[] = [];
		for (let attempt = 0; attempt < 4; attempt++) {
			const answer = await formAction(server, token, '/f/account?/password', {
				current: `guess number ${attempt}`,
				next: 'a new long password',
				confirm: 'a new long password'
			});
			messages.push(actionData<Refused>(answer).message);
		}
		expect(messages[3]).toMatch(/Trop de tentatives/);
		// Refused, not signed out.
		expect(await signedIn(token)).toBe(true);
	});

	it('sends a visitor who is not signed in to the sign-in page', async () => {
		const response = await fetch(`${server.url}/f/account`, { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toContain('/f/login');
	});
});
