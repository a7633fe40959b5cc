import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server';

describe('start-up', () => {
	it('fails fast with a clear message on a file that is not a database', async () => {
		const file = path.join(
			mkdtempSync(path.join(tmpdir(), 'concertation-corrupt-')),
			'broken.sqlite'
		);
		writeFileSync(file, 'this is not a database at all, just text '.repeat(200));
		await expect(startServer({ databasePath: file })).rejects.toThrow(
			/Cannot use the database file .*broken\.sqlite/
		);
	});

	it('fails fast on a path it cannot create', async () => {
		// A folder that is a file: unwritable even for root, which CI runs as.
		const notAFolder = path.join(
			mkdtempSync(path.join(tmpdir(), 'concertation-unwritable-')),
			'file'
		);
		writeFileSync(notAFolder, '');
		await expect(startServer({ databasePath: path.join(notAFolder, 'db.sqlite') })).rejects.toThrow(
			/Cannot use the database file .*Set DATABASE_PATH/
		);
	});
});
