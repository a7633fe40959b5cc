import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect';

/**
 * Kysely does not wrap SQLite migrations in a transaction, but SQLite can roll back schema
 * changes: a migration that rebuilds a table or copies data runs all or nothing with this,
 * so a failure leaves the database as it was. On PostgreSQL, Kysely's migrator already runs
 * each migration in a transaction (its DDL is transactional).
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function inOneTransaction(db: Kysely<any>, body: () => Promise<void>): Promise<void> {
	if (isPostgres(db)) return body();
	await sql`begin`.execute(db);
	try {
		await body();
		await sql`commit`.execute(db);
	} catch (error) {
		await sql`rollback`.execute(db);
		throw error;
	}
}
