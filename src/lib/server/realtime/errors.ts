import { ZodError, type z } from 'zod';
import { translator, type Locale } from '../../i18n';
import type { CommandError } from '../../protocol';
import { isStorageFailure, storageFailures } from '../db/storage';
import { DomainError } from '../errors';

/** Turns a zod issue into a short translated phrase: "at most 200 characters". */
function describeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
	const t = translator(locale, 'errors');
	switch (issue.code) {
		case 'too_big':
			return issue.origin === 'string'
				? t('field.too_long', { max: Number(issue.maximum) })
				: issue.origin === 'array'
					? t('field.too_many', { max: Number(issue.maximum) })
					: t('field.too_big', { max: Number(issue.maximum) });
		case 'too_small':
			return issue.origin === 'string' && Number(issue.minimum) <= 1
				? t('field.required')
				: issue.origin === 'string'
					? t('field.too_short', { min: Number(issue.minimum) })
					: issue.origin === 'array'
						? t('field.too_few', { min: Number(issue.minimum) })
						: t('field.too_small', { min: Number(issue.minimum) });
		case 'invalid_format':
			return issue.format === 'email' ? t('field.email') : t('field.format');
		case 'invalid_value':
			return t('field.choice');
		case 'unrecognized_keys':
			return t('field.unknown', { keys: issue.keys.join(', ') });
		case 'invalid_type':
			return issue.input === undefined ? t('field.required') : t('field.type');
		case 'custom':
			// A name or title of zero-width spaces and the like (text.ts, isReadableName).
			return issue.params?.reason === 'unreadable' ? t('field.unreadable') : t('field.format');
		default:
			return t('field.format');
	}
}

export function zodToCommandError(error: ZodError, locale: Locale): CommandError {
	const fields = error.issues.map((issue) => ({
		path: issue.path.join('.'),
		message: describeIssue(issue, locale)
	}));
	const first = fields[0];
	const t = translator(locale, 'errors');
	const detail = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : '';
	return { code: 'invalid', message: t('invalid', { detail }), fields };
}

/** Any thrown value → the error part of an answer, in the asker's language. */
export function toCommandError(error: unknown, locale: Locale): CommandError {
	if (error instanceof ZodError) return zodToCommandError(error, locale);
	if (error instanceof DomainError) {
		const t = translator(locale);
		const details = error.params;
		const message = t(error.messageKey, { ...error.params });
		// Rules name the field they refuse, so forms can point at it.
		const field = typeof details.field === 'string' ? details.field : null;
		return {
			code: error.code,
			message,
			...(field ? { fields: [{ path: field, message }] } : {}),
			...(Object.keys(details).length > 0 ? { details } : {})
		};
	}
	if (isStorageFailure(error)) {
		storageFailures.report(error, 'a command');
		return {
			code: 'storage_unavailable',
			message: translator(locale, 'errors')('storage_unavailable')
		};
	}
	console.error('unexpected error in command', error);
	return { code: 'internal', message: translator(locale, 'errors')('internal') };
}
