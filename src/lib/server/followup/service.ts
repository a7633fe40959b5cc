/**
 * The commands of the follow-up step: phones give opinions on the series' actions (moderated
 * through the submissions' cycle shared with news and topics), the console approves or
 * rejects them and chooses how the projector shows the actions. What each audience sees is in
 * ./views. The actions themselves are the series' (../actions), changed on the series page.
 */
import { requireParticipant, type Actor } from '../auth/actor';
import { onActionsChanged } from '../actions/service';
import { registerAnonymiser } from '../concertation/anonymise';
import { proposeWhen } from '../concertation/programme';
import { currentPhase } from '../concertation/store';
import type { Db } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { applyChange, registerCommands } from '../realtime/commands';
import { participantLocale, submissionSteps } from '../submissions/service';
import { typedIn } from '../translation';
import {
	assertActionOfSeries,
	assertRoomForOpinion,
	followupCycle,
	validateDisplay,
	validateOpinion
} from './rules';
import type { FollowupTables, FollowupTx, OpinionRow } from './schema';
import { displayRow, seriesActionIds } from './views';

/**
 * A participant may give or change an opinion while the follow-up step is the current one of
 * a live concertation (else `phase_closed`, or `session_closed` once it ended).
 */
async function participantInFollowup(
	tx: FollowupTx,
	actor: Actor,
	concertation: Concertation
): Promise<number> {
	requireParticipant(actor);
	if (concertation.status === 'closed') throw new DomainError('session_closed');
	const phase = concertation.status === 'live' ? await currentPhase(tx, concertation) : undefined;
	if (phase?.kind !== 'followup') throw new DomainError('phase_closed', { action: 'followup' });
	return actor.participantId;
}

async function findOpinion(tx: FollowupTx, concertationId: number, id: number) {
	const row = await tx
		.selectFrom('followup_opinion')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

const submissions = submissionSteps<FollowupTx, OpinionRow, OpinionRow['status']>({
	section: 'followup',
	editAction: participantInFollowup,
	cycle: followupCycle,
	find: findOpinion,
	setStatus: (tx, id, status, now) =>
		tx
			.updateTable('followup_opinion')
			.set({ status, updated_at: now.toISOString() })
			.where('id', '=', id)
			.execute(),
	// Opinions come in the order they were given: no running order to keep.
	setPosition: async () => undefined,
	remove: (tx, id) => tx.deleteFrom('followup_opinion').where('id', '=', id).execute()
});

registerCommands<FollowupTables>({
	'followup.submit': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { actionId, text, mark }) {
			const participantId = await participantInFollowup(tx, actor, concertation);
			assertActionOfSeries(actionId, await seriesActionIds(tx, concertation));
			const opinion = validateOpinion({ text, mark });
			assertRoomForOpinion(
				await tx
					.selectFrom('followup_opinion')
					.select('status')
					.where('participant_id', '=', participantId)
					.where('action_id', '=', actionId)
					.where('concertation_id', '=', concertation.id)
					.execute()
			);
			// Kept in the language it was typed in only, as every participant's text.
			const typed = typedIn(await participantLocale(tx, participantId), opinion.text);
			const row = await tx
				.insertInto('followup_opinion')
				.values({
					concertation_id: concertation.id,
					action_id: actionId,
					participant_id: participantId,
					status: 'pending',
					mark: opinion.mark,
					language: typed.language,
					text_fr: typed.fr,
					text_nl: typed.nl,
					text_en: typed.en,
					created_at: now.toISOString(),
					updated_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['followup'], selfChanged: [participantId] };
		}
	},
	'followup.editOwn': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { id, text, mark }) {
			const { participantId, row } = await submissions.ownPending({ tx, actor, concertation }, id);
			const opinion = validateOpinion({ text, mark });
			const typed = typedIn(row.language, opinion.text);
			await tx
				.updateTable('followup_opinion')
				.set({
					text_fr: typed.fr,
					text_nl: typed.nl,
					text_en: typed.en,
					mark: opinion.mark,
					updated_at: now.toISOString()
				})
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['followup'], selfChanged: [participantId] };
		}
	},
	'followup.withdraw': { allow: ['participant'], run: submissions.withdraw },
	'followup.moderate': { allow: ['facilitator'], run: submissions.moderate },
	'followup.display': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { mode, currentId }) {
			const previous = await displayRow(tx, concertation.id);
			const display = validateDisplay(
				mode,
				currentId === undefined ? previous.current_action_id : currentId,
				await seriesActionIds(tx, concertation)
			);
			await tx
				.insertInto('followup_display')
				.values({
					concertation_id: concertation.id,
					mode: display.mode,
					current_action_id: display.currentId
				})
				.onConflict((oc) =>
					oc
						.column('concertation_id')
						.doUpdateSet({ mode: display.mode, current_action_id: display.currentId })
				)
				.execute();
			return { result: display, changed: ['followup'] };
		}
	}
});

// Anonymised: nothing of its own to change, but the console names who gave an opinion.
registerAnonymiser(async () => ['followup']);

/**
 * An action changed on the series page while one of the series' concertations is live: its
 * rooms get the follow-up's section again (a change like any other: version, audit, update).
 */
onActionsChanged(async (db, seriesId, account) => {
	const live = await db
		.selectFrom('concertation')
		.select('id')
		.where('series_id', '=', seriesId)
		.where('status', '=', 'live')
		.execute();
	for (const { id } of live)
		await applyChange(
			db as Db,
			id,
			{ kind: 'facilitator', facilitatorId: account.id, role: account.role },
			'followup.actions',
			async () => ({ result: {}, changed: ['followup'] })
		);
});

/** The next concertation of a series that has actions gets this step in its programme. */
proposeWhen('followup', async (db, seriesId) => {
	// Types only: the series' actions are a table of the same database.
	const action = await (db as FollowupTx)
		.selectFrom('series_action')
		.select('id')
		.where('series_id', '=', seriesId)
		.limit(1)
		.executeTakeFirst();
	return action !== undefined;
});
