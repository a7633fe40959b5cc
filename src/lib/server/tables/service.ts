/**
 * Discussion tables: the commands, the `tables` section and the participant's own table.
 *
 * Rules (who may do what, when) come from ./rules; this module reads the current state,
 * applies them and writes, inside the command's transaction (see realtime/commands.ts).
 *
 * Visibility: a table's items reach only its members (in their self view, sent again to the
 * members after every change of their table), facilitators and the projector (`tables`
 * section with `details`). Other phones get names, priorities, seats and counts.
 *
 * Closing: `tables.close` freezes everything until `tables.reopen`; moving the programme past
 * the tables phase freezes it too (going back reopens it). Either way participants and the
 * facilitator get `phase_closed`.
 */
import { registerAnonymiser } from '../concertation/anonymise';
import type { TablesDb, TablesTx, TablesTables } from './schema';
import { randomInt } from 'node:crypto';
import {
	TABLE_LIMITS,
	type SectionName,
	type TableItemView,
	type TablesSection
} from '../../protocol';
import type { Actor } from '../auth/actor';
import { nowIso } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import {
	discussionTableOutcomes,
	provideTableOutcomes,
	selectedPriorities,
	type TableOutcomeItem
} from '../ports';
import { registerCommands, type CommandOutcome } from '../realtime/commands';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import { cleanLine, requireReadableName, textLength } from '../text';
import {
	applyItemDelete,
	applyItemEdit,
	applyJustificationEdit,
	assertCanEditSynthesis,
	assertCanEditTableItem,
	assertCanManageTables,
	assertCanReleaseRapporteur,
	assertCanSeat,
	assertCanSetNameConsent,
	assertCanTakeRapporteur,
	autoAssign,
	planTables,
	plannedTableName,
	validateCapacity,
	validateItemInput,
	type TablesActor
} from './rules';
import type { DiscussionTable, SeatedBy } from './schema';
import {
	currentStatus,
	findItem,
	findTable,
	itemView,
	listTables,
	memberCount,
	summaryOnly,
	tableOf,
	tableViews,
	withoutUnconsentedName
} from './store';

// The limits forms show (protocol), enforced here.
export const MAX_TABLE_NAME_LENGTH = TABLE_LIMITS.name;
export const MAX_PRIORITY_LENGTH = TABLE_LIMITS.priority;

function refuse(code: string, params: Record<string, string | number> = {}): never {
	throw new DomainError(code, params, `tables:errors.${code}`);
}

// ---------------------------------------------------------------------------------------------
// Context of a command
// ---------------------------------------------------------------------------------------------

async function tablesActor(tx: TablesTx, actor: Actor): Promise<TablesActor> {
	if (actor.kind === 'facilitator') return { kind: 'facilitator' };
	if (actor.kind !== 'participant') refuse('forbidden');
	return {
		kind: 'participant',
		participantId: actor.participantId,
		tableId: await tableOf(tx, actor.participantId)
	};
}

async function requireTable(
	tx: TablesTx,
	concertation: Concertation,
	tableId: number
): Promise<DiscussionTable> {
	const table = await findTable(tx, concertation.id, tableId);
	if (!table) refuse('not_found');
	return table;
}

async function memberIds(tx: TablesTx, tableIds: (number | null)[]): Promise<number[]> {
	const ids = tableIds.filter((id): id is number => id !== null);
	if (ids.length === 0) return [];
	const rows = await tx
		.selectFrom('table_member')
		.select('participant_id')
		.where('table_id', 'in', ids)
		.execute();
	return rows.map((row) => row.participant_id);
}

async function stateRow(tx: TablesTx, concertationId: number) {
	await tx
		.insertInto('tables_state')
		.values({ concertation_id: concertationId, closed_at: null, spotlight_table_id: null })
		.onConflict((oc) => oc.column('concertation_id').doNothing())
		.execute();
}

/** The change every table edit announces: the overview, and the members' own table. */
async function tableChanged<R>(
	tx: TablesTx,
	result: R,
	tableIds: (number | null)[],
	extraParticipants: number[] = []
): Promise<CommandOutcome<R>> {
	const members = await memberIds(tx, tableIds);
	return {
		result,
		changed: ['tables'],
		selfChanged: [...new Set([...members, ...extraParticipants])]
	};
}

function unchanged<R>(result: R): CommandOutcome<R> {
	return { result, changed: [] as SectionName[] };
}

// ---------------------------------------------------------------------------------------------
// Text typed by the facilitator
// ---------------------------------------------------------------------------------------------

function tableName(raw: string, fallback: string): string {
	const name = cleanLine(raw);
	if (textLength(name) > MAX_TABLE_NAME_LENGTH) {
		refuse('tables_name_too_long', { max: MAX_TABLE_NAME_LENGTH });
	}
	return requireReadableName(name, 'name') || fallback;
}

function priorityLabel(raw: { fr: string; nl: string }): { fr: string; nl: string } {
	const fr = cleanLine(raw.fr);
	const nl = cleanLine(raw.nl);
	if (!fr && !nl) refuse('tables_priority_empty');
	if (textLength(fr) > MAX_PRIORITY_LENGTH || textLength(nl) > MAX_PRIORITY_LENGTH) {
		refuse('tables_priority_too_long', { max: MAX_PRIORITY_LENGTH });
	}
	return { fr, nl };
}

// ---------------------------------------------------------------------------------------------
// Seating
// ---------------------------------------------------------------------------------------------

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

async function requireParticipantOf(
	tx: TablesTx,
	concertation: Concertation,
	participantId: number
) {
	const participant = await tx
		.selectFrom('participant')
		.select(['id', 'locale'])
		.where('id', '=', participantId)
		.where('concertation_id', '=', concertation.id)
		.executeTakeFirst();
	if (!participant) refuse('not_found');
	return participant;
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

registerCommands<TablesTables>({
	'tables.plan': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, { maxPerTable }) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			if ((await listTables(tx, concertation.id)).length > 0) refuse('tables_already_planned');
			const priorities = await selectedPriorities(tx, concertation.id);
			if (priorities.length === 0) refuse('tables_no_priorities');
			const people = await tx
				.selectFrom('participant')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('concertation_id', '=', concertation.id)
				.executeTakeFirstOrThrow();
			const plan = planTables(
				priorities.map((p) => ({ candidateId: p.candidateId, label: p.label.fr })),
				Number(people.n),
				maxPerTable === undefined ? {} : { maxPerTable }
			);
			const order = [...new Set(plan.map((t) => t.candidateId))];
			const now = nowIso();
			for (const [position, planned] of plan.entries()) {
				const priority = priorities.find((p) => p.candidateId === planned.candidateId);
				if (!priority) continue;
				await tx
					.insertInto('discussion_table')
					.values({
						concertation_id: concertation.id,
						name: plannedTableName(order.indexOf(planned.candidateId) + 1, planned),
						position,
						candidate_id: planned.candidateId,
						// Tables keep French and Dutch only: an option typed in English and never
						// translated keeps its words in the first column rather than none.
						priority_fr: priority.label.fr || (priority.label.nl ? '' : (priority.label.en ?? '')),
						priority_nl: priority.label.nl,
						capacity: planned.capacity,
						rapporteur_id: null,
						justification_updated_at: null,
						created_at: now
					})
					.execute();
			}
			return { result: { created: plan.length }, changed: ['tables'] };
		}
	},

	'tables.create': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, input) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const existing = await listTables(tx, concertation.id);
			const position = existing.reduce((max, t) => Math.max(max, t.position + 1), 0);
			const priority = priorityLabel(input.priority);
			const created = await tx
				.insertInto('discussion_table')
				.values({
					concertation_id: concertation.id,
					name: tableName(input.name, String(existing.length + 1)),
					position,
					candidate_id: input.candidateId ?? null,
					priority_fr: priority.fr,
					priority_nl: priority.nl,
					capacity: validateCapacity(input.capacity),
					rapporteur_id: null,
					justification_updated_at: null,
					created_at: nowIso()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { tableId: created.id }, changed: ['tables'] };
		}
	},

	'tables.update': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, input) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const table = await requireTable(tx, concertation, input.tableId);
			const priority = input.priority ? priorityLabel(input.priority) : undefined;
			await tx
				.updateTable('discussion_table')
				.set({
					...(input.name !== undefined ? { name: tableName(input.name, table.name) } : {}),
					...(priority ? { priority_fr: priority.fr, priority_nl: priority.nl } : {}),
					...(input.capacity !== undefined ? { capacity: validateCapacity(input.capacity) } : {})
				})
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, { tableId: table.id }, [table.id]);
		}
	},

	'tables.delete': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, { tableId }) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const table = await requireTable(tx, concertation, tableId);
			const items = await tx
				.selectFrom('table_note')
				.select('id')
				.where('table_id', '=', table.id)
				.where('deleted', '=', 0)
				.executeTakeFirst();
			// What a table wrote is the session's output: never dropped by a stray click.
			if (items) refuse('tables_not_empty');
			const seated = await memberIds(tx, [table.id]);
			await tx.deleteFrom('discussion_table').where('id', '=', table.id).execute();
			return { result: { tableId: table.id }, changed: ['tables'], selfChanged: seated };
		}
	},

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
	},

	'tables.rapporteur.take': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation }, input) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, input.tableId);
			let candidateId: number;
			if (who.kind === 'participant') candidateId = who.participantId;
			else if (input.participantId !== undefined) candidateId = input.participantId;
			else throw new DomainError('invalid', { detail: 'participantId' });
			if (who.kind === 'facilitator') await requireParticipantOf(tx, concertation, candidateId);
			assertCanTakeRapporteur(
				who,
				{ id: table.id, rapporteurId: table.rapporteur_id },
				{ participantId: candidateId, tableId: await tableOf(tx, candidateId) },
				await currentStatus(tx, concertation)
			);
			const result = { tableId: table.id, rapporteurId: candidateId };
			// A volunteer says on the spot whether they may be named (default yes); someone named
			// by the facilitator is asked on their phone, and stays unnamed until they answer.
			const showName = who.kind === 'participant' ? (input.showName ?? true) : null;
			if (table.rapporteur_id === candidateId) {
				if (who.kind === 'facilitator' || (table.rapporteur_show_name === 1) === showName)
					return unchanged(result);
			}
			await tx
				.updateTable('discussion_table')
				.set({
					rapporteur_id: candidateId,
					rapporteur_show_name: showName === null ? null : showName ? 1 : 0
				})
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, result, [table.id]);
		}
	},

	'tables.rapporteur.release': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation }, { tableId }) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, tableId);
			assertCanReleaseRapporteur(
				who,
				{ rapporteurId: table.rapporteur_id },
				await currentStatus(tx, concertation)
			);
			if (table.rapporteur_id === null) return unchanged({ tableId });
			await tx
				.updateTable('discussion_table')
				.set({ rapporteur_id: null, rapporteur_show_name: null })
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, { tableId }, [table.id]);
		}
	},

	// The rapporteur's own answer: only they can consent to their name on the projector.
	'tables.rapporteur.showName': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { tableId, showName }) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, tableId);
			assertCanSetNameConsent(who, { rapporteurId: table.rapporteur_id });
			const result = { tableId, showName };
			if (table.rapporteur_show_name === (showName ? 1 : 0)) return unchanged(result);
			await tx
				.updateTable('discussion_table')
				.set({ rapporteur_show_name: showName ? 1 : 0 })
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, result, [table.id]);
		}
	},

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
	},

	'tables.close': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			await stateRow(tx, concertation.id);
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
			await stateRow(tx, concertation.id);
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
			await stateRow(tx, concertation.id);
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

// ---------------------------------------------------------------------------------------------
// What each audience sees
// ---------------------------------------------------------------------------------------------

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
	if (withContent) section.details = details;
	if (audience === 'facilitator') {
		const unassigned = await db
			.selectFrom('participant')
			.leftJoin('table_member', 'table_member.participant_id', 'participant.id')
			.select([
				'participant.id',
				'participant.display_name',
				'participant.organisation',
				'participant.sector'
			])
			.where('participant.concertation_id', '=', concertation.id)
			.where('table_member.table_id', 'is', null)
			.orderBy('participant.display_name')
			.orderBy('participant.id')
			.execute();
		section.unassigned = unassigned.map((p) => ({
			id: p.id,
			displayName: p.display_name,
			organisation: p.organisation,
			sector: p.sector
		}));
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

provideTableOutcomes(async (db, concertationId) => {
	const tables = await tableViews(db, concertationId, { withContent: true });
	return tables.map((table) => {
		const list = (category: TableItemView['category']): TableOutcomeItem[] => {
			const items = table.items.filter((item) => item.category === category);
			return [...items.filter((i) => i.key), ...items.filter((i) => !i.key)].map((item) => ({
				id: item.id,
				text: item.text,
				key: item.key,
				language: item.language
			}));
		};
		return {
			id: table.id,
			name: table.name,
			candidateId: table.candidateId,
			priority: table.priority,
			barriers: list('barrier'),
			levers: list('lever'),
			collaborations: list('collaboration'),
			actors: list('actor'),
			// Named in the report only with their consent to be named as rapporteur (see
			// TableSummaryView.rapporteur); the restitution also checks the attendance consent.
			rapporteur: table.rapporteur?.showName ? table.rapporteur.displayName : null,
			rapporteurParticipantId: table.rapporteur?.id ?? null,
			justification: table.justification
		};
	});
});

/** Re-exported for the restitution and scripts that read a finished session. */
export { discussionTableOutcomes };

// Anonymised: rapporteurs are no longer named (their consent to be named is withdrawn).
registerAnonymiser<TablesTables>(async (tx, concertationId) => {
	await tx
		.updateTable('discussion_table')
		.set({ rapporteur_show_name: 0 })
		.where('concertation_id', '=', concertationId)
		.execute();
	return ['tables'];
});
