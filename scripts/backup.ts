// npm run backup [-- <destination file>]
// Copies the database (DATABASE_PATH, default ./data/concertation.sqlite) to a new file, by
// default data/backups/concertation-<Brussels date and time>.sqlite, and checks the copy.
// Safe while the server runs: SQLite's online backup copies a consistent state, where a plain
// copy of the file can miss what is still in the write-ahead log or catch a page mid-write.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { brusselsTimestamp } from '../src/lib/i18n/format';
import { readConfig } from '../src/lib/server/config';

const usage = 'Usage: npm run backup [-- <destination file>]';

/** data/backups/concertation-2024-09-23-1430.sqlite, next to the database. */
function defaultDestination(source: string, now: Date): string {
	const stamp = brusselsTimestamp(now).slice(0, 16).replace('T', '-').replace(':', '');
	return path.join(path.dirname(source), 'backups', `concertation-${stamp}.sqlite`);
}

async function main(args: string[]): Promise<number> {
	if (args.length > 1 || args[0]?.startsWith('-')) {
		console.error(usage);
		return 2;
	}
	const source = readConfig().databasePath;
	if (!fs.existsSync(source)) {
		console.error(`No database at ${source} (DATABASE_PATH): nothing to back up.`);
		return 1;
	}
	const destination = path.resolve(args[0] ?? defaultDestination(source, new Date()));
	// Never overwrite: the file there may be the only good copy someone has.
	if (fs.existsSync(destination)) {
		console.error(`${destination} already exists; choose another name.`);
		return 1;
	}
	fs.mkdirSync(path.dirname(destination), { recursive: true });

	// Read-only: a backup must not change the database it copies, nor migrate it.
	const database = new SQLite(source, { readonly: true, fileMustExist: true });
	try {
		await database.backup(destination);
	} catch (error) {
		fs.rmSync(destination, { force: true });
		throw error;
	} finally {
		database.close();
	}

	const copy = new SQLite(destination);
	try {
		// One self-contained file: without this, opening the copy (in WAL mode, like the
		// original) leaves -wal and -shm files beside it. The server turns WAL on again when it
		// opens a restored copy.
		copy.pragma('journal_mode = DELETE');
		const check = copy.pragma('integrity_check', { simple: true });
		if (check !== 'ok') {
			console.error(`The copy at ${destination} failed its integrity check: ${String(check)}`);
			return 1;
		}
		const { concertations } = copy
			.prepare('select count(*) as concertations from concertation')
			.get() as { concertations: number };
		const kib = Math.round(fs.statSync(destination).size / 1024);
		console.log(`Backed up ${concertations} concertation(s), ${kib} KiB, to ${destination}`);
		return 0;
	} finally {
		copy.close();
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
}
