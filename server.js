// Production entry: one HTTP server and one port for SvelteKit (adapter-node's handler) and
// socket.io. The handler is attached first and socket.io after it: socket.io wraps the
// listeners that already exist. Realtime handlers are registered by boot() inside the
// SvelteKit bundle (the `init` hook), so they share its database and domain modules.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { securityHeaders } from './src/lib/server/http/security-headers.js';
import {
	configuredPublicUrl,
	lanAddresses,
	startBanner
} from './src/lib/server/http/public-address.js';
import { attachSocketServer, getRuntime } from './src/lib/server/realtime/socket-server.js';

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);

// This server speaks plain HTTP. Without ORIGIN or PROTOCOL_HEADER, adapter-node assumes
// https, and SvelteKit's CSRF check then refuses every form posted over http (a laptop on the
// venue's network). Tell it the truth through a header no client can set.
const TRUE_PROTOCOL_HEADER = 'x-concertation-protocol';
const tellProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (tellProtocol) process.env.PROTOCOL_HEADER = TRUE_PROTOCOL_HEADER;

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handleRequest = (_req, res) => {
	res.statusCode = 503;
	res.end('Starting');
};
/** Whether the browser reached us over HTTPS (through a proxy: ORIGIN or PROTOCOL_HEADER). */
function servedOverHttps(/** @type {http.IncomingMessage} */ req) {
	if (process.env.ORIGIN) return process.env.ORIGIN.startsWith('https:');
	const header = process.env.PROTOCOL_HEADER?.toLowerCase();
	if (!header || header === TRUE_PROTOCOL_HEADER) return false;
	return (
		String(req.headers[header] ?? '')
			.split(',')[0]
			?.trim() === 'https'
	);
}

/** Responses not finished yet: a stop waits for them (see `stop`). */
const inFlight = new Set();
let stopping = false;

const httpServer = http.createServer((req, res) => {
	if (tellProtocol) req.headers[TRUE_PROTOCOL_HEADER] = 'http';
	// adapter-node serves the static files before SvelteKit's `handle` runs: their security
	// headers are set here (SvelteKit sets the same on what it answers, and the pages' CSP).
	for (const [name, value] of Object.entries(securityHeaders(servedOverHttps(req))))
		res.setHeader(name, value);
	if (stopping) res.setHeader('connection', 'close');
	inFlight.add(res);
	res.once('close', () => inFlight.delete(res));
	handleRequest(req, res);
});
const io = attachSocketServer(httpServer);

try {
	// Importing the handler runs SvelteKit's `init` hook: migrations, then realtime handlers.
	const { handler } = await import('./build/handler.js');
	handleRequest = handler;
} catch (error) {
	console.error(`Concertation could not start: ${error instanceof Error ? error.message : error}`);
	if (
		error &&
		typeof error === 'object' &&
		'code' in error &&
		error.code === 'ERR_MODULE_NOT_FOUND'
	) {
		console.error('Build the app first: npm run build (npm start does it for you).');
	}
	process.exit(1);
}

httpServer.listen(port, host, () => {
	const address = httpServer.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	console.log(
		`Concertation listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`
	);
	// The last lines say where to go: the console here, and the address phones can reach.
	const banner = startBanner({
		configured: configuredPublicUrl(process.env),
		listenHost: host,
		port: actualPort,
		lan: lanAddresses()
	});
	console.log(banner.join('\n'));
});

/** How long a stop waits for requests in flight (a PDF being made, an upload). */
const graceSeconds = Number(process.env.SHUTDOWN_GRACE_SECONDS);
const graceMs = (Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds : 10) * 1000;

/**
 * SIGTERM (a restart, an upgrade): stop accepting connections, let the requests in flight
 * finish (up to SHUTDOWN_GRACE_SECONDS, 10 by default) while live sockets keep working, then
 * close the sockets' transports without socket.io's "disconnect" packet: clients see a lost
 * connection and reconnect by themselves, quietly, to the server that comes back. Only then
 * is the database closed.
 */
async function stop() {
	if (stopping) return;
	stopping = true;
	httpServer.close();
	httpServer.closeIdleConnections();
	const deadline = Date.now() + graceMs;
	while (inFlight.size > 0 && Date.now() < deadline) await sleep(25);
	if (inFlight.size > 0)
		console.error(`Stopping with ${inFlight.size} request(s) unfinished after ${graceMs / 1000} s`);
	// io.close() closes every transport (clients reconnect: "transport close") and the server.
	io.close();
	httpServer.closeAllConnections();
	await getRuntime()?.shutdown?.();
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
