import type { Migration } from 'kysely';

/**
 * Every migration of this folder, by its file name (`012_screen_key_nonce`), which Kysely
 * runs in name order. Found by `import.meta.glob`, which Vite resolves in the dev server, the
 * built server, the tests and the command-line scripts (run through `scripts/run.js`): a new
 * migration is a new file, and nothing else to edit. `in-one-transaction.ts` is a helper.
 */
const files = import.meta.glob<Migration>('./[0-9][0-9][0-9]_*.ts', { eager: true });

export const migrations: Record<string, Migration> = Object.fromEntries(
	Object.entries(files)
		.map(([path, migration]) => [path.slice(2, -'.ts'.length), migration] as const)
		.sort(([a], [b]) => a.localeCompare(b))
);
