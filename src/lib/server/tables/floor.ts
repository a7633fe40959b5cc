/**
 * Giving the floor from the hands' queue during the discussion tables. The tables have no
 * speaker of their own (everyone speaks at their table); the closest existing way to give the
 * room's floor is the projector's table spotlight (`tables.spotlight`, which the report-back
 * uses to show one table alone): the table of the person who asked is put in it, so the
 * facilitator and the room turn to what that table is writing while they speak. Someone not
 * seated at a table only has their hand lowered, and the facilitator gives them the floor by
 * voice.
 */
import { registerFloorGiver } from '../remote/hands';
import type { TablesTx } from './schema';
import { tableOf } from './store';

registerFloorGiver('tables', async (rawTx, concertation, participantId) => {
	const tx = rawTx as TablesTx;
	const tableId = await tableOf(tx, participantId);
	if (tableId === null) return [];
	await tx
		.insertInto('tables_state')
		.values({ concertation_id: concertation.id, closed_at: null, spotlight_table_id: tableId })
		.onConflict((oc) =>
			oc.column('concertation_id').doUpdateSet({ spotlight_table_id: tableId, spotlight_page: 0 })
		)
		.execute();
	return ['tables'];
});
