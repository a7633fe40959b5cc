import { getRuntime } from './realtime/socket-server.js';
import { config } from './config';
import { migrateToLatest, openDatabase, type Db } from './db';
import { startBackgroundCheckpoints } from './db/checkpoints';
import { startRetention } from './db/retention';
import { isStorageFailure, storageFailures } from './db/storage';
import { ensureAdminAccount } from './auth/facilitators';
import { attachRealtime } from './realtime/attach';
import type { Broadcaster, RealtimeServer } from './realtime/broadcaster';
// The core's modules register their commands and sections when imported; every phase kind's
// module is registered by ./phases (one per kind of the protocol's list).
import './concertation/views';
import './concertation/commands';
import { loadScreenKeySecret } from './concertation/screen-key';
import './participants/service';
// The projector screen (join block, closing screen): not a phase kind, shown in all of them.
import './screen/service';
// A programme in several parts: not a phase kind, it groups the steps of every kind.
import './parts/service';
import './parts/views';
// Taking part from afar (in the room or remote, raised hands, the video-call link).
import './remote/service';
import './phases';

export interface App {
	db: Db;
	broadcaster: Broadcaster | null;
	shutdown(): Promise<void>;
}

let booting: Promise<App> | null = null;

/**
 * Behind a reverse proxy every request comes from the proxy's address unless adapter-node is
 * told which header carries the client's: the limits counted per address (failed sign-ins,
 * unknown join codes) would then be shared by everyone. `ORIGIN` or a `PROTOCOL_HEADER` of
 * the operator's (not server.js's own) says there is a proxy.
 */
function warnIfClientAddressesUnknown(env = process.env): void {
	const proxied =
		Boolean(env.ORIGIN) ||
		(Boolean(env.PROTOCOL_HEADER) && env.PROTOCOL_HEADER !== 'x-concertation-protocol');
	if (proxied && !env.ADDRESS_HEADER)
		console.warn(
			'Behind a reverse proxy? Set ADDRESS_HEADER (e.g. x-forwarded-for) so that the limits ' +
				'per client address do not count every visitor as the proxy (README, "Limits and abuse").'
		);
}

/**
 * Opens and migrates the database, creates the first account if configured, and attaches
 * the realtime handlers to the socket.io server published by the outer server.
 * Idempotent: the production `init` hook, the dev plugin and every request share one boot.
 */
export function boot(): Promise<App> {
	booting ??= start();
	return booting;
}

async function start(): Promise<App> {
	const db = openDatabase(config.databasePath);
	await migrateToLatest(db);
	loadScreenKeySecret();
	const checkpoints = startBackgroundCheckpoints(db, config.databasePath);
	const retention = startRetention(db, config.retention, (error) => {
		if (isStorageFailure(error)) storageFailures.report(error, 'pruning the logs');
		else console.error('pruning the logs failed; the next run tries again', error);
	});
	warnIfClientAddressesUnknown();
	const admin = await ensureAdminAccount(db, config.adminEmail, config.adminPassword);
	if (admin === 'created') console.log(`Created the facilitator account ${config.adminEmail}`);
	const runtime = getRuntime();
	const io = runtime?.io as RealtimeServer | undefined;
	const broadcaster = io ? attachRealtime(io, db) : null;
	const app: App = {
		db,
		broadcaster,
		async shutdown() {
			broadcaster?.close();
			await retention.stop();
			await checkpoints.stop();
			await db.destroy();
		}
	};
	if (runtime) runtime.shutdown = app.shutdown;
	return app;
}
