import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import { connectionOf, openDatabase } from '../../src/lib/server/db';
import type { ActionPathView, ActionView } from '../../src/lib/protocol/actions';
import type { PublicSeriesPage, SeriesPageSettings } from '../../src/lib/protocol/series-page';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';
import { coordinatorAccount, formAction, pdfText } from '../helpers/restitution';
import {
	api,
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The series' public page (issue 16) on the built server: off by default; turned on and off,
 * and given a new address, by the series' coordinators only; without signing in it shows the
 * coming dates with their calendar files, the actions with their status, and only the
 * restitutions that were published; off, old or unknown, it is the same translated 404. While
 * it is on, the PDF restitution prints its QR code and address and stays one page. Also: a
 * next date edited in place (refused whole on a bad field), and each action's path.
 */

let server: RunningServer;
let admin: string;
let coordinator: string;
let outsider: string;
const seriesId = 1;
let first: number;
let second: number;

const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const settingsOf = async (token: string) =>
	(
		await api<{ page: SeriesPageSettings }>(server, 'GET', `/api/series/${seriesId}/page`, {
			token
		})
	).body.page;
const turn = (token: string, enabled: boolean) =>
	api<{ page: SeriesPageSettings; error?: { code: string } }>(
		server,
		'PUT',
		`/api/series/${seriesId}/page`,
		{ token, body: { enabled } }
	);
const publicData = (token: string) =>
	api<{ page: PublicSeriesPage; error?: { code: string; message: string } }>(
		server,
		'GET',
		`/api/public/series/${token}`
	);
const tokenOf = (settings: SeriesPageSettings) => settings.path!.split('/').pop()!;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinator = await coordinatorAccount(server, 'north@example.org');
	outsider = await coordinatorAccount(server, 'south@example.org');
	for (const [titleFr, titleNl] of [
		['Zone Nord-Est', 'Zorgzone Noord-Oost'],
		['Zone Sud', 'Zone Zuid']
	] as const)
		expect((await formAction(server, admin, '/f/series?/create', { titleFr, titleNl })).type).toBe(
			'success'
		);
	for (const [id, email] of [
		[1, 'north@example.org'],
		[2, 'south@example.org']
	] as const)
		await formAction(server, admin, '/f/series?/addCoordinator', { seriesId: String(id), email });
	for (const number of ['1', '2']) {
		const concertation = await createConcertation(server, admin, {
			number,
			date: number === '1' ? inDays(-30) : inDays(-1)
		});
		await formAction(server, admin, `/f/${concertation.id}/edit?/series`, {
			seriesId: String(seriesId)
		});
		if (number === '1') first = concertation.id;
		else second = concertation.id;
	}
	// A next date announced at N°2, and an action.
	expect(
		(
			await api(server, 'POST', `/api/concertations/${second}/restitution/next-dates`, {
				token: admin,
				body: {
					labelFr: 'Concertation N°3',
					labelNl: 'Overleg nr. 3',
					date: inDays(40),
					time: '09:30'
				}
			})
		).status
	).toBe(201);
	const action = await api<{ action: ActionView }>(
		server,
		'POST',
		`/api/series/${seriesId}/actions`,
		{
			token: coordinator,
			body: {
				titleFr: 'Cartographie des services',
				titleNl: 'Overzicht van de diensten',
				status: 'in_progress',
				progressNote: 'Premier brouillon partagé.'
			}
		}
	);
	expect(action.status).toBe(201);
}, 90_000);

afterAll(async () => {
	await server?.stop();
});

describe('the series’ public page', () => {
	it('is off by default, and an unknown address is a translated 404 that names nothing', async () => {
		expect(await settingsOf(coordinator)).toEqual({ enabled: false, path: null, url: null });
		const response = await fetch(`${server.url}/p/AAAAAAAAAAAAAAAAAAAAAA`, {
			headers: { 'accept-language': 'nl' }
		});
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toContain('lang="nl"');
		expect(html).not.toContain('Noord-Oost');
		expect((await publicData('AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
	});

	it('is turned on by the series’ coordinators only', async () => {
		expect((await turn(outsider, true)).status).toBe(403);
		expect(
			(await api(server, 'PUT', `/api/series/${seriesId}/page`, { body: { enabled: true } })).status
		).toBe(401);
		expect(
			(
				await api(server, 'PUT', `/api/series/${seriesId}/page`, {
					token: coordinator,
					body: { enabled: 'yes' }
				})
			).status
		).toBe(400);
		expect((await settingsOf(coordinator)).enabled).toBe(false);
		const on = await turn(coordinator, true);
		expect(on.status).toBe(200);
		expect(on.body.page.enabled).toBe(true);
		expect(on.body.page.path).toMatch(/^\/p\/[A-Za-z0-9_-]{22}$/);
		expect(on.body.page.url).toBe(`${server.url}${on.body.page.path}`);
	});

	it('shows the coming dates, the actions and only the published restitutions, without signing in', async () => {
		const token = tokenOf(await settingsOf(coordinator));
		const { status, body } = await publicData(token);
		expect(status).toBe(200);
		expect(body.page.series.title).toEqual({ fr: 'Zone Nord-Est', nl: 'Zorgzone Noord-Oost' });
		expect(body.page.comingDates.map((d) => [d.label.fr, d.time])).toEqual([
			['Concertation N°3', '09:30']
		]);
		expect(body.page.actions).toMatchObject([
			{
				title: { fr: 'Cartographie des services' },
				status: 'in_progress',
				progressNote: 'Premier brouillon partagé.'
			}
		]);
		expect(body.page.restitutions).toEqual([]);

		const ics = await fetch(`${server.url}${body.page.comingDates[0]!.ics}`);
		expect(ics.status).toBe(200);
		expect(await ics.text()).toContain('SUMMARY:Concertation N°3');
		expect((await fetch(`${server.url}${body.page.calendar}`)).status).toBe(200);

		// An unpublished restitution's files are not found, as if it did not exist.
		const hidden = `/api/public/series/${token}/restitutions/${first}.pdf`;
		expect((await fetch(`${server.url}${hidden}`)).status).toBe(404);

		// Only coordinators publish; then it is listed and its files download.
		expect(
			(
				await api(server, 'PUT', `/api/concertations/${first}/restitution/series-page`, {
					token: outsider,
					body: { published: true }
				})
			).status
		).toBe(403);
		expect(
			(
				await api(server, 'PUT', `/api/concertations/${first}/restitution/series-page`, {
					token: coordinator,
					body: { published: true }
				})
			).status
		).toBe(200);
		const after = await publicData(token);
		expect(after.body.page.restitutions.map((r) => r.concertationId)).toEqual([first]);
		const pdf = await fetch(`${server.url}${after.body.page.restitutions[0]!.files.pdf}`);
		expect(pdf.status).toBe(200);
		expect(pdf.headers.get('content-type')).toBe('application/pdf');
		expect(
			(await fetch(`${server.url}/api/public/series/${token}/restitutions/${second}.md`)).status
		).toBe(404);
		expect(
			(await fetch(`${server.url}/api/public/series/${token}/restitutions/${first}.json`)).status
		).toBe(404);

		// The page itself, in Dutch, lists the same.
		const page = await fetch(`${server.url}/p/${token}`, { headers: { 'accept-language': 'nl' } });
		expect(page.status).toBe(200);
		expect(page.headers.get('referrer-policy')).toBe('same-origin');
		const html = await page.text();
		expect(html).toContain('Zorgzone Noord-Oost');
		expect(html).toContain('Overzicht van de diensten');
		expect(html).toContain('Samenvattingen');

		// Withdrawn: gone again.
		await api(server, 'PUT', `/api/concertations/${first}/restitution/series-page`, {
			token: admin,
			body: { published: false }
		});
		expect((await publicData(token)).body.page.restitutions).toEqual([]);
		await api(server, 'PUT', `/api/concertations/${first}/restitution/series-page`, {
			token: admin,
			body: { published: true }
		});
	});

	it('prints its QR code and address on the PDF restitution while it is on, still one page', async () => {
		const settings = await settingsOf(coordinator);
		const on = await fetch(`${server.url}/api/concertations/${second}/restitution.pdf`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		const printed = await pdfText(Buffer.from(await on.arrayBuffer()));
		expect(printed.pages).toBe(1);
		// The address may wrap: compared without spaces.
		const squashed = printed.text.replace(/\s/g, '');
		expect(squashed).toContain(settings.url!.replace(/^https?:\/\//, ''));
		expect(squashed).toContain('Pagepubliquedelasérie');

		await turn(coordinator, false);
		const off = await fetch(`${server.url}/api/concertations/${second}/restitution.pdf`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		const plain = await pdfText(Buffer.from(await off.arrayBuffer()));
		expect(plain.text).not.toContain('/p/');
		await turn(coordinator, true);
	});

	it('answers 404 when off, and its old address 404 once a new one is made', async () => {
		const old = tokenOf(await settingsOf(coordinator));
		await turn(coordinator, false);
		expect((await publicData(old)).status).toBe(404);
		expect((await fetch(`${server.url}/p/${old}`)).status).toBe(404);
		// On again: the same address (the one already printed).
		await turn(coordinator, true);
		expect((await publicData(old)).status).toBe(200);

		expect(
			(await api(server, 'POST', `/api/series/${seriesId}/page/token`, { token: outsider })).status
		).toBe(403);
		const renewed = await api<{ page: SeriesPageSettings }>(
			server,
			'POST',
			`/api/series/${seriesId}/page/token`,
			{ token: coordinator }
		);
		expect(renewed.status).toBe(200);
		const fresh = tokenOf(renewed.body.page);
		expect(fresh).not.toBe(old);
		const gone = await publicData(old);
		expect(gone.status).toBe(404);
		expect(gone.body.error?.code).toBe('not_found');
		expect(
			(await fetch(`${server.url}/api/public/series/${old}/restitutions/${first}.pdf`)).status
		).toBe(404);
		expect((await publicData(fresh)).status).toBe(200);

		// Never turned on: nothing to regenerate, said in the asker's language.
		const never = await fetch(`${server.url}/api/series/2/page/token`, {
			method: 'POST',
			headers: { authorization: `Bearer ${outsider}`, 'accept-language': 'nl' }
		});
		expect(never.status).toBe(400);
		expect(((await never.json()) as { error: { message: string } }).error.message).toContain(
			'nog nooit ingeschakeld'
		);
	});

	it('is turned on and off from the series page’s form too', async () => {
		const off = await formAction(server, coordinator, `/r/series/${seriesId}?/publicPage`, {});
		expect(off.type).toBe('success');
		expect((await settingsOf(coordinator)).enabled).toBe(false);
		const on = await formAction(server, coordinator, `/r/series/${seriesId}?/publicPage`, {
			enabled: 'on'
		});
		expect(on.type).toBe('success');
		expect((await settingsOf(coordinator)).enabled).toBe(true);
		const refused = await formAction(server, outsider, `/r/series/${seriesId}?/publicPage`, {});
		expect(refused.type).toBe('failure');
		expect((await settingsOf(coordinator)).enabled).toBe(true);
	});
});

describe('a next date edited in place', () => {
	const dates = async () =>
		parseRestitutionJson(
			await (
				await fetch(`${server.url}/api/concertations/${second}/restitution.json`, {
					headers: { authorization: `Bearer ${admin}` }
				})
			).text()
		).nextDates;

	it('refuses a bad field whole, in the asker’s language, and changes nothing', async () => {
		const before = await dates();
		const response = await fetch(
			`${server.url}/api/concertations/${second}/restitution/next-dates/0`,
			{
				method: 'PUT',
				headers: {
					authorization: `Bearer ${coordinator}`,
					'content-type': 'application/json',
					'accept-language': 'nl'
				},
				body: JSON.stringify({
					labelFr: 'Changée',
					date: inDays(41),
					time: '12:00',
					endTime: '11:00'
				})
			}
		);
		expect(response.status).toBe(400);
		const body = (await response.json()) as { error: { code: string; fields: { path: string }[] } };
		expect(body.error).toMatchObject({
			code: 'nextDate_endBeforeStart',
			fields: [{ path: 'endTime' }]
		});
		expect(await dates()).toEqual(before);
		expect(
			(
				await api(server, 'PUT', `/api/concertations/${second}/restitution/next-dates/7`, {
					token: admin,
					body: { labelFr: 'X', date: inDays(41) }
				})
			).status
		).toBe(404);
		expect(
			(
				await api(server, 'PUT', `/api/concertations/${second}/restitution/next-dates/0`, {
					token: outsider,
					body: { labelFr: 'X', date: inDays(41) }
				})
			).status
		).toBe(403);
	});

	it('changes date, times, place, link and description, and keeps its calendar event', async () => {
		const token = tokenOf(await settingsOf(coordinator));
		const key = (await publicData(token)).body.page.comingDates[0]!.key;
		const changed = await api(
			server,
			'PUT',
			`/api/concertations/${second}/restitution/next-dates/0`,
			{
				token: coordinator,
				body: {
					labelFr: 'Concertation N°3',
					labelNl: 'Overleg nr. 3',
					date: inDays(42),
					time: '13:30',
					endTime: '16:00',
					place: 'Maison des associations',
					link: 'https://meet.example.org/n3',
					descriptionFr: 'Bilan des actions',
					descriptionNl: 'Stand van de acties'
				}
			}
		);
		expect(changed.status).toBe(200);
		expect(await dates()).toMatchObject([
			{
				date: inDays(42),
				time: '13:30',
				endTime: '16:00',
				place: 'Maison des associations',
				link: 'https://meet.example.org/n3',
				description: { fr: 'Bilan des actions', nl: 'Stand van de acties' }
			}
		]);
		const listed = (await publicData(token)).body.page.comingDates;
		expect(listed.map((d) => [d.key, d.time, d.endTime])).toEqual([[key, '13:30', '16:00']]);
		const ics = await (await fetch(`${server.url}${listed[0]!.ics}`)).text();
		expect(ics).toContain(`UID:${key}@`);
		expect(ics).toContain('T133000');

		// The review page's form does the same, and gives back what was typed when refused.
		const refused = await formAction(server, coordinator, `/r/${second}?/editDate`, {
			key: 'nextDates',
			index: '0',
			labelFr: 'Concertation N°3',
			date: 'demain'
		});
		expect(refused.status).toBe(400);
		expect(refused.data).toContain('demain');
		const saved = await formAction(server, coordinator, `/r/${second}?/editDate`, {
			key: 'nextDates',
			index: '0',
			labelFr: 'Concertation N°3',
			labelNl: 'Overleg nr. 3',
			date: inDays(43),
			time: '09:00'
		});
		expect(saved.type).toBe('success');
		expect((await dates()).map((d) => [d.date, d.time, d.place])).toEqual([
			[inDays(43), '09:00', undefined]
		]);
	});
});

describe('each action’s path over the series', () => {
	it('gives its status at each concertation, from its history', async () => {
		const { body } = await api<{ paths: ActionPathView[]; concertations: { id: number }[] }>(
			server,
			'GET',
			`/api/series/${seriesId}`,
			{ token: coordinator }
		);
		expect(body.concertations.map((c) => c.id)).toEqual([first, second]);
		// Created today: after both meetings.
		expect(body.paths).toEqual([{ actionId: 1, statuses: [null, null] }]);
	});
});

describe('migration 050', () => {
	it('keeps one address per series, drops a publication with its concertation, and goes back down', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'concertation-series-page-'));
		const db = openDatabase(path.join(directory, 'page.sqlite'));
		try {
			const migrator = new Migrator({
				db,
				provider: { getMigrations: async () => migrations },
				allowUnorderedMigrations: true
			});
			const to = async (name: string) => {
				const { error } = await migrator.migrateTo(name);
				if (error) throw error;
			};
			await to('050_series_page');
			const sqlite = connectionOf(db);
			const now = new Date().toISOString();
			sqlite
				.prepare(`insert into series (title_fr, title_nl, created_at) values ('Nord', 'Noord', ?)`)
				.run(now);
			sqlite
				.prepare(
					`insert into concertation (join_code, screen_key_nonce, title_fr, title_nl, date, sectors_json, status, series_id, created_at, updated_at)
					values ('PAGE50', 'nonce', 'Essai', 'Proef', '2024-09-23', '[]', 'closed', 1, ?, ?)`
				)
				.run(now, now);
			const page = sqlite.prepare(
				`insert into series_page (series_id, token, enabled, updated_at) values (1, ?, ?, ?)`
			);
			page.run('AAAAAAAAAAAAAAAAAAAAAA', 1, now);
			expect(() => page.run('BBBBBBBBBBBBBBBBBBBBBB', 1, now)).toThrow(/UNIQUE|PRIMARY/);
			expect(() =>
				sqlite.prepare(`update series_page set enabled = 2 where series_id = 1`).run()
			).toThrow(/CHECK/);
			sqlite
				.prepare(
					`insert into series_page_restitution (concertation_id, published_at) values (1, ?)`
				)
				.run(now);
			sqlite.prepare('delete from concertation where id = 1').run();
			expect(sqlite.prepare('select count(*) as n from series_page_restitution').get()).toEqual({
				n: 0
			});
			await to('040_qna');
			expect(
				sqlite.prepare("select name from sqlite_master where name like 'series_page%'").all()
			).toEqual([]);
			await to('050_series_page');
		} finally {
			await db.destroy();
			rmSync(directory, { recursive: true, force: true });
		}
	});
});
