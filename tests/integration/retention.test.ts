import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	api,
	commandId,
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The logs no longer grow without bound: idempotency answers go 24 hours after they were
 * written unless their concertation is still live, audit entries after AUDIT_LOG_DAYS, spent
 * sign-in counters and expired sessions too; pruned a few seconds after start and then hourly.
 */

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer({ env: { AUDIT_LOG_DAYS: '30' } });
	admin = await signIn(server);
});

afterAll(async () => {
	await server?.stop();
});

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

function counts(concertationId: number) {
	const file = new Database(server.databasePath, { readonly: true });
	try {
		const count = (sql: string, ...params: unknown[]) =>
			(file.prepare(sql).get(...params) as { n: number }).n;
		return {
			commands: count(
				'select count(*) as n from command_log where concertation_id = ?',
				concertationId
			),
			oldCommands: count(
				"select count(*) as n from command_log where concertation_id = ? and command_id like 'old-%'",
				concertationId
			),
			events: count(
				'select count(*) as n from event_log where concertation_id = ?',
				concertationId
			),
			oldEvents: count(
				"select count(*) as n from event_log where concertation_id = ? and type = 'old.event'",
				concertationId
			),
			throttles: count("select count(*) as n from login_throttle where key like 'email:old%'"),
			sessions: count("select count(*) as n from auth_session where token_hash like 'old-%'")
		};
	} finally {
		file.close();
	}
}

/** Writes old rows straight into the file, as a server running for months would have left. */
function age(concertationId: number) {
	const file = new Database(server.databasePath);
	file.pragma('busy_timeout = 5000');
	try {
		const command = file.prepare(
			`insert into command_log (actor_key, command_id, concertation_id, name, response_json, created_at)
			values ('f:1', ?, ?, 'timer.pause', '{"ok":true}', ?)`
		);
		const event = file.prepare(
			`insert into event_log (concertation_id, actor, type, payload_json, version, created_at)
			values (?, 'f:1', ?, '{}', 1, ?)`
		);
		file.transaction(() => {
			for (let n = 0; n < 2500; n++)
				command.run(`old-${concertationId}-${n}`, concertationId, ago(25 * HOUR));
			command.run(`recent-${concertationId}`, concertationId, ago(HOUR));
			for (let n = 0; n < 1200; n++) event.run(concertationId, 'old.event', ago(31 * 24 * HOUR));
			event.run(concertationId, 'recent.event', ago(29 * 24 * HOUR));
			file
				.prepare(
					"insert or replace into login_throttle (key, failures, last_failure_at) values ('email:old@example.org', 2, ?)"
				)
				.run(ago(2 * HOUR));
			file
				.prepare(
					"insert or replace into auth_session (token_hash, facilitator_id, created_at, expires_at) values ('old-session', 1, ?, ?)"
				)
				.run(ago(30 * 24 * HOUR), ago(HOUR));
		})();
	} finally {
		file.close();
	}
}

async function command(id: number, name: string) {
	const { status } = await api(server, 'POST', `/api/concertations/${id}/commands/${name}`, {
		token: admin,
		body: { commandId: commandId(name) }
	});
	expect(status).toBe(200);
}

describe('log retention', () => {
	it('prunes old idempotency answers unless the session is live, and old audit entries', async () => {
		const closed = await createConcertation(server, admin);
		await command(closed.id, 'session.start');
		await command(closed.id, 'session.close');
		const live = await createConcertation(server, admin);
		await command(live.id, 'session.start');
		age(closed.id);
		age(live.id);
		expect(counts(closed.id).oldCommands).toBe(2500);

		// Pruning runs a few seconds after start.
		server = await server.restart();
		await expect
			.poll(() => counts(closed.id).oldCommands, { timeout: 20_000, interval: 500 })
			.toBe(0);
		const afterClosed = counts(closed.id);
		// What a retry may still need stays: the recent answer and the session's own commands.
		expect(afterClosed.commands).toBe(1 + 2);
		expect(afterClosed.oldEvents).toBe(0);
		expect(afterClosed.events).toBeGreaterThan(1);
		expect(afterClosed.throttles).toBe(0);
		expect(afterClosed.sessions).toBe(0);
		// A live session keeps every answer, however old; its audit log follows the rule.
		const afterLive = counts(live.id);
		expect(afterLive.oldCommands).toBe(2500);
		expect(afterLive.oldEvents).toBe(0);
		expect(server.output()).toMatch(/Pruned 2500 idempotency entries and 2400 audit entries/);
	});
});
