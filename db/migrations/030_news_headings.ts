import { sql, type Kysely } from 'kysely';
import { inOneTransaction } from './in-one-transaction';

/**
 * Organisers' news grouped under headings ("Législation et contexte" / "Wetgeving en
 * context"): bilingual like every organiser text (a language nobody wrote stays '', never a
 * copy), ordered. An item points at its heading, or at none; deleting a heading puts its
 * items back under no heading (set null), so no news is lost with it.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema
			.createTable('news_heading')
			.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
			.addColumn('concertation_id', 'integer', (c) =>
				c.notNull().references('concertation.id').onDelete('cascade')
			)
			.addColumn('title_fr', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('title_nl', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.addCheckConstraint(
				'news_heading_has_title',
				sql`title_fr <> '' or title_nl <> '' or title_en <> ''`
			)
			.execute();
		await db.schema
			.createIndex('news_heading_by_concertation')
			.on('news_heading')
			.columns(['concertation_id', 'position'])
			.execute();
		// SQLite adds a column with a reference only when its default is null: it is.
		await db.schema
			.alterTable('news_item')
			.addColumn('heading_id', 'integer', (c) =>
				c.references('news_heading.id').onDelete('set null')
			)
			.execute();
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		await db.schema.alterTable('news_item').dropColumn('heading_id').execute();
		await db.schema.dropTable('news_heading').execute();
	});
}
