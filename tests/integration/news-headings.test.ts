import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import { connectionOf, openDatabase } from '../../src/lib/server/db';
import type { NewsView, Snapshot } from '../../src/lib/protocol';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';
import {
	api,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	runCommand as ok,
	sendCommand as send,
	signIn,
	socketTracker,
	openStartedRoom,
	gotoStep,
	type StartedRoom,
	startServer,
	type RunningServer
} from '../helpers/server';
import { httpCommand } from '../helpers/restitution';

/**
 * News grouped under headings, through the real server: the console creates, renames,
 * translates, reorders and deletes headings and puts news under them; phones and the
 * projector get the headings with the news; refusals are translated and change nothing;
 * scripts do the same through the JSON API; the restitution prints the news by heading.
 */
let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

type Session = StartedRoom;
const openSession = () => openStartedRoom(server, token, track, 'fr');
const gotoPhase = gotoStep;

async function newsOf(session: Session): Promise<NewsView> {
	const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${session.id}`, {
		token
	});
	return body.sections.news!;
}

describe('news by heading', () => {
	it('creates, renames, reorders and deletes headings, places news under them, and phones see the groups', async () => {
		const session = await openSession();
		const law = await ok(session.console, 'news.headings.save', {
			titleFr: 'Législation et contexte',
			titleNl: 'Wetgeving en context'
		});
		// French only for now: the Dutch is "to translate", never a copy.
		const zones = await ok(session.console, 'news.headings.save', {
			titleFr: 'Nouvelles des zones'
		});

		// Refusals: translated (the console is in French), and nothing stored.
		const empty = await send(session.console, 'news.headings.save', { titleFr: '  ', titleNl: '' });
		expect(empty).toMatchObject({ ok: false, error: { code: 'news_heading_required' } });
		if (!empty.ok) expect(empty.error.message).toBe('Un titre de rubrique est obligatoire.');
		const long = await send(session.console, 'news.headings.save', { titleNl: 'x'.repeat(101) });
		expect(long).toMatchObject({ ok: false, error: { code: 'news_heading_too_long' } });
		const unknown = await send(session.console, 'news.headings.save', {
			id: 999_999,
			titleFr: 'X'
		});
		expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect((await newsOf(session)).headings.map((h) => h.title)).toEqual([
			{ fr: 'Législation et contexte', nl: 'Wetgeving en context' },
			{ fr: 'Nouvelles des zones', nl: '' }
		]);

		// The missing Dutch, added from the console's "to translate" field.
		await ok(session.console, 'news.headings.translate', {
			id: zones.id,
			language: 'nl',
			text: 'Nieuws uit de zones'
		});
		const twice = await send(session.console, 'news.headings.translate', {
			id: zones.id,
			language: 'nl',
			text: 'Iets anders'
		});
		expect(twice).toMatchObject({ ok: false, error: { code: 'translation_exists' } });

		// Organisers' items: one under no heading, one under each.
		const general = await ok(session.console, 'news.save', {
			titleFr: 'Bienvenue',
			titleNl: 'Welkom'
		});
		const decree = await ok(session.console, 'news.save', {
			titleFr: 'Nouveau décret première ligne',
			titleNl: 'Nieuw decreet eerste lijn',
			headingId: law.id
		});
		const jette = await ok(session.console, 'news.save', {
			titleFr: 'Jette ouvre une antenne',
			titleNl: 'Jette opent een antenne',
			headingId: zones.id
		});
		const elsewhere = await send(session.console, 'news.save', {
			titleFr: 'X',
			headingId: 999_999
		});
		expect(elsewhere).toMatchObject({ ok: false, error: { code: 'not_found' } });

		// A participant's submission, once approved, is placed under a heading too.
		await gotoPhase(session, 'news');
		const joined = await joinAsParticipant(server, session.joinCode, {
			displayName: 'Dirk',
			locale: 'nl'
		});
		const phone = track(connectParticipant(server, session.id, joined.token, 'nl'));
		const phoneSnapshot = await next(phone, 'snapshot');
		expect(phoneSnapshot.sections.news?.headings).toHaveLength(2);
		const submitted = await ok(phone, 'news.submit', { title: 'Wijkfeest in Ganshoren' });
		const notTheirs = await send(phone, 'news.headings.save', { titleFr: 'Pirate' });
		expect(notTheirs).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const notTheirsToo = await send(phone, 'news.assign', {
			id: submitted.id,
			headingId: zones.id
		});
		expect(notTheirsToo).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		await ok(session.console, 'news.moderate', { id: submitted.id, status: 'approved' });
		const phoneSeesIt = next(phone, 'update', (u) =>
			(u.sections.news?.items ?? []).some((i) => i.id === submitted.id && i.headingId === zones.id)
		);
		await ok(session.console, 'news.assign', { id: submitted.id, headingId: zones.id });
		const seen = (await phoneSeesIt).sections.news!;
		expect(seen.items.map((i) => [i.id, i.headingId])).toEqual([
			[general.id, null],
			[decree.id, law.id],
			[jette.id, zones.id],
			[submitted.id, zones.id]
		]);
		expect(seen.headings.map((h) => h.title.nl)).toEqual([
			'Wetgeving en context',
			'Nieuws uit de zones'
		]);

		// Reordered: every heading named once, else refused and nothing changes.
		const partial = await send(session.console, 'news.headings.reorder', { ids: [zones.id] });
		expect(partial).toMatchObject({ ok: false, error: { code: 'news_headings_changed' } });
		const screenSeesOrder = next(
			session.screen,
			'update',
			(u) => (u.sections.news?.headings ?? [])[0]?.id === zones.id
		);
		await ok(session.console, 'news.headings.reorder', { ids: [zones.id, law.id] });
		expect((await screenSeesOrder).sections.news?.headings.map((h) => h.id)).toEqual([
			zones.id,
			law.id
		]);

		// Renamed.
		await ok(session.console, 'news.headings.save', {
			id: law.id,
			titleFr: 'Législation',
			titleNl: 'Wetgeving',
			titleEn: 'Legislation'
		});
		expect((await newsOf(session)).headings[1]?.title).toEqual({
			fr: 'Législation',
			nl: 'Wetgeving',
			en: 'Legislation'
		});

		// Deleting a heading that has news asks first: refused without `moveItems`, nothing lost.
		const unasked = await send(session.console, 'news.headings.delete', { id: zones.id });
		expect(unasked).toMatchObject({ ok: false, error: { code: 'news_heading_not_empty' } });
		if (!unasked.ok) expect(unasked.error.message).toContain('contient 2 actualités');
		expect((await newsOf(session)).headings).toHaveLength(2);
		const deleted = await ok(session.console, 'news.headings.delete', {
			id: zones.id,
			moveItems: true
		});
		expect(deleted).toEqual({ moved: 2 });
		const after = await newsOf(session);
		expect(after.headings.map((h) => h.id)).toEqual([law.id]);
		expect(after.items.map((i) => [i.id, i.headingId])).toEqual([
			[general.id, null],
			[decree.id, law.id],
			[jette.id, null],
			[submitted.id, null]
		]);
		// An empty heading goes without asking; an unknown one is not found.
		const spare = await ok(session.console, 'news.headings.save', { titleNl: 'Varia' });
		await ok(session.console, 'news.headings.delete', { id: spare.id });
		const gone = await send(session.console, 'news.headings.delete', { id: spare.id });
		expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});

	it('does the same through the JSON API, and the restitution prints the news by heading', async () => {
		const concertation = await createConcertation(server, token);
		const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
			httpCommand<R>(server, token, concertation.id, name, input);
		const law = await command<{ id: number }>('news.headings.save', {
			titleFr: 'Législation et contexte',
			titleNl: 'Wetgeving en context'
		});
		const zones = await command<{ id: number }>('news.headings.save', {
			titleFr: 'Nouvelles des zones',
			titleNl: 'Nieuws uit de zones'
		});
		await command('news.save', { titleFr: 'Bienvenue', titleNl: 'Welkom' });
		const jette = await command<{ id: number }>('news.save', {
			titleFr: 'Jette ouvre une antenne',
			titleNl: 'Jette opent een antenne'
		});
		await command('news.save', {
			titleFr: 'Nouveau décret première ligne',
			titleNl: 'Nieuw decreet eerste lijn',
			headingId: law.id
		});
		await command('news.assign', { id: jette.id, headingId: zones.id });

		const read = (format: 'md' | 'json') =>
			fetch(`${server.url}/api/concertations/${concertation.id}/restitution.${format}`, {
				headers: { authorization: `Bearer ${token}` }
			}).then((response) => response.text());
		const markdown = (await read('md')).split('\n');
		const at = (line: string) => markdown.findIndex((l) => l.includes(line));
		expect(at('- Bienvenue / Welkom')).toBeGreaterThan(0);
		expect(at('#### Législation et contexte · Wetgeving en context')).toBeGreaterThan(
			at('- Bienvenue / Welkom')
		);
		expect(at('- Nouveau décret première ligne')).toBeGreaterThan(
			at('#### Législation et contexte')
		);
		expect(at('#### Nouvelles des zones · Nieuws uit de zones')).toBeGreaterThan(
			at('- Nouveau décret première ligne')
		);
		expect(at('- Jette ouvre une antenne')).toBeGreaterThan(at('#### Nouvelles des zones'));
		const model = parseRestitutionJson(await read('json'));
		expect(model.context.news.map((item) => [item.title.fr, item.heading?.nl ?? null])).toEqual([
			['Bienvenue', null],
			['Nouveau décret première ligne', 'Wetgeving en context'],
			['Jette ouvre une antenne', 'Nieuws uit de zones']
		]);
	});
});

describe('migration 030', () => {
	it('adds the headings, keeps a news item when its heading goes, and goes back down', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'concertation-headings-'));
		const db = openDatabase(path.join(directory, 'headings.sqlite'));
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
			await to('030_news_headings');
			const sqlite = connectionOf(db);
			const now = new Date().toISOString();
			sqlite
				.prepare(
					`insert into concertation (join_code, screen_key_nonce, title_fr, title_nl, date, sectors_json, status, created_at, updated_at)
					values ('HEAD30', 'nonce', 'Essai', 'Proef', '2024-09-23', '[]', 'live', ?, ?)`
				)
				.run(now, now);
			const heading = sqlite
				.prepare(
					`insert into news_heading (concertation_id, title_fr, position, created_at, updated_at)
					values (1, 'Législation', 0, ?, ?)`
				)
				.run(now, now).lastInsertRowid;
			// A heading needs a title in some language.
			expect(() =>
				sqlite
					.prepare(
						`insert into news_heading (concertation_id, position, created_at, updated_at) values (1, 1, ?, ?)`
					)
					.run(now, now)
			).toThrow(/CHECK/);
			sqlite
				.prepare(
					`insert into news_item (concertation_id, source, status, language, title_fr, title_nl, position, heading_id, created_at, updated_at)
					values (1, 'organiser', 'approved', 'fr', 'Décret', 'Decreet', 0, ?, ?, ?)`
				)
				.run(heading, now, now);
			sqlite.prepare('delete from news_heading where id = ?').run(heading);
			expect(sqlite.prepare('select heading_id from news_item').all()).toEqual([
				{ heading_id: null }
			]);
			await to('016_bilingual_originals');
			expect(sqlite.prepare('select title_fr from news_item').all()).toEqual([
				{ title_fr: 'Décret' }
			]);
			expect(
				sqlite.prepare("select name from sqlite_master where name = 'news_heading'").all()
			).toEqual([]);
		} finally {
			await db.destroy();
			rmSync(directory, { recursive: true, force: true });
		}
	});
});
