import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, Snapshot } from '../../protocol';
import type { Db } from '../db';
import { findConcertation } from '../concertation/store';
import { Broadcaster, type RealtimeServer } from './broadcaster';
import { executeCommand, registeredCommandNames, setChangeSink } from './commands';
import { authenticateSocket, type SocketData } from './handshake';
import { presence } from './presence';
import { audienceRoom, participantRoom, sessionRoom } from './rooms';
import { buildSections, buildSelf } from './sections';

type AppSocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** Builds what one connection may see, all sections read in one consistent transaction. */
export async function buildSnapshot(db: Db, data: SocketData): Promise<Snapshot | null> {
	return db.transaction().execute(async (tx) => {
		const concertation = await findConcertation(tx, data.concertation.id);
		if (!concertation) return null;
		const participant =
			data.actor.kind === 'participant'
				? await tx
						.selectFrom('participant')
						.selectAll()
						.where('id', '=', data.actor.participantId)
						.executeTakeFirst()
				: undefined;
		return {
			concertationId: concertation.id,
			audience: data.audience,
			version: concertation.version,
			serverNow: Date.now(),
			sections: await buildSections(tx, concertation, data.audience),
			self: participant ? await buildSelf(tx, participant) : null
		};
	});
}

/**
 * Wires socket.io to the domain: authenticate the handshake, join the rooms, send the
 * snapshot, and route every command event through `executeCommand`.
 */
export function attachRealtime(io: RealtimeServer, db: Db): Broadcaster {
	const broadcaster = new Broadcaster(io, db);
	setChangeSink(broadcaster);

	io.use((socket, next) => {
		authenticateSocket(db, socket)
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
		if (data.actor.kind === 'participant') {
			const participantId = data.actor.participantId;
			void socket.join(participantRoom(participantId));
			if (presence.connect(concertationId, participantId)) {
				broadcaster.changed(concertationId, ['presence'], data.concertation.version);
			}
			socket.on('disconnect', () => {
				if (presence.disconnect(concertationId, participantId)) {
					broadcaster.changed(concertationId, ['presence'], data.concertation.version);
				}
			});
		}

		void buildSnapshot(db, data).then((snapshot) => {
			if (snapshot) socket.emit('snapshot', snapshot);
		});

		socket.on('sync', (ack) => {
			if (typeof ack !== 'function') return;
			void buildSnapshot(db, data).then((snapshot) =>
				ack(snapshot ?? { ok: false, error: { code: 'not_found', message: 'not found' } })
			);
		});

		// An event that is no command still gets an answer, never silence or a crash.
		const known = new Set<string>(['sync', ...registeredCommandNames()]);
		socket.onAny((event: string, ...args: unknown[]) => {
			const ack = args.at(-1);
			if (!known.has(event) && typeof ack === 'function') {
				void executeCommand(db, {
					name: event,
					payload: args[0],
					actor: data.actor,
					concertationId,
					locale: data.locale
				}).then((answer) => (ack as (a: unknown) => void)(answer));
			}
		});

		for (const name of registeredCommandNames()) {
			// The typed map cannot express "any command name" here; payloads are validated inside.
			(socket as unknown as Socket).on(name, (payload: unknown, ack: unknown) => {
				if (typeof ack !== 'function') return;
				void executeCommand(db, {
					name,
					payload,
					actor: data.actor,
					concertationId,
					locale: data.locale,
					socketId: socket.id
				}).then((answer) => (ack as (a: unknown) => void)(answer));
			});
		}
	});
	return broadcaster;
}
