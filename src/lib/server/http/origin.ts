import { config } from '../config';

/**
 * Browsers send Origin on cross-site requests; a page of another site must not open a
 * socket or call the JSON API with our users' cookies. Requests without Origin come from
 * scripts and tools, which carry no ambient cookies, and are let through.
 */
export function isAllowedOrigin(
	origin: string | undefined | null,
	host: string | undefined | null
): boolean {
	if (!origin) return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (host && parsed.host === host) return true;
	return config.allowedOrigins.includes(parsed.origin);
}
