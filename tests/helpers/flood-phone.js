// A phone that floods the server: run as its own process (like a real phone, it does not
// share the measuring test's event loop). Arguments: url, concertationId, device token,
// number of commands. Sends them all at once, waits for every ack, prints a JSON summary.
import { io } from 'socket.io-client';

const [url, concertationId, token, count] = process.argv.slice(2);
const socket = io(url, {
	auth: { concertationId: Number(concertationId), role: 'participant', token, locale: 'en' },
	transports: ['websocket'],
	reconnection: false
});
await new Promise((resolve, reject) => {
	socket.once('snapshot', resolve);
	socket.once('connect_error', reject);
});
const started = performance.now();
const acks = await Promise.all(
	Array.from({ length: Number(count) }, (_, n) =>
		socket.emitWithAck('profile.update', { commandId: `flood-${n}`, organisation: `Flood ${n}` })
	)
);
const refused = acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited');
console.log(
	JSON.stringify({
		ms: Math.round(performance.now() - started),
		accepted: acks.filter((ack) => ack.ok).length,
		refused: refused.length,
		firstRefusal: refused[0] ?? null
	})
);
socket.disconnect();
