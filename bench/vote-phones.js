// A group of simulated phones for bench/vote.js, run in a worker thread. Real phones each
// have their own processor: simulated in one thread, 1,000 phones would also decode every
// update broadcast to all of them in that one thread, and acks arriving meanwhile would wait
// for it — a delay of the simulation, not of the server. The main thread starts a few of
// these groups (the same for the app and for the bare echo server).
//
// Messages from the main thread: { connect: { url, auths, readyEvent } }, then
// { cast: { startAt, eventName, ballots: [{ at, choices }] } }, then { close: true }.
// Times shared with the main thread are absolute: performance.timeOrigin + performance.now().
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const sockets = [];
const now = () => performance.timeOrigin + performance.now();

function connectAll({ url, auths, readyEvent }) {
	let next = 0;
	async function connectNext() {
		while (next < auths.length) {
			const auth = auths[next++];
			const socket = io(url, {
				auth,
				transports: ['websocket'],
				forceNew: true,
				reconnection: false
			});
			sockets.push(socket);
			await new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no ${readyEvent} within 30 s`)), 30_000);
				socket.once(readyEvent, () => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}
	return Promise.all(Array.from({ length: 16 }, connectNext));
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

parentPort.on('message', async (message) => {
	try {
		if (message.connect) {
			await connectAll(message.connect);
			parentPort.postMessage({ ready: true });
		} else if (message.cast) {
			parentPort.postMessage({ results: await castAll(message.cast) });
		} else if (message.close) {
			for (const socket of sockets) socket.disconnect();
			parentPort.close();
		}
	} catch (error) {
		parentPort.postMessage({ error: String(error?.stack ?? error) });
	}
});
