import { io, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	CommandAck,
	CommandError,
	CommandInput,
	CommandName,
	CommandResult,
	Sections,
	SelfView,
	ServerToClientEvents,
	Snapshot,
	SocketAuth,
	Update
} from '../protocol';

import { patchRoster } from './roster';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface QueuedCommand {
	name: CommandName;
	payload: Record<string, unknown> & { commandId: string };
	/**
	 * What the participant's own view becomes once the server accepts the command (the ballot
	 * as sent): the server tells the participant's other devices, not this one.
	 */
	selfOnSuccess?: Partial<SelfView>;
}

/**
 * A queued command the server refused when nobody was waiting for its answer any more: it was
 * typed offline, the page was reloaded, and it was replayed from localStorage. The view that
 * owns the command's domain shows it (with `error.details`) and lets the person redo or drop it.
 */
export interface RejectedCommand extends QueuedCommand {
	error: CommandError;
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** How long the server asked to wait (`rate_limited`), or null for any other answer. */
function retryAfter(answer: CommandAck | Snapshot): number | null {
	if (!('ok' in answer) || answer.ok || answer.error.code !== 'rate_limited') return null;
	const details = answer.error.details as { retryAfterMs?: unknown } | undefined;
	const wait = Number(details?.retryAfterMs);
	// Never hammer, never stall: between a tenth of a second and half a minute.
	return Number.isFinite(wait) ? Math.min(30_000, Math.max(100, wait)) : 1000;
}

function newCommandId(): string {
	return typeof crypto.randomUUID === 'function'
		? crypto.randomUUID()
		: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A live view of one concertation: the state sections this device may see, kept in sync by
 * snapshots and versioned updates, and a command channel that survives venue Wi-Fi.
 * Commands sent while offline wait in a queue (kept in localStorage when `queueKey` is
 * given) and are sent again, with the same id, when the connection returns: the server
 * answers a repeated id with its first answer, so nothing is stored twice.
 */
export class LiveConnection {
	sections = $state<Partial<Sections>>({});
	self = $state<SelfView | null>(null);
	version = $state(0);
	status = $state<ConnectionStatus>('connecting');
	refusal = $state<string | null>(null);
	/** The concertation no longer exists (deleted while this page was open). */
	readonly gone = $derived(this.status === 'refused' && this.refusal === 'not_found');
	pending = $state(0);
	/** The commands waiting to be sent, oldest first (e.g. to show items typed offline). */
	queued = $state<readonly QueuedCommand[]>([]);
	/** Replayed commands refused with nobody waiting for the answer (see RejectedCommand). */
	rejected = $state<readonly RejectedCommand[]>([]);
	/** server clock − device clock, to show timers right on phones with a wrong clock. */
	clockOffset = $state(0);

	private socket: ClientSocket | null = null;
	/** A remote participant's copy of what the projector shows (see `screenFeed`). */
	private mirror: LiveConnection | null = null;
	/** How a missed update is caught up: `screenSync` for the projector's copy. */
	private syncEvent: 'sync' | 'screenSync' = 'sync';
	private queue: QueuedCommand[] = [];
	// Promise resolvers, not state: nothing renders from this map.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private waiters = new Map<string, (ack: CommandAck) => void>();
	private flushing = false;

	constructor(
		private readonly auth: SocketAuth,
		private readonly queueKey: string | null = null
	) {
		if (queueKey && typeof localStorage !== 'undefined') {
			try {
				this.queue = JSON.parse(localStorage.getItem(queueKey) ?? '[]') as QueuedCommand[];
			} catch {
				this.queue = [];
			}
			this.pending = this.queue.length;
			this.queued = [...this.queue];
		}
	}

	connect(): () => void {
		const socket: ClientSocket = io({
			auth: { ...this.auth },
			transports: ['websocket', 'polling']
		});
		this.socket = socket;
		if (this.mirror) this.mirror.socket = socket;
		socket.on('connect', () => {
			this.status = 'online';
			this.refusal = null;
			if (this.mirror) this.mirror.status = 'online';
		});
		socket.on('disconnect', (reason) => {
			this.status = 'offline';
			if (this.mirror) this.mirror.status = 'offline';
			// The server ended the connection on purpose (the concertation was deleted, or the
			// console's sign-in session ended): socket.io does not reconnect then, but connecting
			// again is how the page learns why (refused).
			if (reason === 'io server disconnect') socket.connect();
		});
		socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
			const code = error.data?.code;
			if (code) {
				this.status = 'refused';
				this.refusal = code;
			} else {
				this.status = 'offline';
			}
		});
		socket.on('snapshot', (snapshot) => {
			this.applySnapshot(snapshot);
			void this.flushQueue();
		});
		socket.on('update', (update) => this.applyUpdate(update));
		socket.on('self', (self) => (this.self = self));
		socket.on('selfPart', (part) => this.mergeSelf(part));
		// Remote participants only: the projector's sections, on the same connection.
		socket.on('screenSnapshot', (snapshot) => this.screenFeed().applySnapshot(snapshot));
		socket.on('screenUpdate', (update) => this.screenFeed().applyUpdate(update));
		return () => {
			socket.removeAllListeners();
			socket.disconnect();
			this.socket = null;
		};
	}

	/**
	 * What the projector shows, for a remote participant: a connection-like view the
	 * projector's own components read (`sections`, `serverNow`), fed by this connection's
	 * `screenSnapshot` and `screenUpdate`; empty until the server sends the first.
	 */
	screenFeed(): LiveConnection {
		if (!this.mirror) {
			const mirror = new LiveConnection(this.auth);
			mirror.syncEvent = 'screenSync';
			mirror.socket = this.socket;
			mirror.status = this.status;
			this.mirror = mirror;
		}
		return this.mirror;
	}

	/** Server time now, as best this device knows it. */
	serverNow(): number {
		return Date.now() + this.clockOffset;
	}

	/**
	 * Sends a command; resolves with the server's answer (queued while offline). `selfOnSuccess`
	 * is merged into the participant's own view when the server accepts it, even when the
	 * answer comes after a reload (the queue keeps it).
	 */
	command<N extends CommandName>(
		name: N,
		input: CommandInput<N>,
		options: { selfOnSuccess?: Partial<SelfView> } = {}
	): Promise<CommandAck<CommandResult<N>>> {
		const payload = { ...(input as Record<string, unknown>), commandId: newCommandId() };
		const promise = new Promise<CommandAck<CommandResult<N>>>((resolve) => {
			this.waiters.set(payload.commandId, resolve as (ack: CommandAck) => void);
		});
		this.queue.push({ name, payload, ...options });
		this.persistQueue();
		void this.flushQueue();
		return promise;
	}

	/** Forgets a rejected command once the person has dealt with it. */
	dismissRejected(commandId: string): void {
		this.rejected = this.rejected.filter((c) => c.payload.commandId !== commandId);
	}

	/** Replaces some parts of the participant's own view (before the snapshot there is none). */
	private mergeSelf(part: Partial<SelfView>): void {
		if (this.self) this.self = { ...this.self, ...part };
	}

	private applySnapshot(snapshot: Snapshot): void {
		this.sections = snapshot.sections;
		this.self = snapshot.self;
		this.version = snapshot.version;
		this.clockOffset = snapshot.serverNow - Date.now();
	}

	private applyUpdate(update: Update): void {
		if (this.version < update.baseVersion) {
			// We missed an update (e.g. a reconnection raced with it): ask for everything.
			this.resync();
			return;
		}
		if (update.version < this.version) return;
		this.sections = { ...this.sections, ...update.sections };
		if (update.changes?.roster && this.sections.roster)
			this.sections.roster = patchRoster(this.sections.roster, update.changes.roster);
		this.version = update.version;
		this.clockOffset = update.serverNow - Date.now();
	}

	/** Asks for a whole snapshot; told to slow down, asks again when the server says. */
	private resync(): void {
		this.socket?.emit(this.syncEvent, (answer) => {
			if ('sections' in answer) this.applySnapshot(answer);
			else {
				const wait = retryAfter(answer);
				if (wait !== null) setTimeout(() => this.resync(), wait);
			}
		});
	}

	/** Sends queued commands one at a time, in order; stops at the first network failure. */
	private async flushQueue(): Promise<void> {
		if (this.flushing) return;
		this.flushing = true;
		try {
			while (this.queue.length > 0 && this.socket?.connected) {
				const next = this.queue[0]!;
				const ack = await this.emitWithAck(next);
				if (ack === null) break;
				// Sent too fast (a long queue replayed at once): nothing was run or stored; send
				// the same command again when the server says, and keep the order.
				const wait = retryAfter(ack);
				if (wait !== null) {
					await new Promise((resolve) => setTimeout(resolve, wait));
					continue;
				}
				this.queue.shift();
				this.persistQueue();
				if (ack.ok && next.selfOnSuccess) this.mergeSelf(next.selfOnSuccess);
				const waiter = this.waiters.get(next.payload.commandId);
				this.waiters.delete(next.payload.commandId);
				if (waiter) waiter(ack);
				// Nobody asked in this page's life (replayed from storage): keep the refusal to show.
				else if (!ack.ok) this.rejected = [...this.rejected, { ...next, error: ack.error }];
			}
		} finally {
			this.flushing = false;
		}
	}

	private emitWithAck(command: QueuedCommand): Promise<CommandAck | null> {
		const socket = this.socket;
		if (!socket) return Promise.resolve(null);
		return socket
			.timeout(10_000)
			.emitWithAck(
				command.name as 'phase.next',
				command.payload as CommandInput<'phase.next'> & { commandId: string }
			)
			.then((ack) => ack as CommandAck)
			.catch(() => null);
	}

	private persistQueue(): void {
		this.pending = this.queue.length;
		this.queued = [...this.queue];
		if (!this.queueKey || typeof localStorage === 'undefined') return;
		try {
			if (this.queue.length === 0) localStorage.removeItem(this.queueKey);
			else localStorage.setItem(this.queueKey, JSON.stringify(this.queue));
		} catch {
			// Storage full or disabled (private mode): the in-memory queue still works.
		}
	}
}
