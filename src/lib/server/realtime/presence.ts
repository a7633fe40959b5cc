/**
 * Who is connected right now. This is the one piece of state kept only in memory, because
 * it describes connections, which a restart ends anyway: phones reconnect and reappear.
 */
export class Presence {
	private readonly online = new Map<number, Map<number, number>>();

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
		return true;
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
