import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import nlErrors from '../../src/lib/i18n/locales/nl/errors.json';
import { pickLocalized, type Snapshot } from '../../src/lib/protocol';
import { connectionOf, openDatabase, type Db } from '../../src/lib/server/db';
import {
	api,
	connectFacilitator,
	connectParticipant,
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
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Issue 12, "bilingual gaps are silent": a French-only news item, topic or vote option used
 * to be copied into the Dutch side, and Dutch phones read French as if it were Dutch. Now
 * each language is kept as written ('' where nobody wrote it), every audience can tell which
 * language a text is in, and facilitators add the missing language with a command.
 */

const run = promisify(execFile);
const directory = mkdtempSync(path.join(tmpdir(), 'concertation-bilingual-'));
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
	rmSync(directory, { recursive: true, force: true });
});

type Room = StartedRoom;
const openRoom = () => openStartedRoom(server, token, track, 'fr');
const goto = gotoStep;

async function phone(room: Room, displayName: string, locale: 'fr' | 'nl' | 'en') {
	const joined = await joinAsParticipant(server, room.joinCode, { displayName, locale });
	const socket = track(connectParticipant(server, room.id, joined.token, locale));
	const snapshot = await next(socket, 'snapshot');
	return { ...joined, socket, snapshot };
}

async function snapshotOf(socket: TestSocket): Promise<Snapshot> {
	return socket.emitWithAck('sync') as Promise<Snapshot>;
}

describe('no silent copy', () => {
	it('brings a French-only news item, topic and vote option to a Dutch phone marked as French', async () => {
		const room = await openRoom();
		const anne = await phone(room, 'Anne', 'fr');
		const joost = await phone(room, 'Joost', 'nl');

		// A French phone submits news; the facilitators approve it.
		await goto(room, 'news');
		const news = await ok(anne.socket, 'news.submit', { title: 'Atelier parents solos' });
		await ok(room.console, 'news.moderate', { id: news.id, status: 'approved' });
		// An organiser's item written in Dutch only.
		const dutchOnly = await ok(room.console, 'news.save', { titleNl: 'Nieuwe dienst' });

		// A French phone proposes a topic; a question is written in French only.
		await goto(room, 'topics');
		const topic = await ok(anne.socket, 'topics.propose', { text: 'Logement d’abord' });
		await ok(room.console, 'topics.moderate', { id: topic.id, status: 'approved' });
		const question = await ok(room.console, 'topics.saveQuestion', { textFr: 'Quels relais ?' });

		// The Dutch phone's own view: the French side is there, the Dutch one is empty.
		const seen = await snapshotOf(joost.socket);
		const item = seen.sections.news!.items.find((i) => i.id === news.id)!;
		expect(item).toMatchObject({ language: 'fr', title: { fr: 'Atelier parents solos', nl: '' } });
		expect(pickLocalized(item.title, 'nl')).toEqual({
			text: 'Atelier parents solos',
			lang: 'fr',
			foreign: true
		});
		const organiserItem = seen.sections.news!.items.find((i) => i.id === dutchOnly.id)!;
		expect(organiserItem.title).toEqual({ fr: '', nl: 'Nieuwe dienst' });
		expect(pickLocalized(organiserItem.title, 'fr')).toMatchObject({ lang: 'nl', foreign: true });
		expect(seen.sections.topics!.candidates.map((c) => c.label)).toEqual([
			{ fr: 'Quels relais ?', nl: '' },
			{ fr: 'Logement d’abord', nl: '' }
		]);
		// The projector gets the same: it shows the French once, tagged.
		const screen = await snapshotOf(room.screen);
		expect(screen.sections.topics!.candidates.map((c) => c.label.nl)).toEqual(['', '']);

		// The vote takes them as they are: the options stay French-only.
		await goto(room, 'vote');
		await ok(room.console, 'vote.open', {});
		const ballot = await snapshotOf(joost.socket);
		const options = ballot.sections.vote!.candidates;
		expect(options.map((c) => c.label)).toEqual([
			{ fr: 'Quels relais ?', nl: '' },
			{ fr: 'Logement d’abord', nl: '' }
		]);
		for (const option of options) {
			expect(pickLocalized(option.label, 'nl')).toMatchObject({ lang: 'fr', foreign: true });
		}
		expect(question.id).toBeGreaterThan(0);
	});

	it('keeps a Dutch phone’s proposal in Dutch and an English phone’s in English', async () => {
		const room = await openRoom();
		const joost = await phone(room, 'Joost', 'nl');
		const sam = await phone(room, 'Sam', 'en');
		await goto(room, 'topics');
		const nl = await ok(joost.socket, 'topics.propose', { text: 'Wachtlijsten' });
		const en = await ok(sam.socket, 'topics.propose', { text: 'Waiting lists' });
		const items = (await snapshotOf(room.console)).sections.topics!.items!;
		expect(items.find((i) => i.id === nl.id)).toMatchObject({
			language: 'nl',
			text: { fr: '', nl: 'Wachtlijsten' }
		});
		expect(items.find((i) => i.id === en.id)).toMatchObject({
			language: 'en',
			text: { fr: '', nl: '', en: 'Waiting lists' }
		});
		// Each author still reads their own words.
		expect((await snapshotOf(joost.socket)).self?.topics?.[0]?.text).toBe('Wachtlijsten');
		expect((await snapshotOf(sam.socket)).self?.topics?.[0]?.text).toBe('Waiting lists');
	});
});

describe('adding the missing language', () => {
	it('translates a news title, a topic and a vote option, and the Dutch phone sees them in Dutch', async () => {
		const room = await openRoom();
		const anne = await phone(room, 'Anne', 'fr');
		const joost = await phone(room, 'Joost', 'nl');
		await goto(room, 'news');
		const news = await ok(anne.socket, 'news.submit', {
			title: 'Atelier parents solos',
			text: 'Le mardi à 18 h'
		});
		await ok(room.console, 'news.moderate', { id: news.id, status: 'approved' });

		const phoneSees = next(joost.socket, 'update', (u) =>
			(u.sections.news?.items ?? []).some((i) => i.title.nl === 'Workshop alleenstaande ouders')
		);
		await ok(room.console, 'news.translate', {
			id: news.id,
			language: 'nl',
			field: 'title',
			text: '  Workshop alleenstaande ouders '
		});
		const update = await phoneSees;
		const translated = update.sections.news!.items.find((i) => i.id === news.id)!;
		expect(translated.title).toEqual({
			fr: 'Atelier parents solos',
			nl: 'Workshop alleenstaande ouders'
		});
		expect(pickLocalized(translated.title, 'nl')).toMatchObject({ lang: 'nl', foreign: false });
		// The body is still French only until someone translates it too.
		expect(translated.text).toEqual({ fr: 'Le mardi à 18 h', nl: '' });
		await ok(room.console, 'news.translate', {
			id: news.id,
			language: 'nl',
			field: 'text',
			text: 'Op dinsdag\nom 18 uur'
		});
		// The author still reads what they typed.
		expect((await snapshotOf(anne.socket)).self?.news?.[0]).toMatchObject({
			title: 'Atelier parents solos',
			text: 'Le mardi à 18 h'
		});

		await goto(room, 'topics');
		const topic = await ok(anne.socket, 'topics.propose', { text: 'Logement d’abord' });
		await ok(room.console, 'topics.moderate', { id: topic.id, status: 'approved' });
		await ok(room.console, 'topics.translate', {
			id: topic.id,
			language: 'nl',
			text: 'Housing First'
		});
		expect((await snapshotOf(joost.socket)).sections.topics!.candidates[0]!.label).toEqual({
			fr: 'Logement d’abord',
			nl: 'Housing First'
		});

		// A vote option typed in French only, translated after the vote closed: the summary
		// and the tables read both languages.
		await goto(room, 'vote');
		const manual = await ok(room.console, 'vote.candidates.add', {
			labelFr: 'Aide à domicile',
			labelNl: ''
		});
		await ok(room.console, 'vote.open', {});
		await ok(room.console, 'vote.close', {});
		await ok(room.console, 'vote.candidates.translate', {
			candidateId: manual.candidateId,
			language: 'nl',
			label: 'Thuiszorg'
		});
		const labels = (await snapshotOf(joost.socket)).sections.vote!.candidates.map((c) => c.label);
		expect(labels).toContainEqual({ fr: 'Aide à domicile', nl: 'Thuiszorg' });
	});

	it('refuses a bad translation with a translated message and keeps what is stored', async () => {
		const room = await openRoom();
		const anne = await phone(room, 'Anne', 'fr');
		await goto(room, 'topics');
		const topic = await ok(anne.socket, 'topics.propose', { text: 'Logement' });
		const both = await ok(room.console, 'topics.saveQuestion', { textFr: 'Oui ?', textNl: 'Ja?' });
		const nlConsole = track(connectFacilitator(server, token, room.id, 'nl'));
		await next(nlConsole, 'snapshot');

		const cases: [Record<string, unknown>, string, string][] = [
			[
				{ id: topic.id, language: 'nl', text: '   ' },
				'translation_required',
				nlErrors.translation_required
			],
			[
				{ id: topic.id, language: 'nl', text: 'x'.repeat(301) },
				'translation_too_long',
				nlErrors.translation_too_long.replace('{{max}}', '300')
			],
			// The French is what was typed: it is never overwritten from this field.
			[
				{ id: topic.id, language: 'fr', text: 'Autre' },
				'translation_exists',
				nlErrors.translation_exists
			],
			[
				{ id: both.id, language: 'nl', text: 'Nee' },
				'translation_exists',
				nlErrors.translation_exists
			],
			[{ id: 999_999, language: 'nl', text: 'Wonen' }, 'not_found', ''],
			[{ id: topic.id, language: 'de', text: 'Wohnen' }, 'invalid', '']
		];
		for (const [payload, code, message] of cases) {
			const answer = await send(nlConsole, 'topics.translate', payload as never);
			expect({ payload, answer }).toMatchObject({
				payload,
				answer: { ok: false, error: { code } }
			});
			if (message && !answer.ok) expect(answer.error.message).toBe(message);
		}
		// Participants cannot translate (nor approve their own words by doing so).
		expect(
			await send(anne.socket, 'topics.translate', { id: topic.id, language: 'nl', text: 'Wonen' })
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		const items = (await snapshotOf(room.console)).sections.topics!.items!;
		expect(items.find((i) => i.id === topic.id)?.text).toEqual({ fr: 'Logement', nl: '' });
		expect(items.find((i) => i.id === both.id)?.text).toEqual({ fr: 'Oui ?', nl: 'Ja?' });

		// A merged topic is locked: its translation goes on the merged one.
		const other = await ok(anne.socket, 'topics.propose', { text: 'Logement bis' });
		const merged = await ok(room.console, 'topics.merge', {
			ids: [topic.id, other.id],
			text: 'Wonen',
			language: 'nl'
		});
		expect(
			await send(room.console, 'topics.translate', { id: topic.id, language: 'nl', text: 'Wonen' })
		).toMatchObject({ ok: false, error: { code: 'topics_locked' } });
		const mergedItem = (await snapshotOf(room.console)).sections.topics!.items!.find(
			(i) => i.id === merged.id
		);
		expect(mergedItem).toMatchObject({ language: 'nl', text: { fr: '', nl: 'Wonen' } });
	});

	it('takes the same command over HTTP, answered in the caller’s language', async () => {
		const room = await openRoom();
		const item = await ok(room.console, 'news.save', { titleFr: 'Nouveau service' });
		const answer = await api<{ ok: boolean; error?: { code: string; message: string } }>(
			server,
			'POST',
			`/api/concertations/${room.id}/commands/news.translate`,
			{
				token,
				body: {
					commandId: 'translate-http-1',
					id: item.id,
					language: 'nl',
					field: 'title',
					text: 'Nieuwe dienst'
				}
			}
		);
		expect(answer).toMatchObject({ status: 200, body: { ok: true } });
		const again = await api<{ ok: boolean; error?: { code: string; message: string } }>(
			server,
			'POST',
			`/api/concertations/${room.id}/commands/news.translate`,
			{
				token,
				body: {
					commandId: 'translate-http-2',
					id: item.id,
					language: 'nl',
					field: 'title',
					text: 'Nog een'
				}
			}
		);
		expect(again.status).toBe(409);
		expect(again.body.error).toEqual({
			code: 'translation_exists',
			message: frErrors.translation_exists
		});
		const news = (await snapshotOf(room.console)).sections.news!.items;
		expect(news.find((i) => i.id === item.id)?.title).toEqual({
			fr: 'Nouveau service',
			nl: 'Nieuwe dienst'
		});
	});
});

describe('the summary picks per language', () => {
	it('prints an untranslated option and news item once, in their own language', async () => {
		const room = await openRoom();
		const anne = await phone(room, 'Anne', 'fr');
		await goto(room, 'news');
		const news = await ok(anne.socket, 'news.submit', { title: 'Atelier parents solos' });
		await ok(room.console, 'news.moderate', { id: news.id, status: 'approved' });
		await goto(room, 'vote');
		await ok(room.console, 'vote.candidates.add', { labelFr: 'Aide à domicile', labelNl: '' });
		await ok(room.console, 'vote.candidates.add', { labelFr: '', labelNl: 'Wachtlijsten' });
		await ok(room.console, 'vote.open', {});
		const options = (await snapshotOf(anne.socket)).sections.vote!.candidates;
		await ok(anne.socket, 'vote.cast', {
			choices: [
				{ candidateId: options[0]!.id, weight: 3 },
				{ candidateId: options[1]!.id, weight: 2 }
			]
		});
		await ok(room.console, 'vote.close', {});
		await ok(room.console, 'session.close', {});

		const json = await api<{
			restitution: {
				context: { news: { title: unknown }[] };
				vote: { priorities: { label: unknown }[] };
			};
		}>(server, 'GET', `/api/concertations/${room.id}/restitution.json`, { token });
		expect(json.body.restitution.context.news.map((n) => n.title)).toEqual([
			{ fr: 'Atelier parents solos', nl: '' }
		]);
		expect(json.body.restitution.vote.priorities.map((p) => p.label)).toEqual([
			{ fr: 'Aide à domicile', nl: '' },
			{ fr: '', nl: 'Wachtlijsten' }
		]);
		const markdown = await (
			await fetch(`${server.url}/api/concertations/${room.id}/restitution.md`, {
				headers: { authorization: `Bearer ${token}` }
			})
		).text();
		for (const text of ['Atelier parents solos', 'Aide à domicile', 'Wachtlijsten']) {
			// Once: never "Aide à domicile · Aide à domicile".
			expect(markdown.split(text).length - 1, text).toBe(1);
		}
	});
});

describe('migration 016', () => {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the schema of their time
	function migrator(db: Kysely<any>): Migrator {
		return new Migrator({
			db,
			provider: { getMigrations: async () => migrations },
			allowUnorderedMigrations: true
		});
	}

	async function migrateTo(db: Db, name: string) {
		const { error } = await migrator(db).migrateTo(name);
		if (error) throw error;
	}

	it('blanks the copies participants’ submissions left, and nothing an organiser wrote', async () => {
		const db = openDatabase(path.join(directory, 'copies.sqlite'));
		await migrateTo(db, '011_phase_notes');
		const sqlite = connectionOf(db);
		const now = new Date().toISOString();
		sqlite
			.prepare(
				`insert into concertation (join_code, screen_key, title_fr, title_nl, date, sectors_json, status, created_at, updated_at)
				values ('COPY16', 'key', 'Essai', 'Proef', '2024-09-23', '[]', 'live', ?, ?)`
			)
			.run(now, now);
		const news = sqlite.prepare(
			`insert into news_item (concertation_id, source, status, participant_id, language, title_fr, title_nl, text_fr, text_nl, place, price, position, created_at, updated_at)
			values (1, ?, 'approved', null, ?, ?, ?, ?, ?, '', '', 0, ?, ?)`
		);
		const newsFr = news.run('participant', 'fr', 'Atelier', 'Atelier', 'Mardi', 'Mardi', now, now);
		const newsNl = news.run('participant', 'nl', 'Workshop', 'Workshop', '', '', now, now);
		const newsEn = news.run('participant', 'en', 'Workshop', 'Workshop', '', '', now, now);
		// Translated by a facilitator before the migration: the two sides differ, both stay.
		const newsTranslated = news.run('participant', 'fr', 'Atelier', 'Workshop', '', '', now, now);
		// An organiser's item named the same in both languages: nothing says it is a copy.
		const newsOrganiser = news.run('organiser', 'fr', 'Bru-Stars', 'Bru-Stars', '', '', now, now);
		const topic = sqlite.prepare(
			`insert into topic (concertation_id, source, status, participant_id, language, text_fr, text_nl, details, position, created_at, updated_at)
			values (1, ?, 'approved', null, ?, ?, ?, '', 0, ?, ?)`
		);
		const topicNl = topic.run('topic', 'nl', 'Wachtlijsten', 'Wachtlijsten', now, now);
		const question = topic.run('question', 'fr', 'Quels relais ?', '', now, now);
		const candidate = sqlite.prepare(
			`insert into vote_candidate (concertation_id, source, source_id, label_fr, label_nl, position, created_at)
			values (1, ?, ?, ?, ?, 0, ?)`
		);
		const fromTopic = candidate.run(
			'topic',
			topicNl.lastInsertRowid,
			'Wachtlijsten',
			'Wachtlijsten',
			now
		);
		const fromQuestion = candidate.run(
			'question',
			question.lastInsertRowid,
			'Quels relais ?',
			'Quels relais ?',
			now
		);
		const manual = candidate.run('manual', null, 'Housing First', 'Housing First', now);

		await migrateTo(db, '016_bilingual_originals');
		const row = (table: string, id: number | bigint) =>
			sqlite.prepare(`select * from ${table} where id = ?`).get(id) as Record<string, unknown>;
		expect(row('news_item', newsFr.lastInsertRowid)).toMatchObject({
			title_fr: 'Atelier',
			title_nl: '',
			text_fr: 'Mardi',
			text_nl: ''
		});
		expect(row('news_item', newsNl.lastInsertRowid)).toMatchObject({
			title_fr: '',
			title_nl: 'Workshop'
		});
		expect(row('news_item', newsEn.lastInsertRowid)).toMatchObject({
			title_fr: '',
			title_nl: '',
			title_en: 'Workshop'
		});
		expect(row('news_item', newsTranslated.lastInsertRowid)).toMatchObject({
			title_fr: 'Atelier',
			title_nl: 'Workshop'
		});
		expect(row('news_item', newsOrganiser.lastInsertRowid)).toMatchObject({
			title_fr: 'Bru-Stars',
			title_nl: 'Bru-Stars'
		});
		expect(row('topic', topicNl.lastInsertRowid)).toMatchObject({
			text_fr: '',
			text_nl: 'Wachtlijsten'
		});
		expect(row('vote_candidate', fromTopic.lastInsertRowid)).toMatchObject({
			label_fr: '',
			label_nl: 'Wachtlijsten'
		});
		expect(row('vote_candidate', fromQuestion.lastInsertRowid)).toMatchObject({
			label_fr: 'Quels relais ?',
			label_nl: ''
		});
		expect(row('vote_candidate', manual.lastInsertRowid)).toMatchObject({
			label_fr: 'Housing First',
			label_nl: 'Housing First'
		});

		// And back (016 only): the code before 016 expects copies.
		const down = await migrator(db).migrateDown();
		if (down.error) throw down.error;
		expect(down.results?.map((r) => r.migrationName)).toEqual(['016_bilingual_originals']);
		expect(row('news_item', newsEn.lastInsertRowid)).toMatchObject({
			title_fr: 'Workshop',
			title_nl: 'Workshop'
		});
		expect(row('vote_candidate', fromQuestion.lastInsertRowid)).toMatchObject({
			label_fr: 'Quels relais ?',
			label_nl: 'Quels relais ?'
		});
		await db.destroy();
	});
});

describe('the facilitator command-line tool', () => {
	it('says so when there is no account to list', async () => {
		const root = path.resolve(import.meta.dirname, '../..');
		const { stdout } = await run(
			process.execPath,
			['scripts/run.js', 'scripts/facilitator.ts', 'list'],
			{
				cwd: root,
				env: { ...process.env, DATABASE_PATH: path.join(directory, 'empty.sqlite') }
			}
		);
		expect(stdout.trim()).toBe(
			'No accounts yet. Create one with: npm run facilitator -- add <email> (or open /f/setup in a browser).'
		);
	});
});
