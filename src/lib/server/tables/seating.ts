/**
 * Who sits where: a participant joins a table, the facilitator seats anyone (or unseats
 * them), and the automatic assignment seats everyone still without a table (./plan).
 */
import { randomInt } from 'node:crypto';
import { nowIso } from '../db';
import { registerCommands } from '../realtime/commands';
import {
	requireParticipantOf,
	requireTable,
	tableChanged,
	tablesActor,
	unchanged
} from './context';
import { autoAssign } from './plan';
import { assertCanManageTables, assertCanSeat, refuse } from './rules';
import type { SeatedBy, TablesTables, TablesTx } from './schema';
import { currentStatus, listTables, memberCount, tableOf } from './store';

/**
 * Puts `participantId` at `tableId` (or nowhere), after the rules said yes. Leaving a table
 * where one was rapporteur hands the role back. Returns the table left, if any.
 */
async function seat(
	tx: TablesTx,
	participantId: number,
	tableId: number | null,
	seatedBy: SeatedBy
): Promise<number | null> {
	const previous = await tableOf(tx, participantId);
	if (previous === tableId) return previous;
	if (previous !== null) {
		await tx
			.updateTable('discussion_table')
			.set({ rapporteur_id: null, rapporteur_show_name: null })
			.where('id', '=', previous)
			.where('rapporteur_id', '=', participantId)
			.execute();
	}
	if (tableId === null) {
		await tx.deleteFrom('table_member').where('participant_id', '=', participantId).execute();
	} else {
		await tx
			.insertInto('table_member')
			.values({
				participant_id: participantId,
				table_id: tableId,
				seated_by: seatedBy,
				seated_at: nowIso()
			})
			.onConflict((oc) =>
				oc
					.column('participant_id')
					.doUpdateSet({ table_id: tableId, seated_by: seatedBy, seated_at: nowIso() })
			)
			.execute();
	}
	return previous;
}

registerCommands<TablesTables>({
	'tables.join': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { tableId }) {
			const who = await tablesActor(tx, actor);
			if (who.kind !== 'participant') refuse('forbidden');
			const table = await requireTable(tx, concertation, tableId);
			assertCanSeat(
				who,
				who,
				{ id: table.id, capacity: table.capacity, memberCount: await memberCount(tx, table.id) },
				await currentStatus(tx, concertation)
			);
			const left = await seat(tx, who.participantId, table.id, 'self');
			if (left === table.id) return unchanged({ tableId: table.id });
			return tableChanged(tx, { tableId: table.id }, [left, table.id], [who.participantId]);
		}
	},

	'tables.seat': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, { participantId, tableId }) {
			const facilitator = await tablesActor(tx, actor);
			const status = await currentStatus(tx, concertation);
			await requireParticipantOf(tx, concertation, participantId);
			const who = { participantId, tableId: await tableOf(tx, participantId) };
			if (tableId === null) {
				assertCanManageTables(facilitator, status);
			} else {
				const table = await requireTable(tx, concertation, tableId);
				assertCanSeat(
					facilitator,
					who,
					{ id: table.id, capacity: table.capacity, memberCount: await memberCount(tx, table.id) },
					status
				);
			}
			const left = await seat(tx, participantId, tableId, 'facilitator');
			if (left === tableId) return unchanged({ participantId, tableId });
			return tableChanged(tx, { participantId, tableId }, [left, tableId], [participantId]);
		}
	},

	'tables.autoAssign': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation, now }, input) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const tables = await listTables(tx, concertation.id);
			if (tables.length === 0) refuse('tables_no_tables');
			const participants = await tx
				.selectFrom('participant')
				.leftJoin('table_member', 'table_member.participant_id', 'participant.id')
				.select(['participant.id', 'participant.sector', 'table_member.table_id'])
				.where('participant.concertation_id', '=', concertation.id)
				.execute();
			// A fresh seed by default; the facilitator may replay one to reproduce a run.
			const seed = input.seed ?? randomInt(0, 2 ** 32 - 1);
			const plan = autoAssign(
				participants.map((p) => ({ id: p.id, sector: p.sector, tableId: p.table_id })),
				tables.map((t) => ({ id: t.id, capacity: t.capacity })),
				seed
			);
			for (const { participantId, tableId } of plan.assignments) {
				await seat(tx, participantId, tableId, 'auto');
			}
			await tx
				.insertInto('table_assignment_run')
				.values({
					concertation_id: concertation.id,
					seed,
					assigned: plan.assignments.length,
					unassigned: plan.unassigned.length,
					created_at: now.toISOString()
				})
				.execute();
			const result = {
				seed,
				assigned: plan.assignments.length,
				unassigned: plan.unassigned
			};
			const touched = [...new Set(plan.assignments.map((a) => a.tableId))];
			return tableChanged(tx, result, touched);
		}
	}
});
