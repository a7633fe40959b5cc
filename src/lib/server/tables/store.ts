/**
 * Discussion tables: reading the database into views. Writes live in the commands
 * (planning.ts, seating.ts, rapporteur.ts, items.ts, lifecycle.ts), inside their transactions.
 */
import type { TablesDb } from './schema';
import {
	TABLE_ITEM_CATEGORIES,
	localizedFromColumns,
	tablesStatus,
	type PhaseKind,
	type TableDetailView,
	type TableItemView,
	type TableMemberView,
	type TableWithMemberIdsView,
	type TablesStatus,
	type TableSummaryView
} from '../../protocol';

import type { Concertation } from '../db/schema';
import { tableSummary } from './rules';
import type { DiscussionTable, TableNote } from './schema';

export async function listTables(db: TablesDb, concertationId: number): Promise<DiscussionTable[]> {
	return db
		.selectFrom('discussion_table')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function findTable(
	db: TablesDb,
	concertationId: number,
	tableId: number
): Promise<DiscussionTable | undefined> {
	return db
		.selectFrom('discussion_table')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.where('id', '=', tableId)
		.executeTakeFirst();
}

/** The table of each of these participants who sits at one. */
export async function tablesOf(
	db: TablesDb,
	participantIds: readonly number[]
): Promise<Map<number, number>> {
	const rows = await db
		.selectFrom('table_member')
		.select(['participant_id', 'table_id'])
		.where('participant_id', 'in', participantIds)
		.execute();
	return new Map(rows.map((row) => [row.participant_id, row.table_id]));
}

export async function tableOf(db: TablesDb, participantId: number): Promise<number | null> {
	const row = await db
		.selectFrom('table_member')
		.select('table_id')
		.where('participant_id', '=', participantId)
		.executeTakeFirst();
	return row?.table_id ?? null;
}

export async function memberCount(db: TablesDb, tableId: number): Promise<number> {
	const row = await db
		.selectFrom('table_member')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('table_id', '=', tableId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function closedByFacilitator(db: TablesDb, concertationId: number): Promise<boolean> {
	const row = await db
		.selectFrom('tables_state')
		.select('closed_at')
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return Boolean(row?.closed_at);
}

/** Where the tables stand now: see `tablesStatus` in the protocol (shared with clients). */
export async function currentStatus(
	db: TablesDb,
	concertation: Concertation
): Promise<TablesStatus> {
	const phases = await db
		.selectFrom('phase')
		.select(['id', 'kind', 'position'])
		.where('concertation_id', '=', concertation.id)
		.execute();
	return tablesStatus({
		sessionStatus: concertation.status,
		currentPhaseId: concertation.current_phase_id,
		phases: phases.map((p) => ({ ...p, kind: p.kind as PhaseKind })),
		closedByFacilitator: await closedByFacilitator(db, concertation.id)
	});
}

type NoteRow = TableNote & { author_name: string | null };

export function itemView(note: NoteRow): TableItemView {
	return {
		id: note.id,
		tableId: note.table_id,
		category: note.category,
		text: note.text,
		key: note.is_key === 1,
		revision: note.revision,
		authorName: note.author_name ?? '',
		language: note.language,
		createdAt: note.created_at,
		updatedAt: note.updated_at
	};
}

export async function findItem(db: TablesDb, itemId: number): Promise<NoteRow | undefined> {
	return db
		.selectFrom('table_note')
		.leftJoin('participant', 'participant.id', 'table_note.author_participant_id')
		.selectAll('table_note')
		.select('participant.display_name as author_name')
		.where('table_note.id', '=', itemId)
		.executeTakeFirst();
}

/** Rows grouped by their table, in their order (Node 20 has no Map.groupBy). */
function byTable<Row>(rows: Row[], tableIdOf: (row: Row) => number): Map<number, Row[]> {
	const groups = new Map<number, Row[]>();
	for (const row of rows) {
		const group = groups.get(tableIdOf(row));
		if (group) group.push(row);
		else groups.set(tableIdOf(row), [row]);
	}
	return groups;
}

interface MemberRow extends TableMemberView {
	tableId: number;
}

/**
 * Every table of a concertation (or only `onlyTableIds`), summarised, and with members and
 * items when `withContent`. Three queries whatever the number of tables.
 */
export async function tableViews(
	db: TablesDb,
	concertationId: number,
	options: { withContent: boolean; onlyTableIds?: readonly number[] }
): Promise<TableDetailView[]> {
	let tablesQuery = db
		.selectFrom('discussion_table')
		.leftJoin('participant', 'participant.id', 'discussion_table.rapporteur_id')
		.selectAll('discussion_table')
		.select('participant.display_name as rapporteur_name')
		.where('discussion_table.concertation_id', '=', concertationId);
	if (options.onlyTableIds !== undefined) {
		if (options.onlyTableIds.length === 0) return [];
		tablesQuery = tablesQuery.where('discussion_table.id', 'in', options.onlyTableIds);
	}
	const tables = await tablesQuery
		.orderBy('discussion_table.position')
		.orderBy('discussion_table.id')
		.execute();
	if (tables.length === 0) return [];
	const ids = tables.map((t) => t.id);

	const members: MemberRow[] = (
		await db
			.selectFrom('table_member')
			.innerJoin('participant', 'participant.id', 'table_member.participant_id')
			.select([
				'table_member.table_id',
				'participant.id',
				'participant.display_name',
				'participant.organisation',
				'participant.sector'
			])
			.where('table_member.table_id', 'in', ids)
			.orderBy('participant.display_name')
			.orderBy('participant.id')
			.execute()
	).map((row) => ({
		tableId: row.table_id,
		id: row.id,
		displayName: row.display_name,
		organisation: row.organisation,
		sector: row.sector
	}));

	const membersByTable = byTable(members, (member) => member.tableId);

	const notes: NoteRow[] = await db
		.selectFrom('table_note')
		.leftJoin('participant', 'participant.id', 'table_note.author_participant_id')
		.selectAll('table_note')
		.select('participant.display_name as author_name')
		.where('table_note.table_id', 'in', ids)
		.orderBy('table_note.id')
		.execute();

	const notesByTable = byTable(notes, (note) => note.table_id);

	return tables.map((table) => {
		const tableNotes = notesByTable.get(table.id) ?? [];
		const summary = tableSummary(
			tableNotes.map((n) => ({
				category: n.category,
				deleted: n.deleted === 1,
				key: n.is_key === 1,
				updatedAt: n.updated_at
			}))
		);
		const justifiedAt = table.justification_updated_at;
		const lastActivityAt =
			justifiedAt && (!summary.lastActivityAt || justifiedAt > summary.lastActivityAt)
				? justifiedAt
				: summary.lastActivityAt;
		const tableMembers = membersByTable.get(table.id) ?? [];
		const view: TableSummaryView = {
			id: table.id,
			name: table.name,
			position: table.position,
			candidateId: table.candidate_id,
			priority: localizedFromColumns(table.priority_fr, table.priority_nl, table.priority_en),
			capacity: table.capacity,
			memberCount: tableMembers.length,
			rapporteur:
				table.rapporteur_id !== null
					? {
							id: table.rapporteur_id,
							displayName: table.rapporteur_name ?? '',
							showName:
								table.rapporteur_show_name === null ? null : table.rapporteur_show_name === 1
						}
					: null,
			counts: summary.counts,
			total: summary.total,
			keyCount: summary.keyCount,
			lastActivityAt
		};
		if (!options.withContent) {
			return { ...view, members: [], items: [], justification: '', justificationRevision: 0 };
		}
		return {
			...view,
			members: tableMembers.map(({ tableId: _tableId, ...member }) => member),
			items: tableNotes
				.filter((n) => n.deleted === 0)
				// Category order as printed, then the order they were added.
				.sort(
					(a, b) =>
						TABLE_ITEM_CATEGORIES.indexOf(a.category) - TABLE_ITEM_CATEGORIES.indexOf(b.category) ||
						a.id - b.id
				)
				.map(itemView),
			justification: table.justification,
			justificationRevision: table.justification_revision
		};
	});
}

export function withMemberIds({ members, ...content }: TableDetailView): TableWithMemberIdsView {
	return { ...content, memberIds: members.map((member) => member.id) };
}

export function summaryOnly(view: TableDetailView): TableSummaryView {
	const {
		members: _members,
		items: _items,
		justification: _justification,
		justificationRevision: _revision,
		...summary
	} = view;
	return summary;
}

/**
 * The view for audiences that may only see a rapporteur's name with their consent (the
 * projector, other tables' phones): the name is blanked unless `showName` is true.
 */
export function withoutUnconsentedName(view: TableDetailView): TableDetailView {
	if (!view.rapporteur || view.rapporteur.showName === true) return view;
	return { ...view, rapporteur: { ...view.rapporteur, displayName: '' } };
}
