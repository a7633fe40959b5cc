/**
 * A concertation's content languages (issue 18): chosen at creation, changeable until the
 * session starts, carried by the programme file and by "start from an earlier one"; and an
 * existing French–Dutch concertation keeps everything through the migration that adds them.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import { openDatabase } from '../../src/lib/server/db';
import { recordFullSession } from '../helpers/full-session';
import { httpCommand } from '../helpers/restitution';
import {
	api,
	createConcertation,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

const directory = mkdtempSync(path.join(tmpdir(), 'concertation-languages-'));
const sockets = socketTracker();
let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
	rmSync(directory, { recursive: true, force: true });
});

async function details(id: number, token = admin) {
	const { body } = await api<{ sections: { session: { languages: string[]; title: object } } }>(
		server,
		'GET',
		`/api/concertations/${id}`,
		{ token }
	);
	return body.sections.session;
}

describe('choosing the languages', () => {
	it('creates an English-only concertation, asking only for its English title', async () => {
		const created = await api<{ concertation: { id: number } }>(
			server,
			'POST',
			'/api/concertations',
			{
				token: admin,
				body: { titleEn: 'Study visit', languages: ['en'], date: '2026-03-02' }
			}
		);
		expect(created.status).toBe(201);
		const session = await details(created.body.concertation.id);
		expect(session.languages).toEqual(['en']);
		expect(session.title).toEqual({ fr: '', nl: '', en: 'Study visit' });
	});

	it('keeps French and Dutch when nothing is chosen, and asks for both titles', async () => {
		const missing = await api<{ ok: boolean; error: { code: string; field?: string } }>(
			server,
			'POST',
			'/api/concertations',
			{ token: admin, body: { titleFr: 'Logement', date: '2026-03-02' } }
		);
		expect(missing.status).toBe(400);
		expect(JSON.stringify(missing.body)).toContain('titleNl');
		const made = await createConcertation(server, admin);
		expect((await details(made.id)).languages).toEqual(['fr', 'nl']);
	});

	it('refuses a title missing in a chosen language, a repeated or a third language', async () => {
		for (const body of [
			{ titleNl: 'Netwerk', languages: ['nl', 'en'], date: '2026-03-02' },
			{ titleNl: 'Netwerk', languages: ['nl', 'nl'], date: '2026-03-02' },
			{
				titleNl: 'N',
				titleFr: 'R',
				titleEn: 'N',
				languages: ['nl', 'fr', 'en'],
				date: '2026-03-02'
			},
			{ titleNl: 'Netwerk', languages: ['de'], date: '2026-03-02' }
		]) {
			const { status } = await api(server, 'POST', '/api/concertations', { token: admin, body });
			expect(status, JSON.stringify(body)).toBe(400);
		}
	});

	it('changes the languages before the start, and refuses it after, in the user’s language', async () => {
		const made = await createConcertation(server, admin);
		const patch = async (body: object, locale = 'en') => {
			const response = await fetch(`${server.url}/api/concertations/${made.id}`, {
				method: 'PATCH',
				headers: {
					'content-type': 'application/json',
					'accept-language': locale,
					authorization: `Bearer ${admin}`
				},
				body: JSON.stringify(body)
			});
			return {
				status: response.status,
				body: (await response.json()) as { error?: { code: string; message: string } }
			};
		};
		// Dutch and English: the English title is now needed, the French one is kept.
		expect((await patch({ languages: ['nl', 'en'] })).status).toBe(400);
		expect((await patch({ languages: ['nl', 'en'], titleEn: 'Mental health' })).status).toBe(200);
		let session = await details(made.id);
		expect(session.languages).toEqual(['nl', 'en']);
		expect(session.title).toMatchObject({ fr: 'Santé mentale et logement', en: 'Mental health' });

		await httpCommand(server, admin, made.id, 'session.start', {});
		const refused = await patch({ languages: ['fr'] }, 'fr');
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect(refused.body.error?.code).toBe('languages_locked');
		expect(refused.body.error?.message).toContain('les langues de la concertation');
		// The same languages again, with another title: allowed.
		expect((await patch({ languages: ['nl', 'en'], titleEn: 'Mental health care' })).status).toBe(
			200
		);
		session = await details(made.id);
		expect(session.languages).toEqual(['nl', 'en']);
	});

	it('carries the languages in the programme file and when starting from an earlier one', async () => {
		const dutch = await api<{ concertation: { id: number } }>(
			server,
			'POST',
			'/api/concertations',
			{ token: admin, body: { titleNl: 'Vlaams netwerk', languages: ['nl'], date: '2026-03-02' } }
		);
		const id = dutch.body.concertation.id;
		const file = await fetch(`${server.url}/api/concertations/${id}/programme.json`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		const programme = (await file.json()) as { languages?: string[] };
		expect(programme.languages).toEqual(['nl']);

		const fromFile = await api<{ concertation: { id: number } }>(
			server,
			'POST',
			'/api/concertations',
			{ token: admin, body: { titleNl: 'Tweede', date: '2026-04-02', programme } }
		);
		expect(fromFile.status).toBe(201);
		expect((await details(fromFile.body.concertation.id)).languages).toEqual(['nl']);

		const copied = await api<{ concertation: { id: number } }>(
			server,
			'POST',
			'/api/concertations',
			{ token: admin, body: { titleNl: 'Derde', date: '2026-05-02', copyFrom: id } }
		);
		expect(copied.status).toBe(201);
		expect((await details(copied.body.concertation.id)).languages).toEqual(['nl']);
		// A French title alone does not do for a Dutch concertation.
		const wrong = await api(server, 'POST', '/api/concertations', {
			token: admin,
			body: { titleFr: 'Troisième', date: '2026-05-02', copyFrom: id }
		});
		expect(wrong.status).toBe(400);
		// A programme file of before (no languages) is French and Dutch.
		delete programme.languages;
		const old = await api(server, 'POST', '/api/concertations', {
			token: admin,
			body: { titleNl: 'Oud', date: '2026-05-02', programme }
		});
		expect(old.status).toBe(400);
	});
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema of their time
function migrator(db: any): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		allowUnorderedMigrations: true
	});
}

/** The restitution's JSON without the moment it was made. */
async function exportedJson(running: RunningServer, token: string, id: number) {
	const response = await fetch(`${running.url}/api/concertations/${id}/restitution.json`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(response.status).toBe(200);
	return JSON.parse(await response.text(), (key, value: unknown) =>
		key === 'generatedAt' ? undefined : value
	) as unknown;
}

describe('migration 080: an existing French–Dutch concertation', () => {
	it('exports the same restitution after the migration, as French and Dutch', async () => {
		// A real session recorded by the server, then its rows put in a database that stops at
		// the schema before 080 (the columns that schema has), which the server then migrates.
		const recordedPath = path.join(directory, 'recorded.sqlite');
		const recording = await startServer({ databasePath: recordedPath });
		const token = await signIn(recording);
		const { concertation } = await recordFullSession(recording, token, sockets.track, {
			number: '9'
		});
		const before = await exportedJson(recording, token, concertation.id);
		await recording.stop();

		const oldPath = path.join(directory, 'previous-schema.sqlite');
		const old = openDatabase(oldPath);
		const previous = Object.keys(migrations)
			.filter((name) => name < '080')
			.at(-1) as string;
		const { error } = await migrator(old).migrateTo(previous);
		if (error) throw error;
		await old.destroy();
		const file = new Database(oldPath);
		try {
			expect(
				file
					.prepare("select name from pragma_table_info('concertation') where name = 'languages'")
					.all()
			).toEqual([]);
			file.pragma('foreign_keys = OFF');
			file.prepare('attach database ? as recorded').run(recordedPath);
			const tables = file
				.prepare(
					"select name from main.sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'"
				)
				.all() as { name: string }[];
			file.transaction(() => {
				for (const { name } of tables) {
					const columns = (
						file.prepare(`select name from pragma_table_info('${name}')`).all() as {
							name: string;
						}[]
					).map((column) => `"${column.name}"`);
					file.prepare(`delete from main."${name}"`).run();
					file
						.prepare(
							`insert into main."${name}" (${columns.join(', ')}) select ${columns.join(', ')} from recorded."${name}"`
						)
						.run();
				}
			})();
			file.prepare('detach database recorded').run();
		} finally {
			file.close();
		}

		const migrated = await startServer({ databasePath: oldPath });
		try {
			const again = await signIn(migrated);
			expect(await exportedJson(migrated, again, concertation.id)).toEqual(before);
			const { body } = await api<{ sections: { session: { languages: string[] } } }>(
				migrated,
				'GET',
				`/api/concertations/${concertation.id}`,
				{ token: again }
			);
			expect(body.sections.session.languages).toEqual(['fr', 'nl']);
		} finally {
			await migrated.stop();
		}
	});
});
