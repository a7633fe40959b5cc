import type { Db } from '../db';

/**
 * Someone's first device connected to a concertation (a join, a reload, the next date of a
 * meeting in several parts). Domains that record presence over time (the parts' attendance)
 * listen here, since the live channel imports no domain. A listener runs after the
 * connection is counted; its failure is logged and never refuses the connection.
 */
export type ArrivalListener = (
	db: Db,
	concertationId: number,
	participantId: number
) => Promise<void>;
const listeners: ArrivalListener[] = [];

export function onArrival(listener: ArrivalListener): void {
	listeners.push(listener);
}

export function notifyArrival(db: Db, concertationId: number, participantId: number): void {
	for (const listener of listeners)
		listener(db, concertationId, participantId).catch((error: unknown) =>
			console.error('recording an arrival failed', error)
		);
}
