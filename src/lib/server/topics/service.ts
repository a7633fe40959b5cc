import { registerAnonymiser } from '../concertation/anonymise';
import { assertParticipantMay, nextPosition } from '../concertation/phase-guard';
import { languagesOf } from '../content-languages';
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import { authorOf, participantLocale, submissionSteps } from '../submissions/service';
import { typedIn, validateTranslation } from '../translation';
import {
	TOPIC_LIMITS,
	mergeTopics,
	topicLocked,
	topicsCycle,
	validateQuestion,
	validateTopicDetails,
	validateTopicProposal,
	validateTopicTexts,
	type TopicStatus
} from './rules';
import type { TopicRow, TopicsTx, TopicTables } from './schema';
import { label } from './views';

/**
 * The commands of the questions of the day (the organisers', bilingual) and of the topics
 * participants propose (moderated, merged, translated). What each audience sees, and the
 * vote's candidates, are in ./views.
 */

async function findTopic(tx: TopicsTx, concertationId: number, id: number): Promise<TopicRow> {
	const row = await tx
		.selectFrom('topic')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

async function nextTopicPosition(tx: TopicsTx, concertationId: number, source: TopicRow['source']) {
	return nextPosition(
		await tx
			.selectFrom('topic')
			.select('position')
			.where('concertation_id', '=', concertationId)
			.where('source', '=', source)
			.execute()
	);
}

/** Participants' proposals go through the submissions' cycle (../submissions). */
const submissions = submissionSteps<TopicsTx, TopicRow, TopicStatus>({
	section: 'topics',
	editAction: 'edit_topic',
	cycle: topicsCycle,
	find: findTopic,
	// Questions belong to the organisers: for a participant they are someone else's.
	isSubmission: (row) => row.source === 'topic',
	setStatus: (tx, id, status, now) =>
		tx
			.updateTable('topic')
			.set({ status, updated_at: now.toISOString() })
			.where('id', '=', id)
			.execute(),
	setPosition: (tx, id, position) =>
		tx.updateTable('topic').set({ position }).where('id', '=', id).execute(),
	remove: (tx, id) => tx.deleteFrom('topic').where('id', '=', id).execute()
});

registerCommands<TopicTables>({
	'topics.saveQuestion': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, ...input }) {
			const languages = languagesOf(concertation);
			const question = validateQuestion(input, languages);
			const columns = {
				text_fr: question.textFr,
				text_nl: question.textNl,
				// English left out (a script of before): what is stored stays.
				...(input.textEn == null ? {} : { text_en: question.textEn ?? '' }),
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
					// The organisers' text: the main content language's (fr for French–Dutch).
					language: languages[0],
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
			// Kept in the language it was typed in only: the facilitators may translate it.
			const typed = typedIn(await participantLocale(tx, participantId), proposal.text);
			const row = await tx
				.insertInto('topic')
				.values({
					concertation_id: concertation.id,
					source: 'topic',
					status: 'pending',
					participant_id: participantId,
					language: typed.language,
					text_fr: typed.fr,
					text_nl: typed.nl,
					text_en: typed.en,
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
			const { participantId, row } = await submissions.ownPending({ tx, actor, concertation }, id);
			const proposal = validateTopicProposal({ text, details });
			// A new original: a translation of the old one would no longer match.
			const typed = typedIn(row.language, proposal.text);
			await tx
				.updateTable('topic')
				.set({
					text_fr: typed.fr,
					text_nl: typed.nl,
					text_en: typed.en,
					details: proposal.details,
					updated_at: now.toISOString()
				})
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['topics'], selfChanged: [participantId] };
		}
	},
	'topics.withdraw': { allow: ['participant'], run: submissions.withdraw },
	'topics.edit': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, text, textFr, textNl, textEn, details }) {
			const row = await findTopic(tx, concertation.id, id);
			if (row.status === 'merged') topicLocked();
			const bilingual = textFr !== undefined || textNl !== undefined || textEn !== undefined;
			if (row.source === 'question') {
				const languages = languagesOf(concertation);
				// `text` alone: the question in the main content language (French for fr–nl).
				const main = text !== undefined ? languages[0] : null;
				const question = validateQuestion(
					{
						textFr: textFr ?? (main === 'fr' ? text : null) ?? row.text_fr,
						textNl: textNl ?? (main === 'nl' ? text : null) ?? row.text_nl,
						textEn: textEn ?? (main === 'en' ? text : null) ?? row.text_en
					},
					languages
				);
				await tx
					.updateTable('topic')
					.set({
						text_fr: question.textFr,
						text_nl: question.textNl,
						text_en: question.textEn ?? '',
						updated_at: now.toISOString()
					})
					.where('id', '=', id)
					.execute();
			} else {
				// Both languages from the console's form; `text` alone rewrites the original, in
				// the language it was typed in.
				const original = text === undefined ? null : typedIn(row.language, text ?? '');
				const texts = validateTopicTexts(
					bilingual
						? {
								textFr: textFr ?? row.text_fr,
								textNl: textNl ?? row.text_nl,
								textEn: textEn ?? row.text_en
							}
						: {
								textFr: original?.language === 'fr' ? original.fr : row.text_fr,
								textNl: original?.language === 'nl' ? original.nl : row.text_nl,
								textEn: original?.language === 'en' ? original.en : row.text_en
							}
				);
				await tx
					.updateTable('topic')
					.set({
						text_fr: texts.textFr,
						text_nl: texts.textNl,
						text_en: texts.textEn,
						details: validateTopicDetails(details ?? row.details),
						updated_at: now.toISOString()
					})
					.where('id', '=', id)
					.execute();
			}
			return { result: { id }, changed: ['topics'], selfChanged: authorOf(row) };
		}
	},
	'topics.moderate': { allow: ['facilitator'], run: submissions.moderate },
	'topics.merge': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { ids, text, details, language }) {
			const a = await findTopic(tx, concertation.id, ids[0]);
			const b = await findTopic(tx, concertation.id, ids[1]);
			// Questions are the organisers' agenda: only participants' proposals merge.
			if (a.source !== 'topic' || b.source !== 'topic') {
				throw new DomainError(
					'topics_bad_merge',
					{ reason: 'question' },
					'topics:errors.topics_bad_merge'
				);
			}
			const plan = mergeTopics(a, b, text, details ?? '');
			// The merged wording is in one language (the facilitator's, else the first topic's).
			const typed = typedIn(language ?? a.language, plan.topic.text);
			const merged = await tx
				.insertInto('topic')
				.values({
					concertation_id: concertation.id,
					source: 'topic',
					status: plan.topic.status,
					participant_id: null,
					language: typed.language,
					text_fr: typed.fr,
					text_nl: typed.nl,
					text_en: typed.en,
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
	'topics.translate': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, language, text }) {
			const row = await findTopic(tx, concertation.id, id);
			if (row.status === 'merged') topicLocked();
			const translation = validateTranslation(label(row), language, text, {
				max: row.source === 'question' ? TOPIC_LIMITS.question : TOPIC_LIMITS.text,
				languages: concertation.languages
			});
			await tx
				.updateTable('topic')
				.set({
					[`text_${language}`]: translation,
					updated_at: now.toISOString()
				})
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['topics'], selfChanged: authorOf(row) };
		}
	},
	'topics.delete': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { id }) {
			const row = await findTopic(tx, concertation.id, id);
			// Proposals are rejected, not deleted: their authors keep seeing what became of them.
			if (row.source !== 'question') topicLocked();
			await tx.deleteFrom('topic').where('id', '=', id).execute();
			return { result: {}, changed: ['topics'] };
		}
	},
	'topics.reorder': { allow: ['facilitator'], run: submissions.reorder }
});

// Anonymised: nothing of its own to change, but the topics name who proposed them: sent again.
registerAnonymiser(async () => ['topics']);
