import SQLite from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import {
	Kysely,
	Migrator,
	PostgresAdapter,
	SqliteDialect,
	SqliteDriver,
	type DatabaseConnection,
	type Driver,
	type SqliteDatabase,
	type SqliteDialectConfig,
	type Transaction
} from 'kysely';
import { migrations } from '../../../../db/migrations/index';
import { isPostgresUrl, openPostgres } from './postgres';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** What a query runs on: the database or a transaction, a phase's included (they extend it). */
export type Queryable = Db | Tx;
/**
 * A phase kind's own tables (its `schema.ts`), added to the core's with Kysely's
 * `withTables`: `Db<NewsTables>` reads and writes the core's tables and the news'.
 */
// `any` as Kysely's own `withTables` constraint has it: table types are interfaces.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tables = Record<string, Record<string, any>>;
export type DbWith<T extends Tables> = Kysely<Database & T>;
export type TxWith<T extends Tables> = Transaction<Database & T>;

/** Raised when the database file cannot be used; the server stops with this message. */
export class DatabaseUnavailableError extends Error {
	override name = 'DatabaseUnavailableError';
}

/**
 * Opens the database of `location`: a PostgreSQL server for a `postgres://` address
 * (`DATABASE_URL`), else the SQLite file at that path. SQLite: opens (creating if needed) the
 * file, checks that it really is a usable database,
 * and tunes it for a live session: WAL so readers never wait for the writer, foreign keys
 * enforced, and a busy timeout instead of immediate "database is locked" errors.
 */
export function openDatabase(location: string): Db {
	return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

/**
 * Which engine `db` (or a transaction on it) runs on: SQLite (the embedded default) or
 * PostgreSQL (`DATABASE_URL`).
 */
export function dialectOf(db: Queryable): 'sqlite' | 'postgres' {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

function openSqlite(filePath: string): Db {
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
	const cache = new StatementCache(sqlite);
	const db = new Kysely<Database>({
		dialect: new AppSqliteDialect({ database: cache.asKyselyDatabase() }, sqlite)
	});
	caches.set(db, cache);
	return db;
}

/**
 * SQLite ends a transaction by itself on some failures (a full disk, an I/O error during
 * COMMIT). Kysely then sends ROLLBACK, which fails with "cannot rollback - no transaction is
 * active" and replaces the error that matters (SQLITE_FULL) with one that says nothing, so
 * nobody could tell a full disk from a bug. No transaction left: nothing to roll back.
 */
class AppSqliteDriver extends SqliteDriver {
	constructor(
		config: SqliteDialectConfig,
		private readonly sqlite: SQLite.Database
	) {
		super(config);
	}

	override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
		if (!this.sqlite.inTransaction) return;
		await super.rollbackTransaction(connection);
	}
}

class AppSqliteDialect extends SqliteDialect {
	constructor(
		private readonly settings: SqliteDialectConfig,
		private readonly sqlite: SQLite.Database
	) {
		super(settings);
	}

	override createDriver(): Driver {
		return new AppSqliteDriver(this.settings, this.sqlite);
	}
}

/** Distinct SQL texts kept prepared; the app has a few hundred, so this rarely evicts. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Prepared statements kept by SQL text. Kysely's SQLite driver calls `prepare(sql)` for every
 * query it runs, and compiling the statement was the largest single cost of a ballot (≈ 1/6
 * of the server's CPU under the vote benchmark). Kysely's SQL is parameterised, so the same
 * text comes back for every run of a query. A statement still being iterated (a streamed
 * query) is busy and cannot run twice at once: a fresh one is prepared then.
 */
class StatementCache {
	private readonly statements = new Map<string, SQLite.Statement>();
	/** better-sqlite3's transaction wrapper (BEGIN, then COMMIT or ROLLBACK on a throw). */
	readonly transaction: (body: () => unknown) => unknown;

	constructor(readonly sqlite: SQLite.Database) {
		this.transaction = sqlite.transaction((body: () => unknown) => body());
	}

	prepare(sql: string): SQLite.Statement {
		let statement = this.statements.get(sql);
		if (statement && !statement.busy) return statement;
		statement = this.sqlite.prepare(sql);
		if (this.statements.size >= STATEMENT_CACHE_SIZE) {
			// Maps keep insertion order: drop the oldest entry.
			const oldest = this.statements.keys().next().value;
			if (oldest !== undefined) this.statements.delete(oldest);
		}
		this.statements.set(sql, statement);
		return statement;
	}

	asKyselyDatabase(): SqliteDatabase {
		return {
			prepare: (sql) => this.prepare(sql),
			close: () => {
				this.statements.clear();
				this.sqlite.close();
			}
		};
	}
}

const caches = new WeakMap<Db, StatementCache>();

/** The statement cache (and connection) under `db`; a transaction object has none. */
function cacheOf(db: Db): StatementCache {
	const cache = caches.get(db);
	if (!cache) throw new Error('not a database opened by openDatabase');
	return cache;
}

/**
 * Cached prepared statements on the database's single connection, for the few statements on
 * the hot path of every command (a ballot ran ~12 statements, each costing Kysely ≈ 17 µs of
 * query building and compiling over the ≈ 5 µs SQLite needs). Only use them inside a
 * `db.transaction()` callback (e.g. a command's `run`): the transaction holds the connection,
 * so the statements run, synchronously, as part of that transaction. Write plain SQL with
 * `?` parameters and cast rows to the schema's types.
 */
export type PreparedStatements = (sql: string) => SQLite.Statement;

export function preparedStatements(db: Db): PreparedStatements {
	const cache = cacheOf(db);
	return (sql) => cache.prepare(sql);
}

/** The better-sqlite3 connection under `db`, for connection settings (pragmas). */
export function connectionOf(db: Db): SQLite.Database {
	return cacheOf(db).sqlite;
}

/** A body waiting for the next group commit, and how to answer its caller. */
interface Grouped {
	body: () => unknown;
	resolve: (value: unknown) => void;
	reject: (reason: unknown) => void;
}
const groups = new WeakMap<Db, Grouped[]>();

/**
 * Runs `body` in the next group commit and resolves with its value once that commit is done
 * (rejects with what it threw, or with the commit's error). Every body queued in the same turn
 * of the event loop (the ballots of a burst, read from many sockets at once) runs in one
 * SQLite transaction, each in its own savepoint: one body's throw undoes only its own writes,
 * and the room pays one COMMIT (≈ 40 µs, the largest cost of a ballot) per group instead of
 * one per ballot. Nobody is answered before the commit, so an acknowledged ballot is stored.
 * Nothing else runs during a body, so it must only use prepared statements
 * (`preparedStatements`), never Kysely, and be synchronous.
 */
export function groupCommit<T>(db: Db, body: () => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let queue = groups.get(db);
		if (!queue) {
			queue = [];
			groups.set(db, queue);
			// The check phase runs after every socket read of this turn: their bodies join.
			setImmediate(() => {
				groups.delete(db);
				void commitGroup(db, queue!);
			});
		}
		queue.push({ body, resolve: resolve as (value: unknown) => void, reject });
	});
}

async function commitGroup(db: Db, queue: Grouped[]): Promise<void> {
	const cache = cacheOf(db);
	/** Each body's answer, given only once the group is committed. */
	const answers: (() => void)[] = [];
	const runAll = () => {
		for (const { body, resolve, reject } of queue) {
			try {
				// Inside the group's transaction, better-sqlite3 makes this a savepoint.
				const value = cache.transaction(body);
				answers.push(() => resolve(value));
			} catch (error) {
				answers.push(() => reject(error));
			}
		}
	};
	try {
		if (cache.sqlite.inTransaction) {
			// A Kysely transaction holds the connection across awaits and may still roll back:
			// the group must not join it, so it waits for its turn on the connection.
			await db.transaction().execute(async () => runAll());
		} else {
			cache.transaction(runAll);
		}
	} catch (error) {
		// The commit itself failed (disk full, I/O error): nothing of the group is stored.
		for (const { reject } of queue) reject(error);
		return;
	}
	for (const answer of answers) answer();
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
