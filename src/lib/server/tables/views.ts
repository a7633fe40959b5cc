/**
 * What each audience sees of the discussion tables: the `tables` section (the overview for
 * everyone; each table's content for facilitators and the projector; who still has no table,
 * the priorities and the last automatic assignment for facilitators) and a participant's own
 * table in their self view.
 */
import { type TablesSection } from '../../protocol';
import type { Concertation } from '../db/schema';
import { selectedPriorities } from '../ports';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import type { TablesDb, TablesTables } from './schema';
import { summaryOnly, tableOf, tableViews, withMemberIds, withoutUnconsentedName } from './store';

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

registerSelfBuilder<TablesTables>(async (db, participant) => {
	// The version first: the table read after it is at least that recent (see TablesSelfPart).
	const concertation = await db
		.selectFrom('concertation')
		.select('version')
		.where('id', '=', participant.concertation_id)
		.executeTakeFirst();
	const tableId = await tableOf(db, participant.id);
	const [table] =
		tableId === null
			? []
			: await tableViews(db, participant.concertation_id, {
					withContent: true,
					onlyTableId: tableId
				});
	return { tables: { stamp: concertation?.version ?? 0, table: table ?? null } };
});
