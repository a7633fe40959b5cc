/**
 * What a script can do to a concertation through the JSON API, as the programme page does:
 * sectors on creation, details, sectors and series afterwards, the programme's steps one by
 * one; and the facilitator socket opened with the API's session token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhaseView, SessionView, Snapshot, VoteSectionView } from '../../src/lib/protocol';
import { coordinatorAccount, httpCommand } from '../helpers/restitution';
import {
	api,
	connect,
	connectError,
	createConcertation,
	next,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;
let coordinator: string;
const sockets = socketTracker();

const SECTORS = [
	{ id: 'care', fr: 'Soins', nl: 'Zorg', en: 'Care' },
	{ id: 'housing', fr: 'Logement', nl: 'Huisvesting', en: '' }
];

interface ErrorBody {
	ok: false;
	error: { code: string; message: string };
}

async function snapshot(id: number): Promise<Snapshot> {
	const { status, body } = await api<Snapshot>(server, 'GET', `/api/concertations/${id}`, {
		token: admin
	});
	expect(status).toBe(200);
	return body;
}

const session = async (id: number) => (await snapshot(id)).sections.session as SessionView;
const programme = async (id: number) => (await snapshot(id)).sections.programme as PhaseView[];

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'coordination@example.org');
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

describe('POST /api/concertations with sectors', () => {
	it('takes the sector list, over the standard programme’s or a copied one’s', async () => {
		const created = await createConcertation(server, admin, { sectors: SECTORS });
		expect((await session(created.id)).sectors).toEqual(SECTORS);

		const copy = await createConcertation(server, admin, {
			copyFrom: created.id,
			sectors: [{ id: 'other', fr: 'Autre', nl: 'Andere' }]
		});
		expect((await session(copy.id)).sectors).toEqual([
			{ id: 'other', fr: 'Autre', nl: 'Andere', en: '' }
		]);
		// Without `sectors`, the copy keeps the earlier concertation's.
		const plainCopy = await createConcertation(server, admin, { copyFrom: created.id });
		expect((await session(plainCopy.id)).sectors).toEqual(SECTORS);
	});

	it('refuses a bad sector list and creates nothing', async () => {
		const before = await api<{ concertations: unknown[] }>(server, 'GET', '/api/concertations', {
			token: admin
		});
		for (const sectors of [[], [SECTORS[0], SECTORS[0]], [{ id: 'Bad Id', fr: 'x', nl: 'y' }]]) {
			const refused = await api<ErrorBody>(server, 'POST', '/api/concertations', {
				token: admin,
				body: { titleFr: 'T', titleNl: 'T', date: '2025-01-01', sectors }
			});
			expect(refused.status, JSON.stringify(sectors)).toBe(400);
			expect(refused.body.error.code).toBe('invalid');
		}
		const after = await api<{ concertations: unknown[] }>(server, 'GET', '/api/concertations', {
			token: admin
		});
		expect(after.body.concertations).toHaveLength(before.body.concertations.length);
	});
});

describe('PATCH /api/concertations/<id>', () => {
	it('changes only the details given, through the details form’s rules', async () => {
		const { id } = await createConcertation(server, admin, {
			place: 'Salle A',
			startTime: '09:00'
		});
		const version = (await snapshot(id)).version;
		const patched = await api<{
			ok: true;
			version: number;
			concertation: Record<string, unknown>;
		}>(server, 'PATCH', `/api/concertations/${id}`, {
			token: admin,
			body: { place: '  Salle B  ', contactEmail: 'Sophie@Example.org' }
		});
		expect(patched.status).toBe(200);
		expect(patched.body.version).toBeGreaterThan(version);
		expect(patched.body.concertation).toMatchObject({
			id,
			titleFr: 'Santé mentale et logement',
			number: '12',
			date: '2024-09-23',
			startTime: '09:00',
			place: 'Salle B',
			contactEmail: 'sophie@example.org',
			seriesId: null
		});
		const now = await session(id);
		expect(now.place).toBe('Salle B');
		expect(now.contact.email).toBe('sophie@example.org');
		expect(now.startTime).toBe('09:00');
	});

	it('sets the sectors, and the series, which the list then shows', async () => {
		const { id } = await createConcertation(server, admin);
		const series = await api<{ series: { id: number } }>(server, 'POST', '/api/series', {
			token: admin,
			body: { titleFr: 'Zone Nord', titleNl: 'Zone Noord' }
		});
		expect(series.status).toBe(201);
		const seriesId = series.body.series.id;
		const patched = await api(server, 'PATCH', `/api/concertations/${id}`, {
			token: admin,
			body: { sectors: SECTORS, seriesId }
		});
		expect(patched.status).toBe(200);
		expect((await session(id)).sectors).toEqual(SECTORS);
		const list = await api<{ concertations: { id: number; seriesId: number | null }[] }>(
			server,
			'GET',
			'/api/concertations',
			{ token: admin }
		);
		expect(list.body.concertations.find((row) => row.id === id)?.seriesId).toBe(seriesId);
		const out = await api(server, 'PATCH', `/api/concertations/${id}`, {
			token: admin,
			body: { seriesId: null }
		});
		expect(out.status).toBe(200);
		expect(out.body.concertation).toMatchObject({ seriesId: null });
	});

	it('checks everything before storing anything', async () => {
		const { id } = await createConcertation(server, admin, { place: 'Salle A' });
		const before = await snapshot(id);
		const refusals: [unknown, number, string][] = [
			[{ place: 'Salle B', date: 'tomorrow' }, 400, 'invalid'],
			[{ place: 'Salle B', sectors: [] }, 400, 'invalid'],
			[{ place: 'Salle B', titleFr: '' }, 400, 'invalid'],
			[{ place: 'Salle B', seriesId: 999_999 }, 404, 'not_found'],
			[{ place: 'Salle B', colour: 'red' }, 400, 'invalid'],
			[{ place: 42 }, 400, 'invalid']
		];
		for (const [body, status, code] of refusals) {
			const refused = await api<ErrorBody>(server, 'PATCH', `/api/concertations/${id}`, {
				token: admin,
				body
			});
			expect(refused.status, JSON.stringify(body)).toBe(status);
			expect(refused.body.error.code).toBe(code);
			expect(refused.body.error.message).not.toBe(code);
		}
		const after = await snapshot(id);
		expect(after.version).toBe(before.version);
		expect(after.sections.session).toEqual(before.sections.session);
	});

	it('is for facilitators only, about a concertation that exists', async () => {
		const { id } = await createConcertation(server, admin);
		const body = { place: 'Ailleurs' };
		expect((await api(server, 'PATCH', `/api/concertations/${id}`, { body })).status).toBe(401);
		expect(
			(await api(server, 'PATCH', `/api/concertations/${id}`, { token: coordinator, body })).status
		).toBe(403);
		for (const bad of ['999999', 'abc', '-1']) {
			const missing = await api(server, 'PATCH', `/api/concertations/${bad}`, {
				token: admin,
				body
			});
			expect(missing.status, bad).toBe(404);
		}
		const foreign = await fetch(`${server.url}/api/concertations/${id}`, {
			method: 'PATCH',
			headers: {
				authorization: `Bearer ${admin}`,
				'content-type': 'application/json',
				origin: 'https://evil.example'
			},
			body: JSON.stringify(body)
		});
		expect(foreign.status).toBe(403);
		expect((await session(id)).place).toBe('');
	});
});

describe('the programme’s steps, one by one', () => {
	const step = {
		kind: 'topics',
		title: { fr: 'Questions', nl: 'Vragen' },
		body: { fr: 'Texte', nl: 'Tekst' },
		durationMinutes: 12,
		notes: 'Garder 5 minutes'
	};

	it('adds, rewrites, moves and removes a step, even once the session is live', async () => {
		const { id } = await createConcertation(server, admin);
		await httpCommand(server, admin, id, 'session.start', {});
		// The whole template can no longer be replaced; single steps still can, as on the page.
		const template = await api(server, 'GET', `/api/concertations/${id}/programme.json`, {
			token: admin
		});
		expect(
			(
				await api(server, 'PUT', `/api/concertations/${id}/programme.json`, {
					token: admin,
					body: template.body
				})
			).status
		).toBe(400);

		const added = await api<{ ok: true; phase: { id: number }; version: number }>(
			server,
			'POST',
			`/api/concertations/${id}/phases`,
			{ token: admin, body: step }
		);
		expect(added.status).toBe(201);
		const phaseId = added.body.phase.id;
		let phases = await programme(id);
		expect(phases.at(-1)).toMatchObject({
			id: phaseId,
			kind: 'topics',
			title: { fr: 'Questions', nl: 'Vragen', en: '' },
			durationMinutes: 12,
			notes: 'Garder 5 minutes'
		});

		const edited = await api(server, 'PUT', `/api/concertations/${id}/phases/${phaseId}`, {
			token: admin,
			body: { title: { fr: 'Q', nl: 'V' }, durationMinutes: 5 }
		});
		expect(edited.status).toBe(200);
		phases = await programme(id);
		// The body was not sent: it is emptied; the notes were not sent: they stay.
		expect(phases.at(-1)).toMatchObject({
			title: { fr: 'Q', nl: 'V' },
			body: { fr: '', nl: '' },
			durationMinutes: 5,
			notes: 'Garder 5 minutes'
		});

		const moved = await api(server, 'POST', `/api/concertations/${id}/phases/${phaseId}/move`, {
			token: admin,
			body: { toIndex: 0 }
		});
		expect(moved.status).toBe(200);
		expect((await programme(id))[0]?.id).toBe(phaseId);
		await api(server, 'POST', `/api/concertations/${id}/phases/${phaseId}/move`, {
			token: admin,
			body: { direction: 'down' }
		});
		phases = await programme(id);
		expect(phases[1]?.id).toBe(phaseId);
		expect(phases.map((phase) => phase.position)).toEqual(phases.map((_, index) => index + 1));

		const removed = await api(server, 'DELETE', `/api/concertations/${id}/phases/${phaseId}`, {
			token: admin
		});
		expect(removed.status).toBe(200);
		expect((await programme(id)).some((phase) => phase.id === phaseId)).toBe(false);
	});

	it('refuses bad steps, bad moves and other concertations’ steps, changing nothing', async () => {
		const { id } = await createConcertation(server, admin);
		const other = await createConcertation(server, admin);
		const [first] = await programme(id);
		const [foreign] = await programme(other.id);
		const before = await snapshot(id);
		const refusals: [string, string, unknown, number][] = [
			['POST', `/api/concertations/${id}/phases`, { ...step, kind: 'karaoke' }, 400],
			['POST', `/api/concertations/${id}/phases`, { ...step, durationMinutes: -1 }, 400],
			['PUT', `/api/concertations/${id}/phases/${first!.id}`, { title: { fr: '', nl: 'x' } }, 400],
			['PUT', `/api/concertations/${id}/phases/${foreign!.id}`, step, 404],
			['POST', `/api/concertations/${id}/phases/${first!.id}/move`, { toIndex: 99 }, 400],
			['POST', `/api/concertations/${id}/phases/${first!.id}/move`, { direction: 'left' }, 400],
			['DELETE', `/api/concertations/${id}/phases/${foreign!.id}`, undefined, 404],
			['DELETE', `/api/concertations/${id}/phases/abc`, undefined, 404]
		];
		for (const [method, path, body, status] of refusals) {
			const refused = await api<ErrorBody>(server, method, path, { token: admin, body });
			expect(refused.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
			expect(refused.body.ok).toBe(false);
		}
		expect(
			(
				await api(server, 'POST', `/api/concertations/${id}/phases`, {
					token: coordinator,
					body: step
				})
			).status
		).toBe(403);
		expect((await snapshot(id)).sections.programme).toEqual(before.sections.programme);
	});

	it('never removes the last step', async () => {
		const { id } = await createConcertation(server, admin, {
			programme: {
				format: 'concertation-programme',
				formatVersion: 1,
				sectors: SECTORS,
				phases: [step]
			}
		});
		const [only] = await programme(id);
		const refused = await api<ErrorBody>(
			server,
			'DELETE',
			`/api/concertations/${id}/phases/${only!.id}`,
			{
				token: admin
			}
		);
		expect(refused.status).toBe(400);
		expect(refused.body.error.code).toBe('last_phase');
		expect(await programme(id)).toHaveLength(1);
	});
});

describe('the facilitator socket with the API’s session token', () => {
	it('accepts the token of POST /api/session in auth.token, without a cookie', async () => {
		const { id } = await createConcertation(server, admin);
		const socket = sockets.track(
			connect(server, { concertationId: id, role: 'facilitator', token: admin })
		);
		const first = await next(socket, 'snapshot');
		expect(first.audience).toBe('facilitator');
		const ack = await socket.emitWithAck('session.start', { commandId: 'token-start-1' });
		expect(ack.ok).toBe(true);
	});

	it('refuses a wrong token, and a coordinator’s', async () => {
		const { id } = await createConcertation(server, admin);
		const wrong = sockets.track(
			connect(server, { concertationId: id, role: 'facilitator', token: `${admin}x` })
		);
		expect((await connectError(wrong)).data?.code).toBe('unauthenticated');
		const coordinating = sockets.track(
			connect(server, { concertationId: id, role: 'facilitator', token: coordinator })
		);
		expect((await connectError(coordinating)).data?.code).toBe('forbidden');
	});
});

describe('vote candidates', () => {
	it('carry the id of the question or topic they came from', async () => {
		const { id } = await createConcertation(server, admin);
		const command = <R>(name: string, input: Record<string, unknown>) =>
			httpCommand<R>(server, admin, id, name, input);
		const question = await command<{ id: number }>('topics.saveQuestion', {
			textFr: 'Comment mieux orienter ?',
			textNl: 'Hoe beter doorverwijzen?'
		});
		await command('vote.candidates.import', {});
		await command('vote.candidates.add', { labelFr: 'À la main', labelNl: 'Met de hand' });
		const vote = (await snapshot(id)).sections.vote as VoteSectionView;
		expect(vote.candidates.map((c) => [c.source, c.sourceId])).toEqual([
			['question', question.id],
			['manual', null]
		]);
	});
});
