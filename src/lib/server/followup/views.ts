/**
 * What each audience sees of the follow-up: the series' actions with their status and
 * progress note, how the projector shows them, and the opinions (approved ones for phones and
 * the projector, every one with its author for the console); a participant's own opinions in
 * their self view, in the language they typed them in.
 */
import {
	localizedFromColumns,
	type FollowupActionView,
	type FollowupOpinionView,
	type FollowupView
} from '../../protocol';
import { listActions } from '../actions/service';
import type { Concertation } from '../db/schema';
import { registerSection, registerSelfBuilder, rowsPerParticipant } from '../realtime/sections';
import { inOwnLanguage } from '../submissions/service';
import type { FollowupDb, FollowupTables, FollowupTx } from './schema';

/** How the actions are shown (a list, or one at a time), stored or the default. */
export async function displayRow(db: FollowupDb | FollowupTx, concertationId: number) {
	return (
		(await db
			.selectFrom('followup_display')
			.selectAll()
			.where('concertation_id', '=', concertationId)
			.executeTakeFirst()) ?? {
			concertation_id: concertationId,
			mode: 'list' as const,
			current_action_id: null
		}
	);
}

/** The ids of the actions of the concertation's series (none without a series). */
export async function seriesActionIds(
	db: FollowupDb | FollowupTx,
	concertation: Pick<Concertation, 'series_id'>
): Promise<number[]> {
	if (concertation.series_id === null) return [];
	const rows = await db
		.selectFrom('series_action')
		.select('id')
		.where('series_id', '=', concertation.series_id)
		.execute();
	return rows.map((row) => row.id);
}

export async function followupView(
	db: FollowupDb,
	concertation: Concertation,
	forFacilitator: boolean
): Promise<FollowupView> {
	// Most concertations belong to no series, or their series has no actions: one query.
	const seriesId = concertation.series_id;
	if (seriesId === null)
		return { seriesId, mode: 'list', currentId: null, actions: [], opinions: [] };
	const actions = (await listActions(db, seriesId)).map((action): FollowupActionView => ({
		id: action.id,
		title: action.title,
		description: action.description,
		status: action.status,
		progressNote: action.progressNote,
		dueDate: action.dueDate,
		leadOrganisations: action.leadOrganisations
	}));
	if (actions.length === 0)
		return { seriesId, mode: 'list', currentId: null, actions, opinions: [] };
	let query = db
		.selectFrom('followup_opinion')
		.leftJoin('participant', 'participant.id', 'followup_opinion.participant_id')
		.selectAll('followup_opinion')
		.select('participant.display_name as author')
		.where('followup_opinion.concertation_id', '=', concertation.id);
	if (!forFacilitator) query = query.where('followup_opinion.status', '=', 'approved');
	const rows = await query.orderBy('followup_opinion.id').execute();
	const display = await displayRow(db, concertation.id);
	const shown = actions.some((action) => action.id === display.current_action_id);
	return {
		seriesId,
		mode: display.mode,
		currentId: shown ? display.current_action_id : null,
		actions,
		opinions: rows.map((row): FollowupOpinionView => ({
			id: row.id,
			actionId: row.action_id,
			status: row.status,
			mark: row.mark,
			text: localizedFromColumns(row.text_fr, row.text_nl, row.text_en),
			language: row.language,
			createdAt: row.created_at,
			...(forFacilitator ? { author: row.author ?? null } : {})
		}))
	};
}

registerSection<'followup', FollowupTables>('followup', (db, concertation, audience) =>
	followupView(db, concertation, audience === 'facilitator')
);

registerSelfBuilder<FollowupTables>(async (db, participants) => {
	const rows = await db
		.selectFrom('followup_opinion')
		.selectAll()
		.where(
			'participant_id',
			'in',
			participants.map((participant) => participant.id)
		)
		.orderBy('id')
		.execute();
	return rowsPerParticipant(participants, rows, (row) => row.participant_id!).map((own) => ({
		followup: own.map((row) => ({
			id: row.id,
			actionId: row.action_id,
			text: inOwnLanguage(
				localizedFromColumns(row.text_fr, row.text_nl, row.text_en),
				row.language
			),
			mark: row.mark,
			status: row.status
		}))
	}));
});
