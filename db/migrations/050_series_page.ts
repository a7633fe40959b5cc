import { sql, type Kysely } from 'kysely';

/**
 * The series' public page (issue 16): whether a series shows one, under which address, and
 * which restitutions of its concertations the coordinators chose to publish on it.
 *
 * `series_page.token` is the address's last segment, kept in clear on purpose: unlike a
 * session or share token it is meant to be printed (on every PDF restitution, as a QR code)
 * and shown to coordinators at any time, and all it opens is what they chose to publish.
 * Regenerating it replaces the row's token, which ends the old address at once.
 * A publication hangs off its concertation (deleted with it); the page off its series.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('series_page')
		.addColumn('series_id', 'integer', (c) =>
			c.primaryKey().references('series.id').onDelete('cascade')
		)
		.addColumn('token', 'text', (c) => c.notNull().unique())
		.addColumn('enabled', 'integer', (c) =>
			c
				.notNull()
				.defaultTo(0)
				.check(sql`enabled in (0, 1)`)
		)
		.addColumn('updated_by', 'integer', (c) => c.references('facilitator.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema
		.createTable('series_page_restitution')
		.addColumn('concertation_id', 'integer', (c) =>
			c.primaryKey().references('concertation.id').onDelete('cascade')
		)
		.addColumn('published_by', 'integer', (c) =>
			c.references('facilitator.id').onDelete('set null')
		)
		.addColumn('published_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('series_page_restitution').execute();
	await db.schema.dropTable('series_page').execute();
}
