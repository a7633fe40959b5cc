import { createAdapter } from '@socket.io/postgres-adapter';
import type { PoolClient } from 'pg';
import type { Server } from 'socket.io';
import type { SectionName } from '../../protocol';
import type { Db } from '../db';
import { poolOf } from '../db/postgres';
import { presence, type SharedPresence } from './presence';

/**
 * Several instances of the app on one PostgreSQL database (issue 19), each with its own
 * phones, as one server:
 * - socket.io's official PostgreSQL adapter carries every emit to a room to the sockets of
 *   every instance (LISTEN/NOTIFY; larger payloads through a table). Chosen over the Redis
 *   Streams adapter so that a deployment needs nothing beyond PostgreSQL. While its
 *   connection is down, emits reach only this instance's sockets: the app's versioned
 *   updates make the others ask for a snapshot at the next update they do get.
 * - Presence is shared through the database (`SharedPresence`).
 * - Each concertation's updates are built and sent by one instance, its owner, which holds a
 *   PostgreSQL advisory lock on it: the others forward the changes they commit to it. One
 *   sender keeps each audience's updates one chain of versions; an owner that dies loses its
 *   lock with its connection, and the next change is taken over by the instance that made it.
 */
export class Cluster {
	private readonly owned = new Set<number>();
	/**
	 * Concertations whose owner is another instance, known alive by a change it took, with
	 * when that was: one quiet for `OWNER_WATCH_FOR_MS` is no longer watched (a finished
	 * concertation's lock stays with its owner, and the watch must not grow with history).
	 */
	private readonly ownedElsewhere = new Map<number, number>();
	private watch: NodeJS.Timeout | null = null;

	private constructor(
		private readonly io: RealtimeServer,
		private readonly locks: PoolClient,
		readonly presence: SharedPresence
	) {}

	static async join(io: RealtimeServer, db: Db): Promise<Cluster> {
		const pool = poolOf(db);
		io.adapter(
			createAdapter(pool, {
				errorHandler: (error) => console.error('socket.io PostgreSQL adapter:', error.message)
			})
		);
		// Advisory locks belong to a session: one connection of its own holds this instance's.
		const locks = await pool.connect();
		io.on(PING_EVENT, (answer: (alive: boolean) => void) => answer(true));
		current = new Cluster(io, locks, presence.share(db));
		return current;
	}

	/** How many instances answer now, this one included (for `/healthz`). */
	async instances(): Promise<number> {
		return 1 + (await this.answers(PING_TIMEOUT_MS, PING_EVENT)).length;
	}

	/** Whether this instance sends the concertation's updates (taking them over if free). */
	async owns(concertationId: number): Promise<boolean> {
		if (this.owned.has(concertationId)) return true;
		const { rows } = await this.locks.query<{ locked: boolean }>(
			'select pg_try_advisory_lock($1, $2) as locked',
			[OWNER_LOCK_CLASS, concertationId]
		);
		if (rows[0]?.locked) {
			this.owned.add(concertationId);
			this.ownedElsewhere.delete(concertationId);
		}
		return rows[0]?.locked === true;
	}

	/** Whether this instance already sends the concertation's updates (no query). */
	ownsAlready(concertationId: number): boolean {
		return this.owned.has(concertationId);
	}

	/**
	 * Hands a committed change to the concertation's owner. Resolves true when an instance
	 * took it; false when none answered as its owner (it died): the caller takes it over.
	 */
	async forward(change: ForwardedChange): Promise<boolean> {
		const taken = (await this.answers(FORWARD_TIMEOUT_MS, FORWARD_EVENT, change)).includes(true);
		if (taken) this.ownedElsewhere.set(change.concertationId, Date.now());
		return taken;
	}

	/**
	 * Watches the owners this instance forwarded to: when one dies, this instance takes its
	 * concertations over (`takeOver`) without waiting for their next change. An owner can die
	 * between a commit and the update announcing it: the clients would keep the count they
	 * had until the next change, which may never come (the last ballots of a vote).
	 */
	onOwnerLost(takeOver: (concertationId: number) => void): void {
		let watching = false;
		this.watch = setInterval(() => {
			// A slow database: the next round waits for this one instead of piling up.
			if (watching) return;
			watching = true;
			void (async () => {
				for (const [concertationId, forwardedAt] of [...this.ownedElsewhere]) {
					if (Date.now() - forwardedAt > OWNER_WATCH_FOR_MS) {
						this.ownedElsewhere.delete(concertationId);
						continue;
					}
					if (!(await this.owns(concertationId))) continue;
					this.ownedElsewhere.delete(concertationId);
					takeOver(concertationId);
				}
			})()
				.catch((error: unknown) => console.error('watching the owners failed', error))
				.finally(() => (watching = false));
		}, OWNER_WATCH_MS);
		this.watch.unref();
	}

	/**
	 * The other instances' answers to an event, those that came within `timeoutMs` (none when
	 * the adapter fails): a dead instance must not hold the caller.
	 */
	private answers(timeoutMs: number, event: string, ...args: unknown[]): Promise<unknown[]> {
		return Promise.race([
			this.io.serverSideEmitWithAck(event, ...args) as Promise<unknown[]>,
			new Promise<unknown[]>((resolve) => setTimeout(() => resolve([]), timeoutMs).unref())
		]).catch(() => []);
	}

	/** Changes forwarded by the other instances: `take` handles those of owned concertations. */
	onForwarded(take: (change: ForwardedChange) => void): void {
		this.io.on(FORWARD_EVENT, (change: ForwardedChange, answer: (taken: boolean) => void) => {
			const taken = this.owned.has(change.concertationId);
			if (taken) take(change);
			answer(taken);
		});
	}

	/** A concertation deleted: its lock is given back. */
	async release(concertationId: number): Promise<void> {
		this.ownedElsewhere.delete(concertationId);
		if (!this.owned.delete(concertationId)) return;
		await this.locks
			.query('select pg_advisory_unlock($1, $2)', [OWNER_LOCK_CLASS, concertationId])
			.catch(() => {});
	}

	async close(): Promise<void> {
		if (current === this) current = null;
		if (this.watch) clearInterval(this.watch);
		await this.presence.close();
		this.locks.release();
	}
}

/** What `Broadcaster.changed` was called with, sent to the owner. */
export interface ForwardedChange {
	concertationId: number;
	sections: SectionName[];
	versionBefore: number;
	urgent: boolean;
	roster: number[];
}

/** The socket.io server, whatever its event types (the broadcaster's, which imports this module). */
type RealtimeServer = Server;

/** The first key of the owners' advisory locks (the second is the concertation's id). */
const OWNER_LOCK_CLASS = 19_001;
const FORWARD_EVENT = 'concertation:changed';
const FORWARD_TIMEOUT_MS = 2_000;
const PING_EVENT = 'cluster:ping';
const PING_TIMEOUT_MS = 1_000;
/** How often the owners' locks are tried, to take over a dead owner's concertations. */
const OWNER_WATCH_MS = 1_000;
/** How long after its last forwarded change a concertation's owner is still watched. */
const OWNER_WATCH_FOR_MS = 10 * 60_000;

let current: Cluster | null = null;

/** This process's cluster, when it runs as one of several instances on PostgreSQL. */
export function currentCluster(): Cluster | null {
	return current;
}
