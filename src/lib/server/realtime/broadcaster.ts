import type { Server } from 'socket.io';
import type {
	AttendanceMode,
	Audience,
	ClientToServerEvents,
	SectionName,
	Sections,
	SelfView,
	ServerToClientEvents,
	Update
} from '../../protocol';
import type { Db } from '../db';
import { findConcertation } from '../concertation/store';
import { buildRosterChanges, buildSections, buildSelves } from './sections';
import { presence } from './presence';
import {
	AUDIENCES,
	audienceRoom,
	participantRoom,
	remoteRoom,
	screenKeyRoom,
	sessionRoom
} from './rooms';
import type { Cluster, ForwardedChange } from './cluster';
import type { Snapshots } from './snapshots';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** The coalescing state of one audience of one concertation. */
interface AudienceState {
	dirty: Set<SectionName>;
	/** Version sent in this audience's last update: its next update's baseVersion. */
	lastVersion: number;
	lastFlushAt: number;
	timer: NodeJS.Timeout | null;
	flushing: boolean;
	/** A section that must not wait for the interval is among the dirty ones. */
	urgent: boolean;
	/** Consoles: participants whose roster entry changed since the last update. */
	roster: Set<number>;
	/**
	 * Phones and the projector: each section as last sent (JSON), so that a change that leaves
	 * an audience's view as it was (an expectation edited: phones show none) costs no write
	 * to each of its sockets.
	 */
	sent: Map<SectionName, string>;
}

/**
 * Where updates go: each audience's room, and `remote`, the remote participants' devices,
 * which get the projector's sections (built for the `screen` audience, once per flush and
 * room, whatever their number) at the phones' pace: they are phones too.
 */
type Channel = Audience | 'remote';
const CHANNELS: readonly Channel[] = [...AUDIENCES, 'remote'];

type RoomState = Record<Channel, AudienceState>;

/**
 * Sockets written to in one go before letting other I/O (ballots, acks) run. One write costs
 * ≈ 30 µs (profile of the vote benchmark): 20 keeps a ballot that arrives meanwhile waiting
 * well under a millisecond, where 100 held it for 2–3 ms.
 */
const EMIT_SLICE = 20;

/**
 * Shortest time between two updates of an audience. Consoles and the projector follow a vote
 * live; phones get at most one update a second for running counts (turnout, numbers of
 * items), because a broadcast to hundreds of phones costs the server one write per phone and
 * holds the acks of the ballots arriving meanwhile. What phones wait for — a phase change —
 * is urgent and goes out at once (see URGENT_SECTIONS).
 */
export const DEFAULT_INTERVALS: Record<Audience, number> = {
	facilitator: 100,
	screen: 100,
	participant: 1000
};

/**
 * Sections whose change the room is waiting for (the facilitator moved to another phase,
 * edited the programme): sent at once to every audience, whatever the interval, whoever
 * made the change. (Any change a facilitator makes is sent at once too: see `changed`.)
 */
const URGENT_SECTIONS: ReadonlySet<SectionName> = new Set<SectionName>(['session', 'programme']);

/**
 * Sends changed sections to a concertation's rooms, coalesced per audience: at most one
 * update per audience and interval, whatever the number of commands, each carrying the whole
 * of every section that changed since that audience's previous update. The first change
 * after a quiet period goes out at once, so a single click still reaches phones without delay.
 */
export class Broadcaster {
	private readonly rooms = new Map<number, RoomState>();
	/** Per concertation owned by another instance, the changes waiting to be sent to it. */
	private readonly forwarding = new Map<number, { next: ForwardedChange | null }>();
	private closed = false;
	/** The shared snapshots (attach.ts), for a participant who just became remote. */
	snapshots: Snapshots | null = null;

	/**
	 * `cluster`: several instances share the database; each concertation's updates are sent
	 * by the one that owns it (see cluster.ts), to the sockets of every instance.
	 */
	constructor(
		private readonly io: RealtimeServer,
		private readonly db: Db,
		private readonly intervals: Record<Audience, number> = DEFAULT_INTERVALS,
		private readonly cluster: Cluster | null = null
	) {
		cluster?.onForwarded((change) => this.changedHere(change));
		cluster?.onOwnerLost((concertationId) => void this.tookOver(concertationId));
	}

	/**
	 * This instance now sends a concertation's updates, because its owner died, maybe between
	 * a commit and its update. An update based on the current version goes out: clients that
	 * missed a change are behind it, and ask for a snapshot.
	 */
	private async tookOver(concertationId: number): Promise<void> {
		const concertation = await findConcertation(this.db, concertationId);
		if (!concertation) return;
		const room = this.rooms.get(concertationId);
		if (room) this.clearTimers(room);
		this.rooms.delete(concertationId);
		this.changedHere({
			concertationId,
			sections: ['presence'],
			versionBefore: concertation.version,
			urgent: true,
			roster: []
		});
	}

	/**
	 * Call after the transaction that made the change has committed. `urgent`: the room is
	 * waiting for it (a facilitator's click: results revealed, the vote closed), so it goes out
	 * to every audience at once instead of waiting for the audience's interval.
	 */
	changed(
		concertationId: number,
		sections: Iterable<SectionName>,
		versionBefore: number,
		urgent = false,
		roster: readonly number[] = []
	): void {
		if (this.closed) return;
		const change = { concertationId, sections: [...sections], versionBefore, urgent, roster };
		if (!this.cluster || this.cluster.ownsAlready(concertationId)) this.changedHere(change);
		else this.routeSoon(this.cluster, { ...change, roster: [...roster] });
	}

	/**
	 * Another instance's concertation: its changes go to the owner in one message per turn of
	 * the event loop, and none while one is on its way (those wait and go together next), so
	 * that a room's ballots are not one message and one answer each between instances.
	 */
	private routeSoon(cluster: Cluster, change: ForwardedChange): void {
		const waiting = this.forwarding.get(change.concertationId);
		if (waiting) {
			waiting.next = waiting.next ? mergedChange(waiting.next, change) : change;
			return;
		}
		const lane: { next: ForwardedChange | null } = { next: change };
		this.forwarding.set(change.concertationId, lane);
		setImmediate(() => {
			void (async () => {
				while (lane.next) {
					const merged = lane.next;
					lane.next = null;
					await this.route(cluster, merged);
				}
				this.forwarding.delete(change.concertationId);
			})();
		});
	}

	/** Another instance's concertation, or nobody's yet: to its owner, or taken over. */
	private async route(cluster: Cluster, change: ForwardedChange): Promise<void> {
		try {
			if (await cluster.owns(change.concertationId)) return this.changedHere(change);
			if (await cluster.forward(change)) return;
			// Its owner did not answer (it just died and its lock went with it): take it over.
			if (await cluster.owns(change.concertationId)) return this.changedHere(change);
			console.error(`no instance took the update of concertation ${change.concertationId}`);
		} catch (error) {
			console.error('routing an update to its instance failed', error);
		}
	}

	/** Marks the change for this instance's coalesced updates. */
	private changedHere({
		concertationId,
		sections: names,
		versionBefore,
		urgent,
		roster
	}: Omit<ForwardedChange, 'roster'> & { roster: readonly number[] }): void {
		if (this.closed) return;
		let room = this.rooms.get(concertationId);
		if (!room) {
			const fresh = (): AudienceState => ({
				dirty: new Set(),
				lastVersion: versionBefore,
				lastFlushAt: 0,
				timer: null,
				flushing: false,
				urgent: false,
				roster: new Set(),
				sent: new Map()
			});
			room = { facilitator: fresh(), screen: fresh(), participant: fresh(), remote: fresh() };
			this.rooms.set(concertationId, room);
		}
		const now = urgent || names.some((name) => URGENT_SECTIONS.has(name));
		for (const audience of CHANNELS) {
			const state = room[audience];
			for (const section of names) state.dirty.add(section);
			if (audience === 'facilitator') for (const id of roster) state.roster.add(id);
			if (now && !state.urgent) {
				state.urgent = true;
				// A change waiting for the interval goes out now, with the urgent one.
				if (state.timer) {
					clearTimeout(state.timer);
					state.timer = null;
				}
			}
			this.schedule(concertationId, audience, state);
		}
	}

	/** A participant's own state changed (their profile, the status of their submissions). */
	async selfChanged(participantIds: number[]): Promise<void> {
		if (participantIds.length === 0) return;
		const participants = await this.db
			.selectFrom('participant')
			.selectAll()
			.where('id', 'in', participantIds)
			.execute();
		const selves = await buildSelves(this.db, participants);
		participants.forEach((participant, index) =>
			this.io.to(participantRoom(participant.id)).emit('self', selves[index]!)
		);
	}

	/**
	 * Part of a participant's own view, already known by the command that changed it, for
	 * their devices other than `exceptSocketId`. Most people vote from one phone: then
	 * nothing is sent at all.
	 */
	selfPart(participantId: number, part: Partial<SelfView>, exceptSocketId?: string): void {
		if (this.closed) return;
		const room = participantRoom(participantId);
		// Devices on other instances are not known here: the adapter finds them.
		if (this.cluster) {
			const devices = this.io.to(room);
			(exceptSocketId === undefined ? devices : devices.except(exceptSocketId)).emit(
				'selfPart',
				part
			);
			return;
		}
		const devices = this.io.sockets.adapter.rooms.get(room);
		if (!devices || devices.size === 0) return;
		if (exceptSocketId === undefined) this.io.to(room).emit('selfPart', part);
		else if (devices.size > 1 || !devices.has(exceptSocketId))
			this.io.to(room).except(exceptSocketId).emit('selfPart', part);
	}

	/**
	 * The concertation was deleted: drop its pending updates and end its connections. Clients
	 * connect again by themselves and are then refused with `not_found`, which they show.
	 */
	removed(concertationId: number): void {
		const room = this.rooms.get(concertationId);
		if (room) this.clearTimers(room);
		this.rooms.delete(concertationId);
		void this.cluster?.release(concertationId);
		this.io
			.in(AUDIENCES.map((audience) => audienceRoom(concertationId, audience)))
			.disconnectSockets(true);
	}

	sessionsEnded(tokenHashes: readonly string[]): void {
		// Commands are authorised against the actor fixed at the handshake: a console whose
		// session ended must connect again, and is then refused.
		this.io.in(tokenHashes.map(sessionRoom)).disconnectSockets(true);
	}

	/**
	 * The projector key changed or ended: the projectors opened with it are disconnected; they
	 * connect again and are refused (`unauthenticated`). Those of signed-in facilitators stay.
	 */
	screenKeyEnded(concertationId: number): void {
		this.io.in(screenKeyRoom(concertationId)).disconnectSockets(true);
	}

	/**
	 * A participant chose the room or remote (committed): their devices join or leave the
	 * projector's feed; joining, they get the projector's snapshot (shared per version).
	 */
	attendanceModeChanged(
		concertationId: number,
		participantId: number,
		attendanceMode: AttendanceMode
	): void {
		if (this.closed) return;
		const devices = this.io.in(participantRoom(participantId));
		const remote = attendanceMode === 'remote';
		presence.markRemote(concertationId, participantId, remote);
		if (!remote) {
			devices.socketsLeave(remoteRoom(concertationId));
			return;
		}
		devices.socketsJoin(remoteRoom(concertationId));
		void this.snapshots
			?.screen(concertationId)
			.then((snapshot) => {
				if (snapshot) this.io.to(participantRoom(participantId)).emit('screenSnapshot', snapshot);
			})
			.catch((error: unknown) => console.error('screen snapshot failed', error));
	}

	close(): void {
		this.closed = true;
		for (const room of this.rooms.values()) this.clearTimers(room);
		this.rooms.clear();
	}

	private clearTimers(room: RoomState): void {
		for (const audience of CHANNELS) {
			const timer = room[audience].timer;
			if (timer) clearTimeout(timer);
		}
	}

	/**
	 * Writing to a room is one socket write per member, done in one go by socket.io: for
	 * hundreds of phones that blocks the event loop long enough to delay the acks of the
	 * ballots arriving meanwhile. Large rooms are sent in slices, letting I/O run in between.
	 * (Local sockets only: a scale-out adapter would broadcast to the room at once.)
	 */
	private async emitInChunks(
		room: string,
		update: Update,
		event: 'update' | 'screenUpdate' = 'update'
	): Promise<void> {
		const members = this.io.sockets.adapter.rooms.get(room);
		// Several instances: the room's members are on all of them; the adapter sends to each
		// instance's own at once.
		if (this.cluster || !members || members.size <= EMIT_SLICE) {
			this.io.to(room).emit(event, update);
			return;
		}
		const ids = [...members];
		for (let start = 0; start < ids.length; start += EMIT_SLICE) {
			if (start > 0) await new Promise((resolve) => setImmediate(resolve));
			this.io.to(ids.slice(start, start + EMIT_SLICE)).emit(event, update);
		}
	}

	private schedule(concertationId: number, audience: Channel, state: AudienceState): void {
		if (state.timer || state.flushing || (state.dirty.size === 0 && state.roster.size === 0))
			return;
		// Remote participants' devices are phones: the phones' interval for what is not urgent.
		const interval = this.intervals[audience === 'remote' ? 'participant' : audience];
		const wait = state.urgent ? 0 : Math.max(0, state.lastFlushAt + interval - Date.now());
		state.timer = setTimeout(() => void this.flush(concertationId, audience, state), wait);
	}

	private async flush(concertationId: number, channel: Channel, state: AudienceState) {
		const audience: Audience = channel === 'remote' ? 'screen' : channel;
		const room =
			channel === 'remote' ? remoteRoom(concertationId) : audienceRoom(concertationId, channel);
		state.timer = null;
		state.flushing = true;
		state.urgent = false;
		const names = [...state.dirty];
		state.dirty.clear();
		// The whole roster is going anyway, or only the entries that changed.
		const roster = names.includes('roster') ? [] : [...state.roster];
		state.roster.clear();
		try {
			if (channel === 'remote' && !this.cluster && !this.io.sockets.adapter.rooms.get(room)?.size) {
				// Nobody remote is connected: nothing is built. What was last sent is forgotten,
				// since whoever comes gets a snapshot and then every section that changes.
				state.sent.clear();
				return;
			}
			const concertation = await findConcertation(this.db, concertationId);
			if (!concertation) return;
			const built = await buildSections(this.db, concertation, audience, names);
			const sections = audience === 'facilitator' ? built : this.unsent(state, built);
			const update: Update = {
				concertationId,
				baseVersion: state.lastVersion,
				version: concertation.version,
				serverNow: Date.now(),
				sections
			};
			if (roster.length > 0)
				update.changes = { roster: await buildRosterChanges(this.db, concertation, roster) };
			if (Object.keys(sections).length === 0 && !update.changes) return;
			await this.emitInChunks(room, update, channel === 'remote' ? 'screenUpdate' : 'update');
			state.lastVersion = concertation.version;
		} catch (error) {
			console.error('broadcast failed', error);
		} finally {
			state.flushing = false;
			state.lastFlushAt = Date.now();
			this.schedule(concertationId, channel, state);
		}
	}

	/** The sections whose content differs from what this audience was last sent. */
	private unsent(state: AudienceState, sections: Partial<Sections>): Partial<Sections> {
		const changed: Partial<Record<SectionName, unknown>> = {};
		for (const [name, value] of Object.entries(sections) as [SectionName, unknown][]) {
			const json = JSON.stringify(value);
			if (state.sent.get(name) === json) continue;
			state.sent.set(name, json);
			changed[name] = value;
		}
		return changed as Partial<Sections>;
	}
}

/** Two changes as one: what either changed, from the older version, urgent if either was. */
function mergedChange(first: ForwardedChange, second: ForwardedChange): ForwardedChange {
	return {
		concertationId: first.concertationId,
		sections: [...new Set([...first.sections, ...second.sections])],
		versionBefore: Math.min(first.versionBefore, second.versionBefore),
		urgent: first.urgent || second.urgent,
		roster: [...new Set([...first.roster, ...second.roster])]
	};
}
