import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERIES_CSV_COLUMNS } from '../../src/lib/server/restitution/series-overview';
import { coordinatorAccount, formAction, httpCommand, runVote } from '../helpers/restitution';
import {
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * A series at a glance: each concertation of a series, in date order, with the priorities
 * its vote gave (those taken to tables, else the top three), on a page and as CSV, for
 * facilitators and the series' own coordinators only.
 */

let server: RunningServer;
let admin: string;
let coordinatorNorth: string;
let coordinatorSouth: string;
let north: number;
let south: number;

const CANDIDATES = [
	{ fr: 'Accès aux soins', nl: 'Toegang tot zorg' },
	{ fr: 'Logement', nl: 'Huisvesting' },
	{ fr: 'Isolement', nl: 'Vereenzaming' },
	{ fr: 'Mobilité', nl: 'Mobiliteit' }
];

async function newSeries(titleFr: string, titleNl: string, coordinator: string) {
	const created = await formAction(server, admin, '/f/series?/create', { titleFr, titleNl });
	expect(created.type).toBe('success');
	// Series are numbered in creation order from 1 in a fresh database.
	const id = titleFr === 'Zone Nord' ? 1 : 2;
	expect(
		(
			await formAction(server, admin, '/f/series?/addCoordinator', {
				seriesId: String(id),
				email: coordinator
			})
		).type
	).toBe('success');
	return id;
}

/** A concertation of a series whose three participants vote 3-2-1 on CANDIDATES. */
async function votedConcertation(seriesId: number, date: string, number: string) {
	const concertation = await createConcertation(server, admin, {
		titleFr: `Concertation ${number}`,
		titleNl: `Overleg ${number}`,
		date,
		number
	});
	expect(
		(
			await formAction(server, admin, `/f/${concertation.id}/edit?/series`, {
				seriesId: String(seriesId)
			})
		).type
	).toBe('success');
	const people = [];
	for (const name of ['A', 'B', 'C'])
		people.push(await joinAsParticipant(server, concertation.joinCode, { displayName: name }));
	// Points: Accès 3+3+2 = 8, Logement 2+2+3 = 7, Isolement 1+1 = 2, Mobilité 1.
	const ids = await runVote(server, admin, concertation.id, CANDIDATES, [
		{ participantToken: people[0]!.token, choices: [0, 1, 2] },
		{ participantToken: people[1]!.token, choices: [0, 1, 2] },
		{ participantToken: people[2]!.token, choices: [1, 0, 3] }
	]);
	return { concertation, ids };
}

/** The CSV as rows of fields (it has no quoted commas here), its BOM removed. */
function csvRows(text: string): string[][] {
	return text
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.map((line) => line.split(','));
}

const get = (path: string, token?: string) =>
	fetch(`${server.url}${path}`, {
		redirect: 'manual',
		headers: token ? { authorization: `Bearer ${token}` } : {}
	});

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinatorNorth = await coordinatorAccount(server, 'north@example.org');
	coordinatorSouth = await coordinatorAccount(server, 'south@example.org');
	north = await newSeries('Zone Nord', 'Zone Noord', 'north@example.org');
	south = await newSeries('Zone Sud', 'Zone Zuid', 'south@example.org');

	// Listed out of date order, to see the overview sort them.
	await votedConcertation(north, '2025-01-20', '2');
	const earlier = await votedConcertation(north, '2024-09-23', '1');
	// The earlier meeting took two priorities to its tables; a coordinator reworded one.
	await httpCommand(server, admin, earlier.concertation.id, 'vote.select', {
		candidateIds: [earlier.ids[1], earlier.ids[3]]
	});
	const reworded = await formAction(
		server,
		coordinatorNorth,
		`/r/${earlier.concertation.id}?/item`,
		{
			key: `vote:${earlier.ids[1]}`,
			fr: 'Logement abordable',
			nl: 'Betaalbare huisvesting'
		}
	);
	expect(reworded.type).toBe('success');
	// A third meeting of the series had no vote yet.
	const unvoted = await createConcertation(server, admin, {
		titleFr: 'Concertation 3',
		titleNl: 'Overleg 3',
		date: '2025-05-12',
		number: '3'
	});
	await formAction(server, admin, `/f/${unvoted.id}/edit?/series`, { seriesId: String(north) });
	await votedConcertation(south, '2024-10-01', '9');
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

describe('the series overview', () => {
	it('lists the series’ meetings in date order with their priorities, as CSV', async () => {
		const response = await get(`/api/series/${north}/priorities.csv`, coordinatorNorth);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const rows = csvRows(await response.text());
		expect(rows[0]).toEqual([...SERIES_CSV_COLUMNS]);
		const meeting = (row: string[]) => row.slice(0, 6).join('|');
		const priority = (row: string[]) => row.slice(6).join('|');
		expect(rows.slice(1).map(meeting)).toEqual([
			// 2024-09-23: the two priorities taken to tables, in rank order, one reworded.
			'2024-09-23|1|Concertation 1|Overleg 1|3|3',
			'2024-09-23|1|Concertation 1|Overleg 1|3|3',
			// 2025-01-20: no choice made by hand: the default, the top three, went to tables.
			'2025-01-20|2|Concertation 2|Overleg 2|3|3',
			'2025-01-20|2|Concertation 2|Overleg 2|3|3',
			'2025-01-20|2|Concertation 2|Overleg 2|3|3',
			// 2025-05-12: no vote, one row, blank priority.
			'2025-05-12|3|Concertation 3|Overleg 3|0|'
		]);
		expect(rows.slice(1).map(priority)).toEqual([
			'2|7|yes|Logement abordable|Betaalbare huisvesting',
			'4|1|yes|Mobilité|Mobiliteit',
			'1|8|yes|Accès aux soins|Toegang tot zorg',
			'2|7|yes|Logement|Huisvesting',
			'3|2|yes|Isolement|Vereenzaming',
			'||||'
		]);
		// Nothing of the other series.
		expect(rows.flat()).not.toContain('Concertation 9');
	});

	it('shows the same on the page, to the series’ coordinator', async () => {
		const response = await get(`/r/series/${north}`, coordinatorNorth);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Zone Nord');
		expect(html.indexOf('Concertation 1')).toBeLessThan(html.indexOf('Concertation 2'));
		expect(html).toContain('Logement abordable');
		expect(html).not.toContain('Concertation 9');
		// Their list of concertations links to it.
		expect(await (await get('/f', coordinatorNorth)).text()).toContain(`/r/series/${north}`);
	});

	it('is refused to another series’ coordinator, to nobody signed in, and unknown series', async () => {
		expect((await get(`/r/series/${north}`, coordinatorSouth)).status).toBe(403);
		expect((await get(`/api/series/${north}/priorities.csv`, coordinatorSouth)).status).toBe(403);
		expect((await get(`/r/series/${south}`, coordinatorSouth)).status).toBe(200);
		const anonymous = await get(`/r/series/${north}`);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/f/login');
		expect((await get(`/api/series/${north}/priorities.csv`)).status).toBe(401);
		for (const id of ['999', 'abc', '-1']) {
			expect((await get(`/r/series/${id}`, admin)).status, id).toBe(404);
			expect((await get(`/api/series/${id}/priorities.csv`, admin)).status, id).toBe(404);
		}
		// Facilitators see every series.
		expect((await get(`/r/series/${south}`, admin)).status).toBe(200);
	});
});
