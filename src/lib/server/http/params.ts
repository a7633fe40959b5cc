import { error } from '@sveltejs/kit';
import { translator } from '../../i18n';
import { findConcertation } from '../concertation/store';
import type { Concertation } from '../db/schema';

/** A concertation id from a URL: anything but a known positive integer is a translated 404. */
export async function loadConcertationOr404(
	locals: App.Locals,
	rawId: string
): Promise<Concertation> {
	const id = /^\d{1,12}$/.test(rawId) ? Number(rawId) : NaN;
	const concertation = Number.isSafeInteger(id) ? await findConcertation(locals.db, id) : undefined;
	if (!concertation)
		error(404, { message: translator(locals.locale, 'errors')('not_found'), code: 'not_found' });
	return concertation;
}
