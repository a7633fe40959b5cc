import { sql } from 'kysely';
import type { RetentionConfig } from '../config';
import type { Db } from './index';

/**
 * What the logs keep, and for how long (README, "Limits and abuse"):
 * - `command_log` (the first answer to each command id, for retries after a Wi-Fi drop): kept
 *   while its concertation is live, however long the session, then `commandLogHours` after
 *   it was written. Once a session is over, a retry is refused anyway (`session_closed`).
 * - `event_log` (the audit log: who changed what, when): `auditLogDays`.
 * - sign-in throttling rows an hour after the last failure (they are forgotten then anyway),
 *   and sign-in sessions once expired.
 * Pruned once shortly after start and then every hour, never on a command's path, in batches
 * of a thousand rows with other work let through in between, so that a first pruning of a
 * large file does not hold the server.
 */

const BATCH = 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface PruneReport {
	commandLog: number;
	eventLog: number;
	loginThrottle: number;
	sessions: number;
}

/** Deletes in batches until a batch deletes less than a full one; yields between batches. */
async function inBatches(run: () => Promise<number>): Promise<number> {
	let total = 0;
	for (;;) {
		const deleted = await run();
		total += deleted;
		if (deleted < BATCH) return total;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

const changes = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);

export async function pruneLogs(
	db: Db,
	retention: RetentionConfig,
	now = new Date()
): Promise<PruneReport> {
	const commandsBefore = new Date(
		now.getTime() - retention.commandLogHours * HOUR_MS
	).toISOString();
	const eventsBefore = new Date(
		now.getTime() - retention.auditLogDays * 24 * HOUR_MS
	).toISOString();
	const throttleBefore = new Date(now.getTime() - HOUR_MS).toISOString();
	const nowText = now.toISOString();

	// command_log is a WITHOUT ROWID table keyed by (actor_key, command_id) (migration 009).
	const commandLog = await inBatches(async () =>
		changes(
			await sql`
				delete from command_log where (actor_key, command_id) in (
					select actor_key, command_id from command_log
					where created_at < ${commandsBefore}
						and concertation_id not in (select id from concertation where status = 'live')
					limit ${BATCH})`.execute(db)
		)
	);
	const eventLog = await inBatches(async () =>
		changes(
			await sql`
				delete from event_log where id in (
					select id from event_log where created_at < ${eventsBefore} order by id limit ${BATCH})`.execute(db)
		)
	);
	const loginThrottle = changes(
		await sql`delete from login_throttle where last_failure_at < ${throttleBefore}`.execute(db)
	);
	const sessions = changes(
		await sql`delete from auth_session where expires_at < ${nowText}`.execute(db)
	);
	// Failed attempts counted for several instances (limits.ts), once their window is over.
	await db.deleteFrom('rate_limit').where('expire', '<', now.getTime()).execute();
	return { commandLog, eventLog, loginThrottle, sessions };
}

export interface RetentionJob {
	/** Stops the timers and waits for a pruning under way (before the database closes). */
	stop(): Promise<void>;
}

/**
 * Prunes a few seconds after start, then every hour. `onError` hears a failed pruning (a full
 * disk); the next run tries again.
 */
export function startRetention(
	db: Db,
	retention: RetentionConfig,
	onError: (error: unknown) => void,
	firstAfterMs = 5000
): RetentionJob {
	let running: Promise<void> | null = null;
	const run = () => {
		running ??= pruneLogs(db, retention)
			.then((report) => {
				const total = report.commandLog + report.eventLog;
				if (total > 0)
					console.info(
						`Pruned ${report.commandLog} idempotency entries and ${report.eventLog} audit entries`
					);
			})
			.catch(onError)
			.finally(() => (running = null));
	};
	const first = setTimeout(run, firstAfterMs);
	const every = setInterval(run, HOUR_MS);
	first.unref();
	every.unref();
	return {
		async stop() {
			clearTimeout(first);
			clearInterval(every);
			await running;
		}
	};
}
