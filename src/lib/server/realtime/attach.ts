import type { Socket } from 'socket.io';
import { onSessionsEnded } from '../auth/sessions';
import type { ClientToServerEvents, ServerToClientEvents, Snapshot } from '../../protocol';
import type { Db } from '../db';
import { Broadcaster, DEFAULT_INTERVALS, type RealtimeServer } from './broadcaster';
import type { Cluster } from './cluster';
import { executeCommand, registeredCommandNames, setChangeSink } from './commands';
import { CommandLimits, rateLimitedAck } from './flood';
import { authenticateSocket, HandshakeReads, type SocketData } from './handshake';
import { notifyArrival } from './arrivals';
import { presence } from './presence';
import { audienceRoom, participantRoom, remoteRoom, screenKeyRoom, sessionRoom } from './rooms';
import { Snapshots } from './snapshots';

type AppSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/**
 * What one connection may see (the API's facilitator snapshot included): its audience's
 * sections, read in one transaction, and a participant's own view.
 */
export function buildSnapshot(db: Db, data: SocketData): Promise<Snapshot | null> {
	return new Snapshots(db).build(data);
}

/**
 * Stops reading from a connection that is over its rate until it may send again. Refusing
 * costs little, but reading and parsing a flood is work the other connections wait behind:
 * paused, the connection's own TCP window fills and its sender has to wait. Only WebSocket
 * connections can be paused (the `ws` socket under engine.io's transport); a long-polling
 * one is refused without pausing.
 */
function pauseReading(socket: AppSocket, ms: number): void {
	const transport = socket.conn.transport as unknown as {
		name?: string;
		socket?: { pause?: () => void; resume?: () => void };
	};
	const ws = transport.name === 'websocket' ? transport.socket : undefined;
	if (typeof ws?.pause !== 'function' || typeof ws.resume !== 'function') return;
	ws.pause();
	setTimeout(() => ws.resume?.(), ms).unref();
}

/**
 * Wires socket.io to the domain: authenticate the handshake, join the rooms, send the
 * snapshot, and route every command event through `executeCommand`.
 */
export function attachRealtime(
	io: RealtimeServer,
	db: Db,
	cluster: Cluster | null = null
): Broadcaster {
	const broadcaster = new Broadcaster(io, db, DEFAULT_INTERVALS, cluster);
	// One build of the phones' (and projectors') sections serves all that connect at once.
	const snapshots = new Snapshots(db);
	broadcaster.snapshots = snapshots;
	setChangeSink(broadcaster);
	// A console's connection ends with its sign-in session (commands are authorised against
	// the actor fixed at the handshake).
	onSessionsEnded((tokenHashes) => broadcaster.sessionsEnded(tokenHashes));
	const limits = new CommandLimits();

	const handshakes = new HandshakeReads(db);
	io.use((socket, next) => {
		authenticateSocket(db, socket, handshakes)
			.then((data) => {
				socket.data = data;
				next();
			})
			.catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
	});

	io.on('connection', (raw) => {
		const socket = raw as AppSocket;
		const data = socket.data;
		const concertationId = data.concertation.id;
		void socket.join(audienceRoom(concertationId, data.audience));
		if (data.sessionTokenHash) void socket.join(sessionRoom(data.sessionTokenHash));
		if (data.viaScreenKey) void socket.join(screenKeyRoom(concertationId));
		if (data.actor.kind === 'participant') {
			const participantId = data.actor.participantId;
			void socket.join(participantRoom(participantId));
			const first = presence.connect(concertationId, participantId);
			if (data.remote) {
				// Remote participants follow the projector: its snapshot now, its updates in this
				// room. Phones in the room never join it, so they cost nothing more.
				void socket.join(remoteRoom(concertationId));
				presence.markRemote(concertationId, participantId, true);
				void snapshots.screen(concertationId).then((snapshot) => {
					if (snapshot) socket.emit('screenSnapshot', snapshot);
				});
			}
			if (first) {
				notifyArrival(db, data.concertation, participantId);
				broadcaster.changed(concertationId, ['presence'], data.concertation.version, false, [
					participantId
				]);
			}
			socket.on('disconnect', () => {
				if (presence.disconnect(concertationId, participantId)) {
					broadcaster.changed(concertationId, ['presence'], data.concertation.version, false, [
						participantId
					]);
				}
			});
		}

		void snapshots.build(data, data.concertation.version).then((snapshot) => {
			if (snapshot) socket.emit('snapshot', snapshot);
		});

		/**
		 * Runs `answer` within the connection's rate; over it, refuses (see flood.ts). Once
		 * refused, the connection is told to wait until a known moment: whatever it sends before
		 * then is refused right here, without even counting, so a flood costs the server little
		 * more than reading it.
		 */
		let refusedUntil = 0;
		/**
		 * The connection's commands run one after the other, in the order they came. On
		 * PostgreSQL, transactions run side by side and could take the concertation's lock in
		 * another order; a phone replaying its queue expects its items stored as it typed them.
		 */
		let last: Promise<void> | null = null;
		const inOrder = <T>(run: () => Promise<T>): Promise<T> => {
			// Nothing in flight (nearly always): at once, in this turn, as the group commit of
			// the ballots read together wants; else after the one before.
			const next = last ? last.then(run, run) : run();
			const settled = next.then(
				() => undefined,
				() => undefined
			);
			last = settled;
			void settled.then(() => {
				if (last === settled) last = null;
			});
			return next;
		};
		const withinRate = (ack: (answer: unknown) => void, answer: () => Promise<unknown>) => {
			const waitMs = refusedUntil - Date.now();
			if (waitMs > 0) return ack(rateLimitedAck(data.locale, waitMs));
			void limits.take(socket.id, data.actor).then(async (verdict) => {
				if (verdict.allowed) return ack(await answer());
				refusedUntil = Date.now() + verdict.retryAfterMs;
				ack(rateLimitedAck(data.locale, verdict.retryAfterMs));
				pauseReading(socket, verdict.retryAfterMs);
			});
		};

		socket.on('sync', (ack) => {
			if (typeof ack !== 'function') return;
			withinRate(ack as (answer: unknown) => void, async () => {
				const snapshot = await snapshots.build(data);
				return snapshot ?? { ok: false, error: { code: 'not_found', message: 'not found' } };
			});
		});

		// A remote participant's device missed one of the projector's updates. Whether it is
		// remote now is its rooms' say (attendanceMode changes move it in or out).
		socket.on('screenSync', (ack) => {
			if (typeof ack !== 'function') return;
			withinRate(ack as (answer: unknown) => void, async () => {
				if (!socket.rooms.has(remoteRoom(concertationId)))
					return { ok: false, error: { code: 'forbidden', message: 'forbidden' } };
				const snapshot = await snapshots.screen(concertationId);
				return snapshot ?? { ok: false, error: { code: 'not_found', message: 'not found' } };
			});
		});

		// An event that is no command still gets an answer, never silence or a crash.
		const known = new Set<string>(['sync', 'screenSync', ...registeredCommandNames()]);
		socket.onAny((event: string, ...args: unknown[]) => {
			const ack = args.at(-1);
			if (!known.has(event) && typeof ack === 'function') {
				withinRate(ack as (answer: unknown) => void, () =>
					inOrder(() =>
						executeCommand(db, {
							name: event,
							payload: args[0],
							actor: data.actor,
							concertationId,
							locale: data.locale
						})
					)
				);
			}
		});

		for (const name of registeredCommandNames()) {
			// The typed map cannot express "any command name" here; payloads are validated inside.
			(socket as unknown as Socket).on(name, (payload: unknown, ack: unknown) => {
				if (typeof ack !== 'function') return;
				withinRate(ack as (answer: unknown) => void, () =>
					inOrder(() =>
						executeCommand(db, {
							name,
							payload,
							actor: data.actor,
							concertationId,
							locale: data.locale,
							socketId: socket.id
						})
					)
				);
			});
		}
	});
	return broadcaster;
}
