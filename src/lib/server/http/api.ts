import { ZodError } from 'zod';
import { translator } from '../../i18n';
import type { Facilitator } from '../db/schema';
import { isStorageFailure } from '../db/storage';
import { DomainError } from '../errors';
import { toCommandError } from '../realtime/errors';

const MAX_JSON_BYTES = 256 * 1024;

/** Thrown inside an API handler to answer with a translated JSON error. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly params: Record<string, string | number> = {},
		/** Extra response headers (e.g. `retry-after` with a 429). */
		readonly headers: Record<string, string> = {},
		/** The message's key in `errors`, when it is not the code (several messages, one code). */
		readonly messageKey: string = code
	) {
		super(code);
	}
}

export async function readJson(request: Request): Promise<unknown> {
	const length = Number(request.headers.get('content-length') ?? 0);
	if (length > MAX_JSON_BYTES) throw new ApiError(413, 'too_large');
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) throw new ApiError(413, 'too_large');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiError(400, 'invalid', { detail: 'JSON' });
	}
}

/**
 * A raw request body (an uploaded file) of at most `max` bytes, read no further than that:
 * a larger one is refused with 413 whether or not it announced its length.
 */
export async function readBytes(request: Request, max: number): Promise<Uint8Array> {
	if (Number(request.headers.get('content-length') ?? 0) > max)
		throw new ApiError(413, 'too_large');
	const chunks: Uint8Array[] = [];
	let size = 0;
	if (request.body) {
		for await (const chunk of request.body) {
			size += chunk.byteLength;
			if (size > max) throw new ApiError(413, 'too_large');
			chunks.push(chunk);
		}
	}
	return Buffer.concat(chunks);
}

export function requireApiAccount(locals: App.Locals, runner = false): Facilitator {
	if (!locals.facilitator) throw new ApiError(401, 'unauthenticated');
	if (runner && locals.facilitator.role !== 'facilitator') throw new ApiError(403, 'forbidden');
	return locals.facilitator;
}

const STATUS_OF: Record<string, number> = {
	not_found: 404,
	forbidden: 403,
	unauthenticated: 401,
	rate_limited: 429,
	conflict: 409,
	anonymise_not_closed: 409,
	reopen_anonymised: 409,
	email_taken: 409,
	concertation_full: 409,
	too_large: 413,
	storage_unavailable: 503
};

/**
 * Wraps a JSON endpoint: every refusal becomes `{ ok: false, error: { code, message } }`
 * with a fitting status, in the caller's language; bugs stay 500 without details.
 */
export async function jsonEndpoint(
	locals: App.Locals,
	handler: () => Promise<Response>
): Promise<Response> {
	try {
		return await handler();
	} catch (caught) {
		if (caught instanceof ApiError) {
			const message = translator(locals.locale, 'errors')(caught.messageKey, caught.params);
			return Response.json(
				{ ok: false, error: { code: caught.code, message } },
				{ status: caught.status, headers: caught.headers }
			);
		}
		if (caught instanceof DomainError || caught instanceof ZodError || isStorageFailure(caught)) {
			const error = toCommandError(caught, locals.locale);
			const seconds = caught instanceof DomainError ? caught.params.seconds : undefined;
			return Response.json(
				{ ok: false, error },
				{
					status: STATUS_OF[error.code] ?? 400,
					headers:
						error.code === 'rate_limited' && seconds !== undefined
							? { 'retry-after': String(seconds) }
							: {}
				}
			);
		}
		throw caught;
	}
}
