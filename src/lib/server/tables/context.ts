/**
 * What every discussion-tables command needs: who acts (as the rules see them), the table or
 * participant it names (checked to belong to this concertation), and what it announces.
 *
 * The commands are grouped by concern (planning.ts, seating.ts, rapporteur.ts, items.ts,
 * lifecycle.ts); each reads the current state, applies ./rules and writes, inside the
 * command's transaction (see realtime/commands.ts).
 *
 * Visibility: a table's items reach only its members (in their self view, sent again to the
 * members after every change of their table), facilitators and the projector (`tables`
 * section with `details`, views.ts). Other phones get names, priorities, seats and counts.
 */
import type { SectionName } from '../../protocol';
import type { Actor } from '../auth/actor';
import type { Concertation } from '../db/schema';
import type { CommandOutcome } from '../realtime/commands';
import { refuse, type TablesActor } from './rules';
import type { DiscussionTable, TablesTx } from './schema';
import { findTable, tableOf } from './store';

export async function tablesActor(tx: TablesTx, actor: Actor): Promise<TablesActor> {
	if (actor.kind === 'facilitator') return { kind: 'facilitator' };
	if (actor.kind !== 'participant') refuse('forbidden');
	return {
		kind: 'participant',
		participantId: actor.participantId,
		tableId: await tableOf(tx, actor.participantId)
	};
}

export async function requireTable(
	tx: TablesTx,
	concertation: Concertation,
	tableId: number
): Promise<DiscussionTable> {
	const table = await findTable(tx, concertation.id, tableId);
	if (!table) refuse('not_found');
	return table;
}

export async function requireParticipantOf(
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

export async function memberIds(tx: TablesTx, tableIds: (number | null)[]): Promise<number[]> {
	const ids = tableIds.filter((id): id is number => id !== null);
	if (ids.length === 0) return [];
	const rows = await tx
		.selectFrom('table_member')
		.select('participant_id')
		.where('table_id', 'in', ids)
		.execute();
	return rows.map((row) => row.participant_id);
}

/** The change every table edit announces: the overview, and the members' own table. */
export async function tableChanged<R>(
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

export function unchanged<R>(result: R): CommandOutcome<R> {
	return { result, changed: [] as SectionName[] };
}
