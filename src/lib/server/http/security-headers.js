// Plain JavaScript on purpose: `server.js` (run by Node 20, which cannot import TypeScript)
// sets these on the static files adapter-node serves before SvelteKit's `handle` runs, and
// `hooks.server.ts` on everything SvelteKit answers, so that both say the same.

/**
 * Headers every response carries. The Content-Security-Policy of pages comes from SvelteKit
 * (`kit.csp` in svelte.config.js), with a nonce per page.
 * - nosniff: a file is what its type says (an uploaded logo is never run as a script);
 * - Referrer-Policy same-origin: a projector address carries its key in the query string,
 *   which must never reach another site;
 * - Permissions-Policy: no page needs a camera, microphone, location or payment; the
 *   projector may go full screen;
 * - X-Frame-Options SAMEORIGIN for browsers without CSP's frame-ancestors: the console shows
 *   the projector in a frame of its own origin, no other site frames any page;
 * - HSTS only when served over HTTPS (behind a proxy that terminates TLS), for a year.
 * @param {boolean} https
 * @returns {Record<string, string>}
 */
export function securityHeaders(https) {
	return {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'same-origin',
		'permissions-policy':
			'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), midi=(), fullscreen=(self)',
		'x-frame-options': 'SAMEORIGIN',
		...(https ? { 'strict-transport-security': 'max-age=31536000' } : {})
	};
}
