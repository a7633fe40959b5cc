import type { Audience, MeetingPartView, PartsView } from '../../protocol';
import type { Concertation } from '../db/schema';
import { registerSection } from '../realtime/sections';
import { partStatus, runningPart, stepsByPart } from './rules';
import type { PartTables, PartsDb } from './schema';
import { attendanceCounts, partsState } from './store';

export async function partsView(
	db: PartsDb,
	concertation: Pick<Concertation, 'id'>,
	audience: Audience
): Promise<PartsView> {
	const { parts, phases, assignment } = await partsState(db, concertation.id);
	if (parts.length === 0) return { parts: [], currentPartId: null };
	const steps = stepsByPart(parts, phases, assignment);
	const counts = audience === 'facilitator' ? await attendanceCounts(db, concertation.id) : null;
	return {
		currentPartId: runningPart(parts)?.id ?? null,
		parts: parts.map((part, index): MeetingPartView => ({
			id: part.id,
			number: index + 1,
			title: { fr: part.title_fr, nl: part.title_nl, en: part.title_en },
			date: part.date,
			startTime: part.start_time,
			endTime: part.end_time,
			place: part.place,
			link: part.link,
			status: partStatus(part),
			stepIds: (steps.get(part.id) ?? []).map((step) => step.id),
			...(counts ? { attendance: counts.get(part.id) ?? 0 } : {})
		}))
	};
}

registerSection<'parts', PartTables>('parts', (db, concertation, audience) =>
	partsView(db, concertation, audience)
);
