import Database from 'better-sqlite3';
import pg from 'pg';
import type { RunningServer } from './server';

/**
 * Rows read from a test server's database by a second connection, the way an operator would
 * check what is stored: its SQLite file, or its PostgreSQL database when the run is on
 * PostgreSQL (`npm run test:postgres`), so that a test checking stored rows runs on both.
 * `sql` is written once with `?` placeholders and SQL both databases understand.
 */
export async function storedRows<T>(
	server: RunningServer,
	sql: string,
	...params: unknown[]
): Promise<T[]> {
	if (server.databaseUrl === null) {
		const file = new Database(server.databasePath, { readonly: true, fileMustExist: true });
		try {
			return file.prepare(sql).all(...params) as T[];
		} finally {
			file.close();
		}
	}
	let index = 0;
	const numbered = sql.replace(/\?/g, () => `$${++index}`);
	const client = new pg.Client({ connectionString: server.databaseUrl, types: NUMBERS });
	await client.connect();
	try {
		return (await client.query(numbered, params)).rows as T[];
	} finally {
		await client.end();
	}
}

/** The first row `storedRows` reads, if any. */
export async function storedRow<T>(
	server: RunningServer,
	sql: string,
	...params: unknown[]
): Promise<T | undefined> {
	return (await storedRows<T>(server, sql, ...params))[0];
}

/** Counts and 64-bit ids as numbers, as the app reads them (db/postgres.ts) and SQLite gives. */
const NUMBERS = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
			? Number
			: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
};
