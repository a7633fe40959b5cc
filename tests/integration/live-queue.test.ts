import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveConnection } from '../../src/lib/client/live.svelte';
import {
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';
import { storedRow, storedRows } from '../helpers/stored';

/**
 * The phone's command queue, the app's own LiveConnection, against a server with a tight
 * allowance: a long queue sent at once is told to slow down (`rate_limited`,
 * `retryAfterMs`) and waits as told, so every command is stored, once, in order.
 */

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer({ env: { COMMANDS_PER_SECOND: '4', COMMAND_BURST: '4' } });
	admin = await signIn(server);
	// LiveConnection connects to its page's own origin, as in the browser.
	(globalThis as { location?: unknown }).location = new URL(server.url);
});

afterAll(async () => {
	delete (globalThis as { location?: unknown }).location;
	await server?.stop();
});

describe('the offline queue', () => {
	it('waits when told to slow down, and stores every command once, in order', async () => {
		const concertation = await createConcertation(server, admin);
		const phone = await joinAsParticipant(server, concertation.joinCode);
		const live = new LiveConnection({
			concertationId: concertation.id,
			role: 'participant',
			token: phone.token
		});
		const disconnect = live.connect();
		try {
			const started = performance.now();
			// Sixteen changes typed in a row: four a second are allowed here.
			const answers = await Promise.all(
				Array.from({ length: 16 }, (_, n) =>
					live.command('profile.update', { organisation: `Organisation ${n + 1}` })
				)
			);
			const seconds = (performance.now() - started) / 1000;
			expect(answers.every((answer) => answer.ok)).toBe(true);
			// It did wait: beyond the first four, four a second.
			expect(seconds).toBeGreaterThan(2.5);
			expect(live.pending).toBe(0);
			expect(live.rejected).toEqual([]);

			const logged = await storedRows<{ response_json: string }>(
				server,
				"select response_json from command_log where actor_key = ? and name = 'profile.update'",
				`p:${phone.participantId}`
			);
			expect(logged).toHaveLength(16);
			const stored = await storedRow<{ organisation: string }>(
				server,
				'select organisation from participant where id = ?',
				phone.participantId
			);
			expect(stored?.organisation).toBe('Organisation 16');
		} finally {
			disconnect();
		}
	});
});
