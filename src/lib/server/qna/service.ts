/**
 * The Q&A's commands: participants ask, change, withdraw and upvote questions; the
 * facilitator moderates (or hides), turns moderation on or off, pins the question being
 * answered and marks questions answered. Each runs inside `executeCommand`'s transaction,
 * which also bumps the version and broadcasts. What each audience sees is in ./views.
 */
import { requireParticipant, type Actor } from '../auth/actor';
import { registerAnonymiser } from '../concertation/anonymise';
import { currentPhase } from '../concertation/store';
import type { Concertation } from '../db/schema';
import { DomainError, refusals, type Refusal } from '../errors';
import { registerCommands } from '../realtime/commands';
import { authorOf, participantLocale } from '../submissions/service';
import { typedIn } from '../translation';
import {
	assertCanAsk,
	assertCanChangeOwn,
	assertCanVote,
	assertShown,
	assertStepOpen,
	initialStatus,
	pinnedAfterClosing,
	qnaCycle,
	statusAfterEdit,
	validateQuestionText
} from './rules';
import type { QnaQuestionRow, QnaTables, QnaTx } from './schema';
import { ownVotes, readStep } from './views';

const fail: Refusal = refusals('qna');

async function findQuestion(
	tx: QnaTx,
	concertationId: number,
	id: number
): Promise<QnaQuestionRow> {
	const row = await tx
		.selectFrom('qna_question')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

/** A step of this concertation's programme that is a Q&A (else `qna_wrong_step`). */
async function requireQnaStep(tx: QnaTx, concertationId: number, phaseId: number): Promise<void> {
	const phase = await tx
		.selectFrom('phase')
		.select('kind')
		.where('id', '=', phaseId)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (phase?.kind !== 'qna') fail('qna_wrong_step');
}

/**
 * The participant acting, and the current step if it is a Q&A: participants act only while
 * the meeting is in one (`session_closed`, `phase_closed`), and only on its questions.
 */
async function participantInStep(
	tx: QnaTx,
	actor: Actor,
	concertation: Concertation,
	questionPhaseId?: number
): Promise<{ participantId: number; phaseId: number }> {
	requireParticipant(actor);
	if (concertation.status === 'closed') throw new DomainError('session_closed');
	const phase = concertation.status === 'live' ? await currentPhase(tx, concertation) : undefined;
	const phaseId = assertStepOpen(phase ?? null, questionPhaseId);
	return { participantId: actor.participantId, phaseId };
}

/** Sets a step's settings, creating its row on the first change. */
async function saveStep(
	tx: QnaTx,
	concertationId: number,
	phaseId: number,
	change: { moderated?: number; pinned_id?: number | null }
): Promise<void> {
	const current = await readStep(tx, phaseId);
	await tx
		.insertInto('qna_step')
		.values({
			phase_id: phaseId,
			concertation_id: concertationId,
			moderated: current.moderated ? 1 : 0,
			pinned_id: current.pinnedId,
			...change
		})
		.onConflict((conflict) => conflict.column('phase_id').doUpdateSet(change))
		.execute();
}

/** Closing a question (answered, hidden) unpins it. */
async function unpinIfPinned(tx: QnaTx, row: QnaQuestionRow): Promise<void> {
	const step = await readStep(tx, row.phase_id);
	const pinned = pinnedAfterClosing(step.pinnedId, row.id);
	if (pinned !== step.pinnedId)
		await saveStep(tx, row.concertation_id, row.phase_id, { pinned_id: pinned });
}

registerCommands<QnaTables>({
	'qna.ask': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, input) {
			const { participantId, phaseId } = await participantInStep(tx, actor, concertation);
			const text = validateQuestionText(input.text);
			const { asked } = await tx
				.selectFrom('qna_question')
				.select((eb) => eb.fn.countAll<number>().as('asked'))
				.where('phase_id', '=', phaseId)
				.where('participant_id', '=', participantId)
				.executeTakeFirstOrThrow();
			assertCanAsk(Number(asked));
			const step = await readStep(tx, phaseId);
			const status = initialStatus(step.moderated);
			// Kept in the language it was typed in (the phone's): the projector tags it.
			const { language } = typedIn(await participantLocale(tx, participantId), text);
			const row = await tx
				.insertInto('qna_question')
				.values({
					concertation_id: concertation.id,
					phase_id: phaseId,
					participant_id: participantId,
					status,
					language,
					text,
					anonymous: input.anonymous ? 1 : 0,
					answered_at: null,
					created_at: now.toISOString(),
					updated_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id, status }, changed: ['qna'], selfChanged: [participantId] };
		}
	},
	'qna.editOwn': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { id, text: raw, anonymous }) {
			const row = await findQuestion(tx, concertation.id, id);
			const { participantId } = await participantInStep(tx, actor, concertation, row.phase_id);
			const step = await readStep(tx, row.phase_id);
			assertCanChangeOwn(
				actor,
				{
					authorId: row.participant_id,
					status: row.status,
					answered: row.answered_at !== null,
					pinned: step.pinnedId === row.id
				},
				'edit'
			);
			const text = validateQuestionText(raw);
			const status = statusAfterEdit(row.status, step.moderated);
			await tx
				.updateTable('qna_question')
				.set({ text, anonymous: anonymous ? 1 : 0, status, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			return { result: { id, status }, changed: ['qna'], selfChanged: [participantId] };
		}
	},
	'qna.withdraw': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { id }) {
			const row = await findQuestion(tx, concertation.id, id);
			const { participantId } = await participantInStep(tx, actor, concertation, row.phase_id);
			const step = await readStep(tx, row.phase_id);
			assertCanChangeOwn(
				actor,
				{
					authorId: row.participant_id,
					status: row.status,
					answered: row.answered_at !== null,
					pinned: step.pinnedId === row.id
				},
				'withdraw'
			);
			// Its votes go with it (cascade); voters' lists drop it when they next see the section.
			await tx.deleteFrom('qna_question').where('id', '=', id).execute();
			return { result: {}, changed: ['qna'], selfChanged: [participantId] };
		}
	},
	'qna.vote': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { id, on }) {
			const row = await findQuestion(tx, concertation.id, id);
			const { participantId } = await participantInStep(tx, actor, concertation, row.phase_id);
			assertCanVote(participantId, { authorId: row.participant_id, status: row.status }, on);
			const result = on
				? await tx
						.insertInto('qna_vote')
						.values({
							question_id: id,
							participant_id: participantId,
							created_at: now.toISOString()
						})
						.onConflict((conflict) => conflict.doNothing())
						.executeTakeFirst()
				: await tx
						.deleteFrom('qna_vote')
						.where('question_id', '=', id)
						.where('participant_id', '=', participantId)
						.executeTakeFirst();
			const affected =
				'numInsertedOrUpdatedRows' in result
					? result.numInsertedOrUpdatedRows
					: result.numDeletedRows;
			// A vote given twice (two taps, two devices) changes nothing: nothing to send.
			if (!affected) return { result: { id, on }, changed: [] };
			// The counts go to the room with the coalesced updates; the voter's other devices get
			// their list of votes alone, not their whole view rebuilt.
			return {
				result: { id, on },
				changed: ['qna'],
				selfParts: [{ participantId, part: { qnaVotes: await ownVotes(tx, participantId) } }]
			};
		}
	},
	'qna.moderate': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation, now }, { id, status }) {
			const row = await findQuestion(tx, concertation.id, id);
			qnaCycle.assertModeration(actor, row.status, status);
			await tx
				.updateTable('qna_question')
				.set({ status, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			// Hidden: no longer on the projector.
			if (status === 'rejected') await unpinIfPinned(tx, row);
			return { result: { id }, changed: ['qna'], selfChanged: authorOf(row) };
		}
	},
	'qna.settings': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { phaseId, moderated }) {
			await requireQnaStep(tx, concertation.id, phaseId);
			// Questions waiting stay waiting when moderation goes off: the team decides on them.
			await saveStep(tx, concertation.id, phaseId, { moderated: moderated ? 1 : 0 });
			return { result: { phaseId, moderated }, changed: ['qna'] };
		}
	},
	'qna.pin': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { phaseId, id }) {
			await requireQnaStep(tx, concertation.id, phaseId);
			const before = await readStep(tx, phaseId);
			const authors: number[] = [];
			if (id !== null) {
				const row = await findQuestion(tx, concertation.id, id);
				if (row.phase_id !== phaseId) fail('qna_wrong_step');
				assertShown(row);
				authors.push(row.participant_id);
			}
			if (before.pinnedId !== null && before.pinnedId !== id) {
				const previous = await tx
					.selectFrom('qna_question')
					.select('participant_id')
					.where('id', '=', before.pinnedId)
					.executeTakeFirst();
				if (previous) authors.push(previous.participant_id);
			}
			await saveStep(tx, concertation.id, phaseId, { pinned_id: id });
			// Pinned, a question is locked for its author (and free again once unpinned).
			return { result: { phaseId, id }, changed: ['qna'], selfChanged: [...new Set(authors)] };
		}
	},
	'qna.answered': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, answered }) {
			const row = await findQuestion(tx, concertation.id, id);
			if (answered) {
				assertShown(row);
				// Answered: the next one can be pinned.
				await unpinIfPinned(tx, row);
			}
			await tx
				.updateTable('qna_question')
				.set({
					// Marked twice, the first time stays.
					answered_at: answered ? (row.answered_at ?? now.toISOString()) : null,
					updated_at: now.toISOString()
				})
				.where('id', '=', id)
				.execute();
			return { result: { id, answered }, changed: ['qna'], selfChanged: authorOf(row) };
		}
	}
});

// Anonymised: nothing of its own names anyone, but the section shows askers' names: sent again.
registerAnonymiser(async () => ['qna']);
