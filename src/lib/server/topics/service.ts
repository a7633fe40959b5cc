import type { TopicItemView, TopicsView } from '../../protocol';
import { isLocale } from '../../i18n/locales';
import { type Actor } from '../auth/actor';
import { assertParticipantMay, nextPosition } from '../concertation/phase-guard';
import type { Db, Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { provideCandidates, type CandidateSeed } from '../ports';
import { registerCommands } from '../realtime/commands';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import {
	assertCanEditProposal,
	assertTopicModeration,
	candidateList,
	mergeTopics,
	validateQuestion,
	validateTopicProposal,
	type TopicStatus
} from './rules';
import type { TopicRow } from './schema';

/**
 * Questions of the day and participants' topics; the approved ones, in order, are the
 * vote's candidate list (handed over through ports.provideCandidates).
 */

function listTopics(db: Db | Tx, concertationId: number) {
	return db
		.selectFrom('topic')
		.leftJoin('participant', 'participant.id', 'topic.participant_id')
		.selectAll('topic')
		.select('participant.display_name as author')
		.where('topic.concertation_id', '=', concertationId)
		.orderBy('topic.position')
		.orderBy('topic.id')
		.execute();
}

/** A question without a translation shows its other language rather than nothing. */
function label(row: TopicRow): { fr: string; nl: string } {
	return { fr: row.text_fr || row.text_nl, nl: row.text_nl || row.text_fr };
}

export async function candidates(db: Db, concertationId: number): Promise<CandidateSeed[]> {
	const rows = await listTopics(db, concertationId);
	const byId = new Map(rows.map((row) => [row.id, row]));
	const sources = (source: TopicRow['source']) =>
		rows
			.filter((row) => row.source === source)
			.map((row) => ({ id: row.id, position: row.position, status: row.status }));
	return candidateList(sources('question'), sources('topic')).map((candidate) => ({
		source: candidate.source,
		sourceId: candidate.sourceId,
		label: label(byId.get(candidate.sourceId)!),
		position: candidate.position
	}));
}

export async function topicsView(
	db: Db,
	concertationId: number,
	forFacilitator: boolean
): Promise<TopicsView> {
	const list = await candidates(db, concertationId);
	const view: TopicsView = {
		candidates: list.map(({ source, sourceId, label }) => ({ source, sourceId, label }))
	};
	if (forFacilitator) {
		view.items = (await listTopics(db, concertationId)).map((row): TopicItemView => ({
			id: row.id,
			source: row.source,
			status: row.status,
			text: { fr: row.text_fr, nl: row.text_nl },
			details: row.details,
			language: row.language,
			position: row.position,
			author: row.author,
			mergedIntoId: row.merged_into_id
		}));
	}
	return view;
}

async function findTopic(tx: Tx, concertationId: number, id: number): Promise<TopicRow> {
	const row = await tx
		.selectFrom('topic')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

async function nextTopicPosition(tx: Tx, concertationId: number, source: TopicRow['source']) {
	return nextPosition(
		await tx
			.selectFrom('topic')
			.select('position')
			.where('concertation_id', '=', concertationId)
			.where('source', '=', source)
			.execute()
	);
}

const authorOf = (row: TopicRow) => (row.participant_id === null ? [] : [row.participant_id]);

function locked(): never {
	throw new DomainError('topics_locked', {}, 'phases:errors.topics_locked');
}

provideCandidates(candidates);

registerSection('topics', (db, concertation, audience) =>
	topicsView(db, concertation.id, audience === 'facilitator')
);

registerSelfBuilder(async (db, participant) => {
	const rows = await db
		.selectFrom('topic')
		.select(['id', 'text_fr', 'details', 'status'])
		.where('participant_id', '=', participant.id)
		.where('source', '=', 'topic')
		.orderBy('id')
		.execute();
	return {
		topics: rows.map((row) => ({
			id: row.id,
			text: row.text_fr,
			details: row.details,
			status: row.status
		}))
	};
});

/**
 * The participant's own proposal, if they may still change it: the topics step is open, it
 * is theirs and nobody has moderated (or merged) it yet (else `phase_closed`, `forbidden`,
 * `topics_locked`).
 */
async function ownPendingProposal(
	tx: Tx,
	actor: Actor,
	concertation: Concertation,
	id: number
): Promise<number> {
	const participantId = await assertParticipantMay(tx, actor, concertation, 'edit_topic');
	const row = await findTopic(tx, concertation.id, id);
	// Questions belong to the organisers: for a participant they are someone else's.
	if (row.source !== 'topic') throw new DomainError('forbidden');
	assertCanEditProposal(actor, { authorParticipantId: row.participant_id, status: row.status });
	return participantId;
}

registerCommands({
	'topics.saveQuestion': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, ...input }) {
			const question = validateQuestion(input);
			const columns = {
				text_fr: question.textFr,
				text_nl: question.textNl,
				updated_at: now.toISOString()
			};
			if (id !== undefined) {
				const row = await findTopic(tx, concertation.id, id);
				if (row.source !== 'question') throw new DomainError('not_found');
				await tx.updateTable('topic').set(columns).where('id', '=', id).execute();
				return { result: { id }, changed: ['topics'] };
			}
			const row = await tx
				.insertInto('topic')
				.values({
					...columns,
					concertation_id: concertation.id,
					source: 'question',
					status: 'approved',
					participant_id: null,
					language: 'fr',
					details: '',
					position: await nextTopicPosition(tx, concertation.id, 'question'),
					merged_into_id: null,
					created_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['topics'] };
		}
	},
	'topics.propose': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, input) {
			const participantId = await assertParticipantMay(tx, actor, concertation, 'propose_topic');
			const proposal = validateTopicProposal(input);
			const participant = await tx
				.selectFrom('participant')
				.select('locale')
				.where('id', '=', participantId)
				.executeTakeFirstOrThrow();
			const row = await tx
				.insertInto('topic')
				.values({
					concertation_id: concertation.id,
					source: 'topic',
					status: 'pending',
					participant_id: participantId,
					language: isLocale(participant.locale) ? participant.locale : 'fr',
					// Shown as typed in both languages: a participant's words are not translated.
					text_fr: proposal.text,
					text_nl: proposal.text,
					details: proposal.details,
					position: await nextTopicPosition(tx, concertation.id, 'topic'),
					merged_into_id: null,
					created_at: now.toISOString(),
					updated_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['topics'], selfChanged: [participantId] };
		}
	},
	'topics.editOwn': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { id, text, details }) {
			const participantId = await ownPendingProposal(tx, actor, concertation, id);
			const proposal = validateTopicProposal({ text, details });
			await tx
				.updateTable('topic')
				.set({
					text_fr: proposal.text,
					text_nl: proposal.text,
					details: proposal.details,
					updated_at: now.toISOString()
				})
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['topics'], selfChanged: [participantId] };
		}
	},
	'topics.withdraw': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { id }) {
			const participantId = await ownPendingProposal(tx, actor, concertation, id);
			// Pending, so never a candidate nor part of a merge: nothing else points at it.
			await tx.deleteFrom('topic').where('id', '=', id).execute();
			return { result: {}, changed: ['topics'], selfChanged: [participantId] };
		}
	},
	'topics.edit': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, text, textNl, details }) {
			const row = await findTopic(tx, concertation.id, id);
			if (row.status === 'merged') locked();
			if (row.source === 'question') {
				const question = validateQuestion({ textFr: text, textNl: textNl ?? row.text_nl });
				await tx
					.updateTable('topic')
					.set({
						text_fr: question.textFr,
						text_nl: question.textNl,
						updated_at: now.toISOString()
					})
					.where('id', '=', id)
					.execute();
			} else {
				const proposal = validateTopicProposal({ text, details: details ?? row.details });
				await tx
					.updateTable('topic')
					.set({
						text_fr: proposal.text,
						text_nl: proposal.text,
						details: proposal.details,
						updated_at: now.toISOString()
					})
					.where('id', '=', id)
					.execute();
			}
			return { result: { id }, changed: ['topics'], selfChanged: authorOf(row) };
		}
	},
	'topics.moderate': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation, now }, { id, status }) {
			const row = await findTopic(tx, concertation.id, id);
			assertTopicModeration(actor, row, status satisfies TopicStatus);
			await tx
				.updateTable('topic')
				.set({ status, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['topics'], selfChanged: authorOf(row) };
		}
	},
	'topics.merge': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { ids, text, details }) {
			const a = await findTopic(tx, concertation.id, ids[0]);
			const b = await findTopic(tx, concertation.id, ids[1]);
			// Questions are the organisers' agenda: only participants' proposals merge.
			if (a.source !== 'topic' || b.source !== 'topic') {
				throw new DomainError(
					'topics_bad_merge',
					{ reason: 'question' },
					'phases:errors.topics_bad_merge'
				);
			}
			const plan = mergeTopics(a, b, text, details ?? '');
			const merged = await tx
				.insertInto('topic')
				.values({
					concertation_id: concertation.id,
					source: 'topic',
					status: plan.topic.status,
					participant_id: null,
					language: a.language,
					text_fr: plan.topic.text,
					text_nl: plan.topic.text,
					details: plan.topic.details,
					position: plan.topic.position,
					merged_into_id: null,
					created_at: now.toISOString(),
					updated_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await tx
				.updateTable('topic')
				.set({ status: 'merged', merged_into_id: merged.id, updated_at: now.toISOString() })
				.where('id', 'in', plan.mergedIds)
				.execute();
			return {
				result: { id: merged.id },
				changed: ['topics'],
				selfChanged: [...authorOf(a), ...authorOf(b)]
			};
		}
	},
	'topics.delete': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { id }) {
			const row = await findTopic(tx, concertation.id, id);
			// Proposals are rejected, not deleted: their authors keep seeing what became of them.
			if (row.source !== 'question') locked();
			await tx.deleteFrom('topic').where('id', '=', id).execute();
			return { result: {}, changed: ['topics'] };
		}
	},
	'topics.reorder': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { ids }) {
			for (const [position, id] of ids.entries()) {
				await findTopic(tx, concertation.id, id);
				await tx.updateTable('topic').set({ position }).where('id', '=', id).execute();
			}
			return { result: {}, changed: ['topics'] };
		}
	}
});
