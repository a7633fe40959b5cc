/**
 * What each audience sees of the questions and topics: the ballot they make (everyone) and
 * every question and proposal with its status (facilitators), a participant's own proposals
 * in their self view, and the approved ones, in order, handed to the vote as its candidates
 * (ports.provideCandidates).
 */
import {
	localizedFromColumns,
	type LocalizedText,
	type TopicItemView,
	type TopicsView
} from '../../protocol';
import { provideCandidates, type CandidateSeed } from '../ports';
import { registerSection, registerSelfBuilder, rowsPerParticipant } from '../realtime/sections';
import { inOwnLanguage } from '../submissions/service';
import { candidateList } from './rules';
import type { TopicRow, TopicsDb, TopicsTx, TopicTables } from './schema';

function listTopics(db: TopicsDb | TopicsTx, concertationId: number) {
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

/** Each language as written: one nobody wrote stays '' (readers see the original, tagged). */
export function label(row: TopicRow): LocalizedText {
	return localizedFromColumns(row.text_fr, row.text_nl, row.text_en);
}

export async function candidates(db: TopicsDb, concertationId: number): Promise<CandidateSeed[]> {
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
	db: TopicsDb,
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
			text: label(row),
			details: row.details,
			language: row.language,
			position: row.position,
			author: row.author,
			mergedIntoId: row.merged_into_id
		}));
	}
	return view;
}

provideCandidates(candidates);

registerSection<'topics', TopicTables>('topics', (db, concertation, audience) =>
	topicsView(db, concertation.id, audience === 'facilitator')
);

registerSelfBuilder<TopicTables>(async (db, participants) => {
	const rows = await db
		.selectFrom('topic')
		.selectAll()
		.where(
			'participant_id',
			'in',
			participants.map((participant) => participant.id)
		)
		.where('source', '=', 'topic')
		.orderBy('id')
		.execute();
	return rowsPerParticipant(participants, rows, (row) => row.participant_id!).map((own) => ({
		topics: own.map((row) => ({
			id: row.id,
			// The author reads the language they typed in, even once translated.
			text: inOwnLanguage(label(row), row.language),
			details: row.details,
			status: row.status
		}))
	}));
});
