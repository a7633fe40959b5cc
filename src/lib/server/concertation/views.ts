import {
	parseContentLanguages,
	type PhaseKind,
	type PhaseView,
	type Sector,
	type SessionView
} from '../../protocol';
import type { Db } from '../db';
import type { Concertation, Phase } from '../db/schema';
import { registerSection } from '../realtime/sections';
import { listPhases, timerState } from './store';
import { timerView } from './timer';

export function parseSectors(concertation: Concertation): Sector[] {
	try {
		return JSON.parse(concertation.sectors_json) as Sector[];
	} catch {
		return [];
	}
}

export function sessionView(concertation: Concertation): SessionView {
	return {
		id: concertation.id,
		joinCode: concertation.join_code,
		title: { fr: concertation.title_fr, nl: concertation.title_nl, en: concertation.title_en },
		languages: parseContentLanguages(concertation.languages),
		number: concertation.number,
		date: concertation.date,
		startTime: concertation.start_time,
		place: concertation.place,
		contact: {
			name: concertation.contact_name,
			email: concertation.contact_email,
			phone: concertation.contact_phone
		},
		status: concertation.status,
		currentPhaseId: concertation.current_phase_id,
		sectors: parseSectors(concertation),
		timer: timerView(timerState(concertation))
	};
}

/** A step as the audiences see it; its notes only with `withNotes` (the facilitators). */
export function phaseView(phase: Phase, withNotes = false): PhaseView {
	return {
		id: phase.id,
		kind: phase.kind as PhaseKind,
		position: phase.position,
		title: { fr: phase.title_fr, nl: phase.title_nl, en: phase.title_en },
		body: { fr: phase.body_fr, nl: phase.body_nl, en: phase.body_en },
		durationMinutes: phase.duration_minutes,
		...(withNotes ? { notes: phase.notes } : {})
	};
}

export async function programmeView(
	db: Db,
	concertationId: number,
	withNotes: boolean
): Promise<PhaseView[]> {
	return (await listPhases(db, concertationId)).map((phase) => phaseView(phase, withNotes));
}

registerSection('session', async (_db, concertation) => sessionView(concertation));
registerSection('programme', async (db, concertation, audience) =>
	programmeView(db, concertation.id, audience === 'facilitator')
);
