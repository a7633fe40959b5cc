/**
 * The projector's own state, besides the steps' content: whether the facilitator asked for
 * the whole join block (`screen.join`, stored on the concertation, migration 015) and what
 * the closing screen says (the restitution's thanks and next dates). It sits above the
 * domains it reads: the restitution's edits are read here, never the other way round.
 */
import type { ScreenNextDate, ScreenSection } from '../../protocol';
import { isoDateInBrussels } from '../../i18n/format';
import type { Db } from '../db';
import type { Concertation } from '../db/schema';
import { registerCommands } from '../realtime/commands';
import { registerSection } from '../realtime/sections';
import { loadEdits } from '../restitution/source';

/** The next dates from `today` on, soonest first (the closing screen has room for a few). */
export function upcomingDates(
	dates: readonly {
		label: { fr?: string; nl?: string };
		date: string;
		time?: string;
		place?: string;
	}[],
	today: string
): ScreenNextDate[] {
	return dates
		.filter((next) => next.date >= today)
		.sort((a, b) => (a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? '')))
		.map((next) => ({
			label: {
				fr: next.label.fr || next.label.nl || '',
				nl: next.label.nl || next.label.fr || ''
			},
			date: next.date,
			time: next.time || null,
			place: next.place || null
		}));
}

export async function screenSection(db: Db, concertation: Concertation): Promise<ScreenSection> {
	const edits = await loadEdits(db, concertation.id);
	const thanks = edits.thanks;
	return {
		joinFull: concertation.screen_join_full === 1,
		nextDates: upcomingDates(edits.nextDates ?? [], isoDateInBrussels()),
		thanks:
			thanks && (thanks.fr || thanks.nl)
				? { fr: thanks.fr || thanks.nl || '', nl: thanks.nl || thanks.fr || '' }
				: null
	};
}

registerCommands({
	'screen.join': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { full }) {
			await tx
				.updateTable('concertation')
				.set({ screen_join_full: full ? 1 : 0 })
				.where('id', '=', concertation.id)
				.execute();
			return { result: { full }, changed: ['screen'] };
		}
	}
});

// Phones never show it: only the console (its toggle) and the projector get this section.
registerSection('screen', async (db, concertation, audience) =>
	audience === 'participant' ? undefined : screenSection(db, concertation)
);
