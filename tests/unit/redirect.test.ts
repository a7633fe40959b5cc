import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '../../src/lib/server/http/redirect';

const ORIGIN = 'http://192.168.1.20:3000';

describe('sameOriginPath', () => {
	it('keeps a path of this site with its query and fragment', () => {
		expect(sameOriginPath('/f/12/edit?tab=programme#steps', ORIGIN, '/f')).toBe(
			'/f/12/edit?tab=programme#steps'
		);
		expect(sameOriginPath('/r/3', ORIGIN)).toBe('/r/3');
		// An absolute address of this very site is fine too; only its path is kept.
		expect(sameOriginPath(`${ORIGIN}/f/accounts`, ORIGIN, '/f')).toBe('/f/accounts');
		// A relative path resolves against the site's root.
		expect(sameOriginPath('f/series', ORIGIN)).toBe('/f/series');
		// Same scheme without slashes is a relative path for a browser too: it stays here.
		expect(sameOriginPath('http:evil.example', ORIGIN, '/f')).toBe('/evil.example');
	});

	it('refuses every way of naming another site', () => {
		const attempts = [
			'https://evil.example/phish',
			'//evil.example/phish',
			// The reported one: /%5Cevil.example/phish, decoded by searchParams.get().
			'/\\evil.example/phish',
			'\\\\evil.example/phish',
			'/\t/evil.example/phish',
			'/\n/evil.example',
			' //evil.example',
			'https:/evil.example',
			`${ORIGIN}.evil.example/`,
			'http://192.168.1.20:3001/f',
			'https://192.168.1.20:3000/f',
			'javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'http://user@evil.example'
		];
		for (const attempt of attempts) {
			expect({ attempt, to: sameOriginPath(attempt, ORIGIN, '/f') }).toEqual({
				attempt,
				to: '/f'
			});
		}
	});

	it('falls back when there is no target or the origin itself is unusable', () => {
		expect(sameOriginPath(null, ORIGIN, '/f')).toBe('/f');
		expect(sameOriginPath(undefined, ORIGIN)).toBe('/');
		expect(sameOriginPath('', ORIGIN, '/f')).toBe('/f');
		expect(sameOriginPath('/f', 'not an origin', '/x')).toBe('/x');
	});
});
