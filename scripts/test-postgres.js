// The integration tests again, on PostgreSQL: `npm run test:postgres` (after `npm test`, which
// builds). Each test server gets a database of its own on the server of TEST_POSTGRES_URL (a
// user that may create databases; default: the local one `.ci/run` sets up).
//
// Every integration test file runs, except those that open the SQLite file itself
// (`better-sqlite3`, `databasePath`): they test SQLite's own behaviour (its file, its
// checkpoints, its backup, its migrations) or still read rows from the file, and run in the
// SQLite pass only. A test that checks stored rows on both reads them with
// `tests/helpers/stored.ts`.
// A file marked `@postgres-pass` runs here all the same (it reads a SQLite file on purpose).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const folder = path.join(root, 'tests/integration');
const READS_THE_FILE = /better-sqlite3|databasePath/;
const files = readdirSync(folder)
	.filter((name) => name.endsWith('.test.ts'))
	.filter((name) => {
		const text = readFileSync(path.join(folder, name), 'utf8');
		return text.includes('@postgres-pass') || !READS_THE_FILE.test(text);
	})
	.map((name) => path.join('tests/integration', name));

const url =
	process.env.TEST_POSTGRES_URL ?? 'postgres://concertation:concertation@127.0.0.1:5432/postgres';
console.log(`PostgreSQL pass (${url.replace(/:[^:@/]*@/, ':…@')}): ${files.length} files`);
const result = spawnSync(
	process.execPath,
	['node_modules/vitest/vitest.mjs', 'run', '--project', 'integration', ...files],
	{ cwd: root, stdio: 'inherit', env: { ...process.env, TEST_POSTGRES_URL: url } }
);
process.exit(result.status ?? 1);
