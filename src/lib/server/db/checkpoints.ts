import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { connectionOf, dialectOf, type Db } from './index';

/**
 * In WAL mode every commit appends to the write-ahead log, and SQLite copies the log back
 * into the database file (a checkpoint, with an fsync) inside whichever commit crosses 1,000
 * pages. On the server's single connection that commit — a ballot, say — then blocks the
 * event loop for several milliseconds, and every phone whose message arrives meanwhile waits
 * (the vote benchmark's slowest acks were those commits). Here the checkpoints run on a
 * second connection in a worker thread, every CHECKPOINT_INTERVAL_MS, in PASSIVE mode: they
 * never wait for, nor block, the server's reads and writes. The server's own automatic
 * checkpoint stays as a backstop at a much larger log, should the worker stop.
 */
const CHECKPOINT_INTERVAL_MS = 1000;
const BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Runs in the worker, as CommonJS (an `eval` worker needs no file of its own in the build).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const db = new Database(workerData.filePath, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
	try {
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (error) {
		// A busy database is tried again at the next tick; anything else ends the worker.
		if (error.code !== 'SQLITE_BUSY' && error.code !== 'SQLITE_LOCKED') throw error;
	}
}, workerData.intervalMs);
parentPort.on('message', () => {
	clearInterval(timer);
	db.close();
	parentPort.close();
});
`;

export interface BackgroundCheckpoints {
	/** Ends the worker (the server closing its connection then checkpoints what is left). */
	stop(): Promise<void>;
}

/** Moves the checkpoints of the database file at `filePath`, opened as `db`, to a worker. */
export function startBackgroundCheckpoints(db: Db, filePath: string): BackgroundCheckpoints {
	// PostgreSQL checkpoints by itself; the write-ahead log to move is SQLite's.
	if (dialectOf(db) !== 'sqlite') return { stop: async () => {} };
	const sqlite = connectionOf(db);
	if (filePath === ':memory:' || sqlite.pragma('journal_mode', { simple: true }) !== 'wal')
		return { stop: async () => {} };
	const worker = new Worker(WORKER_SOURCE, {
		eval: true,
		workerData: {
			driverPath: createRequire(import.meta.url).resolve('better-sqlite3'),
			filePath,
			intervalMs: CHECKPOINT_INTERVAL_MS
		}
	});
	// The worker only waits on its timer: it must not keep the process alive on its own.
	worker.unref();
	sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
	let stopping = false;
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	worker.on('error', (error) => {
		console.error('background checkpoints stopped; the server checkpoints itself again', error);
	});
	void exited.then(() => {
		if (!stopping && sqlite.open)
			sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
	});
	return {
		async stop() {
			stopping = true;
			worker.postMessage('stop');
			await exited;
		}
	};
}
