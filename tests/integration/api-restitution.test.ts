/**
 * What a script can do to a restitution and to series through the JSON API, as the review
 * page (`/r/<id>`) and the series page (`/f/series`) do, with the same readers: facilitators,
 * coordinators of the series (edit), share links (read only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LOGO_PNG_BASE64 } from '../fixtures/restitution';
import type { Restitution, ReviewItem } from '../../src/lib/protocol/summary';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';
import { recordFullSession } from '../helpers/full-session';
import { coordinatorAccount } from '../helpers/restitution';
import {
	api,
	createConcertation,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;
let coordinator: string;
let outsider: string;
let concertationId: number;
let seriesId: number;
let tableIds: number[];
let shareToken: string;
const sockets = socketTracker();

interface Review {
	ok: true;
	access: string;
	canEdit: boolean;
	items: ReviewItem[];
	tableOrder: { id: number }[];
	attendanceNames: boolean;
	texts: Record<string, string>;
	shares: { id: number; revokedAt: string | null }[];
	restitution: Restitution;
}

const base = () => `/api/concertations/${concertationId}/restitution`;

async function review(token = admin): Promise<Review> {
	const { status, body } = await api<Review>(server, 'GET', base(), { token });
	expect(status).toBe(200);
	return body;
}

async function exported(): Promise<Restitution> {
	const response = await fetch(
		`${server.url}/api/concertations/${concertationId}/restitution.json`,
		{
			headers: { authorization: `Bearer ${admin}` }
		}
	);
	return parseRestitutionJson(await response.text());
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'suivi@example.org');
	outsider = await coordinatorAccount(server, 'ailleurs@example.org');
	const recorded = await recordFullSession(server, admin, sockets.track, { number: '7' });
	concertationId = recorded.concertation.id;
	shareToken = recorded.shareToken;
	const second = await recorded.command<{ tableId: number }>('tables.create', {
		name: '2',
		priority: { fr: 'Logement', nl: 'Huisvesting' },
		capacity: null
	});
	await recorded.command('tables.item.add', {
		tableId: second.tableId,
		category: 'lever',
		text: 'Un guichet unique'
	});
	tableIds = [recorded.tableId, second.tableId];
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

describe('series through the API', () => {
	it('creates a series, names its organiser and sets its logo, printed on its restitutions', async () => {
		const created = await api<{ series: { id: number } }>(server, 'POST', '/api/series', {
			token: admin,
			body: { titleFr: 'Zone Nord-Est', titleNl: 'Zone Noord-Oost' }
		});
		expect(created.status).toBe(201);
		seriesId = created.body.series.id;
		const put = await api(server, 'PATCH', `/api/concertations/${concertationId}`, {
			token: admin,
			body: { seriesId }
		});
		expect(put.status).toBe(200);

		const organiser = await api(server, 'PUT', `/api/series/${seriesId}/organiser`, {
			token: admin,
			body: { fr: 'Bassin Nord-Est', nl: 'Zorgzone Noord-Oost' }
		});
		expect(organiser.status).toBe(200);

		const png = Buffer.from(SAMPLE_LOGO_PNG_BASE64, 'base64');
		const logo = await fetch(`${server.url}/api/series/${seriesId}/logo`, {
			method: 'PUT',
			headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' },
			body: png
		});
		expect(logo.status).toBe(200);
		const header = (await exported()).header;
		expect(header.organiser).toEqual({ fr: 'Bassin Nord-Est', nl: 'Zorgzone Noord-Oost' });
		expect(header.series).toMatchObject({ fr: 'Zone Nord-Est', nl: 'Zone Noord-Oost' });
		expect(Buffer.from(header.logo!.base64, 'base64').equals(png)).toBe(true);

		const list = await api<{ series: { id: number; logo: unknown; organiser: unknown }[] }>(
			server,
			'GET',
			'/api/series',
			{ token: admin }
		);
		expect(list.body.series.find((one) => one.id === seriesId)).toMatchObject({
			organiser: { fr: 'Bassin Nord-Est', nl: 'Zorgzone Noord-Oost' },
			logo: { mediaType: 'image/png', bytes: png.length }
		});
	});

	it('refuses what only claims to be an image, and a file too large, keeping the logo', async () => {
		const put = (body: BodyInit, type = 'image/png') =>
			fetch(`${server.url}/api/series/${seriesId}/logo`, {
				method: 'PUT',
				headers: { authorization: `Bearer ${admin}`, 'content-type': type },
				body
			});
		const fake = await put(new TextEncoder().encode('<svg onload="alert(1)"></svg>'));
		expect(fake.status).toBe(400);
		expect(((await fake.json()) as { error: { code: string } }).error.code).toBe('bad_logo');
		expect((await put(new Uint8Array(0))).status).toBe(400);
		expect((await put(new Uint8Array(600 * 1024))).status).toBe(413);
		expect((await exported()).header.logo).toBeDefined();

		const removed = await api(server, 'DELETE', `/api/series/${seriesId}/logo`, { token: admin });
		expect(removed.status).toBe(200);
		expect((await exported()).header.logo).toBeUndefined();
	});

	it('lets a coordinator follow the series, see it, and no other', async () => {
		expect(
			(
				await api(server, 'POST', `/api/series/${seriesId}/coordinators`, {
					token: admin,
					body: { email: 'SUIVI@example.org' }
				})
			).status
		).toBe(200);
		const facilitatorAsCoordinator = await api<{ error: { code: string } }>(
			server,
			'POST',
			`/api/series/${seriesId}/coordinators`,
			{ token: admin, body: { email: 'admin@example.org' } }
		);
		expect(facilitatorAsCoordinator.status).toBe(400);
		expect(facilitatorAsCoordinator.body.error.code).toBe('not_coordinator');
		const other = await api<{ series: { id: number } }>(server, 'POST', '/api/series', {
			token: admin,
			body: { titleFr: 'Zone Sud', titleNl: 'Zone Zuid' }
		});
		const seen = await api<{ series: { id: number; coordinators: { email: string }[] }[] }>(
			server,
			'GET',
			'/api/series',
			{ token: coordinator }
		);
		expect(seen.body.series.map((one) => one.id)).toEqual([seriesId]);
		expect(seen.body.series[0]?.coordinators.map((c) => c.email)).toEqual(['suivi@example.org']);
		expect((await review(coordinator)).canEdit).toBe(true);
		const overview = await api<{ series: { id: number }; concertations: { id: number }[] }>(
			server,
			'GET',
			`/api/series/${seriesId}`,
			{ token: coordinator }
		);
		expect(overview.status).toBe(200);
		expect(overview.body.series.id).toBe(seriesId);
		expect(overview.body.concertations.map((one) => one.id)).toEqual([concertationId]);
		expect(
			(await api(server, 'GET', `/api/series/${other.body.series.id}`, { token: coordinator }))
				.status
		).toBe(403);

		// Coordinators read; facilitators manage.
		for (const [method, path, body] of [
			['POST', '/api/series', { titleFr: 'X', titleNl: 'X' }],
			['PUT', `/api/series/${seriesId}/organiser`, { fr: 'X', nl: 'X' }],
			['DELETE', `/api/series/${seriesId}/logo`, undefined],
			['POST', `/api/series/${other.body.series.id}/coordinators`, { email: 'suivi@example.org' }]
		] as const) {
			expect((await api(server, method, path, { token: coordinator, body })).status, path).toBe(
				403
			);
		}
		expect((await api(server, 'GET', '/api/series')).status).toBe(401);
		expect(
			(
				await api(server, 'PUT', '/api/series/999999/organiser', {
					token: admin,
					body: { fr: 'X', nl: 'X' }
				})
			).status
		).toBe(404);
	});
});

describe('restitution edits through the API', () => {
	it('gives the review page’s items with their keys, and none to a share link', async () => {
		const data = await review();
		expect(data.canEdit).toBe(true);
		expect(data.items.map((item) => item.key)).toContain(`table:${tableIds[0]}:priority`);
		expect(data.tableOrder.map((table) => table.id)).toEqual(tableIds);
		const shared = await api<Review>(server, 'GET', `${base()}?share=${shareToken}`);
		expect(shared.status).toBe(200);
		expect(shared.body.canEdit).toBe(false);
		expect(shared.body.items).toEqual([]);
		expect(shared.body.restitution.header.number).toBe('7');
		expect((await api(server, 'GET', base())).status).toBe(401);
		expect((await api(server, 'GET', base(), { token: outsider })).status).toBe(403);
	});

	it('hides and rephrases an item, then resets it', async () => {
		const vote = (await review()).items.find((item) => item.section === 'vote');
		const note = (await review()).items.find((item) => item.key.includes(':note:'));
		expect(vote && note).toBeTruthy();
		const path = (key: string) => `${base()}/edits/${encodeURIComponent(key)}`;

		expect(
			(await api(server, 'PUT', path(vote!.key), { token: coordinator, body: { hidden: true } }))
				.status
		).toBe(200);
		expect(
			(
				await api(server, 'PUT', path(note!.key), {
					token: admin,
					body: { text: 'Des listes d’attente trop longues' }
				})
			).status
		).toBe(200);
		let model = await exported();
		expect(model.vote?.priorities).toHaveLength(2);
		expect(model.tables[0]?.barriers.map((item) => item.text)).toEqual([
			'Des listes d’attente trop longues'
		]);

		expect((await api(server, 'DELETE', path(vote!.key), { token: admin })).status).toBe(200);
		// Sent without the colons escaped, the key reads the same.
		expect(
			(await api(server, 'PUT', `${base()}/edits/${note!.key}`, { token: admin, body: {} })).status
		).toBe(200);
		model = await exported();
		expect(model.vote?.priorities).toHaveLength(3);
		expect(model.tables[0]?.barriers.map((item) => item.text)).toEqual(['Listes d’attente']);
		expect((await review()).items.every((item) => !item.edited)).toBe(true);
	});

	it('refuses unknown keys, bad values and share links, changing nothing', async () => {
		const before = await exported();
		const refusals: [string, string, unknown, number, string?][] = [
			['PUT', `${base()}/edits/${encodeURIComponent('doc:thanks')}`, { hidden: true }, 400],
			['PUT', `${base()}/edits/nonsense`, { hidden: true }, 400],
			['PUT', `${base()}/edits/vote:1`, { hidden: 'yes' }, 400],
			['PUT', `${base()}/edits/vote:1`, { text: 'x'.repeat(2001) }, 400],
			['DELETE', `${base()}/edits/nonsense`, undefined, 400],
			['PUT', `${base()}/texts`, { introductionFr: 42 }, 400],
			['PUT', `${base()}/attendance-names`, { listed: 'on' }, 400],
			['POST', `${base()}/next-dates`, { labelFr: 'X', date: 'tomorrow' }, 400],
			['DELETE', `${base()}/next-dates/0`, undefined, 404],
			['POST', `${base()}/table-order`, { tableId: 999999, direction: 'up' }, 404],
			['POST', `${base()}/table-order`, { tableId: tableIds[0], direction: 'left' }, 400],
			['DELETE', `${base()}/shares/999999`, undefined, 404]
		];
		for (const [method, path, body, status] of refusals) {
			const refused = await api<{ ok: boolean; error: { message: string } }>(server, method, path, {
				token: admin,
				body
			});
			expect(refused.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
			expect(refused.body.ok).toBe(false);
			expect(refused.body.error.message).toBeTruthy();
		}
		const asShareLink = await api(server, 'PUT', `${base()}/attendance-names?share=${shareToken}`, {
			body: { listed: true }
		});
		expect(asShareLink.status).toBe(403);
		expect(
			(
				await api(server, 'PUT', `${base()}/attendance-names`, {
					token: outsider,
					body: { listed: true }
				})
			).status
		).toBe(403);
		expect(
			(await api(server, 'PUT', `${base()}/attendance-names`, { body: { listed: true } })).status
		).toBe(401);
		const after = await exported();
		expect({ ...after, generatedAt: undefined }).toEqual({ ...before, generatedAt: undefined });
	});

	it('writes the coordinators’ texts and prints the consented names', async () => {
		const texts = await api(server, 'PUT', `${base()}/texts`, {
			token: coordinator,
			body: { conclusionFr: 'À bientôt', conclusionNl: 'Tot binnenkort', thanksFr: 'Merci !' }
		});
		expect(texts.status).toBe(200);
		let model = await exported();
		expect(model.conclusion).toEqual({ fr: 'À bientôt', nl: 'Tot binnenkort' });
		// Left out: back to the default (the introduction written by the page earlier is gone).
		expect(model.introduction).toBeUndefined();
		expect(model.thanks).toEqual({ fr: 'Merci !', nl: '' });
		expect((await review()).texts).toMatchObject({
			conclusionFr: 'À bientôt',
			thanksFr: 'Merci !'
		});

		expect(model.attendance.people).toEqual([]);
		const on = await api(server, 'PUT', `${base()}/attendance-names`, {
			token: admin,
			body: { listed: true }
		});
		expect(on.status).toBe(200);
		model = await exported();
		expect(model.attendance.people.map((person) => person.name)).toEqual(['Anne', 'Bram', 'Chloé']);
		await api(server, 'PUT', `${base()}/attendance-names`, {
			token: admin,
			body: { listed: false }
		});
		expect((await exported()).attendance.people).toEqual([]);
	});

	it('adds next dates, removes one by its place in the printed list, at most 10', async () => {
		const add = (date: string, labelFr: string) =>
			api(server, 'POST', `${base()}/next-dates`, {
				token: coordinator,
				body: { labelFr, labelNl: `${labelFr} (nl)`, date, time: '14:00', place: 'Salle B' }
			});
		expect((await add('2025-03-20', 'Deuxième')).status).toBe(201);
		expect((await add('2025-01-15', 'Première')).status).toBe(201);
		let dates = (await exported()).nextDates;
		expect(dates.map((date) => date.label.fr)).toEqual(['Première', 'Deuxième']);
		expect(dates[0]).toMatchObject({ date: '2025-01-15', time: '14:00', place: 'Salle B' });

		const removed = await api(server, 'DELETE', `${base()}/next-dates/0`, { token: admin });
		expect(removed.status).toBe(200);
		dates = (await exported()).nextDates;
		expect(dates.map((date) => date.label.fr)).toEqual(['Deuxième']);

		for (let n = 2; n <= 10; n++)
			expect((await add(`2025-04-${10 + n}`, `N${n}`)).status).toBe(201);
		const eleventh = await add('2025-05-01', 'Onzième');
		expect(eleventh.status).toBe(400);
		expect((await exported()).nextDates).toHaveLength(10);
	});

	it('orders the tables', async () => {
		const moved = await api(server, 'POST', `${base()}/table-order`, {
			token: coordinator,
			body: { tableId: tableIds[1], direction: 'up' }
		});
		expect(moved.status).toBe(200);
		expect((await exported()).tables.map((table) => table.name)).toEqual(['2', '1']);
		expect((await review()).tableOrder.map((table) => table.id)).toEqual([...tableIds].reverse());
	});

	it('makes a share link given once, lists it, and revokes it', async () => {
		const made = await api<{ share: { id: number; token: string; url: string } }>(
			server,
			'POST',
			`${base()}/shares`,
			{ token: coordinator }
		);
		expect(made.status).toBe(201);
		const { id, token, url } = made.body.share;
		expect(url).toMatch(new RegExp(`/r/share/${token}$`));
		const read = await fetch(
			`${server.url}/api/concertations/${concertationId}/restitution.md?share=${token}`
		);
		expect(read.status).toBe(200);
		const listed = await api<{ shares: { id: number; revokedAt: string | null }[] }>(
			server,
			'GET',
			`${base()}/shares`,
			{ token: admin }
		);
		expect(listed.body.shares.find((share) => share.id === id)?.revokedAt).toBeNull();
		expect(JSON.stringify(listed.body)).not.toContain(token);
		expect((await api(server, 'GET', `${base()}/shares?share=${token}`)).status).toBe(403);

		expect((await api(server, 'DELETE', `${base()}/shares/${id}`, { token: admin })).status).toBe(
			200
		);
		const revoked = await fetch(
			`${server.url}/api/concertations/${concertationId}/restitution.md?share=${token}`
		);
		expect(revoked.status).toBe(404);
		expect((await api(server, 'DELETE', `${base()}/shares/${id}`, { token: admin })).status).toBe(
			404
		);
	});

	it('resets everything', async () => {
		const reset = await api(server, 'DELETE', `${base()}/edits`, { token: coordinator });
		expect(reset.status).toBe(200);
		const model = await exported();
		expect(model.nextDates).toEqual([]);
		expect(model.conclusion).toBeUndefined();
		expect(model.tables.map((table) => table.name)).toEqual(['1', '2']);
	});

	it('refuses a coordinator once the concertation leaves their series', async () => {
		const other = await createConcertation(server, admin);
		const path = `/api/concertations/${other.id}/restitution/texts`;
		expect(
			(await api(server, 'PUT', path, { token: coordinator, body: { conclusionFr: 'x' } })).status
		).toBe(403);
		await api(server, 'PATCH', `/api/concertations/${other.id}`, {
			token: admin,
			body: { seriesId }
		});
		expect(
			(await api(server, 'PUT', path, { token: coordinator, body: { conclusionFr: 'x' } })).status
		).toBe(200);
		const listed = await api<{ series: { id: number; coordinators: { id: number }[] }[] }>(
			server,
			'GET',
			'/api/series',
			{ token: admin }
		);
		const [following] = listed.body.series.find((one) => one.id === seriesId)?.coordinators ?? [];
		const removed = await api(
			server,
			'DELETE',
			`/api/series/${seriesId}/coordinators/${following?.id}`,
			{ token: admin }
		);
		expect(removed.status).toBe(200);
		expect(
			(await api(server, 'PUT', path, { token: coordinator, body: { conclusionFr: 'y' } })).status
		).toBe(403);
	});
});
