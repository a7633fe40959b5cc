// Plain JavaScript on purpose: both `server.js` (run by Node 20, which cannot import
// TypeScript) and `vite.config.ts` import this file before SvelteKit's bundle exists.
import { Server } from 'socket.io';

/** Where the outer server hands the socket.io instance to SvelteKit's bundle. */
export const RUNTIME_KEY = Symbol.for('concertation.runtime');

/**
 * @typedef {object} Runtime
 * @property {import('socket.io').Server} io
 * @property {() => Promise<void>} [shutdown] set by boot(): closes the database cleanly
 */

/**
 * Creates the socket.io server on an HTTP server that already has its request listener,
 * and publishes it for `boot()` (inside the SvelteKit bundle) to register the handlers.
 * @param {import('node:http').Server} httpServer
 * @returns {import('socket.io').Server}
 */
export function attachSocketServer(httpServer) {
	const io = new Server(httpServer, {
		// Commands are small JSON objects; a large frame is either a bug or an attack.
		maxHttpBufferSize: 64 * 1024,
		serveClient: false,
		pingInterval: 20_000,
		pingTimeout: 25_000
	});
	/** @type {Runtime} */
	const runtime = { io };
	/** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[RUNTIME_KEY] =
		runtime;
	return io;
}

/** @returns {Runtime | undefined} */
export function getRuntime() {
	return /** @type {Runtime | undefined} */ (
		/** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis))[RUNTIME_KEY]
	);
}
