/**
 * Reads what the builder needs from SQLite: the concertation, its series and branding, the
 * participants (with their consent), and each phase's results through the ports or its
 * tables. Kept apart from build.ts so that the builder stays a pure function.
 */
import { brusselsTimestamp } from '../../i18n/format';
import { localizedFromColumns } from '../../protocol';
import type { Db } from '../db';
import type { Concertation } from '../db/schema';
import { parseSectors } from '../concertation/views';
import { discussionTableOutcomes, selectedPriorities } from '../ports';
import { tallyFromCounts } from '../vote/rules';
import {
	asRuleCandidate,
	countParticipants,
	listCandidates,
	loadVote as loadVoteRow,
	votersIn,
	weightCounts
} from '../vote/store';
import type { RestitutionSource, SourceNeed, SourceNews, SourceVote } from './build';
import { buildRestitution, type BuiltRestitution } from './build';
import { parseEdits } from './edits';

/** The needs survey's themes (the builder puts the most named first). */
async function loadNeeds(db: Db, concertationId: number): Promise<SourceNeed[]> {
	const rows = await db
		.selectFrom('need_theme')
		.select(['id', 'label_fr', 'label_nl', 'count'])
		.where('concertation_id', '=', concertationId)
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		label: { fr: row.label_fr, nl: row.label_nl },
		count: row.count
	}));
}

/** The news shown in the room: approved items only, in their running order. */
async function loadNews(db: Db, concertationId: number): Promise<SourceNews[]> {
	const rows = await db
		.selectFrom('news_item')
		.select(['id', 'title_fr', 'title_nl', 'title_en', 'start_date'])
		.where('concertation_id', '=', concertationId)
		.where('status', '=', 'approved')
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows
		.filter((row) => [row.title_fr, row.title_nl, row.title_en].some((t) => t.trim() !== ''))
		.map((row) => ({
			id: row.id,
			// A language nobody wrote stays '': printed once, in the language it was written in.
			title: localizedFromColumns(row.title_fr, row.title_nl, row.title_en),
			date: row.start_date
		}));
}

/**
 * The vote's final results: only once the vote is closed (an open vote has no result yet).
 * Totals only — the ballots stay anonymous. An entry is "selected" when it went on to a
 * discussion table.
 */
async function loadVote(
	db: Db,
	concertationId: number,
	tableCandidateIds: readonly (number | null)[]
): Promise<SourceVote | null> {
	const [vote, candidates, counts, present, selected] = await Promise.all([
		loadVoteRow(db, concertationId),
		listCandidates(db, concertationId),
		weightCounts(db, concertationId),
		countParticipants(db, concertationId),
		selectedPriorities(db, concertationId)
	]);
	if (vote.status !== 'closed') return null;
	const tally = tallyFromCounts(counts, candidates.map(asRuleCandidate));
	if (tally.length === 0) return null;
	const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
	const chosen = new Set<number>([
		...selected.map((priority) => priority.candidateId),
		...tableCandidateIds.filter((id): id is number => id !== null)
	]);
	return {
		voters: votersIn(counts),
		present,
		entries: tally.flatMap((row) => {
			const candidate = byId.get(row.candidateId);
			if (!candidate) return [];
			return [
				{
					candidateId: row.candidateId,
					// Untranslated options print once, in their own language (never a copy).
					label:
						candidate.label_fr.trim() || candidate.label_nl.trim()
							? { fr: candidate.label_fr, nl: candidate.label_nl }
							: { text: candidate.label_en, language: 'en' },
					points: row.points,
					rank: row.rank,
					tied: row.tied,
					selected: chosen.has(row.candidateId)
				}
			];
		})
	};
}

export async function loadRestitutionSource(
	db: Db,
	concertation: Concertation,
	now = new Date()
): Promise<RestitutionSource> {
	const id = concertation.id;
	const [series, branding, participants, tables, needs, news] = await Promise.all([
		concertation.series_id === null
			? undefined
			: db
					.selectFrom('series')
					.select(['title_fr', 'title_nl'])
					.where('id', '=', concertation.series_id)
					.executeTakeFirst(),
		concertation.series_id === null
			? undefined
			: db
					.selectFrom('series_branding')
					.selectAll()
					.where('series_id', '=', concertation.series_id)
					.executeTakeFirst(),
		db
			.selectFrom('participant')
			.select(['id', 'display_name', 'organisation', 'sector', 'consent_attendance'])
			.where('concertation_id', '=', id)
			.orderBy('id')
			.execute(),
		discussionTableOutcomes(db, id),
		loadNeeds(db, id),
		loadNews(db, id)
	]);
	const vote = await loadVote(
		db,
		id,
		tables.map((table) => table.candidateId)
	);
	return {
		concertation: {
			title: { fr: concertation.title_fr, nl: concertation.title_nl },
			number: concertation.number,
			date: concertation.date,
			startTime: concertation.start_time,
			place: concertation.place,
			contact: {
				name: concertation.contact_name,
				email: concertation.contact_email,
				phone: concertation.contact_phone
			}
		},
		series: series ? { title: { fr: series.title_fr, nl: series.title_nl } } : null,
		branding: branding
			? {
					organiser: { fr: branding.organiser_fr, nl: branding.organiser_nl },
					logo:
						branding.logo && branding.logo_media_type
							? { mediaType: branding.logo_media_type, bytes: branding.logo }
							: null
				}
			: null,
		sectors: parseSectors(concertation).map((sector) => ({
			id: sector.id,
			fr: sector.fr,
			nl: sector.nl
		})),
		participants: participants.map((participant) => ({
			id: participant.id,
			displayName: participant.display_name,
			organisation: participant.organisation,
			sector: participant.sector,
			consentAttendance: participant.consent_attendance === 1
		})),
		namesErased: concertation.participants_anonymised_at !== null,
		needs,
		news,
		vote,
		tables: tables.map((table) => ({
			id: table.id,
			name: table.name,
			priority: table.priority,
			barriers: table.barriers,
			levers: table.levers,
			collaborations: table.collaborations,
			actors: table.actors,
			rapporteur: table.rapporteur,
			rapporteurParticipantId: table.rapporteurParticipantId,
			justification: table.justification
		})),
		generatedAt: brusselsTimestamp(now)
	};
}

export async function loadEdits(db: Db, concertationId: number) {
	const rows = await db
		.selectFrom('restitution_edit')
		.select(['item_key', 'value_json'])
		.where('concertation_id', '=', concertationId)
		.execute();
	return parseEdits(rows.map((row) => ({ key: row.item_key, valueJson: row.value_json })));
}

/** The restitution as it will be exported: raw data, then the coordinators' edits. */
export async function loadRestitution(
	db: Db,
	concertation: Concertation,
	now = new Date()
): Promise<BuiltRestitution> {
	const [source, edits] = await Promise.all([
		loadRestitutionSource(db, concertation, now),
		loadEdits(db, concertation.id)
	]);
	return buildRestitution(source, edits);
}
