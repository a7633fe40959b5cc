/**
 * Seeds a fresh SQLite database with the typical large session of the restitution fixture
 * (69 participants in 10 sectors, 6 needs themes, 8 news items, 3 tables × 4 categories of
 * up to 6 items with key items, rapporteurs and justifications, a closed vote on 11 entries
 * by 62 voters), written the way the session
 * stores them, so the benchmark times the real loader and builder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateToLatest, nowIso, openDatabase, type Db } from '../src/lib/server/db';
import type { NeedsTables } from '../src/lib/server/needs/schema';
import type { NewsTables } from '../src/lib/server/news/schema';
import type { TablesTables } from '../src/lib/server/tables/schema';
import type { VoteTables } from '../src/lib/server/vote/schema';
import { typicalRestitutionFixture } from '../tests/fixtures/restitution';
import { TABLE_CATEGORIES } from '../src/lib/protocol';

const CATEGORY_OF = {
	barriers: 'barrier',
	levers: 'lever',
	collaborations: 'collaboration',
	actors: 'actor'
} as const;

export async function seedTypicalSession(): Promise<{ db: Db; concertationId: number }> {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'restitution-bench-')), 'bench.sqlite');
	const core = openDatabase(file);
	await migrateToLatest(core);
	// The seed writes every phase's tables at once, as a finished session left them.
	const db = core.withTables<NeedsTables & NewsTables & VoteTables & TablesTables>();
	const model = typicalRestitutionFixture();
	const now = nowIso();
	const sectors = model.attendance.sectors.map((sector, index) => ({
		id: `sector_${index}`,
		fr: sector.label.fr,
		nl: sector.label.nl,
		en: ''
	}));
	const series = await db
		.insertInto('series')
		.values({
			title_fr: model.header.series!.fr,
			title_nl: model.header.series!.nl,
			created_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const concertation = await db
		.insertInto('concertation')
		.values({
			series_id: series.id,
			join_code: 'BENCH1',
			screen_key_nonce: 'bench',
			title_fr: model.header.theme.fr,
			title_nl: model.header.theme.nl,
			number: model.header.number,
			date: model.header.date,
			start_time: model.header.startTime ?? '',
			place: model.header.place,
			contact_name: model.contact?.name ?? '',
			contact_email: model.contact?.email ?? '',
			contact_phone: model.contact?.phone ?? '',
			sectors_json: JSON.stringify(sectors),
			status: 'closed',
			current_phase_id: null,
			timer_ends_at: null,
			created_by: null,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const concertationId = concertation.id;

	let person = 0;
	const participantIds: number[] = [];
	for (const [index, sector] of model.attendance.sectors.entries()) {
		for (let i = 0; i < sector.count; i++) {
			person += 1;
			const row = await db
				.insertInto('participant')
				.values({
					concertation_id: concertationId,
					token_hash: `bench-${person}`,
					display_name: `Participant ${person}`,
					organisation: `Organisation ${person % 17}`,
					sector: sectors[index]!.id,
					locale: person % 3 === 0 ? 'nl' : 'fr',
					consent_attendance: person % 5 === 0 ? 0 : 1,
					joined_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			participantIds.push(row.id);
		}
	}

	for (const need of model.context.needs) {
		await db
			.insertInto('need_theme')
			.values({
				concertation_id: concertationId,
				label_fr: need.label.fr,
				label_nl: need.label.nl,
				count: need.count
			})
			.execute();
	}
	for (const [index, news] of model.context.news.entries()) {
		await db
			.insertInto('news_item')
			.values({
				concertation_id: concertationId,
				source: 'organiser',
				status: 'approved',
				participant_id: null,
				language: 'fr',
				title_fr: news.title.fr,
				title_nl: news.title.nl,
				text_fr: '',
				text_nl: '',
				place: '',
				price: '',
				start_date: news.date ?? null,
				start_time: null,
				end_date: null,
				end_time: null,
				link: null,
				position: index + 1,
				created_at: now,
				updated_at: now
			})
			.execute();
	}

	// The vote: the fixture's 11 entries, each voter giving 3, 2 and 1 points to three of them
	// (a deterministic spread; the standings differ from the fixture's, the size does not).
	await db
		.insertInto('vote')
		.values({ concertation_id: concertationId, status: 'closed', opened_at: now, closed_at: now })
		.execute();
	const candidateIds: number[] = [];
	for (const [index, priority] of (model.vote?.priorities ?? []).entries()) {
		const label = 'text' in priority.label ? { fr: priority.label.text, nl: '' } : priority.label;
		const row = await db
			.insertInto('vote_candidate')
			.values({
				concertation_id: concertationId,
				source: 'question',
				source_id: null,
				label_fr: label.fr,
				label_nl: label.nl,
				position: index + 1,
				priority_position: null,
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		candidateIds.push(row.id);
	}
	for (const [voter, participantId] of participantIds.slice(0, model.vote?.voters ?? 0).entries()) {
		const candidate = (index: number) => candidateIds[index]!;
		await db
			.insertInto('ballot')
			.values({
				participant_id: participantId,
				concertation_id: concertationId,
				three_points_to: candidate(voter % 3),
				two_points_to: candidate(3 + (voter % 4)),
				one_point_to: candidate(7 + (voter % 4))
			})
			.execute();
	}

	for (const [index, table] of model.tables.entries()) {
		const priority =
			'text' in table.priority ? { fr: table.priority.text, nl: '' } : table.priority;
		const rapporteur = participantIds[index * 7 + 1] ?? null;
		const inserted = await db
			.insertInto('discussion_table')
			.values({
				concertation_id: concertationId,
				name: table.name,
				position: index + 1,
				candidate_id: null,
				priority_fr: priority.fr,
				priority_nl: priority.nl,
				capacity: null,
				rapporteur_id: table.rapporteur ? rapporteur : null,
				// Seeded rapporteurs agreed to be named (see "Rapporteur's consent" in docs/protocol.md).
				rapporteur_show_name: table.rapporteur ? 1 : null,
				justification: table.justification?.text ?? '',
				created_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const category of TABLE_CATEGORIES) {
			for (const item of table[category]) {
				await db
					.insertInto('table_note')
					.values({
						table_id: inserted.id,
						category: CATEGORY_OF[category],
						text: item.text,
						is_key: item.key ? 1 : 0,
						author_participant_id: participantIds[0] ?? null,
						language: item.language ?? 'fr',
						created_at: now,
						updated_at: now
					})
					.execute();
			}
		}
	}
	return { db: core, concertationId };
}
