import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { api, commandId, connect, next, phaseOf, signIn, type RunningServer } from './server';

const run = promisify(execFile);

/** Creates a coordinator account with the project's own command-line tool; returns a session token. */
export async function coordinatorAccount(server: RunningServer, email: string): Promise<string> {
	const root = path.resolve(import.meta.dirname, '../..');
	const { stdout } = await run(
		process.execPath,
		['scripts/run.js', 'scripts/facilitator.ts', 'add', email, '--coordinator'],
		{
			cwd: root,
			env: {
				...process.env,
				DATABASE_PATH: server.databasePath,
				...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {})
			}
		}
	);
	const password = /Password \(shown once\): (\S+)/.exec(stdout)?.[1];
	if (!password) throw new Error(`no password in: ${stdout}`);
	return signIn(server, email, password);
}

export interface ActionAnswer {
	type: string;
	/** The action's status (`fail(400)`), else the response's. */
	status: number;
	httpStatus: number;
	data?: string;
}

/** Posts a SvelteKit form action the way an enhanced form does; returns its JSON answer. */
export async function formAction(
	server: RunningServer,
	token: string | null,
	pathname: string,
	fields: Record<string, string | Blob>
): Promise<ActionAnswer> {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) body.append(name, value);
	const response = await fetch(`${server.url}${pathname}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			'x-sveltekit-action': 'true',
			accept: 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body
	});
	const answer = (await response.json()) as { type: string; status?: number; data?: string };
	// A refusal thrown by the page (not a `fail`) answers `{ type: 'error' }` with the status
	// on the response itself.
	return { ...answer, status: answer.status ?? response.status, httpStatus: response.status };
}

/**
 * The data a form action returned, decoded from SvelteKit's devalue encoding (a flat JSON
 * table whose entry 0 is the root and whose objects and arrays hold indexes into it). Only
 * plain objects, arrays and primitives, which is all our actions return.
 */
export function actionData<T>(answer: ActionAnswer): T {
	const table = JSON.parse(answer.data ?? '[]') as unknown[];
	const hydrate = (index: number): unknown => {
		if (index === -1) return undefined;
		const value = table[index];
		if (Array.isArray(value)) return value.map((item) => hydrate(item as number));
		if (value !== null && typeof value === 'object')
			return Object.fromEntries(
				Object.entries(value).map(([key, item]) => [key, hydrate(item as number)])
			);
		return value;
	};
	return hydrate(0) as T;
}

/** A facilitator command over the HTTP API; throws when refused. */
export async function httpCommand<R = Record<string, unknown>>(
	server: RunningServer,
	token: string,
	concertationId: number,
	name: string,
	input: Record<string, unknown>
): Promise<R> {
	const { status, body } = await api<{ ok: boolean; data: R }>(
		server,
		'POST',
		`/api/concertations/${concertationId}/commands/${name}`,
		{ token, body: { ...input, commandId: commandId(name) } }
	);
	if (status !== 200 || !body.ok) throw new Error(`${name}: ${status} ${JSON.stringify(body)}`);
	return body.data;
}

/** Starts the session (if needed) and opens its tables phase. */
export async function openTablesPhase(
	server: RunningServer,
	token: string,
	concertationId: number,
	start = true
): Promise<void> {
	const phaseId = await phaseOf(server, token, concertationId, 'tables');
	if (start) await httpCommand(server, token, concertationId, 'session.start', {});
	await httpCommand(server, token, concertationId, 'phase.goto', { phaseId });
}

/**
 * Runs a whole 3/2/1 vote: starts the session, opens the vote phase with these candidates,
 * lets each participant (by device token) cast the ballot given (candidate indexes, best
 * first) over a real socket, and closes the vote. Returns the candidate ids.
 */
export async function runVote(
	server: RunningServer,
	token: string,
	concertationId: number,
	candidates: { fr: string; nl: string; en?: string }[],
	ballots: { participantToken: string; choices: number[] }[]
): Promise<number[]> {
	const command = <R>(name: string, input: Record<string, unknown>) =>
		httpCommand<R>(server, token, concertationId, name, input);
	await command('session.start', {});
	await command('phase.goto', { phaseId: await phaseOf(server, token, concertationId, 'vote') });
	const ids: number[] = [];
	for (const label of candidates) {
		ids.push(
			(
				await command<{ candidateId: number }>('vote.candidates.add', {
					labelFr: label.fr,
					labelNl: label.nl,
					...(label.en !== undefined ? { labelEn: label.en } : {})
				})
			).candidateId
		);
	}
	await command('vote.open', {});
	for (const ballot of ballots) {
		const socket = connect(server, {
			concertationId,
			role: 'participant',
			token: ballot.participantToken
		});
		try {
			await next(socket, 'snapshot');
			const raw = socket as unknown as {
				emitWithAck: (event: string, payload: unknown) => Promise<{ ok: boolean }>;
			};
			const ack = await raw.emitWithAck('vote.cast', {
				choices: ballot.choices.map((index, position) => ({
					candidateId: ids[index],
					weight: 3 - position
				})),
				commandId: commandId('cast')
			});
			if (!ack.ok) throw new Error(`vote.cast refused: ${JSON.stringify(ack)}`);
		} finally {
			socket.disconnect();
		}
	}
	await command('vote.close', {});
	return ids;
}

/** The text of a PDF, whitespace collapsed, and its page count. */
export async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
	const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const parts: string[] = [];
	for (let number = 1; number <= doc.numPages; number++) {
		const content = await (await doc.getPage(number)).getTextContent();
		for (const item of content.items) if ('str' in item) parts.push(item.str);
	}
	const pages = doc.numPages;
	await doc.destroy();
	return { pages, text: parts.join(' ').replace(/\s+/g, ' ') };
}
