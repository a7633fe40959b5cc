import { fail } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { isStorageFailure } from '../db/storage';
import { DomainError } from '../errors';
import { toCommandError } from '../realtime/errors';

/** Form values as strings, each cut to a sane length before validation sees them. */
export function formValues<K extends string>(
	form: FormData,
	names: readonly K[],
	max = 5000
): Record<K, string> {
	const values = {} as Record<K, string>;
	for (const name of names) values[name] = String(form.get(name) ?? '').slice(0, max);
	return values;
}

/**
 * Runs a form's domain call; a refusal becomes a translated `fail(400)` that keeps what the
 * user typed, so nothing is lost. Anything else is a bug and propagates.
 */
export async function runFormAction<T, V extends object>(
	locale: App.Locals['locale'],
	values: V,
	action: () => Promise<T>
) {
	try {
		return { ok: true as const, result: await action() };
	} catch (caught) {
		if (caught instanceof ZodError || caught instanceof DomainError || isStorageFailure(caught)) {
			const answer = toCommandError(caught, locale);
			const status =
				answer.code === 'not_found' ? 404 : answer.code === 'storage_unavailable' ? 503 : 400;
			return {
				ok: false as const,
				failure: fail(status, {
					values,
					message: answer.message,
					fields: answer.fields ?? []
				})
			};
		}
		throw caught;
	}
}
