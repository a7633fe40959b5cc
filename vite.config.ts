import { sveltekit } from '@sveltejs/kit/vite';
import type { Server as HttpServer } from 'node:http';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { attachSocketServer } from './src/lib/server/realtime/socket-server.js';

/**
 * In `vite dev`, socket.io shares Vite's HTTP server, as it shares adapter-node's in
 * production (server.js). Handlers are loaded through Vite's SSR module graph so they use
 * the very same database and domain modules as SvelteKit's routes.
 */
function realtimeInDev(): Plugin {
	return {
		name: 'concertation-realtime-dev',
		configureServer(server) {
			// Under vitest (middleware mode) there is no HTTP server to attach to.
			if (!server.httpServer) return;
			// Vite's dev server is plain HTTP/1.1 unless configured for HTTPS, which we never do.
			attachSocketServer(server.httpServer as HttpServer);
			server.httpServer.once('listening', () => {
				// SvelteKit runs the `init` hook only on the first request in dev: boot now so
				// phones can connect before anyone has loaded a page.
				server
					.ssrLoadModule('/src/lib/server/boot.ts')
					.then((bootModule) => bootModule.boot())
					.catch((error: unknown) => server.config.logger.error(String(error)));
			});
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), realtimeInDev()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
