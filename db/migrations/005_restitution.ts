import { sql, type Kysely } from 'kysely';

/**
 * Restitution: the coordinators' edits (kept apart from the session's raw data, which they
 * never overwrite), read-only share links, which coordinators follow which series, and each
 * series' organiser name and logo.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// One row per edited thing: an item (`table:3:note:41`) or a document-wide setting
	// (`introduction`, `tableOrder`, `nextDates`…). Deleting the row resets it.
	await db.schema
		.createTable('restitution_edit')
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('item_key', 'text', (c) => c.notNull())
		.addColumn('value_json', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('facilitator.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('restitution_edit_pk', ['concertation_id', 'item_key'])
		.execute();

	// Share links: only the token's hash is stored; revoking keeps the row for the audit trail.
	await db.schema
		.createTable('restitution_share')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('concertation_id', 'integer', (c) =>
			c.notNull().references('concertation.id').onDelete('cascade')
		)
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'integer', (c) => c.references('facilitator.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema
		.createIndex('restitution_share_concertation')
		.on('restitution_share')
		.column('concertation_id')
		.execute();

	await db.schema
		.createTable('series_coordinator')
		.addColumn('series_id', 'integer', (c) =>
			c.notNull().references('series.id').onDelete('cascade')
		)
		.addColumn('facilitator_id', 'integer', (c) =>
			c.notNull().references('facilitator.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('series_coordinator_pk', ['series_id', 'facilitator_id'])
		.execute();
	await db.schema
		.createIndex('series_coordinator_by_account')
		.on('series_coordinator')
		.column('facilitator_id')
		.execute();

	// Printed in every restitution header of the series.
	await db.schema
		.createTable('series_branding')
		.addColumn('series_id', 'integer', (c) =>
			c.primaryKey().references('series.id').onDelete('cascade')
		)
		.addColumn('organiser_fr', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('organiser_nl', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('logo_media_type', 'text', (c) =>
			c.check(sql`logo_media_type is null or logo_media_type in ('image/png', 'image/jpeg')`)
		)
		.addColumn('logo', 'blob')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('series_branding').execute();
	await db.schema.dropTable('series_coordinator').execute();
	await db.schema.dropTable('restitution_share').execute();
	await db.schema.dropTable('restitution_edit').execute();
}
