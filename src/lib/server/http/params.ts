import { error } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { findConcertation } from '../concertation/store';
import type { Concertation } from '../db/schema';

/**
 * A row id from a URL or a form: a positive integer of up to 12 digits, else 0, which no row
 * has (so the caller answers "not found", never "invalid").
 */
export function idParam(raw: string): number {
	return /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
}

/** A concertation id from a URL: anything but a known positive integer is a translated 404. */
export async function loadConcertationOr404(
	locals: App.Locals,
	rawId: string
): Promise<Concertation> {
	const id = idParam(rawId);
	const concertation = id > 0 ? await findConcertation(locals.db, id) : undefined;
	if (!concertation)
		error(404, { message: translator(locals.locale, 'errors')('not_found'), code: 'not_found' });
	return concertation;
}
