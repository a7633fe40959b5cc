import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		alias: {
			$db: 'db'
		},
		// Content-Security-Policy of every page: SvelteKit adds a nonce for its own inline
		// scripts (mode 'auto'), nothing else may run. Styles allow 'unsafe-inline' because
		// components set `style=` attributes (bar widths, scales, colours) and app.html has one;
		// a style cannot run code, so this opens no way to a script. Images: the series logo
		// is shown as a data: URL. The console frames the projector page of the same origin,
		// so frame-ancestors is 'self' rather than 'none'; no other site may frame a page.
		// Sockets: connect-src 'self' covers ws:/wss: of the same host.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'frame-src': ['self'],
				'frame-ancestors': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		typescript: {
			// svelte-check covers src/ and tests/ by default; the operator scripts,
			// TypeScript benchmarks and migrations are checked too (the plain-JS load benchmarks,
			// run by node as they are, and server.js, which imports the build, are not).
			config(tsconfig) {
				tsconfig.include.push('../scripts/**/*.ts', '../bench/**/*.ts', '../db/**/*.ts');
			}
		}
	}
};

export default config;
