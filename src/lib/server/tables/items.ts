/**
 * What a table writes: its items (barriers, levers, collaborations, actors), the key ones
 * the rapporteur marks, and the rapporteur's justification. Edits carry the revision they
 * were based on, so that two people writing at once never lose a change unseen (./rules,
 * "Concurrent edits").
 */
import type { TableItemView } from '../../protocol';
import type { Concertation } from '../db/schema';
import { registerCommands } from '../realtime/commands';
import {
	requireParticipantOf,
	requireTable,
	tableChanged,
	tablesActor,
	unchanged
} from './context';
import {
	applyItemDelete,
	applyItemEdit,
	applyJustificationEdit,
	assertCanEditSynthesis,
	assertCanEditTableItem,
	refuse,
	validateItemInput
} from './rules';
import type { TablesTables, TablesTx } from './schema';
import { currentStatus, findItem, findTable, itemView } from './store';

/** The item, checked to belong to this concertation, with its table. */
async function requireItem(tx: TablesTx, concertation: Concertation, itemId: number) {
	const item = await findItem(tx, itemId);
	if (!item) refuse('not_found');
	const table = await findTable(tx, concertation.id, item.table_id);
	if (!table) refuse('not_found');
	return { item, table };
}

async function freshItem(tx: TablesTx, itemId: number): Promise<TableItemView> {
	const item = await findItem(tx, itemId);
	if (!item) throw new Error(`item ${itemId} vanished inside its own transaction`);
	return itemView(item);
}

registerCommands<TablesTables>({
	'tables.item.add': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation, now }, input) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, input.tableId);
			assertCanEditTableItem(who, table, await currentStatus(tx, concertation));
			const { category, text } = validateItemInput(input);
			const author =
				who.kind === 'participant'
					? await requireParticipantOf(tx, concertation, who.participantId)
					: null;
			const at = now.toISOString();
			const created = await tx
				.insertInto('table_note')
				.values({
					table_id: table.id,
					category,
					text,
					author_participant_id: author?.id ?? null,
					language: author?.locale ?? '',
					created_at: at,
					updated_at: at
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return tableChanged(tx, { item: await freshItem(tx, created.id) }, [table.id]);
		}
	},

	'tables.item.edit': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation, now }, { itemId, text, baseRevision }) {
			const who = await tablesActor(tx, actor);
			const { item, table } = await requireItem(tx, concertation, itemId);
			assertCanEditTableItem(who, table, await currentStatus(tx, concertation));
			const change = applyItemEdit(
				{ text: item.text, revision: item.revision, deleted: item.deleted === 1 },
				{ text, baseRevision }
			);
			if (!change.changed) return unchanged({ item: itemView(item) });
			await tx
				.updateTable('table_note')
				.set({ text: change.text, revision: change.revision, updated_at: now.toISOString() })
				.where('id', '=', item.id)
				.execute();
			return tableChanged(tx, { item: await freshItem(tx, item.id) }, [table.id]);
		}
	},

	'tables.item.delete': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation, now }, { itemId, baseRevision }) {
			const who = await tablesActor(tx, actor);
			const { item, table } = await requireItem(tx, concertation, itemId);
			assertCanEditTableItem(who, table, await currentStatus(tx, concertation));
			const change = applyItemDelete(
				{ text: item.text, revision: item.revision, deleted: item.deleted === 1 },
				{ baseRevision }
			);
			if (!change.changed) return unchanged({ itemId });
			await tx
				.updateTable('table_note')
				.set({ deleted: 1, revision: change.revision, updated_at: now.toISOString() })
				.where('id', '=', item.id)
				.execute();
			return tableChanged(tx, { itemId }, [table.id]);
		}
	},

	'tables.item.key': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation, now }, { itemId, key }) {
			const who = await tablesActor(tx, actor);
			const { item, table } = await requireItem(tx, concertation, itemId);
			assertCanEditSynthesis(
				who,
				{ id: table.id, rapporteurId: table.rapporteur_id },
				await currentStatus(tx, concertation)
			);
			if (item.deleted === 1) refuse('not_found');
			if ((item.is_key === 1) === key) return unchanged({ item: itemView(item) });
			await tx
				.updateTable('table_note')
				.set({ is_key: key ? 1 : 0, updated_at: now.toISOString() })
				.where('id', '=', item.id)
				.execute();
			return tableChanged(tx, { item: await freshItem(tx, item.id) }, [table.id]);
		}
	},

	'tables.justification.set': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation, now }, { tableId, text, baseRevision }) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, tableId);
			assertCanEditSynthesis(
				who,
				{ id: table.id, rapporteurId: table.rapporteur_id },
				await currentStatus(tx, concertation)
			);
			const change = applyJustificationEdit(
				{ text: table.justification, revision: table.justification_revision },
				{ text, baseRevision }
			);
			const result = { tableId, text: change.text, revision: change.revision };
			if (!change.changed) return unchanged(result);
			await tx
				.updateTable('discussion_table')
				.set({
					justification: change.text,
					justification_revision: change.revision,
					justification_updated_at: now.toISOString()
				})
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, result, [table.id]);
		}
	}
});
