import { sql } from 'kysely';
import { dialectOf } from '$lib/server/db';
import { isStorageFailure, storageFailures } from '$lib/server/db/storage';
import { currentCluster } from '$lib/server/realtime/cluster';
import type { RequestHandler } from './$types';

/** A write proves more than a read, but one every few seconds is plenty for any checker. */
const PROBE_EVERY_MS = 5000;
let lastProbe: { at: number; ok: boolean } = { at: 0, ok: true };

/**
 * For load balancers and uptime checks: 200 only when the database answers and can store
 * what people send. A small committed write (one row of `health_probe`), at most every five
 * seconds; and 503 for half a minute after any write failed for lack of space or an I/O error,
 * since a write of one page may still fit where a session's writes no longer do.
 * It names the database (`sqlite`, `postgres`) and how sockets reach each other: `memory`
 * (one process), or `postgres` (socket.io's adapter) with the instances that answer now.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const headers = { 'cache-control': 'no-store' };
	const now = Date.now();
	try {
		await sql`select 1`.execute(locals.db);
		if (now - lastProbe.at >= PROBE_EVERY_MS) {
			lastProbe = { at: now, ok: false };
			await sql`insert into health_probe (id, checked_at) values (1, ${new Date(now).toISOString()})
				on conflict (id) do update set checked_at = excluded.checked_at`.execute(locals.db);
			lastProbe = { at: now, ok: true };
		}
	} catch (error) {
		if (isStorageFailure(error)) storageFailures.report(error, 'the health check');
		return Response.json({ ok: false }, { status: 503, headers });
	}
	const cluster = currentCluster();
	const described = {
		database: dialectOf(locals.db),
		adapter: cluster ? 'postgres' : 'memory',
		...(cluster ? { instances: await cluster.instances() } : {})
	};
	if (!lastProbe.ok || storageFailures.failingRecently(now))
		return Response.json({ ok: false, storage: 'failing', ...described }, { status: 503, headers });
	return Response.json({ ok: true, ...described }, { headers });
};
