// Benchmark of the priority vote under load (issue 4). Plain Node ESM, run by
// `npm run bench:vote` (which builds first) or `node bench/vote.js [N] [windowMs] [clientThreads] [rounds]`.
//
// 1. Starts the production server (`node server.js`) on a temporary SQLite file, PORT=0.
// 2. Creates a concertation through the JSON API, joins N participants (POST /api/join),
//    connects N socket.io clients and one projector socket, opens the vote. The phones are
//    spread over a few worker threads (bench/phones.js), as real phones decode what
//    they receive each on their own processor.
// 3. Every phone casts one ballot at a random moment of a window and times the ack.
// 4. Times last ballot → projector receiving the final tally, reads the server's RSS, and
//    checks that every ballot was acknowledged and counted exactly once.
// 5. Measures the same ack round trip, same clients and schedule, against a bare socket.io
//    echo server in its own process, before and after the app (the load of a shared machine
//    varies), and prints the ratio app/bare. Steps 1–4 run 3 times (VOTE_BENCH_ROUNDS) and the
//    figures of all rounds are pooled.
// 6. Times opening, closing, revealing and the next step from the facilitator's command to
//    the last phone that has it, beside bare socket.io sending one update to everyone.
// Targets: ack p95 ≤ 50 ms, last ballot → projector ≤ 250 ms, ratio ≤ 2, every phone has a
// facilitator's change ≤ 250 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
	command,
	connectSocket,
	json,
	ms,
	now,
	once,
	pool,
	positiveInt,
	BACKEND_NAMES,
	backends,
	DEFAULT_POSTGRES_URL,
	startApp,
	startPhones,
	startProcess,
	summary,
	reportChecks
} from './lib.js';

// Phones per client thread: 2 threads of 500 phones each (see bench/phones.js).
const DEFAULT_CLIENT_THREADS = 2;
const N = positiveInt(process.argv[2] ?? process.env.VOTE_BENCH_N, 1000);
const WINDOW_MS = positiveInt(process.argv[3] ?? process.env.VOTE_BENCH_WINDOW_MS, 3000);
const CLIENT_THREADS = positiveInt(
	process.argv[4] ?? process.env.VOTE_BENCH_CLIENT_THREADS,
	DEFAULT_CLIENT_THREADS
);
const ROUNDS = positiveInt(process.argv[5] ?? process.env.VOTE_BENCH_ROUNDS, 3);
/**
 * Where the app runs, each in every round beside the others: `sqlite` (one process, the
 * default), `postgres` (one process on PostgreSQL), `two` (two processes on one PostgreSQL
 * database, the phones split over them, the console and the projector on the first).
 * VOTE_BENCH_BACKENDS=sqlite,postgres,two; PostgreSQL at VOTE_BENCH_POSTGRES_URL (a user that
 * may create databases; default the local one of `npm run test:postgres`).
 */
const BACKENDS = backends(process.env.VOTE_BENCH_BACKENDS);
const POSTGRES_URL = process.env.VOTE_BENCH_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
/** PostgreSQL's target (issue 19): 1,000 phones on one instance, ack p95 ≤ 50 ms. */
const POSTGRES_ACK_P95_MS = 50;
const CANDIDATES = 6;
const TARGETS = { ackP95Ms: 50, projectorMs: 250, ratio: 2, fanOutMs: 250 };
const ADMIN_EMAIL = 'bench@example.org';
const ADMIN_PASSWORD = 'bench-password-not-secret-123';

/** Sends something and resolves with the moment it left (for `fanOut`). */
async function sent(send) {
	const at = now();
	await send();
	return at;
}

/** A ballot for each phone (3 distinct candidates) and the moment it is cast in the window. */
function planBallots(candidateIds) {
	return Array.from({ length: N }, () => {
		const shuffled = [...candidateIds].sort(() => Math.random() - 0.5);
		return {
			at: Math.random() * WINDOW_MS,
			choices: shuffled
				.slice(0, 3)
				.map((candidateId, index) => ({ candidateId, weight: 3 - index }))
		};
	});
}

function expectedTally(plan) {
	const rows = new Map();
	for (const { choices } of plan) {
		for (const { candidateId, weight } of choices) {
			const row = rows.get(candidateId) ?? { points: 0, threes: 0, twos: 0, ones: 0, voters: 0 };
			row.points += weight;
			row.voters += 1;
			if (weight === 3) row.threes += 1;
			else if (weight === 2) row.twos += 1;
			else row.ones += 1;
			rows.set(candidateId, row);
		}
	}
	return rows;
}

function tallyMatches(tally, expected) {
	if (!Array.isArray(tally)) return false;
	return tally.every((row) => {
		const want = expected.get(row.candidateId) ?? {
			points: 0,
			threes: 0,
			twos: 0,
			ones: 0,
			voters: 0
		};
		return (
			row.points === want.points &&
			row.threes === want.threes &&
			row.twos === want.twos &&
			row.ones === want.ones &&
			row.voters === want.voters
		);
	});
}

async function benchApp(backend = 'sqlite') {
	const directory = mkdtempSync(path.join(tmpdir(), 'concertation-bench-'));
	// VOTE_BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server.
	const nodeArgs = (process.env.VOTE_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const app = await startApp(backend, directory, {
		nodeArgs,
		env: { ADMIN_EMAIL, ADMIN_PASSWORD },
		postgresUrl: POSTGRES_URL
	});
	const sockets = [];
	let phones = null;
	try {
		const [url] = app.urls;
		const rssIdle = app.rss();
		const { token } = await json(`${url}/api/session`, 'POST', {
			email: ADMIN_EMAIL,
			password: ADMIN_PASSWORD
		});
		const { concertation } = await json(
			`${url}/api/concertations`,
			'POST',
			{ titleFr: 'Banc d’essai', titleNl: 'Proefbank', date: '2024-09-23', number: '1' },
			token
		);

		const facilitator = connectSocket(
			url,
			{ concertationId: concertation.id, role: 'facilitator', locale: 'en' },
			{ cookie: `concertation_session=${token}` }
		);
		sockets.push(facilitator);
		const facilitatorSnapshot = await once(facilitator, 'snapshot');
		const votePhase = facilitatorSnapshot.sections.programme.find((phase) => phase.kind === 'vote');
		const candidateIds = [];
		for (let index = 1; index <= CANDIDATES; index++) {
			const { candidateId } = await command(facilitator, 'vote.candidates.add', {
				labelFr: `Priorité ${index}`,
				labelNl: `Prioriteit ${index}`
			});
			candidateIds.push(candidateId);
		}
		await command(facilitator, 'vote.settings', { hideResults: false });
		await command(facilitator, 'session.start');
		await command(facilitator, 'phase.goto', { phaseId: votePhase.id });

		let joinMs = performance.now();
		const people = await pool(
			Array.from({ length: N }, (_, index) => index),
			16,
			(index) =>
				json(`${url}/api/join/${concertation.joinCode}`, 'POST', {
					displayName: `Phone ${index + 1}`,
					locale: 'fr'
				})
		);
		joinMs = performance.now() - joinMs;

		let connectMs = performance.now();
		phones = await startPhones(
			url,
			// With two instances, every other phone reaches the second (as a balancer would).
			people.map((person, index) => ({
				concertationId: concertation.id,
				role: 'participant',
				token: person.token,
				url: app.urls[index % app.urls.length]
			})),
			'snapshot',
			{ threads: CLIENT_THREADS }
		);
		connectMs = performance.now() - connectMs;

		const screen = connectSocket(url, {
			concertationId: concertation.id,
			role: 'screen',
			screenKey: concertation.screenKey
		});
		sockets.push(screen);
		await once(screen, 'snapshot');
		// Let the presence broadcasts of the connections settle before measuring.
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const rssConnected = app.rss();

		// Opening the vote, timed until every phone has it.
		const fanOuts = {};
		fanOuts.open = await phones.fanOut({ section: 'vote', field: 'status', value: 'open' }, () =>
			sent(() => command(facilitator, 'vote.open'))
		);

		const plan = planBallots(candidateIds);
		const expected = expectedTally(plan);
		let finalSeenAt = null;
		let finalTally = null;
		let screenUpdates = 0;
		screen.on('update', (update) => {
			const vote = update.sections.vote;
			if (!vote) return;
			screenUpdates += 1;
			if (finalSeenAt === null && vote.turnout.voters === N) {
				finalSeenAt = now();
				finalTally = vote.tally;
			}
		});
		const cpuBefore = app.cpu();
		const run = await phones.cast(plan, 'vote.cast');
		const deadline = performance.now() + 10_000;
		while (finalSeenAt === null && performance.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const rssAfter = app.rss();
		const serverCpuMs = app.cpu() - cpuBefore;

		// The stored truth, read again from a fresh facilitator snapshot.
		const check = connectSocket(
			url,
			{ concertationId: concertation.id, role: 'facilitator' },
			{ cookie: `concertation_session=${token}` }
		);
		sockets.push(check);
		const stored = (await once(check, 'snapshot')).sections.vote;

		// Closing, revealing and the next step, each timed until every phone has it.
		fanOuts.close = await phones.fanOut({ section: 'vote', field: 'status', value: 'closed' }, () =>
			sent(() => command(facilitator, 'vote.close'))
		);
		fanOuts.reveal = await phones.fanOut({ section: 'vote', field: 'revealed', value: true }, () =>
			sent(() => command(facilitator, 'vote.reveal', { revealed: true }))
		);
		const nextPhase = facilitatorSnapshot.sections.programme.find(
			(phase) => phase.position > votePhase.position
		);
		fanOuts.next = await phones.fanOut(
			{ section: 'session', field: 'currentPhaseId', value: nextPhase.id },
			() => sent(() => command(facilitator, 'phase.next'))
		);

		return {
			latencies: run.latencies,
			failures: run.failures,
			elapsed: run.elapsed,
			projectorMs: finalSeenAt === null ? NaN : finalSeenAt - run.lastSentAt,
			screenUpdates,
			finalTallyOk: tallyMatches(finalTally, expected),
			storedOk: stored.turnout.voters === N && tallyMatches(stored.tally, expected),
			storedVoters: stored.turnout.voters,
			joinMs,
			connectMs,
			fanOuts,
			serverCpuMs,
			rss: { idle: rssIdle, connected: rssConnected, after: rssAfter }
		};
	} finally {
		for (const socket of sockets) socket.disconnect();
		await phones?.close();
		await app.stop();
		rmSync(directory, { recursive: true, force: true });
	}
}

// The baseline: socket.io with nothing behind the ack, in its own process like the app.
const ECHO_SERVER = `
import http from 'node:http';
import { Server } from 'socket.io';
const httpServer = http.createServer();
const io = new Server(httpServer, { maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => {
	socket.on('vote.cast', (payload, ack) => ack({ ok: true, data: { replaced: false }, version: 1 }));
	// The same fan-out as a facilitator's change: one message, to everyone connected.
	socket.on('fanout', (update, ack) => {
		io.emit('update', update);
		ack({ ok: true });
	});
});
httpServer.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + httpServer.address().port));
process.on('SIGTERM', () => { io.close(); process.exit(0); });
`;

async function benchBare() {
	const server = startProcess(['--input-type=module', '-e', ECHO_SERVER], {}, 'echo server');
	let phones = null;
	try {
		const url = await server.url;
		phones = await startPhones(
			url,
			Array.from({ length: N }, () => ({})),
			'connect',
			{ threads: CLIENT_THREADS }
		);
		await new Promise((resolve) => setTimeout(resolve, 500));
		const candidateIds = Array.from({ length: CANDIDATES }, (_, index) => index + 1);
		const run = await phones.cast(planBallots(candidateIds), 'vote.cast');
		// The app's four fan-outs, as updates of the same shape (a vote section of six options).
		const trigger = connectSocket(url, {});
		await once(trigger, 'connect');
		const fanOuts = {};
		const vote = (status, revealed) => ({
			status,
			revealed,
			turnout: { voters: N, participants: N },
			tally: candidateIds.map((id) => ({
				candidateId: id,
				points: 100 * id,
				first: id,
				voters: id
			}))
		});
		const steps = {
			open: ['vote', 'status', 'open', { vote: vote('open', false) }],
			close: ['vote', 'status', 'closed', { vote: vote('closed', false) }],
			reveal: ['vote', 'revealed', true, { vote: vote('closed', true) }],
			next: ['session', 'currentPhaseId', 7, { session: { status: 'running', currentPhaseId: 7 } }]
		};
		for (const [name, [section, field, value, sections]] of Object.entries(steps)) {
			fanOuts[name] = await phones.fanOut({ section, field, value }, () =>
				sent(() => trigger.emitWithAck('fanout', { version: 2, sections }))
			);
		}
		trigger.disconnect();
		return { ...run, fanOuts };
	} finally {
		await phones?.close();
		await server.stop();
	}
}

/** Prints one backend's rounds and totals; returns its checks and its side-by-side line. */
function report(backend, appRuns, bareRuns, bareStats) {
	const appStats = summary(appRuns.flatMap((run) => run.latencies));
	const ratio = appStats.p95 / bareStats.p95;
	console.log('');
	if (BACKENDS.length > 1) console.log(`== the app on ${BACKEND_NAMES[backend]}`);
	for (const [index, app] of appRuns.entries()) {
		const own = summary(app.latencies);
		const around = summary([...bareRuns[index].latencies, ...bareRuns[index + 1].latencies]);
		const acked = app.latencies.length - app.failures.length;
		console.log(`round ${index + 1}:`);
		console.log(
			`  setup: ${N} joins in ${ms(app.joinMs)}, ${N} sockets connected in ${ms(app.connectMs)}`
		);
		console.log(`  ballots acknowledged: ${acked} / ${N} (failures: ${app.failures.length})`);
		if (app.failures.length > 0) console.log('  first failures:', app.failures.slice(0, 3));
		console.log(
			`  ack latency app p50 ${ms(own.p50)}  p95 ${ms(own.p95)}  p99 ${ms(own.p99)}; bare before and after p50 ${ms(around.p50)}  p95 ${ms(around.p95)}; ratio p50 ${(own.p50 / around.p50).toFixed(2)}  p95 ${(own.p95 / around.p95).toFixed(2)}`
		);
		console.log(
			`  last ballot → projector final tally: ${ms(app.projectorMs)} (${app.screenUpdates} projector updates)`
		);
		const around2 = [bareRuns[index], bareRuns[index + 1]];
		console.log(
			`  every phone has it (app / bare): ${Object.entries(app.fanOuts)
				.map(
					([name, fan]) =>
						`${name} ${ms(fan.ms)} / ${ms(Math.max(...around2.map((bare) => bare.fanOuts[name].ms)))}${fan.missed ? ` (${fan.missed} phones missed it)` : ''}`
				)
				.join(', ')}`
		);
		console.log(
			`  server CPU during the vote: ${ms(app.serverCpuMs)} (${(app.serverCpuMs / N).toFixed(2)} ms per ballot, broadcasts included)`
		);
		console.log(
			`  server RSS: idle ${app.rss.idle.toFixed(1)} MiB, ${N} connected ${app.rss.connected.toFixed(1)} MiB, after the vote ${app.rss.after.toFixed(1)} MiB`
		);
		console.log(
			`  tally check: projector ${app.finalTallyOk ? 'equals' : 'DIFFERS FROM'} the client-side record; stored ${app.storedOk ? 'equals' : 'DIFFERS FROM'} it (${app.storedVoters} voters)`
		);
	}
	console.log('');
	console.log(
		`all rounds, ballot ack latency (app):  p50 ${ms(appStats.p50)}  p95 ${ms(appStats.p95)}  p99 ${ms(appStats.p99)}`
	);
	console.log(
		`all rounds, ack round trip (bare):     p50 ${ms(bareStats.p50)}  p95 ${ms(bareStats.p95)}  p99 ${ms(bareStats.p99)}`
	);
	console.log(
		`ratio app/bare:                        p50 ${(appStats.p50 / bareStats.p50).toFixed(2)}  p95 ${ratio.toFixed(2)}  p99 ${(appStats.p99 / bareStats.p99).toFixed(2)}`
	);
	const label = BACKENDS.length > 1 ? ` (${BACKEND_NAMES[backend]})` : '';
	const ackTarget = backend === 'sqlite' ? TARGETS.ackP95Ms : POSTGRES_ACK_P95_MS;
	const checks = [
		[
			`every ballot acknowledged and counted exactly once${label}`,
			appRuns.every(
				(app) =>
					app.failures.length === 0 &&
					app.latencies.length === N &&
					app.finalTallyOk &&
					app.storedOk
			)
		],
		[`ack p95 ≤ ${ackTarget} ms${label}`, appStats.p95 <= ackTarget],
		[
			`open, close, reveal and next step reach every phone ≤ ${TARGETS.fanOutMs} ms${label}`,
			appRuns.every((app) =>
				Object.values(app.fanOuts).every((fan) => fan.missed === 0 && fan.ms <= TARGETS.fanOutMs)
			)
		],
		[
			`last ballot → projector ≤ ${TARGETS.projectorMs} ms${label}`,
			appRuns.every((app) => app.projectorMs <= TARGETS.projectorMs)
		],
		// The ratio to bare socket.io is the single process's target (issues 4 and 15).
		...(backend === 'sqlite'
			? [[`ratio app/bare (p95) ≤ ${TARGETS.ratio}${label}`, ratio <= TARGETS.ratio]]
			: [])
	];
	const cpuPerBallot =
		appRuns.reduce((sum, app) => sum + app.serverCpuMs, 0) / (N * appRuns.length);
	const line = `${BACKEND_NAMES[backend].padEnd(26)} ack p50 ${ms(appStats.p50)}  p95 ${ms(appStats.p95)}  (×${ratio.toFixed(2)} bare p95)  projector ${ms(Math.max(...appRuns.map((app) => app.projectorMs)))}  CPU ${cpuPerBallot.toFixed(2)} ms/ballot  RSS ${Math.max(...appRuns.map((app) => app.rss.connected)).toFixed(0)} MiB`;
	return { checks, line };
}

async function main() {
	console.log(
		`Vote benchmark: ${N} phones in ${CLIENT_THREADS} client thread(s), ballots spread over ${WINDOW_MS} ms, ${CANDIDATES} options, ${ROUNDS} round(s)`
	);
	// The baseline before the first app run and after each one, with the same clients and
	// schedule, and the app ROUNDS times in between. On a shared machine (CI, other jobs) the
	// load changes from one minute to the next, and one run of 1,000 ballots has only 50 in
	// its 5 % tail: the ratio compares all the app's ballots with all the baseline's.
	const bareRuns = [await benchBare()];
	const runsOf = Object.fromEntries(BACKENDS.map((backend) => [backend, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const backend of BACKENDS) runsOf[backend].push(await benchApp(backend));
		bareRuns.push(await benchBare());
	}
	const bareStats = summary(bareRuns.flatMap((run) => run.latencies));
	const checks = [];
	const compared = [];
	for (const backend of BACKENDS) {
		const outcome = report(backend, runsOf[backend], bareRuns, bareStats);
		checks.push(...outcome.checks);
		compared.push(outcome.line);
	}
	if (BACKENDS.length > 1) {
		console.log('');
		console.log('side by side, same phones and schedule, all rounds pooled:');
		for (const line of compared) console.log(`  ${line}`);
	}
	// The same baseline run several times shows how much the machine alone moves a p95: a
	// ratio closer to 1 than this spread is within the noise.
	const bareP95s = bareRuns.map((run) => summary(run.latencies).p95);
	console.log(
		`bare runs alone, p95: ${bareP95s.map(ms).join(', ')} (largest / smallest ${(Math.max(...bareP95s) / Math.min(...bareP95s)).toFixed(2)})`
	);
	reportChecks(checks);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
