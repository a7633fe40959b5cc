// What the benchmarks share: processes, HTTP and socket helpers, figures, and the simulated
// phones (in worker threads, see bench/phones.js). Plain Node ESM.
import pg from 'pg';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { io } from 'socket.io-client';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function positiveInt(value, fallback) {
	const number = Number(value);
	return Number.isSafeInteger(number) && number > 0 ? number : fallback;
}

export function percentile(sorted, p) {
	if (sorted.length === 0) return NaN;
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)];
}

export function summary(latencies) {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		n: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.at(-1)
	};
}

// Acks take a fraction of a millisecond: two decimals there, one above 10 ms.
export const ms = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

/** Runs `tasks` with at most `limit` in flight. */
export async function pool(items, limit, task) {
	const results = new Array(items.length);
	let nextIndex = 0;
	async function worker() {
		while (nextIndex < items.length) {
			const index = nextIndex++;
			results[index] = await task(items[index], index);
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

/** Spawns a Node process and resolves with its base URL once it prints "listening on". */
export function startProcess(args, env, label) {
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const url = new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${output}`)), 30_000);
		child.stdout.on('data', () => {
			const match = /listening on (http:\/\/[\w.:]+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1].replace('localhost', '127.0.0.1'));
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`${label} exited with ${code}:\n${output}`));
		});
	});
	const stop = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return { child, url, stop, output: () => output };
}

/**
 * CPU time (user + system, ms) a process has used, from /proc (Linux). On a shared machine the
 * latencies depend on the other jobs; the server's CPU time per ballot much less so.
 */
export function cpuMs(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return NaN;
	}
}

/**
 * CPU time (ms) used by the PostgreSQL server's processes on this machine, from /proc: with
 * the app's, where a storm's processor time goes (the machine runs nothing else meanwhile).
 * `postgresCpu()` reads every process now; `postgresCpuSince(before)` the time they used
 * since, a process started meanwhile counting from zero (one that ended meanwhile is lost).
 */
export function postgresCpu() {
	const used = new Map();
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
		} catch {
			continue;
		}
		const ms = cpuMs(pid);
		if (!Number.isNaN(ms)) used.set(pid, ms);
	}
	return used;
}

export function postgresCpuSince(before) {
	let total = 0;
	for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
	return total;
}

/** Resident memory of a process, from /proc (Linux). */
export function rssMiB(pid) {
	try {
		const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

export async function json(url, method, body, token) {
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

export function connectSocket(url, auth, headers) {
	return io(url, {
		auth,
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: headers
	});
}

export function once(socket, event, predicate = () => true, timeoutMs = 30_000) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`no ${event} within ${timeoutMs} ms`));
		}, timeoutMs);
		function listener(payload) {
			if (!predicate(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener);
			resolve(payload);
		}
		socket.on(event, listener);
	});
}

let commandCounter = 0;
export async function command(socket, name, input = {}) {
	const ack = await socket
		.timeout(30_000)
		.emitWithAck(name, { ...input, commandId: `bench-${++commandCounter}` });
	if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`);
	return ack.data;
}

export const now = () => performance.timeOrigin + performance.now();

/** One answer of a worker thread running simulated phones. */
export function reply(worker, key) {
	return new Promise((resolve, reject) => {
		function onMessage(message) {
			if (!(key in message) && !('error' in message)) return;
			worker.off('message', onMessage);
			worker.off('error', onError);
			if (message.error) reject(new Error(message.error));
			else resolve(message[key]);
		}
		function onError(error) {
			worker.off('message', onMessage);
			reject(error);
		}
		worker.on('message', onMessage);
		worker.once('error', onError);
	});
}

/**
 * Simulated phones in `threads` worker threads (bench/phones.js), phone i in thread
 * i % threads: connects them (each with its `auths[i]`, ready on `readyEvent`, `inFlight`
 * handshakes at a time in all), casts ballots, and can drop and restore every connection at
 * once, as a Wi-Fi blip does.
 */
export async function startPhones(
	url,
	auths,
	readyEvent,
	{ threads: wanted = 2, inFlight = 32 } = {}
) {
	const threads = Math.min(wanted, auths.length);
	const perThread = Math.max(1, Math.round(inFlight / threads));
	const workers = Array.from(
		{ length: threads },
		() => new Worker(new URL('./phones.js', import.meta.url))
	);
	const share = (items, thread) => items.filter((_, index) => index % threads === thread);
	await Promise.all(
		workers.map((worker, thread) => {
			const ready = reply(worker, 'ready');
			worker.postMessage({
				connect: { url, auths: share(auths, thread), readyEvent, concurrency: perThread }
			});
			return ready;
		})
	);
	return {
		/**
		 * Every phone sends its ballot at its planned moment of the window and times the ack.
		 * Returns the latencies, failures, and when (absolute time) the last ballot left.
		 */
		async cast(plan, eventName) {
			const startAt = now() + 50;
			const answers = await Promise.all(
				workers.map((worker, thread) => {
					const results = reply(worker, 'results');
					worker.postMessage({
						cast: {
							startAt,
							eventName,
							ballots: share(plan, thread),
							commandIdPrefix: `ballot-${thread}`
						}
					});
					return results;
				})
			);
			const results = answers.flat();
			return {
				latencies: results.map((result) => result.latency),
				failures: results.filter((result) => result.error !== null).map((result) => result.error),
				lastSentAt: Math.max(...results.map((result) => result.sentAt)),
				elapsed: now() - startAt
			};
		},
		/**
		 * How long one change takes to reach every phone: arms every phone for an update whose
		 * `sections[section][field]` is `value`, runs `send` (which sends the change and
		 * resolves with when it left), and answers the milliseconds until the last phone had it,
		 * and how many phones never did (within 10 s).
		 */
		async fanOut(watch, send) {
			const armed = workers.map((worker) => reply(worker, 'armed'));
			const seen = workers.map((worker) => reply(worker, 'seen'));
			for (const worker of workers) worker.postMessage({ watch });
			await Promise.all(armed);
			const sentAt = await send();
			const answers = await Promise.all(seen);
			return {
				ms: Math.max(...answers.map((answer) => answer.last)) - sentAt,
				missed: answers.reduce((total, answer) => total + answer.missed, 0)
			};
		},
		/** Every phone loses its connection at once (client side), as in a Wi-Fi blip. */
		async dropAll() {
			await Promise.all(
				workers.map((worker) => {
					const done = reply(worker, 'dropped');
					worker.postMessage({ drop: true });
					return done;
				})
			);
		},
		/**
		 * Every phone connects again, `inFlight` handshakes at a time in all; resolves with the
		 * milliseconds until the last one had its `readyEvent`, and the bytes of what the
		 * first phone of each thread received meanwhile.
		 */
		async restoreAll() {
			const startAt = now();
			const answers = await Promise.all(
				workers.map((worker) => {
					const done = reply(worker, 'restored');
					worker.postMessage({ restore: true });
					return done;
				})
			);
			return { ms: Math.max(...answers.map((answer) => answer.at)) - startAt };
		},
		async close() {
			await Promise.all(
				workers.map((worker) => {
					if (worker.threadId === -1) return undefined; // already ended
					const exited = new Promise((resolve) => worker.once('exit', resolve));
					worker.postMessage({ close: true });
					return exited;
				})
			);
		}
	};
}

/**
 * The heap a process started with `--inspect=127.0.0.1:0` (see `startProcess`) really holds:
 * a full garbage collection first, through the inspector protocol, then `process.memoryUsage()`
 * in MiB. Memory that stays after a collection is what a room leaves behind; RSS alone also
 * counts garbage not yet collected.
 */
export async function heapAfterCollection(output) {
	const match = /Debugger listening on (ws:\/\/[^\s]+)/.exec(output());
	if (!match) return NaN;
	const { WebSocket } = await import('ws');
	const socket = new WebSocket(match[1]);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	let next = 0;
	const call = (method, params = {}) =>
		new Promise((resolve) => {
			const id = ++next;
			const listener = (data) => {
				const message = JSON.parse(String(data));
				if (message.id !== id) return;
				socket.off('message', listener);
				resolve(message.result);
			};
			socket.on('message', listener);
			socket.send(JSON.stringify({ id, method, params }));
		});
	try {
		await call('HeapProfiler.collectGarbage');
		const result = await call('Runtime.evaluate', {
			expression: 'JSON.stringify(process.memoryUsage())',
			returnByValue: true
		});
		const usage = JSON.parse(result.result.value);
		return { heapMiB: usage.heapUsed / 1024 / 1024, rssMiB: usage.rss / 1024 / 1024 };
	} finally {
		socket.close();
	}
}

/**
 * Where the app runs in a benchmark: `sqlite` (one process, the default), `postgres` (one
 * process on PostgreSQL), `two` (two processes on one PostgreSQL database).
 */
export const BACKENDS = ['sqlite', 'postgres', 'two'];
export const BACKEND_NAMES = {
	sqlite: 'SQLite, one process',
	postgres: 'PostgreSQL, one process',
	two: 'PostgreSQL, two processes'
};
/** A user that may create databases: the local one of `npm run test:postgres`. */
export const DEFAULT_POSTGRES_URL = 'postgres://concertation:concertation@127.0.0.1:5432/postgres';

/** A comma-separated list of backends (default: sqlite alone), checked. */
export function backends(list) {
	const names = (list ?? 'sqlite')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	for (const name of names)
		if (!BACKENDS.includes(name))
			throw new Error(`unknown backend ${name}: ${BACKENDS.join(', ')}`);
	return names;
}

/** Runs a statement on the PostgreSQL server of `url` (creating, dropping databases). */
async function onPostgres(url, statement) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

/**
 * The app's processes for `backend`, started on a fresh database (a SQLite file in
 * `directory`, or a new PostgreSQL database at `postgresUrl`); `stop` also drops that
 * database. Two processes share the projector keys' secret, as instances behind a balancer.
 */
export async function startApp(backend, directory, { nodeArgs = [], env = {}, postgresUrl }) {
	const appEnv = {
		HOST: '127.0.0.1',
		PORT: '0',
		DATABASE_PATH: path.join(directory, 'bench.sqlite'),
		NODE_ENV: 'production',
		SCREEN_KEY_SECRET: 'bench-screen-key-secret-shared-by-instances',
		...env
	};
	let database = null;
	const admin = postgresUrl ?? DEFAULT_POSTGRES_URL;
	if (backend !== 'sqlite') {
		database = `concertation_bench_${process.pid}_${Date.now()}`;
		await onPostgres(admin, `create database "${database}"`);
		const url = new URL(admin);
		url.pathname = `/${database}`;
		appEnv.DATABASE_URL = url.toString();
	}
	const servers = [];
	for (let index = 0; index < (backend === 'two' ? 2 : 1); index++) {
		const server = startProcess([...nodeArgs, 'server.js'], appEnv, `server ${index + 1}`);
		servers.push(server);
		// One after the other: the first creates the schema.
		await server.url;
	}
	return {
		servers,
		urls: await Promise.all(servers.map((server) => server.url)),
		rss: () => servers.reduce((sum, server) => sum + rssMiB(server.child.pid), 0),
		cpu: () => servers.reduce((sum, server) => sum + cpuMs(server.child.pid), 0),
		async stop() {
			await Promise.all(servers.map((server) => server.stop()));
			if (database) await onPostgres(admin, `drop database if exists "${database}" with (force)`);
		}
	};
}

/**
 * The end of a benchmark's report: the machine's load (a busy machine explains slow figures),
 * then each target PASS or FAIL, and the exit code (1 when one failed).
 */
export function reportChecks(checks) {
	console.log(
		`load average (1, 5, 15 min): ${loadavg()
			.map((value) => value.toFixed(2))
			.join(', ')}`
	);
	console.log('');
	for (const [name, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}`);
	const passed = checks.every(([, ok]) => ok);
	console.log(passed ? '\nPASS' : '\nFAIL');
	process.exitCode = passed ? 0 : 1;
}
