/**
 * What each audience sees of the Q&A: each step's settings and its questions with their vote
 * counts, the approved ones only on phones and the projector, every one for the facilitators;
 * a participant's own questions and votes in their self view. Asked anonymously, a question
 * names nobody, to anyone. The section stays small whatever the room: one row per question
 * with its count, never the votes themselves.
 */
import type { QnaQuestionView, QnaStepView, QnaView } from '../../protocol';
import { registerSection, registerSelfBuilder, rowsPerParticipant } from '../realtime/sections';
import type { QnaDb, QnaTables, QnaTx } from './schema';

/** A step's settings, as stored or the defaults: moderation on, nothing pinned. */
export async function readStep(db: QnaDb | QnaTx, phaseId: number): Promise<QnaStepView> {
	const row = await db
		.selectFrom('qna_step')
		.selectAll()
		.where('phase_id', '=', phaseId)
		.executeTakeFirst();
	return { phaseId, moderated: row ? row.moderated === 1 : true, pinnedId: row?.pinned_id ?? null };
}

/** The questions a participant voted for, in every step. */
export async function ownVotes(db: QnaDb | QnaTx, participantId: number): Promise<number[]> {
	const rows = await db
		.selectFrom('qna_vote')
		.select('question_id')
		.where('participant_id', '=', participantId)
		.orderBy('question_id')
		.execute();
	return rows.map((row) => row.question_id);
}

export async function qnaView(
	db: QnaDb,
	concertationId: number,
	forFacilitator: boolean
): Promise<QnaView> {
	const steps = await db
		.selectFrom('qna_step')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('phase_id')
		.execute();
	let query = db
		.selectFrom('qna_question')
		.innerJoin('participant', 'participant.id', 'qna_question.participant_id')
		.select([
			'qna_question.id',
			'qna_question.phase_id',
			'qna_question.text',
			'qna_question.language',
			'qna_question.status',
			'qna_question.anonymous',
			'qna_question.answered_at',
			'participant.display_name'
		])
		.select((eb) =>
			eb
				.selectFrom('qna_vote')
				.select(eb.fn.countAll<number>().as('count'))
				.whereRef('qna_vote.question_id', '=', 'qna_question.id')
				.as('votes')
		)
		.where('qna_question.concertation_id', '=', concertationId);
	if (!forFacilitator) query = query.where('qna_question.status', '=', 'approved');
	const rows = await query.orderBy('votes', 'desc').orderBy('qna_question.id').execute();
	return {
		steps: steps.map((step) => ({
			phaseId: step.phase_id,
			moderated: step.moderated === 1,
			pinnedId: step.pinned_id
		})),
		questions: rows.map((row): QnaQuestionView => ({
			id: row.id,
			phaseId: row.phase_id,
			text: row.text,
			language: row.language,
			author: row.anonymous === 1 ? null : row.display_name,
			votes: Number(row.votes ?? 0),
			status: row.status,
			answered: row.answered_at !== null
		}))
	};
}

registerSection<'qna', QnaTables>('qna', async (db, concertation, audience) => {
	// A concertation without a Q&A step has no such section: its state is as before.
	const step = await db
		.selectFrom('phase')
		.select('id')
		.where('concertation_id', '=', concertation.id)
		.where('kind', '=', 'qna')
		.executeTakeFirst();
	if (!step) return undefined;
	return qnaView(db, concertation.id, audience === 'facilitator');
});

registerSelfBuilder<QnaTables>(async (db, participants) => {
	const ids = participants.map((participant) => participant.id);
	const rows = await db
		.selectFrom('qna_question')
		.leftJoin('qna_step', 'qna_step.phase_id', 'qna_question.phase_id')
		.select([
			'qna_question.participant_id',
			'qna_question.id',
			'qna_question.phase_id',
			'qna_question.text',
			'qna_question.anonymous',
			'qna_question.status',
			'qna_question.answered_at',
			'qna_step.pinned_id'
		])
		.where('qna_question.participant_id', 'in', ids)
		.orderBy('qna_question.id')
		.execute();
	const votes = await db
		.selectFrom('qna_vote')
		.select(['participant_id', 'question_id'])
		.where('participant_id', 'in', ids)
		.orderBy('question_id')
		.execute();
	const votesOf = rowsPerParticipant(participants, votes, (vote) => vote.participant_id);
	return rowsPerParticipant(participants, rows, (row) => row.participant_id).map((own, index) => {
		const voted = votesOf[index]!.map((vote) => vote.question_id);
		// Nothing asked nor voted: the view is as it was before the Q&A existed.
		if (own.length === 0 && voted.length === 0) return {};
		return {
			qna: own.map((row) => ({
				id: row.id,
				phaseId: row.phase_id,
				text: row.text,
				anonymous: row.anonymous === 1,
				status: row.status,
				answered: row.answered_at !== null,
				pinned: row.pinned_id === row.id
			})),
			qnaVotes: voted
		};
	});
});
