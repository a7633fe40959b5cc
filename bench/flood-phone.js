// The flooding phone of bench/flood.js (and of tests/integration/abuse-limits.test.ts), in
// its own process like a real phone.
// Arguments: url, auth (JSON), commands per flood, floods. Prints a JSON summary.
import { io } from 'socket.io-client';

const [url, auth, perFlood, floods] = process.argv.slice(2);
const socket = io(url, {
	auth: JSON.parse(auth),
	transports: ['websocket'],
	forceNew: true,
	reconnection: false
});
await new Promise((resolve, reject) => {
	socket.once('snapshot', resolve);
	socket.once('connect_error', reject);
});
const started = performance.now();
let accepted = 0;
let refused = 0;
let firstRefusal = null;
for (let round = 0; round < Number(floods); round++) {
	const acks = await Promise.all(
		Array.from({ length: Number(perFlood) }, (_, n) =>
			socket.timeout(60_000).emitWithAck('profile.update', {
				commandId: `flood-${round}-${n}`,
				organisation: `Flood ${n}`
			})
		)
	);
	const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited');
	accepted += acks.filter((ack) => ack.ok).length;
	refused += limited.length;
	firstRefusal ??= limited[0] ?? null;
}
console.log(
	JSON.stringify({ ms: Math.round(performance.now() - started), accepted, refused, firstRefusal })
);
socket.disconnect();
