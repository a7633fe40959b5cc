/**
 * The tables as a whole: closed by the facilitator and reopened, and the table the projector
 * shows alone during the restitution.
 *
 * Closing: `tables.close` freezes everything until `tables.reopen`; moving the programme past
 * the tables phase freezes it too (going back reopens it). Either way participants and the
 * facilitator get `phase_closed` (see `currentStatus` in ./store).
 */
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import { requireTable } from './context';
import type { TablesTables, TablesTx } from './schema';

/** The concertation's row of `tables_state`, created on first use. */
async function ensureStateRow(tx: TablesTx, concertationId: number) {
	await tx
		.insertInto('tables_state')
		.values({ concertation_id: concertationId, closed_at: null, spotlight_table_id: null })
		.onConflict((oc) => oc.column('concertation_id').doNothing())
		.execute();
}

registerCommands<TablesTables>({
	'tables.close': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			await ensureStateRow(tx, concertation.id);
			await tx
				.updateTable('tables_state')
				.set({ closed_at: now.toISOString() })
				.where('concertation_id', '=', concertation.id)
				.where('closed_at', 'is', null)
				.execute();
			return { result: {}, changed: ['tables'] };
		}
	},

	'tables.reopen': {
		allow: ['facilitator'],
		async run({ tx, concertation }) {
			if (concertation.status === 'closed') throw new DomainError('session_closed');
			await ensureStateRow(tx, concertation.id);
			await tx
				.updateTable('tables_state')
				.set({ closed_at: null })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: {}, changed: ['tables'] };
		}
	},

	// What the projector shows in the restitution: not the tables' content, so allowed after
	// the tables are closed (that is when it is used).
	'tables.spotlight': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { tableId, page }) {
			if (tableId !== null) await requireTable(tx, concertation, tableId);
			await ensureStateRow(tx, concertation.id);
			// The page is stored as asked; the projector clamps it to the table's last page.
			const spotlightPage = tableId === null ? 0 : (page ?? 0);
			await tx
				.updateTable('tables_state')
				.set({ spotlight_table_id: tableId, spotlight_page: spotlightPage })
				.where('concertation_id', '=', concertation.id)
				.execute();
			return { result: { tableId, page: spotlightPage }, changed: ['tables'] };
		}
	}
});
