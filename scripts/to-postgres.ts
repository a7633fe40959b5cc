// npm run db:to-postgres
// Copies everything of the SQLite file (DATABASE_PATH, default ./data/concertation.sqlite) into
// the PostgreSQL database of DATABASE_URL, which must be empty: how an installation moves from
// one machine's file to a server several instances share (README, "Running on several
// machines"). Stop the app first: what it stores during the copy would not be copied.
//
// Both are migrated to the current schema, then each table is copied whole, parents before
// the rows that point at them, in one PostgreSQL transaction (all or nothing), and the id
// sequences are set past the copied ids.
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { readConfig } from '../src/lib/server/config';
import { dialectOf, migrateToLatest, openDatabase } from '../src/lib/server/db';

/** Kysely's own bookkeeping (each database has its own); what only live instances write. */
const NOT_COPIED = new Set([
	'kysely_migration',
	'kysely_migration_lock',
	'presence_connection',
	'rate_limit',
	'health_probe'
]);
const BATCH = 500;

async function main(): Promise<number> {
	const config = readConfig();
	if (!config.databaseUrl || !/^postgres(ql)?:\/\//i.test(config.databaseUrl)) {
		console.error('Set DATABASE_URL to the PostgreSQL database to copy into (postgres://…).');
		return 2;
	}
	const source = config.databasePath;
	if (!fs.existsSync(source)) {
		console.error(`No database at ${source} (DATABASE_PATH): nothing to copy.`);
		return 1;
	}

	// The file is brought to the current schema first, as the app would on its next start.
	const sqliteDb = openDatabase(source);
	await migrateToLatest(sqliteDb);
	await sqliteDb.destroy();
	const file = new SQLite(source, { readonly: true, fileMustExist: true });
	const target = openDatabase(config.databaseUrl);
	try {
		if (dialectOf(target) !== 'postgres') throw new Error('DATABASE_URL is not PostgreSQL');
		await migrateToLatest(target);
		const tables = copyOrder(file);
		for (const table of tables) {
			const { count } = (await sql<{ count: number }>`select count(*) as count from ${sql.table(
				table
			)}`
				.execute(target)
				.then((result) => result.rows[0])) ?? { count: 0 };
			if (count > 0) {
				console.error(
					`The PostgreSQL database already has rows in ${table}: copy only into an empty one.`
				);
				return 1;
			}
		}
		let rows = 0;
		await target.transaction().execute(async (tx) => {
			for (const table of tables) {
				const columns = new Set(
					(
						await sql<{ column_name: string }>`select column_name from information_schema.columns
							where table_schema = current_schema() and table_name = ${table}`.execute(tx)
					).rows.map((row) => row.column_name)
				);
				const all = file.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
				for (let start = 0; start < all.length; start += BATCH) {
					const batch = all.slice(start, start + BATCH).map((row) =>
						// Only the columns both have (the same, once both are migrated).
						Object.fromEntries(Object.entries(row).filter(([column]) => columns.has(column)))
					);
					await tx
						.insertInto(table as never)
						.values(batch as never)
						.execute();
				}
				rows += all.length;
				if (columns.has('id')) {
					await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
						coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(tx);
				}
				console.log(`${table}: ${all.length}`);
			}
		});
		console.log(`Copied ${rows} rows of ${tables.length} tables from ${source}.`);
		return 0;
	} finally {
		file.close();
		await target.destroy();
	}
}

/** The file's tables, each after the tables its foreign keys point at. */
function copyOrder(file: SQLite.Database): string[] {
	const names = (
		file
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.all() as { name: string }[]
	)
		.map((row) => row.name)
		.filter((name) => !NOT_COPIED.has(name));
	const parents = new Map(
		names.map((name) => [
			name,
			(
				file.prepare(`select "table" from pragma_foreign_key_list(?)`).all(name) as {
					table: string;
				}[]
			)
				.map((row) => row.table)
				.filter((parent) => parent !== name && names.includes(parent))
		])
	);
	const ordered: string[] = [];
	const visit = (name: string, path: string[]) => {
		if (ordered.includes(name)) return;
		if (path.includes(name))
			throw new Error(`foreign keys form a cycle: ${[...path, name].join(' → ')}`);
		for (const parent of parents.get(name) ?? []) visit(parent, [...path, name]);
		ordered.push(name);
	};
	for (const name of names) visit(name, []);
	return ordered;
}

process.exitCode = await main();
