import type { Kysely } from 'kysely';

/**
 * One row that `/healthz` rewrites: reading proves little when the disk is full, a small
 * committed write proves that the database can still store what people send.
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('health_probe')
		.addColumn('id', 'integer', (column) => column.primaryKey())
		.addColumn('checked_at', 'text', (column) => column.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('health_probe').execute();
}
