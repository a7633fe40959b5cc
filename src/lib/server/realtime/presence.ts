/**
 * Who is connected right now. This is the one piece of state kept only in memory, because
 * it describes connections, which a restart ends anyway: phones reconnect and reappear.
 */
export class Presence {
	private readonly online = new Map<number, Map<number, number>>();
	/** Of those connected now, the remote participants (a count, like the others). */
	private readonly remote = new Map<number, Set<number>>();

	connect(concertationId: number, participantId: number): boolean {
		const people = this.online.get(concertationId) ?? new Map<number, number>();
		this.online.set(concertationId, people);
		const sockets = people.get(participantId) ?? 0;
		people.set(participantId, sockets + 1);
		return sockets === 0;
	}

	/** Returns true when the participant's last device went away. */
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
		return true;
	}

	/** A connected participant is (or stopped being) remote. */
	markRemote(concertationId: number, participantId: number, remote: boolean): void {
		const people = this.remote.get(concertationId);
		if (remote) {
			if (!this.isOnline(concertationId, participantId)) return;
			if (people) people.add(participantId);
			else this.remote.set(concertationId, new Set([participantId]));
		} else if (people?.delete(participantId) && people.size === 0) {
			this.remote.delete(concertationId);
		}
	}

	remoteCount(concertationId: number): number {
		return this.remote.get(concertationId)?.size ?? 0;
	}

	isOnline(concertationId: number, participantId: number): boolean {
		return (this.online.get(concertationId)?.get(participantId) ?? 0) > 0;
	}

	/** Who is connected now (a part that starts counts them present). */
	onlineIds(concertationId: number): number[] {
		return [...(this.online.get(concertationId)?.keys() ?? [])];
	}

	count(concertationId: number): number {
		return this.online.get(concertationId)?.size ?? 0;
	}
}

export const presence = new Presence();
