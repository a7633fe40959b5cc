import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coordinatorAccount, formAction, httpCommand } from '../helpers/restitution';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';
import { storedRow } from '../helpers/stored';

/**
 * The next concertation of a series starts from the last one: its programme (steps, texts,
 * durations), its sectors and its series come along; nothing its participants recorded does,
 * and a bad choice of where to start is refused with nothing created.
 */

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	await server?.stop();
});

const PROGRAMME = {
	format: 'concertation-programme',
	formatVersion: 1,
	sectors: [
		{ id: 'sante', fr: 'Santé mentale', nl: 'Geestelijke gezondheid', en: 'Mental health' },
		{ id: 'logement', fr: 'Logement', nl: 'Huisvesting', en: 'Housing' }
	],
	phases: [
		{
			kind: 'introduction',
			title: { fr: 'Accueil du réseau', nl: 'Onthaal van het netwerk', en: 'Welcome' },
			body: { fr: 'Rôles et objectifs.', nl: 'Rollen en doelstellingen.', en: '' },
			durationMinutes: 12
		},
		{
			kind: 'tour',
			title: { fr: 'Tour de table', nl: 'Voorstellingsronde', en: 'Round' },
			body: { fr: '', nl: '', en: '' },
			durationMinutes: 25
		},
		{
			kind: 'vote',
			title: { fr: 'Vote', nl: 'Stemming', en: 'Vote' },
			body: { fr: '3, 2, 1 points.', nl: '3, 2, 1 punten.', en: '' },
			durationMinutes: 10
		}
	]
};

/** Reads the database through a second connection, the way an operator would check it. */
async function query<T>(sql: string, ...params: unknown[]): Promise<T> {
	return (await storedRow<T>(server, sql, ...params))!;
}

const rowsOf = async (table: string, concertationId: number) =>
	(
		await query<{ n: number }>(
			`select count(*) as n from ${table} where concertation_id = ?`,
			concertationId
		)
	).n;

const seriesOf = async (concertationId: number) =>
	(
		await query<{ series_id: number | null }>(
			'select series_id from concertation where id = ?',
			concertationId
		)
	).series_id;

const concertationCount = async () =>
	(await query<{ n: number }>('select count(*) as n from concertation')).n;

const programmeOf = async (concertationId: number) =>
	(
		await api(server, 'GET', `/api/concertations/${concertationId}/programme.json`, {
			token: admin
		})
	).body;

/** A new series, through the series page; its id. */
async function newSeries(titleFr: string, titleNl: string): Promise<number> {
	const created = await formAction(server, admin, '/f/series?/create', { titleFr, titleNl });
	expect(created.type).toBe('success');
	return (await query<{ id: number }>('select max(id) as id from series')).id;
}

/** A concertation with its own programme, in a series, that people have joined and used. */
async function usedConcertation() {
	const source = await createConcertation(server, admin, { number: '3' });
	const put = await api(server, 'PUT', `/api/concertations/${source.id}/programme.json`, {
		token: admin,
		body: PROGRAMME
	});
	expect(put.status).toBe(200);
	const seriesId = await newSeries('Zone Nord-Ouest', 'Zone Noord-West');
	const inSeries = await formAction(server, admin, `/f/${source.id}/edit?/series`, {
		seriesId: String(seriesId)
	});
	expect(inSeries.type).toBe('success');
	await joinAsParticipant(server, source.joinCode, { displayName: 'Anne', sector: 'sante' });
	await httpCommand(server, admin, source.id, 'news.save', {
		titleFr: 'Journée portes ouvertes',
		titleNl: 'Opendeurdag',
		textFr: '',
		textNl: '',
		startDate: '2025-03-12'
	});
	return { ...source, seriesId };
}

describe('starting a concertation from an earlier one', () => {
	it('copies the programme, sectors and series, and nothing recorded in it', async () => {
		const source = await usedConcertation();
		expect(await rowsOf('participant', source.id)).toBe(1);
		expect(await rowsOf('news_item', source.id)).toBe(1);
		const before = await programmeOf(source.id);
		expect(before).toEqual(PROGRAMME);

		const { status, body } = await api<{ concertation: { id: number; joinCode: string } }>(
			server,
			'POST',
			'/api/concertations',
			{
				token: admin,
				body: {
					titleFr: 'Santé mentale et logement (suite)',
					titleNl: 'Geestelijke gezondheid en huisvesting (vervolg)',
					date: '2025-01-20',
					number: '4',
					copyFrom: source.id
				}
			}
		);
		expect(status).toBe(201);
		const copy = body.concertation;
		expect(copy.id).not.toBe(source.id);
		expect(copy.joinCode).not.toBe(source.joinCode);
		expect(await programmeOf(copy.id)).toEqual(PROGRAMME);
		expect(await seriesOf(copy.id)).toBe(source.seriesId);
		for (const table of ['participant', 'news_item', 'phase'])
			expect(await rowsOf(table, copy.id), table).toBe(table === 'phase' ? 3 : 0);
		// The earlier one is as it was.
		expect(await programmeOf(source.id)).toEqual(before);
		expect(await rowsOf('participant', source.id)).toBe(1);
	});

	it('keeps the series so that its coordinators see the new one', async () => {
		const source = await createConcertation(server, admin);
		const seriesId = await newSeries('Zone Sud', 'Zone Zuid');
		expect(
			(
				await formAction(server, admin, `/f/${source.id}/edit?/series`, {
					seriesId: String(seriesId)
				})
			).type
		).toBe('success');
		const email = `coordinator-${Date.now()}@example.org`;
		const coordinator = await coordinatorAccount(server, email);
		expect(
			(
				await formAction(server, admin, '/f/series?/addCoordinator', {
					seriesId: String(seriesId),
					email
				})
			).type
		).toBe('success');

		const created = await formAction(server, admin, '/f?/create', {
			titleFr: 'Suite',
			titleNl: 'Vervolg',
			date: '2025-02-03',
			copyFrom: String(source.id)
		});
		expect(created.type).toBe('redirect');
		const copyId = Number(
			/^\/f\/(\d+)$/.exec((created as { location?: string }).location ?? '')?.[1]
		);
		expect(copyId).toBeGreaterThan(source.id);
		expect(await seriesOf(copyId)).toBe(seriesId);
		const { body } = await api<{ concertations: { id: number }[] }>(
			server,
			'GET',
			'/api/concertations',
			{ token: coordinator }
		);
		expect(body.concertations.map((row) => row.id)).toContain(copyId);
	});

	it('refuses an unknown, malformed or double source with a translated message, creating nothing', async () => {
		const source = await createConcertation(server, admin);
		const count = await concertationCount();
		const details = { titleFr: 'Suite', titleNl: 'Vervolg', date: '2025-02-03' };

		const unknown = await api<{ error: { code: string; message: string } }>(
			server,
			'POST',
			'/api/concertations',
			{ token: admin, body: { ...details, copyFrom: 999_999 } }
		);
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.code).toBe('copy_source_not_found');
		expect(unknown.body.error.message).toBe(
			'La concertation de départ n’existe plus. Choisissez-en une autre.'
		);

		const both = await api<{ error: { code: string } }>(server, 'POST', '/api/concertations', {
			token: admin,
			body: { ...details, copyFrom: source.id, programme: PROGRAMME }
		});
		expect(both.status).toBe(400);
		expect(both.body.error.code).toBe('programme_source_conflict');

		for (const copyFrom of ['abc', '-1', '1.5']) {
			const refused = await formAction(server, admin, '/f?/create', { ...details, copyFrom });
			expect(refused.type, copyFrom).toBe('failure');
			expect(refused.status, copyFrom).toBe(400);
			// What was typed comes back, with the error on the select.
			expect(refused.data).toContain('Vervolg');
			expect(refused.data).toContain('copyFrom');
		}

		const withFile = await formAction(server, admin, '/f?/create', {
			...details,
			copyFrom: String(source.id),
			programme: new Blob([JSON.stringify(PROGRAMME)], { type: 'application/json' })
		});
		expect(withFile.type).toBe('failure');
		expect(withFile.data).toContain('soit une concertation précédente, soit un fichier programme');

		const gone = await formAction(server, admin, '/f?/create', {
			...details,
			copyFrom: '999999'
		});
		expect(gone.type).toBe('failure');
		expect(gone.data).toContain('n’existe plus');

		expect(await concertationCount()).toBe(count);
	});
});
