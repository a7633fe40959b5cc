// The restitution on the server: importing this registers what it does when participants are
// anonymised (its other modules serve the review page and the exports, called by routes).
// Found by ../phases.ts from the protocol's list of phase kinds.
import { registerAnonymiser } from '../concertation/anonymise';
import { PARTS } from './parts';
import type { RestitutionTables } from './schema';

/** Edits that hold a person's name: the attendance list's, and those the parts declare. */
const NAMED_KEYS = ['person:%', ...PARTS.flatMap((part) => part.namedKeys ?? [])];

// Coordinators' rewordings of a person's name (attendance list, rapporteurs) go.
registerAnonymiser<RestitutionTables>(async (tx, concertationId) => {
	await tx
		.deleteFrom('restitution_edit')
		.where('concertation_id', '=', concertationId)
		.where((eb) => eb.or(NAMED_KEYS.map((pattern) => eb('item_key', 'like', pattern))))
		.execute();
	return [];
});
