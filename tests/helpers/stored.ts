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

/**
 * Rows per table of the server's database: what a deletion must take back. The instances'
 * own bookkeeping (who is connected, failed attempts) is left out: it follows connections,
 * not the data.
 */
export async function rowCounts(server: RunningServer): Promise<Record<string, number>> {
	const tables = await storedRows<{ name: string }>(
		server,
		server.databaseUrl === null
			? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
			: "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"
	);
	const counted = tables.filter(({ name }) => !INSTANCE_STATE.has(name));
	const rows = await storedRows<{ name: string; n: number }>(
		server,
		counted
			.map(({ name }) => `select '${name}' as name, count(*) as n from "${name}"`)
			.join(' union all ')
	);
	return Object.fromEntries(
		rows.sort((a, b) => a.name.localeCompare(b.name)).map(({ name, n }) => [name, n])
	);
}

const INSTANCE_STATE = new Set(['presence_connection', 'rate_limit']);
