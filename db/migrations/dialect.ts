import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether a migration runs on PostgreSQL (`DATABASE_URL`) rather than SQLite. The migrations
 * are written in SQLite's terms, and their schema statements are translated for PostgreSQL by
 * a plugin (`src/lib/server/db/postgres.ts`). What a plugin cannot translate checks this:
 * rebuilding a table because SQLite cannot alter it (PostgreSQL can, or needs nothing), and
 * copying data written by an earlier SQLite version (a PostgreSQL database starts at the
 * current schema, and existing files move to it with `npm run db:to-postgres`).
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}
