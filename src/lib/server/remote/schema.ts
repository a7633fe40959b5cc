import type { DbWith, TxWith } from '../db';

/** A raised hand (migration 070); lowering it deletes the row. */
export interface HandRaiseTable {
	participant_id: number;
	concertation_id: number;
	raised_at: string;
}

/** Taking part from afar's own table (its columns on participant and concertation are the core's). */
export type RemoteTables = {
	hand_raise: HandRaiseTable;
};

export type RemoteDb = DbWith<RemoteTables>;
export type RemoteTx = TxWith<RemoteTables>;
