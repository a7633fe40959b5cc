import { randomUUID } from 'node:crypto';
import type { Db } from '../db';

/**
 * Who is connected right now. One process keeps it in memory only, because it describes
 * connections, which a restart ends anyway: phones reconnect and reappear. Several instances
 * on one PostgreSQL database (`share`) also write what each holds to `presence_connection`,
 * refreshed while they live, and read who is connected from there: a phone counts once
 * whichever instance it reached, and the phones of an instance that died stop counting after
 * `SHARED_TTL_MS` (or as soon as they reconnect to another).
 */
export class Presence {
	private readonly online = new Map<number, Map<number, number>>();
	/** Of those connected now, the remote participants (a count, like the others). */
	private readonly remote = new Map<number, Set<number>>();
	private shared: SharedPresence | null = null;

	/** From now on, presence is shared through `db` with the other instances. */
	share(db: Db): SharedPresence {
		this.shared = new SharedPresence(db, this);
		return this.shared;
	}

	/** Returns true when it is the participant's first device on this instance. */
	connect(concertationId: number, participantId: number): boolean {
		const people = this.online.get(concertationId) ?? new Map<number, number>();
		this.online.set(concertationId, people);
		const sockets = people.get(participantId) ?? 0;
		people.set(participantId, sockets + 1);
		if (sockets === 0) this.shared?.changed(concertationId, participantId);
		return sockets === 0;
	}

	/** Returns true when the participant's last device (on this instance) went away. */
	disconnect(concertationId: number, participantId: number): boolean {
		const people = this.online.get(concertationId);
		const sockets = people?.get(participantId) ?? 0;
		if (!people || sockets === 0) return false;
		if (sockets > 1) {
			people.set(participantId, sockets - 1);
			return false;
		}
		people.delete(participantId);
		if (people.size === 0) this.online.delete(concertationId);
		this.markRemote(concertationId, participantId, false);
		this.shared?.changed(concertationId, participantId);
		return true;
	}

	/** A connected participant is (or stopped being) remote. */
	markRemote(concertationId: number, participantId: number, remote: boolean): void {
		const people = this.remote.get(concertationId);
		if (remote) {
			if (!this.isOnlineHere(concertationId, participantId)) return;
			if (people) people.add(participantId);
			else this.remote.set(concertationId, new Set([participantId]));
		} else if (people?.delete(participantId) && people.size === 0) {
			this.remote.delete(concertationId);
		}
		this.shared?.changed(concertationId, participantId);
	}

	/** Who is connected now: to this process, or to any instance when presence is shared. */
	async now(concertationId: number): Promise<OnlineNow> {
		if (this.shared) return this.shared.now(concertationId);
		return this.here(concertationId);
	}

	/** Who is connected to this instance. */
	here(concertationId: number): OnlineNow & { remoteIds: ReadonlySet<number> } {
		const ids = new Set(this.online.get(concertationId)?.keys() ?? []);
		const remoteIds = new Set(this.remote.get(concertationId) ?? []);
		return { ids, remote: remoteIds.size, remoteIds };
	}

	/** This instance's state of one participant: connected, remote. */
	stateHere(concertationId: number, participantId: number): { online: boolean; remote: boolean } {
		return {
			online: this.isOnlineHere(concertationId, participantId),
			remote: this.remote.get(concertationId)?.has(participantId) ?? false
		};
	}

	private isOnlineHere(concertationId: number, participantId: number): boolean {
		return (this.online.get(concertationId)?.get(participantId) ?? 0) > 0;
	}

	/** Every participant connected here, by concertation (for the shared store's refresh). */
	*connected(): Generator<[number, number]> {
		for (const [concertationId, people] of this.online)
			for (const participantId of people.keys()) yield [concertationId, participantId];
	}
}

/** Who is connected: their ids, and how many of them are remote. */
export interface OnlineNow {
	ids: ReadonlySet<number>;
	remote: number;
}

/** A shared row not refreshed for this long is an instance's that died: not counted. */
export const SHARED_TTL_MS = 30_000;
const REFRESH_MS = 10_000;
/** How long this instance's presence changes wait to be written together. */
const WRITE_EVERY_MS = 100;

/**
 * This instance's side of the shared presence: the changes of a moment written in one batch
 * (a reconnect storm is thousands of them), its rows refreshed every `REFRESH_MS`.
 */
export class SharedPresence {
	readonly instanceId = randomUUID();
	private readonly pending = new Map<string, [number, number]>();
	private writing: Promise<void> = Promise.resolve();
	private scheduled = false;
	private readonly refresher: NodeJS.Timeout;

	constructor(
		private readonly db: Db,
		private readonly local: Presence
	) {
		this.refresher = setInterval(() => void this.refresh(), REFRESH_MS);
		this.refresher.unref();
	}

	changed(concertationId: number, participantId: number): void {
		this.pending.set(`${concertationId}:${participantId}`, [concertationId, participantId]);
		if (this.scheduled) return;
		this.scheduled = true;
		// A storm's changes go in a few writes a second, not one per turn of the event loop
		// (this instance counts its own connections from memory: see `now`).
		setTimeout(() => void this.flush(), WRITE_EVERY_MS).unref();
	}

	/** Writes what changed since the last write (after the write before it, in order). */
	flush(): Promise<void> {
		this.scheduled = false;
		const batch = [...this.pending.values()];
		this.pending.clear();
		if (batch.length === 0) return this.writing;
		this.writing = this.writing
			.then(() => this.write(batch))
			.catch((error: unknown) => console.error('presence: writing the shared rows failed', error));
		return this.writing;
	}

	private async write(batch: [number, number][]): Promise<void> {
		const seenAt = new Date().toISOString();
		const rows = batch
			.map(([concertationId, participantId]) => ({
				concertationId,
				participantId,
				...this.local.stateHere(concertationId, participantId)
			}))
			.map((row) => ({ ...row, remote: row.remote ? 1 : 0 }));
		const gone = rows.filter((row) => !row.online);
		const here = rows.filter((row) => row.online);
		await this.db.transaction().execute(async (tx) => {
			// A storm's departures: one statement per concertation (and 500 people).
			const goneFrom = new Map<number, typeof gone>();
			for (const row of gone) {
				const left = goneFrom.get(row.concertationId);
				if (left) left.push(row);
				else goneFrom.set(row.concertationId, [row]);
			}
			for (const [concertationId, left] of goneFrom)
				for (let i = 0; i < left.length; i += 500)
					await tx
						.deleteFrom('presence_connection')
						.where('instance_id', '=', this.instanceId)
						.where('concertation_id', '=', concertationId)
						.where(
							'participant_id',
							'in',
							left.slice(i, i + 500).map((row) => row.participantId)
						)
						.execute();
			for (let i = 0; i < here.length; i += 500)
				await tx
					.insertInto('presence_connection')
					.values(
						here.slice(i, i + 500).map((row) => ({
							instance_id: this.instanceId,
							concertation_id: row.concertationId,
							participant_id: row.participantId,
							remote: row.remote,
							seen_at: seenAt
						}))
					)
					.onConflict((conflict) =>
						conflict
							.columns(['concertation_id', 'participant_id', 'instance_id'])
							.doUpdateSet((eb) => ({
								remote: eb.ref('excluded.remote'),
								seen_at: eb.ref('excluded.seen_at')
							}))
					)
					.execute();
		});
	}

	/** Every row of this instance is fresh again; rows that expired anywhere are removed. */
	private async refresh(): Promise<void> {
		const now = Date.now();
		try {
			await this.db
				.updateTable('presence_connection')
				.set({ seen_at: new Date(now).toISOString() })
				.where('instance_id', '=', this.instanceId)
				.execute();
			await this.db
				.deleteFrom('presence_connection')
				.where('seen_at', '<', new Date(now - SHARED_TTL_MS).toISOString())
				.execute();
		} catch (error) {
			console.error('presence: refreshing the shared rows failed', error);
		}
	}

	/**
	 * Who is connected to any instance: the other instances' fresh rows, and this instance's
	 * own connections as it knows them now (its rows may still be waiting to be written).
	 * Nothing is written here: a command that asks this holds its concertation's row locked,
	 * and a presence row's insert, which checks that row (its foreign key), would wait for it.
	 */
	async now(concertationId: number): Promise<OnlineNow> {
		const rows = await this.db
			.selectFrom('presence_connection')
			.select(['participant_id', 'remote'])
			.where('concertation_id', '=', concertationId)
			.where('instance_id', '<>', this.instanceId)
			.where('seen_at', '>=', new Date(Date.now() - SHARED_TTL_MS).toISOString())
			.execute();
		const here = this.local.here(concertationId);
		const ids = new Set(here.ids);
		const remote = new Set(here.remoteIds);
		for (const row of rows) {
			ids.add(row.participant_id);
			if (row.remote) remote.add(row.participant_id);
		}
		return { ids, remote: remote.size };
	}

	/** This instance leaves: its rows go at once (a crash leaves them to expire). */
	async close(): Promise<void> {
		clearInterval(this.refresher);
		await this.flush();
		await this.db
			.deleteFrom('presence_connection')
			.where('instance_id', '=', this.instanceId)
			.execute()
			.catch(() => {});
	}
}

export const presence = new Presence();
