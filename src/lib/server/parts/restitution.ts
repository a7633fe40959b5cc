/**
 * What the restitution reads of a meeting in several parts: each part, its steps' titles and
 * who was present in it (participant ids; the builder decides whose names may be printed).
 * Empty for a meeting in one part, which the restitution then prints exactly as before.
 */
import type { Queryable } from '../db';
import { stepsByPart } from './rules';
import type { PartTables } from './schema';
import { attendanceByPart, partsState } from './store';

export interface SourceMeetingPart {
	number: number;
	title: { fr: string; nl: string; en: string };
	date: string;
	startTime: string;
	endTime: string;
	place: string;
	link: string;
	steps: { fr: string; nl: string; en: string }[];
	attendees: number[];
}

export async function loadMeetingParts(
	db: Queryable,
	concertationId: number
): Promise<SourceMeetingPart[]> {
	const pdb = db.withTables<PartTables>();
	const { parts, phases, assignment } = await partsState(pdb, concertationId);
	if (parts.length === 0) return [];
	const steps = stepsByPart(parts, phases, assignment);
	const attendance = await attendanceByPart(pdb, concertationId);
	return parts.map((part, index) => ({
		number: index + 1,
		title: { fr: part.title_fr, nl: part.title_nl, en: part.title_en },
		date: part.date,
		startTime: part.start_time,
		endTime: part.end_time,
		place: part.place,
		link: part.link,
		steps: (steps.get(part.id) ?? []).map((step) => ({
			fr: step.title_fr,
			nl: step.title_nl,
			en: step.title_en
		})),
		attendees: attendance.get(part.id) ?? []
	}));
}
