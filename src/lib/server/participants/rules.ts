import { LIMITS } from '../../protocol';
import { DomainError } from '../errors';
import { cleanLine, requireReadableName, textLength as length } from '../text';

/**
 * A participant's profile as typed when joining or editing it, and as a facilitator corrects
 * it during the tour de table. Pure rules, no I/O. (The codes keep their historic `tour_`
 * prefix: scripts may test for them.)
 */

function fail(code: string, params: Record<string, string | number> = {}): never {
	throw new DomainError(code, params, `errors:${code}`);
}

/** The name shown on the screen and to the others, as typed (emoji and any script welcome). */
export function validateDisplayName(raw: unknown): string {
	const name = cleanLine(raw);
	if (name === '') fail('tour_name_required', { field: 'displayName' });
	requireReadableName(name, 'displayName');
	if (length(name) > LIMITS.displayName) {
		fail('tour_name_too_long', { field: 'displayName', max: LIMITS.displayName });
	}
	return name;
}

/** Optional: many participants come in their own name. */
export function validateOrganisation(raw: unknown): string {
	const organisation = cleanLine(raw);
	if (length(organisation) > LIMITS.organisation) {
		fail('tour_organisation_too_long', { field: 'organisation', max: LIMITS.organisation });
	}
	return organisation;
}
