import SQLite from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import { migrations } from '../../../../db/migrations/index';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** Raised when the database file cannot be used; the server stops with this message. */
export class DatabaseUnavailableError extends Error {
	override name = 'DatabaseUnavailableError';
}

/**
 * Opens (creating if needed) the SQLite file, checks that it really is a usable database,
 * and tunes it for a live session: WAL so readers never wait for the writer, foreign keys
 * enforced, and a busy timeout instead of immediate "database is locked" errors.
 */
export function openDatabase(filePath: string): Db {
	let sqlite: SQLite.Database;
	try {
		if (filePath !== ':memory:') fs.mkdirSync(path.dirname(filePath), { recursive: true });
		sqlite = new SQLite(filePath);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		const check = sqlite.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new Error(`integrity check failed: ${String(check)}`);
		// Opening is lazy about writes: prove now that we can write, not mid-session.
		sqlite.exec('create table if not exists _write_probe (x); drop table _write_probe;');
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new DatabaseUnavailableError(
			`Cannot use the database file "${filePath}": ${reason}. ` +
				'Set DATABASE_PATH to a writable location, or restore the file from a backup.'
		);
	}
	return new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) })
	});
}

/** Distinct SQL texts kept prepared; the app has a few hundred, so this rarely evicts. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver calls `prepare(sql)` for every query it runs, and compiling the
 * statement was the largest single cost of a ballot (≈ 1/6 of the server's CPU under the
 * vote benchmark). Kysely's SQL is parameterised, so the same text comes back for every
 * run of a query: keep the prepared statements by text and reuse them. A statement still
 * being iterated (a streamed query) is busy and cannot run twice at once: prepare a fresh one.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		prepare(sql) {
			let statement = statements.get(sql);
			if (statement && !statement.busy) return statement;
			statement = sqlite.prepare(sql);
			if (statements.size >= STATEMENT_CACHE_SIZE) {
				// Maps keep insertion order: drop the oldest entry.
				const oldest = statements.keys().next().value;
				if (oldest !== undefined) statements.delete(oldest);
			}
			statements.set(sql, statement);
			return statement;
		},
		close() {
			statements.clear();
			sqlite.close();
		}
	};
}

export async function migrateToLatest(db: Db): Promise<void> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		// Each domain's migration creates only its own tables, so a database that ran a later
		// number first (domains developed in parallel) may still run an earlier one.
		allowUnorderedMigrations: true
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((result) => result.status === 'Error');
	if (error || failed) {
		const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
		throw new DatabaseUnavailableError(`Database migration failed: ${reason}`);
	}
}

export function nowIso(): string {
	return new Date().toISOString();
}
