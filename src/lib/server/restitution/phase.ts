// The restitution on the server: importing this registers what it does when participants are
// anonymised (its other modules serve the review page and the exports, called by routes).
// Found by ../phases.ts from the protocol's list of phase kinds.
import { registerAnonymiser } from '../concertation/anonymise';
import type { RestitutionTables } from './schema';

// Coordinators' rewordings of a person's name (attendance list, rapporteurs) go.
registerAnonymiser<RestitutionTables>(async (tx, concertationId) => {
	await tx
		.deleteFrom('restitution_edit')
		.where('concertation_id', '=', concertationId)
		.where((eb) =>
			eb.or([eb('item_key', 'like', 'person:%'), eb('item_key', 'like', 'table:%:rapporteur')])
		)
		.execute();
	return [];
});
