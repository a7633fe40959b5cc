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

describe('first start without an admin account', () => {
	it('lets the first visitor create the first account, and only the first', async () => {
		const server = await startServer({ env: { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' } });
		try {
			const login = await fetch(`${server.url}/f/login`, { redirect: 'manual' });
			expect(login.status).toBe(303);
			expect(login.headers.get('location')).toBe('/f/setup');

			const post = (body: Record<string, string>) =>
				fetch(`${server.url}/f/setup`, {
					method: 'POST',
					redirect: 'manual',
					headers: {
						origin: server.url,
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						'accept-language': 'nl'
					},
					body: new URLSearchParams(body)
				});
			const mismatch = await post({
				email: 'first@example.org',
				password: 'a-long-password',
				confirm: 'another-one'
			});
			expect(mismatch.status).toBe(400);
			expect(await mismatch.text()).toContain('De twee wachtwoorden zijn niet gelijk.');

			const created = await post({
				email: 'first@example.org',
				password: 'a-long-password',
				confirm: 'a-long-password'
			});
			expect(created.status).toBe(303);
			expect(created.headers.get('set-cookie')).toMatch(/concertation_session=.+HttpOnly/i);

			const again = await fetch(`${server.url}/f/setup`, { redirect: 'manual' });
			expect(again.status).toBe(303);
			expect(again.headers.get('location')).toBe('/f/login');
			const second = await post({
				email: 'intruder@example.org',
				password: 'a-long-password',
				confirm: 'a-long-password'
			});
			expect(second.headers.get('location')).toBe('/f/login');
			expect(second.headers.get('set-cookie')).toBeNull();
		} finally {
			await server.stop();
		}
	});
});
