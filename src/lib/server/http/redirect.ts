/**
 * Where a `redirectTo` taken from a request may send the browser: a page of this site only.
 * Checking the text ("starts with one slash") is not enough: browsers read `/\evil.example`
 * as `//evil.example`, and ignore tabs and newlines inside a URL. So the target is resolved
 * the way the browser will resolve it, against this site's origin, and kept only when it
 * stays on that origin; what is kept is its path, query and fragment, never a host.
 */
export function sameOriginPath(
	target: string | null | undefined,
	origin: string,
	fallback = '/'
): string {
	if (!target) return fallback;
	let base: URL;
	let resolved: URL;
	try {
		base = new URL(origin);
		resolved = new URL(target, base);
	} catch {
		return fallback;
	}
	if (resolved.origin !== base.origin) return fallback;
	return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
