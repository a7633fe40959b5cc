/**
 * What each audience sees of the discussion tables: the `tables` section (the overview for
 * everyone; each table's content for facilitators and the projector; who still has no table,
 * the priorities and the last automatic assignment for facilitators) and a participant's own
 * table in their self view.
 */
import { type TablesSection, type TablesSelf } from '../../protocol';
import type { Concertation } from '../db/schema';
import { selectedPriorities } from '../ports';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import type { TablesDb, TablesTables } from './schema';
import { summaryOnly, tablesOf, tableViews, withMemberIds, withoutUnconsentedName } from './store';

export async function tablesSection(
	db: TablesDb,
	concertation: Concertation,
	audience: 'facilitator' | 'screen' | 'participant'
): Promise<TablesSection> {
	const state = await db
		.selectFrom('tables_state')
		.selectAll()
		.where('concertation_id', '=', concertation.id)
		.executeTakeFirst();
	const withContent = audience !== 'participant';
	const views = await tableViews(db, concertation.id, { withContent });
	// Only the facilitator sees a rapporteur's name without the rapporteur's consent.
	const details = audience === 'facilitator' ? views : views.map(withoutUnconsentedName);
	const section: TablesSection = {
		closedByFacilitator: Boolean(state?.closed_at),
		tables: details.map(summaryOnly),
		spotlightTableId: state?.spotlight_table_id ?? null,
		spotlightPage: state?.spotlight_page ?? 0
	};
	// People by id: the consoles know them from the roster, the projector shows no one.
	if (withContent) section.details = details.map(withMemberIds);
	if (audience === 'facilitator') {
		const unassigned = await db
			.selectFrom('participant')
			.leftJoin('table_member', 'table_member.participant_id', 'participant.id')
			.select('participant.id')
			.where('participant.concertation_id', '=', concertation.id)
			.where('table_member.table_id', 'is', null)
			.orderBy('participant.display_name')
			.orderBy('participant.id')
			.execute();
		section.unassignedIds = unassigned.map((p) => p.id);
		section.priorities = await selectedPriorities(db, concertation.id);
		const run = await db
			.selectFrom('table_assignment_run')
			.selectAll()
			.where('concertation_id', '=', concertation.id)
			.orderBy('id', 'desc')
			.executeTakeFirst();
		section.lastAssignment = run
			? { seed: run.seed, assigned: run.assigned, unassigned: run.unassigned, at: run.created_at }
			: null;
	}
	return section;
}

registerSection<'tables', TablesTables>('tables', (db, concertation, audience) =>
	tablesSection(db, concertation, audience)
);

registerSelfBuilder<TablesTables>(async (db, participants) => {
	const parts = new Map<number, TablesSelf>();
	// Participants of several concertations may be asked together: each concertation's apart.
	for (const concertationId of new Set(participants.map((p) => p.concertation_id))) {
		const here = participants.filter((p) => p.concertation_id === concertationId);
		// The version first: the tables read after it are at least that recent (see TablesSelfPart).
		const concertation = await db
			.selectFrom('concertation')
			.select('version')
			.where('id', '=', concertationId)
			.executeTakeFirst();
		const seats = await tablesOf(
			db,
			here.map((participant) => participant.id)
		);
		const tables = await tableViews(db, concertationId, {
			withContent: true,
			onlyTableIds: [...new Set(seats.values())]
		});
		const byId = new Map(tables.map((table) => [table.id, table]));
		for (const participant of here) {
			const tableId = seats.get(participant.id);
			parts.set(participant.id, {
				tables: {
					stamp: concertation?.version ?? 0,
					table: (tableId === undefined ? undefined : byId.get(tableId)) ?? null
				}
			});
		}
	}
	return participants.map((participant) => parts.get(participant.id)!);
});
