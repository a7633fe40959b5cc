import { sql } from 'kysely';
import type { RequestHandler } from './$types';

/** For load balancers and uptime checks: 200 only when the database answers. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		await sql`select 1`.execute(locals.db);
		return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		return Response.json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
	}
};
