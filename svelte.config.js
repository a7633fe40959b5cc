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
