import { sql, type Kysely } from 'kysely';
import { inOneTransaction } from './in-one-transaction';

/**
 * A concertation's content languages (issue 18): one or two of French, Dutch and English,
 * stored as `fr,nl` (the first is the main one). Every concertation made before keeps French
 * and Dutch. Every organiser text gets the `_en` column it lacked, so that the database has one
 * column per language and no special case per pair of languages; what was written stays where
 * it was, and the new columns start empty (a language nobody wrote is '').
 */
const ENGLISH_COLUMNS: [table: string, column: string][] = [
	['series', 'title_en'],
	['concertation', 'title_en'],
	['need_theme', 'label_en'],
	['target_group', 'label_en'],
	['discussion_table', 'priority_en'],
	['series_branding', 'organiser_en'],
	['series_action', 'title_en'],
	['series_action', 'description_en'],
	['series_action', 'source_label_en']
];

// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema
			.alterTable('concertation')
			.addColumn('languages', 'text', (c) =>
				c
					.notNull()
					.defaultTo('fr,nl')
					.check(
						sql`languages in ('fr', 'nl', 'en', 'fr,nl', 'fr,en', 'nl,fr', 'nl,en', 'en,fr', 'en,nl')`
					)
			)
			.execute();
		for (const [table, column] of ENGLISH_COLUMNS)
			await db.schema
				.alterTable(table)
				.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
				.execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		for (const [table, column] of [...ENGLISH_COLUMNS].reverse())
			await db.schema.alterTable(table).dropColumn(column).execute();
		await db.schema.alterTable('concertation').dropColumn('languages').execute();
	});
}
