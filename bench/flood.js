// Benchmark of a flood from one phone (issue 13). Plain Node ESM, run by
// `npm run bench:flood` (which builds first) or `node bench/flood.js [floodCommands] [floods]`.
//
// 1. Starts the production server (`node server.js`) on a temporary SQLite file, PORT=0,
//    creates a concertation and joins two phones: one floods, one behaves.
// 2. The calm phone sends a command every 150 ms and times each ack: first quietly, then while
//    the other phone, in its own process (bench/flood-phone.js), sends FLOODS floods of
//    2,000 commands as fast as socket.io lets it.
// 3. Does the same against a bare socket.io echo server in its own process, which answers
//    every flooding command (no limit, no database): the floor of what socket.io costs.
// Targets: the calm phone's ack p95 during the flood ≤ 10 ms; most of the flood refused.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { ROOT, cpuMs, ms, positiveInt, startProcess, summary, reportChecks } from './lib.js';

const FLOOD = positiveInt(process.argv[2] ?? process.env.FLOOD_BENCH_COMMANDS, 2000);
const FLOODS = positiveInt(process.argv[3] ?? process.env.FLOOD_BENCH_FLOODS, 5);
const CALM_EVERY_MS = 150;
const QUIET_COMMANDS = 40;
const TARGETS = { calmP95Ms: 10, refusedShare: 0.9 };
const ADMIN_EMAIL = 'bench@example.org';
const ADMIN_PASSWORD = 'bench-password-not-secret-123';

const sleep = (duration) => new Promise((resolve) => setTimeout(resolve, duration));

/** Runs the flooding phone in its own process; resolves with its summary. */
function flood(url, auth) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			[
				path.join(ROOT, 'bench/flood-phone.js'),
				url,
				JSON.stringify(auth),
				String(FLOOD),
				String(FLOODS)
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) =>
			code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`flood phone exited ${code}`))
		);
	});
}

async function json(url, method, body, token) {
	const response = await fetch(url, {
		method,
		headers: {
			...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body !== undefined ? JSON.stringify(body) : undefined
	});
	const parsed = await response.json();
	if (!response.ok)
		throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(parsed)}`);
	return parsed;
}

function connectSocket(url, auth) {
	const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', reject);
	});
}

/**
 * The calm phone: a command every 150 ms while `running()`, at least `minimum` of them; the
 * time of each ack.
 */
async function calmPhone(socket, running, minimum) {
	const latencies = [];
	let n = 0;
	while (running() || latencies.length < minimum) {
		const started = performance.now();
		const ack = await socket.timeout(30_000).emitWithAck('profile.update', {
			commandId: `calm-${Date.now()}-${n}`,
			organisation: `Calme ${n++}`
		});
		if (!ack.ok) throw new Error(`the calm phone was refused: ${JSON.stringify(ack.error)}`);
		latencies.push(performance.now() - started);
		await sleep(CALM_EVERY_MS);
	}
	return latencies;
}

/** Quiet, then during the flood: the calm phone's latencies, and what the flood got. */
async function measure(url, serverPid, calmAuth, floodAuth) {
	const calm = await connectSocket(url, calmAuth);
	try {
		const quiet = await calmPhone(calm, () => false, QUIET_COMMANDS);
		let flooding = true;
		const during = calmPhone(calm, () => flooding, 10);
		const cpuBefore = cpuMs(serverPid);
		const outcome = await flood(url, floodAuth);
		const serverCpuMs = cpuMs(serverPid) - cpuBefore;
		flooding = false;
		return { quiet, during: await during, outcome, serverCpuMs };
	} finally {
		calm.disconnect();
	}
}

async function benchApp() {
	const directory = mkdtempSync(path.join(tmpdir(), 'concertation-flood-'));
	const server = startProcess(
		['server.js'],
		{
			HOST: '127.0.0.1',
			PORT: '0',
			DATABASE_PATH: path.join(directory, 'bench.sqlite'),
			ADMIN_EMAIL,
			ADMIN_PASSWORD
		},
		'app server'
	);
	try {
		const url = await server.url;
		const { token } = await json(`${url}/api/session`, 'POST', {
			email: ADMIN_EMAIL,
			password: ADMIN_PASSWORD
		});
		const { concertation } = await json(
			`${url}/api/concertations`,
			'POST',
			{ titleFr: 'Banc d’essai', titleNl: 'Proefbank', date: '2024-09-23' },
			token
		);
		const phone = async (displayName) => {
			const joined = await json(`${url}/api/join/${concertation.joinCode}`, 'POST', {
				displayName
			});
			return { concertationId: concertation.id, role: 'participant', token: joined.token };
		};
		return await measure(url, server.child.pid, await phone('Calme'), await phone('Flot'));
	} finally {
		await server.stop();
		rmSync(directory, { recursive: true, force: true });
	}
}

// The baseline: socket.io answering every command at once, in its own process like the app.
const ECHO_SERVER = `
import http from 'node:http';
import { Server } from 'socket.io';
const httpServer = http.createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
	socket.emit('snapshot', {});
	socket.on('profile.update', (payload, ack) => ack({ ok: true, data: {}, version: 1 }));
});
httpServer.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + httpServer.address().port));
process.on('SIGTERM', () => { io.close(); process.exit(0); });
`;

async function benchBare() {
	const server = startProcess(['--input-type=module', '-e', ECHO_SERVER], {}, 'echo server');
	try {
		const url = await server.url;
		return await measure(url, server.child.pid, {}, {});
	} finally {
		await server.stop();
	}
}

function line(label, stats) {
	return `${label.padEnd(34)} p50 ${ms(stats.p50)}  p95 ${ms(stats.p95)}  max ${ms(stats.max)}  (${stats.n} acks)`;
}

async function main() {
	console.log(
		`Flood benchmark: ${FLOODS} flood(s) of ${FLOOD} commands from one phone; another phone sends one every ${CALM_EVERY_MS} ms`
	);
	const bare = await benchBare();
	const app = await benchApp();
	const total = FLOOD * FLOODS;
	console.log(line('bare socket.io, quiet', summary(bare.quiet)));
	console.log(line('bare socket.io, during the flood', summary(bare.during)));
	console.log(line('app, quiet', summary(app.quiet)));
	console.log(line('app, during the flood', summary(app.during)));
	console.log(
		`flood on the app: ${app.outcome.refused} of ${total} refused (rate_limited), ${app.outcome.accepted} accepted, in ${app.outcome.ms} ms; on bare socket.io: ${bare.outcome.accepted} answered in ${bare.outcome.ms} ms`
	);
	console.log(
		`server CPU time during the flood: app ${app.serverCpuMs.toFixed(0)} ms (${((app.serverCpuMs * 1000) / total).toFixed(1)} µs a command), bare socket.io ${bare.serverCpuMs.toFixed(0)} ms (${((bare.serverCpuMs * 1000) / total).toFixed(1)} µs a command)`
	);
	const during = summary(app.during);
	const checks = [
		[
			`calm phone's ack p95 during the flood ≤ ${TARGETS.calmP95Ms} ms`,
			during.p95 <= TARGETS.calmP95Ms
		],
		[
			`at least ${TARGETS.refusedShare * 100} % of the flood refused`,
			app.outcome.refused >= total * TARGETS.refusedShare
		]
	];
	reportChecks(checks);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
