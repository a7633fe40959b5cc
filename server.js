// Production entry: one HTTP server and one port for SvelteKit (adapter-node's handler) and
// socket.io. The handler is attached first and socket.io after it: socket.io wraps the
// listeners that already exist. Realtime handlers are registered by boot() inside the
// SvelteKit bundle (the `init` hook), so they share its database and domain modules.
import http from 'node:http';
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
const httpServer = http.createServer((req, res) => {
	if (tellProtocol) req.headers[TRUE_PROTOCOL_HEADER] = 'http';
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

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	// io.close() also closes the HTTP server: no new requests, sockets told to go.
	io.close();
	await getRuntime()?.shutdown?.();
	process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
