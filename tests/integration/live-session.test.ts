import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, Snapshot } from '../../src/lib/protocol';
import {
	api,
	commandId,
	connect,
	connectError,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	ON_POSTGRES,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();

const facilitatorSocket = (concertationId: number) =>
	withSnapshot(track(connectFacilitator(server, token, concertationId)));

const participantSocket = (concertationId: number, participantToken: string) =>
	withSnapshot(track(connectParticipant(server, concertationId, participantToken, 'en')));

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

describe('a live concertation over real sockets', () => {
	it('answers the health check', async () => {
		const { status, body } = await api(server, 'GET', '/healthz');
		expect(status).toBe(200);
		// It names the database, and how sockets reach each other (the instances that answer).
		expect(body).toEqual(
			ON_POSTGRES
				? { ok: true, database: 'postgres', adapter: 'postgres', instances: 1 }
				: { ok: true, database: 'sqlite', adapter: 'memory' }
		);
	});

	it('sends a role-filtered snapshot, then every phase change to phones and the projector', async () => {
		const concertation = await createConcertation(server, token);
		const anne = await joinAsParticipant(server, concertation.joinCode);
		const { socket: console } = await facilitatorSocket(concertation.id);
		const phone = await participantSocket(concertation.id, anne.token);
		const screen = track(connectScreen(server, concertation.id, concertation.screenKey));
		const screenSnapshot = await next(screen, 'snapshot');

		expect(phone.snapshot.self).toMatchObject({
			id: anne.participantId,
			displayName: 'Anne',
			consentAttendance: true
		});
		expect(phone.snapshot.sections.programme).toHaveLength(8);
		expect(phone.snapshot.sections.session?.status).toBe('draft');
		// Phones and the projector never receive the list of participants, only counts.
		expect(phone.snapshot.sections.roster).toBeUndefined();
		expect(screenSnapshot.sections.roster).toBeUndefined();
		expect(screenSnapshot.sections.presence?.joined).toBe(1);

		const phoneUpdate = next(phone.socket, 'update', (u) => u.sections.session?.status === 'live');
		const screenUpdate = next(screen, 'update', (u) => u.sections.session?.status === 'live');
		const ack = (await console.emitWithAck('session.start', {
			commandId: commandId()
		})) as CommandAck<{ currentPhaseId: number }>;
		expect(ack.ok).toBe(true);
		const [seenByPhone, seenByScreen] = await Promise.all([phoneUpdate, screenUpdate]);
		const firstPhase = phone.snapshot.sections.programme![0]!;
		expect(seenByPhone.sections.session?.currentPhaseId).toBe(firstPhase.id);
		expect(seenByScreen.sections.session?.currentPhaseId).toBe(firstPhase.id);
		expect(seenByPhone.sections.session?.timer.running).toBe(true);
		expect(seenByPhone.version).toBeGreaterThan(phone.snapshot.version);

		const secondPhase = phone.snapshot.sections.programme![1]!;
		const moved = next(
			phone.socket,
			'update',
			(u) => u.sections.session?.currentPhaseId === secondPhase.id
		);
		const nextAck = await console.emitWithAck('phase.next', { commandId: commandId() });
		expect(nextAck).toMatchObject({ ok: true, data: { currentPhaseId: secondPhase.id } });
		await moved;
	});

	it('refuses a facilitator command from a phone, and nothing changes', async () => {
		const concertation = await createConcertation(server, token);
		const bob = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Bob',
			locale: 'nl'
		});
		const phone = await participantSocket(concertation.id, bob.token);
		const ack = await phone.socket.emitWithAck('session.start', { commandId: commandId() });
		expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		if (!ack.ok) expect(ack.error.message).toBe('You are not allowed to do that.');
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token
		});
		expect(body.sections.session?.status).toBe('draft');
		expect(body.version).toBe(phone.snapshot.version);
	});

	it('answers a repeated command id with the first answer, without acting twice', async () => {
		const concertation = await createConcertation(server, token);
		const { socket } = await facilitatorSocket(concertation.id);
		await socket.emitWithAck('session.start', { commandId: commandId() });
		const id = commandId('repeat');
		const first = await socket.emitWithAck('phase.next', { commandId: id });
		const second = await socket.emitWithAck('phase.next', { commandId: id });
		expect(first.ok).toBe(true);
		expect(second).toEqual(first);
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token
		});
		// start → phase 1, then one "next" only: phase 2.
		expect(body.sections.session?.currentPhaseId).toBe(body.sections.programme![1]!.id);
	});

	it('answers malformed payloads with invalid and keeps serving', async () => {
		const concertation = await createConcertation(server, token);
		const { socket } = await facilitatorSocket(concertation.id);
		const raw = socket as unknown as {
			emitWithAck: (event: string, ...args: unknown[]) => Promise<CommandAck>;
		};
		const cases: unknown[] = [
			null,
			'text',
			42,
			[],
			{},
			{ commandId: '' },
			{ commandId: 'x'.repeat(200) },
			{ commandId: 'ok-1', phaseId: 'one' },
			{ commandId: 'ok-2', phaseId: -4 },
			{ commandId: 'ok-3', phaseId: 1, extra: '<script>alert(1)</script>' }
		];
		for (const payload of cases) {
			const ack = await raw.emitWithAck('phase.goto', payload);
			expect(ack).toMatchObject({ ok: false, error: { code: 'invalid' } });
		}
		const unknownEvent = await raw.emitWithAck('drop.tables', { commandId: 'ok-4' });
		expect(unknownEvent).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const stillAlive = await socket.emitWithAck('session.start', { commandId: commandId() });
		expect(stillAlive.ok).toBe(true);
	});

	it('refuses sockets without credentials, with a wrong screen key, or from a foreign origin', async () => {
		const concertation = await createConcertation(server, token);
		const anonymous = track(
			connect(server, { concertationId: concertation.id, role: 'facilitator' })
		);
		expect((await connectError(anonymous)).data?.code).toBe('unauthenticated');
		const badScreen = track(
			connect(server, { concertationId: concertation.id, role: 'screen', screenKey: 'guess' })
		);
		expect((await connectError(badScreen)).data?.code).toBe('unauthenticated');
		const badToken = track(
			connect(server, { concertationId: concertation.id, role: 'participant', token: 'forged' })
		);
		expect((await connectError(badToken)).data?.code).toBe('unauthenticated');
		const unknown = track(
			connect(server, { concertationId: 999_999, role: 'screen', screenKey: 'x' })
		);
		expect((await connectError(unknown)).data?.code).toBe('not_found');
		const { io } = await import('socket.io-client');
		const foreign = track(
			io(server.url, {
				auth: { concertationId: concertation.id, role: 'facilitator' },
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				extraHeaders: { origin: 'https://evil.example', cookie: `concertation_session=${token}` }
			})
		);
		expect((await connectError(foreign)).data?.code).toBe('bad_origin');
	});

	it('restores the same participant and the current phase after a server restart', async () => {
		const concertation = await createConcertation(server, token);
		const chloe = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Chloé 🌷'
		});
		const { socket } = await facilitatorSocket(concertation.id);
		await socket.emitWithAck('session.start', { commandId: commandId() });
		await socket.emitWithAck('phase.next', { commandId: commandId() });
		await socket.emitWithAck('phase.next', { commandId: commandId() });
		closeAll();

		server = await server.restart();
		token = await signIn(server);
		const phone = await participantSocket(concertation.id, chloe.token);
		expect(phone.snapshot.self).toMatchObject({ id: chloe.participantId, displayName: 'Chloé 🌷' });
		expect(phone.snapshot.sections.session?.currentPhaseId).toBe(
			phone.snapshot.sections.programme![2]!.id
		);
	});
});

describe('the JSON API', () => {
	it('creates a concertation from an imported programme and exports it back', async () => {
		const { body: programme } = await api<{ phases: unknown[] }>(
			server,
			'GET',
			`/api/concertations/${(await createConcertation(server, token)).id}/programme.json`,
			{ token }
		);
		const shortened = { ...programme, phases: programme.phases.slice(0, 3) };
		const created = await createConcertation(server, token, { programme: shortened });
		const { body } = await api<{ phases: unknown[] }>(
			server,
			'GET',
			`/api/concertations/${created.id}/programme.json`,
			{ token }
		);
		expect(body).toEqual(shortened);
	});

	it('refuses bad input with a translated error and stores nothing', async () => {
		const before = await api<{ concertations: unknown[] }>(server, 'GET', '/api/concertations', {
			token
		});
		const bad = await api<{ ok: boolean; error: { code: string; message: string } }>(
			server,
			'POST',
			'/api/concertations',
			{
				token,
				body: { titleFr: '', titleNl: 'x'.repeat(500), date: '2024-02-31' }
			}
		);
		expect(bad.status).toBe(400);
		expect(bad.body.error.code).toBe('invalid');
		const after = await api<{ concertations: unknown[] }>(server, 'GET', '/api/concertations', {
			token
		});
		expect(after.body.concertations).toHaveLength(before.body.concertations.length);
		const unauthenticated = await api(server, 'POST', '/api/concertations', {
			body: { titleFr: 'a', titleNl: 'b', date: '2024-09-23' }
		});
		expect(unauthenticated.status).toBe(401);
	});

	it('stores hostile names as typed and refuses empty or oversized ones', async () => {
		const concertation = await createConcertation(server, token);
		const hostile = '<img src=x onerror=alert(1)> مرحبا 👋';
		const joined = await joinAsParticipant(server, concertation.joinCode, { displayName: hostile });
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token
		});
		expect(
			body.sections.roster?.participants?.find((p) => p.id === joined.participantId)?.displayName
		).toBe(hostile);
		for (const displayName of ['   ', 'x'.repeat(61)]) {
			const refused = await api(server, 'POST', `/api/join/${concertation.joinCode}`, {
				body: { displayName }
			});
			expect(refused.status).toBe(400);
		}
		const unknown = await api<{ error: { code: string } }>(server, 'POST', '/api/join/ZZZZZZ', {
			body: { displayName: 'Eve' }
		});
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.code).toBe('unknown_code');
	});

	it('slows down repeated failed sign-ins', async () => {
		const attempt = () =>
			api<{ error: { code: string } }>(server, 'POST', '/api/session', {
				body: { email: 'someone@example.org', password: 'wrong password' }
			});
		const codes: string[] = [];
		for (let i = 0; i < 4; i++) codes.push((await attempt()).body.error.code);
		expect(codes.slice(0, 3)).toEqual(['bad_credentials', 'bad_credentials', 'bad_credentials']);
		expect(codes[3]).toBe('rate_limited');
	});

	it('refuses JSON changes from another site', async () => {
		const response = await fetch(`${server.url}/api/concertations`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: 'https://evil.example',
				authorization: `Bearer ${token}`
			},
			body: JSON.stringify({ titleFr: 'a', titleNl: 'b', date: '2024-09-23' })
		});
		expect(response.status).toBe(403);
	});
});
