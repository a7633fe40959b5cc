import type { Db } from '../db';
import type { Concertation } from '../db/schema';

/**
 * Someone's first device connected to a concertation (a join, a reload, the next date of a
 * meeting in several parts). Domains that record presence over time (the parts' attendance)
 * listen here, since the live channel imports no domain. A listener runs after the
 * connection is counted; its failure is logged and never refuses the connection.
 */
export type ArrivalListener = (
	db: Db,
	/** As the connection's handshake read it, a moment ago. */
	concertation: Pick<Concertation, 'id' | 'version'>,
	participantId: number
) => Promise<void>;
const listeners: ArrivalListener[] = [];

export function onArrival(listener: ArrivalListener): void {
	listeners.push(listener);
}

export function notifyArrival(
	db: Db,
	concertation: Pick<Concertation, 'id' | 'version'>,
	participantId: number
): void {
	for (const listener of listeners)
		listener(db, concertation, participantId).catch((error: unknown) =>
			console.error('recording an arrival failed', error)
		);
}
