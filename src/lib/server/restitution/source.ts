/**
 * Reads what the builder needs from SQLite: the concertation, its series and branding, the
 * participants (with their consent), and each part's data through its own loader (parts.ts),
 * all at once. Kept apart from build.ts so that the builder stays a pure function.
 */
import type { RestitutionDb } from './schema';
import { brusselsTimestamp } from '../../i18n/format';

import type { Queryable } from '../db';
import type { Concertation } from '../db/schema';
import { parseSectors } from '../concertation/views';
import type { RestitutionSource } from './build';
import { buildRestitution, type BuiltRestitution } from './build';
import { parseEdits } from './edits';
import type { LoadContext } from './part';
import { PARTS } from './parts';
import { loadMeetingParts } from '../parts/restitution';
import { parseContentLanguages, type ContentLanguages } from '../../protocol/localized';

/** What every part's loader gets: a port asked for by several parts is read once. */
function loadContext(
	db: Queryable,
	concertationId: number,
	languages: ContentLanguages
): LoadContext {
	const reads = new Map<unknown, Promise<unknown>>();
	return {
		db,
		concertationId,
		languages,
		once<T>(read: (db: Queryable, concertationId: number) => Promise<T>): Promise<T> {
			let pending = reads.get(read) as Promise<T> | undefined;
			if (!pending) {
				pending = read(db, concertationId);
				reads.set(read, pending);
			}
			return pending;
		}
	};
}

export async function loadRestitutionSource(
	db: RestitutionDb,
	concertation: Concertation,
	now = new Date()
): Promise<RestitutionSource> {
	const id = concertation.id;
	const languages = parseContentLanguages(concertation.languages);
	const context = loadContext(db, id, languages);
	const [series, branding, participants, parts, meetingParts] = await Promise.all([
		concertation.series_id === null
			? undefined
			: db
					.selectFrom('series')
					.select(['title_fr', 'title_nl', 'title_en'])
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
		Promise.all(PARTS.map(async (part) => [part.kind, await part.load(context)] as const)),
		loadMeetingParts(db, id)
	]);
	return {
		concertation: {
			title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
			languages,
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
		series: series
			? { title: { fr: series.title_fr, nl: series.title_nl, en: series.title_en } }
			: null,
		branding: branding
			? {
					organiser: {
						fr: branding.organiser_fr,
						nl: branding.organiser_nl,
						en: branding.organiser_en
					},
					logo:
						branding.logo && branding.logo_media_type
							? { mediaType: branding.logo_media_type, bytes: branding.logo }
							: null
				}
			: null,
		sectors: parseSectors(concertation).map((sector) => ({
			id: sector.id,
			fr: sector.fr,
			nl: sector.nl,
			en: sector.en ?? ''
		})),
		participants: participants.map((participant) => ({
			id: participant.id,
			displayName: participant.display_name,
			organisation: participant.organisation,
			sector: participant.sector,
			consentAttendance: participant.consent_attendance === 1
		})),
		namesErased: concertation.participants_anonymised_at !== null,
		generatedAt: brusselsTimestamp(now),
		meetingParts,
		...Object.fromEntries(parts)
	};
}

export async function loadEdits(db: RestitutionDb, concertationId: number) {
	const rows = await db
		.selectFrom('restitution_edit')
		.select(['item_key', 'value_json'])
		.where('concertation_id', '=', concertationId)
		.execute();
	return parseEdits(rows.map((row) => ({ key: row.item_key, valueJson: row.value_json })));
}

/** The restitution as it will be exported: raw data, then the coordinators' edits. */
export async function loadRestitution(
	db: RestitutionDb,
	concertation: Concertation,
	now = new Date()
): Promise<BuiltRestitution> {
	const [source, edits] = await Promise.all([
		loadRestitutionSource(db, concertation, now),
		loadEdits(db, concertation.id)
	]);
	return buildRestitution(source, edits);
}
