// A group of simulated phones for the benchmarks, run in a worker thread. Real phones each
// have their own processor: simulated in one thread, 1,000 phones would also decode every
// update broadcast to all of them in that one thread, and acks arriving meanwhile would wait
// for it — a delay of the simulation, not of the server. The main thread starts a few of
// these groups (the same for the app and for the bare socket.io server).
//
// Messages from the main thread: { connect: { url, auths, readyEvent, concurrency } }, then
// any of { cast: { startAt, eventName, ballots: [{ at, choices }] } }, { drop: true },
// { restore: true }, { watch: { section, field, value } } (answered `armed` at once, then
// `seen` when every phone had an update with sections[section][field] === value), and
// finally { close: true }.
// Times shared with the main thread are absolute: performance.timeOrigin + performance.now().
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

let sockets = [];
let setup = null;
const now = () => performance.timeOrigin + performance.now();

/** Opens one phone's connection and waits for what tells it it is ready (its snapshot). */
async function open(url, { url: own, ...auth }, readyEvent) {
	// A phone may name its own server (two app instances behind a balancer): `url` in its auth.
	const socket = io(own ?? url, {
		auth,
		transports: ['websocket'],
		forceNew: true,
		reconnection: false
	});
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${readyEvent} within 60 s`)), 60_000);
		socket.once(readyEvent, () => {
			clearTimeout(timer);
			resolve();
		});
		socket.once('connect_error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
	return socket;
}

/** Connects every phone of this group, `concurrency` handshakes at a time. */
async function connectAll({ url, auths, readyEvent, concurrency = 16 }) {
	setup = { url, auths, readyEvent, concurrency };
	const opened = new Array(auths.length);
	let next = 0;
	async function connectNext() {
		while (next < auths.length) {
			const index = next++;
			opened[index] = await open(url, auths[index], readyEvent);
		}
	}
	await Promise.all(Array.from({ length: concurrency }, connectNext));
	sockets = opened;
}

/** Every phone sends its ballot at its planned moment and times the ack. */
function castAll({ startAt, eventName, ballots, commandIdPrefix }) {
	return Promise.all(
		sockets.map(
			(socket, index) =>
				new Promise((resolve) => {
					setTimeout(
						() => {
							const sentAt = now();
							socket
								.timeout(30_000)
								.emitWithAck(eventName, {
									choices: ballots[index].choices,
									commandId: `${commandIdPrefix}-${index}`
								})
								.then((ack) =>
									resolve({
										sentAt,
										latency: now() - sentAt,
										error: ack?.ok ? null : (ack?.error ?? ack)
									})
								)
								.catch((error) =>
									resolve({ sentAt, latency: now() - sentAt, error: String(error) })
								);
						},
						Math.max(0, startAt + ballots[index].at - now())
					);
				})
		)
	);
}

/**
 * Waits until every phone received an update whose `sections[section][field]` is `value`;
 * answers with the moment the last one did, and how many did not within 10 s.
 */
async function watchAll({ section, field, value }) {
	const seenAt = await Promise.all(
		sockets.map(
			(socket) =>
				new Promise((resolve) => {
					const timer = setTimeout(() => {
						socket.off('update', listener);
						resolve(null);
					}, 10_000);
					function listener(update) {
						if (update?.sections?.[section]?.[field] !== value) return;
						clearTimeout(timer);
						socket.off('update', listener);
						resolve(now());
					}
					socket.on('update', listener);
				})
		)
	);
	const seen = seenAt.filter((at) => at !== null);
	return { last: Math.max(...seen), missed: seenAt.length - seen.length };
}

parentPort.on('message', async (message) => {
	try {
		if (message.connect) {
			await connectAll(message.connect);
			parentPort.postMessage({ ready: true });
		} else if (message.cast) {
			parentPort.postMessage({ results: await castAll(message.cast) });
		} else if (message.watch) {
			const seen = watchAll(message.watch);
			parentPort.postMessage({ armed: true });
			parentPort.postMessage({ seen: await seen });
		} else if (message.drop) {
			for (const socket of sockets) socket.disconnect();
			sockets = [];
			parentPort.postMessage({ dropped: true });
		} else if (message.restore) {
			await connectAll(setup);
			parentPort.postMessage({ restored: { at: now() } });
		} else if (message.close) {
			for (const socket of sockets) socket.disconnect();
			parentPort.close();
		}
	} catch (error) {
		parentPort.postMessage({ error: String(error?.stack ?? error) });
	}
});
