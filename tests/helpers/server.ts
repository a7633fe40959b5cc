import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../../src/lib/i18n/locales';
import type {
	ClientToServerEvents,
	CommandAck,
	CommandInput,
	CommandName,
	CommandResult,
	PhaseKind,
	ServerToClientEvents,
	Snapshot,
	SocketAuth
} from '../../src/lib/protocol';

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';

export interface RunningServer {
	url: string;
	databasePath: string;
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
	/** Stops and starts again on the same database file (and a new port), options changed as given. */
	restart: (changes?: {
		env?: Record<string, string>;
		fileSizeLimitKiB?: number;
	}) => Promise<RunningServer>;
}

/**
 * Starts the real production server (`node server.js`, the built app) on a free loopback
 * port with a fresh temporary SQLite file. `npm test` builds before running the tests.
 */
export async function startServer(
	options: {
		databasePath?: string;
		env?: Record<string, string>;
		/**
		 * Caps the size of every file the server writes (the database, its WAL), in KiB: a disk
		 * that fills up, without a real one. Through the shell's `ulimit -f`, with SIGXFSZ
		 * ignored so that writes fail (EFBIG → SQLite's I/O error) instead of killing the process.
		 */
		fileSizeLimitKiB?: number;
	} = {}
): Promise<RunningServer> {
	const directory = options.databasePath
		? null
		: mkdtempSync(path.join(tmpdir(), 'concertation-test-'));
	const databasePath = options.databasePath ?? path.join(directory!, 'test.sqlite');
	const limit = options.fileSizeLimitKiB;
	const [command, args] =
		limit === undefined
			? [process.execPath, ['server.js']]
			: [
					'/bin/sh',
					// dash counts `ulimit -f` in blocks of 512 bytes.
					['-c', `trap '' XFSZ; ulimit -f ${limit * 2}; exec "$0" server.js`, process.execPath]
				];
	const child = spawn(command, args, {
		cwd: path.resolve(import.meta.dirname, '../..'),
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: '0',
			DATABASE_PATH: databasePath,
			ADMIN_EMAIL,
			ADMIN_PASSWORD,
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
		const check = () => {
			const match = /listening on (http:\/\/[\d.:a-z]+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolve(match[1].replace('localhost', '127.0.0.1'));
			}
		};
		child.stdout!.on('data', check);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});

	const stop = () =>
		new Promise<void>((resolve) => {
			// Ended already: by itself, or killed (a crash test's SIGKILL leaves no exit code).
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});

	return {
		url,
		databasePath,
		process: child,
		output: () => output,
		stop: async () => {
			await stop();
			if (directory) rmSync(directory, { recursive: true, force: true });
		},
		restart: async (changes = {}) => {
			await stop();
			const restarted = await startServer({ ...options, ...changes, databasePath });
			if (!directory) return restarted;
			// The restarted server owns the temporary directory now: its stop removes it.
			return {
				...restarted,
				stop: async () => {
					await restarted.stop();
					rmSync(directory, { recursive: true, force: true });
				}
			};
		}
	};
}

/** Signs in through the JSON API; returns the session token (usable as a Bearer token). */
export async function signIn(
	server: RunningServer,
	email = ADMIN_EMAIL,
	password = ADMIN_PASSWORD
): Promise<string> {
	const response = await fetch(`${server.url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	const body = (await response.json()) as { token?: string };
	if (!body.token) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
	return body.token;
}

export async function api<T = Record<string, unknown>>(
	server: RunningServer,
	method: string,
	pathname: string,
	options: { token?: string; body?: unknown } = {}
): Promise<{ status: number; body: T }> {
	const response = await fetch(`${server.url}${pathname}`, {
		method,
		headers: {
			...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
			...(options.token ? { authorization: `Bearer ${options.token}` } : {})
		},
		body: options.body !== undefined ? JSON.stringify(options.body) : undefined
	});
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

export async function createConcertation(
	server: RunningServer,
	token: string,
	extra: Record<string, unknown> = {}
) {
	const { body } = await api<{ concertation: { id: number; joinCode: string; screenKey: string } }>(
		server,
		'POST',
		'/api/concertations',
		{
			token,
			body: {
				titleFr: 'Santé mentale et logement',
				titleNl: 'Geestelijke gezondheid en huisvesting',
				date: '2024-09-23',
				number: '12',
				...extra
			}
		}
	);
	return body.concertation;
}

/** The id of the step of `kind` in a concertation's programme, read through the JSON API. */
export async function phaseOf(
	server: RunningServer,
	token: string,
	concertationId: number,
	kind: string
): Promise<number> {
	const snapshot = await api<{ sections: { programme: { id: number; kind: string }[] } }>(
		server,
		'GET',
		`/api/concertations/${concertationId}`,
		{ token }
	);
	const phase = snapshot.body.sections.programme.find((candidate) => candidate.kind === kind);
	if (!phase) throw new Error(`no ${kind} phase in the programme`);
	return phase.id;
}

export async function joinAsParticipant(
	server: RunningServer,
	joinCode: string,
	input: Record<string, unknown> = {}
) {
	const { status, body } = await api<{
		token: string;
		participantId: number;
		concertationId: number;
	}>(server, 'POST', `/api/join/${joinCode}`, {
		body: {
			displayName: 'Anne',
			organisation: 'SSM Le Méridien',
			sector: 'mental_health',
			locale: 'fr',
			consentAttendance: true,
			...input
		}
	});
	if (status !== 201) throw new Error(`join failed: ${status} ${JSON.stringify(body)}`);
	return body;
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io client; `extraHeaders` carries the facilitator's cookie. */
export function connect(server: RunningServer, auth: SocketAuth, cookie?: string): TestSocket {
	return io(server.url, {
		auth: { ...auth },
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: cookie ? { cookie } : undefined
	});
}

/** Waits for the next event of a name (optionally one that satisfies a predicate). */
export function next<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	predicate: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
	timeoutMs = 5000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener as never);
			reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
		}, timeoutMs);
		const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
			if (!predicate(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener as never);
			resolve(payload);
		};
		socket.on(event, listener as never);
	});
}

export function connectError(
	socket: TestSocket
): Promise<{ message: string; data?: { code?: string } }> {
	return new Promise((resolve) => socket.once('connect_error', (error) => resolve(error as never)));
}

let commandCounter = 0;
export function commandId(prefix = 'test'): string {
	return `${prefix}-${Date.now().toString(36)}-${++commandCounter}`;
}

/** The cookie a signed-in facilitator's browser sends; sockets pass it as a header. */
export function sessionCookie(token: string): string {
	return `concertation_session=${token}`;
}

export function connectFacilitator(
	server: RunningServer,
	token: string,
	concertationId: number,
	locale?: Locale
): TestSocket {
	return connect(server, { concertationId, role: 'facilitator', locale }, sessionCookie(token));
}

export function connectParticipant(
	server: RunningServer,
	concertationId: number,
	participantToken: string,
	locale?: Locale
): TestSocket {
	return connect(server, { concertationId, role: 'participant', token: participantToken, locale });
}

export function connectScreen(
	server: RunningServer,
	concertationId: number,
	screenKey: string
): TestSocket {
	return connect(server, { concertationId, role: 'screen', screenKey });
}

/** Waits for a freshly connected socket's first snapshot. */
export async function withSnapshot(
	socket: TestSocket
): Promise<{ socket: TestSocket; snapshot: Snapshot }> {
	const snapshot = await next(socket, 'snapshot');
	return { socket, snapshot };
}

/**
 * Remembers the sockets a test file opens so they can all be closed at once: in `afterAll`,
 * or mid-test before a server restart.
 */
export function socketTracker() {
	const open: TestSocket[] = [];
	return {
		track(socket: TestSocket): TestSocket {
			open.push(socket);
			return socket;
		},
		closeAll(): void {
			for (const socket of open.splice(0)) socket.disconnect();
		}
	};
}

/** Sends a command the way LiveConnection does (payload plus a client-made id); typed answer. */
export function sendCommand<N extends CommandName>(
	socket: TestSocket,
	name: N,
	input: CommandInput<N>,
	id = commandId(name)
): Promise<CommandAck<CommandResult<N>>> {
	// The typed emit map cannot name "any command" at once; the payload is checked server-side.
	const emit = socket.emitWithAck.bind(socket) as unknown as (
		event: string,
		payload: unknown
	) => Promise<CommandAck<CommandResult<N>>>;
	return emit(name, { ...input, commandId: id });
}

/** Sends a command that must succeed and returns its result. */
export async function runCommand<N extends CommandName>(
	socket: TestSocket,
	name: N,
	input: CommandInput<N>
): Promise<CommandResult<N>> {
	const ack = await sendCommand(socket, name, input);
	if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`);
	return ack.data;
}

/** A concertation started, with its console and its projector connected. */
export interface StartedRoom {
	id: number;
	joinCode: string;
	screenKey: string;
	console: TestSocket;
	screen: TestSocket;
	/** The console's first snapshot (its programme names the steps). */
	snapshot: Snapshot;
}

/** Creates a concertation, connects a console (in `locale`) and the projector, and starts it. */
export async function openStartedRoom(
	server: RunningServer,
	token: string,
	track: (socket: TestSocket) => TestSocket,
	locale: Locale
): Promise<StartedRoom> {
	const concertation = await createConcertation(server, token);
	const console = track(connectFacilitator(server, token, concertation.id, locale));
	const snapshot = await next(console, 'snapshot');
	const screen = track(connectScreen(server, concertation.id, concertation.screenKey));
	await next(screen, 'snapshot');
	await runCommand(console, 'session.start', {});
	return { ...concertation, console, screen, snapshot };
}

/** Moves a started room to its programme's step of `kind`. */
export async function gotoStep(room: StartedRoom, kind: PhaseKind): Promise<void> {
	const phase = room.snapshot.sections.programme!.find((p) => p.kind === kind)!;
	await runCommand(room.console, 'phase.goto', { phaseId: phase.id });
}
