/**
 * The projector's own state, besides the steps' content: whether the facilitator asked for
 * the whole join block (`screen.join`, stored on the concertation, migration 015) and what
 * the closing screen says (the restitution's thanks and next dates). It sits above the
 * domains it reads: the restitution's edits are read here, never the other way round.
 */
import type { ScreenSection } from '../../protocol';
import { isoDateInBrussels } from '../../i18n/format';
import type { Db } from '../db';
import type { Concertation } from '../db/schema';
import { registerCommands } from '../realtime/commands';
import { registerSection } from '../realtime/sections';
import { nextDateScope, upcomingDates } from '../restitution/next-dates';
import { loadEdits } from '../restitution/source';

export async function screenSection(db: Db, concertation: Concertation): Promise<ScreenSection> {
	const edits = await loadEdits(db, concertation.id);
	const thanks = edits.thanks;
	return {
		joinFull: concertation.screen_join_full === 1,
		nextDates: upcomingDates(
			edits.nextDates ?? [],
			isoDateInBrussels(),
			nextDateScope(concertation)
		),
		// French and Dutch each fall back on the other, as before; English only as written (the
		// closing screen says the standard thanks in a language nobody wrote them in).
		thanks:
			thanks && (thanks.fr || thanks.nl || thanks.en)
				? {
						fr: thanks.fr || thanks.nl || '',
						nl: thanks.nl || thanks.fr || '',
						...(thanks.en ? { en: thanks.en } : {})
					}
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

// Every audience: the console (its toggle), the projector, and phones, which show the next
// dates once the session is closed. Built once per audience, whatever the room's size.
registerSection('screen', async (db, concertation) => screenSection(db, concertation));
