import type { Server } from 'socket.io';
import type { ClientToServerEvents, SectionName, ServerToClientEvents } from '../../protocol';
import type { Db } from '../db';
import { findConcertation } from '../concertation/store';
import { buildSections, buildSelf } from './sections';
import { AUDIENCES, audienceRoom, participantRoom } from './rooms';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;

interface RoomState {
	dirty: Set<SectionName>;
	/** Version sent in the last update: the next update's baseVersion. */
	lastVersion: number;
	lastFlushAt: number;
	timer: NodeJS.Timeout | null;
	flushing: boolean;
}

/**
 * Sends changed sections to a concertation's rooms, coalesced: at most one update per
 * concertation every `intervalMs`, whatever the number of commands, each carrying the whole
 * of every section that changed since the previous one. The first change after a quiet
 * period goes out at once, so a single click still reaches phones without delay.
 */
export class Broadcaster {
	private readonly rooms = new Map<number, RoomState>();
	private closed = false;

	constructor(
		private readonly io: RealtimeServer,
		private readonly db: Db,
		private readonly intervalMs = 100
	) {}

	/** Call after the transaction that made the change has committed. */
	changed(concertationId: number, sections: Iterable<SectionName>, versionBefore: number): void {
		if (this.closed) return;
		let state = this.rooms.get(concertationId);
		if (!state) {
			state = {
				dirty: new Set(),
				lastVersion: versionBefore,
				lastFlushAt: 0,
				timer: null,
				flushing: false
			};
			this.rooms.set(concertationId, state);
		}
		for (const section of sections) state.dirty.add(section);
		this.schedule(concertationId, state);
	}

	/** A participant's own state changed (their profile, the status of their submissions). */
	async selfChanged(participantIds: number[]): Promise<void> {
		for (const participantId of participantIds) {
			const participant = await this.db
				.selectFrom('participant')
				.selectAll()
				.where('id', '=', participantId)
				.executeTakeFirst();
			if (participant)
				this.io
					.to(participantRoom(participantId))
					.emit('self', await buildSelf(this.db, participant));
		}
	}

	close(): void {
		this.closed = true;
		for (const state of this.rooms.values()) if (state.timer) clearTimeout(state.timer);
		this.rooms.clear();
	}

	private schedule(concertationId: number, state: RoomState): void {
		if (state.timer || state.flushing || state.dirty.size === 0) return;
		const wait = Math.max(0, state.lastFlushAt + this.intervalMs - Date.now());
		state.timer = setTimeout(() => void this.flush(concertationId, state), wait);
	}

	private async flush(concertationId: number, state: RoomState): Promise<void> {
		state.timer = null;
		state.flushing = true;
		const names = [...state.dirty];
		state.dirty.clear();
		try {
			const concertation = await findConcertation(this.db, concertationId);
			if (!concertation) return;
			const serverNow = Date.now();
			for (const audience of AUDIENCES) {
				const sections = await buildSections(this.db, concertation, audience, names);
				this.io.to(audienceRoom(concertationId, audience)).emit('update', {
					concertationId,
					baseVersion: state.lastVersion,
					version: concertation.version,
					serverNow,
					sections
				});
			}
			state.lastVersion = concertation.version;
		} catch (error) {
			console.error('broadcast failed', error);
		} finally {
			state.flushing = false;
			state.lastFlushAt = Date.now();
			this.schedule(concertationId, state);
		}
	}
}
