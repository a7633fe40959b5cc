import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frErrors from '../../src/lib/i18n/locales/fr/errors.json';
import { recordFullSession } from '../helpers/full-session';
import { rowCounts } from '../helpers/stored';
import { actionData, coordinatorAccount, formAction } from '../helpers/restitution';
import {
	api,
	connectError,
	connectParticipant,
	next,
	runCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Anonymising a closed concertation's participants: no name or organisation is left anywhere
 * in the database for it (logs included), everything they said and chose is kept and the
 * restitution's figures do not move; another concertation is untouched; before closing, or
 * without the confirmation, nothing happens.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();

const NAMES: [string, string, string] = [
	'Zéphyrine Quillet',
	'Baudouin Vercammen',
	'Chadia Ouazzani'
];
const ORGANISATION = 'Maison Médicale Quillet-Vercammen';
const MARKERS = [...NAMES, ORGANISATION, 'Zéphyrine', 'Quillet', 'Vercammen', 'Ouazzani'];

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
}, 30_000);

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

/** Every text stored for a concertation, in every table that refers to it, as one string. */
function storedText(concertationId: number): string {
	const file = new Database(server.databasePath, { readonly: true });
	try {
		const tables = file
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.pluck()
			.all() as string[];
		const dump: unknown[] = [];
		for (const table of tables) {
			const columns = (
				file.prepare(`pragma table_info("${table}")`).all() as { name: string }[]
			).map((column) => column.name);
			if (table === 'concertation')
				dump.push(file.prepare('select * from concertation where id = ?').all(concertationId));
			else if (columns.includes('concertation_id'))
				dump.push(
					file.prepare(`select * from "${table}" where concertation_id = ?`).all(concertationId)
				);
			else if (columns.includes('participant_id') || columns.includes('table_id'))
				// Rows that hang off a participant or a table (members, notes, ballots).
				dump.push(file.prepare(`select * from "${table}"`).all());
		}
		return JSON.stringify(dump);
	} finally {
		file.close();
	}
}

const restitution = async (id: number) =>
	(
		await api<{ restitution: Record<string, unknown> & { attendance: { people: unknown[] } } }>(
			server,
			'GET',
			`/api/concertations/${id}/restitution.json`,
			{ token: admin }
		)
	).body.restitution;

const anonymiseOverApi = (id: number, token = admin) =>
	api<{ ok: boolean; participants?: number; error?: { code: string; message: string } }>(
		server,
		'POST',
		`/api/concertations/${id}/anonymise`,
		{ token }
	);

describe('anonymising the participants', () => {
	it('leaves no name behind, keeps what they said, and touches no other concertation', async () => {
		const session = await recordFullSession(server, admin, sockets.track, {
			number: '1',
			names: NAMES,
			organisation: ORGANISATION
		});
		const other = await recordFullSession(server, admin, sockets.track, {
			number: '2',
			names: ['Autre Anne', 'Autre Bram', 'Autre Chloé']
		});
		// A profile change puts names in the command log (its answer) and the audit log (its input).
		const phone = sockets.track(
			connectParticipant(server, session.concertation.id, session.people[1]!.token, 'fr')
		);
		await next(phone, 'snapshot');
		await runCommand(phone, 'profile.update', {
			displayName: NAMES[1],
			organisation: ORGANISATION
		});
		phone.disconnect();
		// Names on, and a coordinator's rewording of one, so that both are printed before.
		const namesOn = await formAction(
			server,
			admin,
			`/r/${session.concertation.id}?/attendanceNames`,
			{
				attendanceNames: 'on'
			}
		);
		expect(namesOn.type).toBe('success');
		const reworded = await formAction(server, admin, `/r/${session.concertation.id}?/item`, {
			key: `person:${session.people[0]!.participantId}`,
			text: 'Zéphyrine Q.'
		});
		expect(reworded.type).toBe('success');
		for (const marker of MARKERS.slice(0, 3))
			expect(storedText(session.concertation.id)).toContain(marker);
		const printedBefore = await restitution(session.concertation.id);
		expect(JSON.stringify(printedBefore)).toContain('Zéphyrine Q.');

		// Not while the session can still be joined.
		const early = await anonymiseOverApi(session.concertation.id);
		expect(early.status).toBe(409);
		expect(early.body.error?.message).toBe(frErrors.anonymise_not_closed);
		await session.command('session.close', {});

		const countsBefore = await rowCounts(server);
		const otherBefore = storedText(other.concertation.id);
		const done = await anonymiseOverApi(session.concertation.id);
		expect(done.status).toBe(200);
		expect(done.body).toEqual({ ok: true, participants: 3 });

		const after = storedText(session.concertation.id);
		for (const marker of MARKERS) expect(after, marker).not.toContain(marker);
		expect(after).toContain('Participant 1');
		expect(after).toContain('Participant 3');
		// What they said and chose is all there; only the command log went, and one audit entry came.
		const countsAfter = await rowCounts(server);
		expect({ ...countsAfter, command_log: 0, event_log: 0, restitution_edit: 0 }).toEqual({
			...countsBefore,
			command_log: 0,
			event_log: 0,
			restitution_edit: 0
		});
		expect(countsAfter.event_log).toBe(countsBefore.event_log! + 1);
		expect(countsAfter.restitution_edit).toBe(countsBefore.restitution_edit! - 1);
		for (const kept of [
			'Mieux se connaître',
			'Journée portes ouvertes',
			'La pair-aidance',
			'Listes d’attente'
		])
			expect(after, kept).toContain(kept);
		// The other concertation is exactly as it was.
		expect(storedText(other.concertation.id)).toBe(otherBefore);

		// The restitution keeps its figures and prints no name, even with names on.
		const printedAfter = await restitution(session.concertation.id);
		expect(printedAfter.attendance).toEqual({ ...printedBefore.attendance, people: [] });
		expect(printedAfter.vote).toEqual(printedBefore.vote);
		const json = JSON.stringify(printedAfter);
		for (const marker of MARKERS) expect(json).not.toContain(marker);
		expect(json).not.toContain('Participant 1');
		const csv = await (
			await fetch(`${server.url}/api/concertations/${session.concertation.id}/attendance.csv`, {
				headers: { authorization: `Bearer ${admin}` }
			})
		).text();
		expect(csv.trim().split('\r\n')).toHaveLength(1);

		// It cannot be reopened for newcomers with names.
		const reopen = await api<{ error?: { code: string; message: string } }>(
			server,
			'POST',
			`/api/concertations/${session.concertation.id}/commands/session.reopen`,
			{ token: admin, body: { commandId: 'reopen-after-anonymise' } }
		);
		expect(reopen.status).toBe(409);
		expect(reopen.body.error?.message).toBe(frErrors.reopen_anonymised);

		// Their phones are unlinked: the old token no longer opens the session.
		const refused = await connectError(
			connectParticipant(server, session.concertation.id, session.people[0]!.token, 'fr')
		);
		expect(refused.data?.code).toBe('unauthenticated');
	});

	it('needs the box ticked on the programme page, and a facilitator', async () => {
		const session = await recordFullSession(server, admin, sockets.track, {
			number: '3',
			names: NAMES,
			organisation: ORGANISATION
		});
		await session.command('session.close', {});
		const path = `/f/${session.concertation.id}/edit?/anonymise`;
		const before = storedText(session.concertation.id);

		const unticked = await formAction(server, admin, path, {});
		expect(unticked.type).toBe('failure');
		expect(actionData<{ fields: { path: string; message: string }[] }>(unticked).fields).toEqual([
			{ path: 'confirmAnonymise', message: frErrors.anonymise_not_confirmed }
		]);
		const coordinator = await coordinatorAccount(server, 'anonymise-coordinator@example.org');
		expect(
			(await formAction(server, coordinator, path, { confirmAnonymise: 'yes' })).httpStatus
		).toBe(403);
		expect((await anonymiseOverApi(session.concertation.id, coordinator)).status).toBe(403);
		expect(storedText(session.concertation.id)).toBe(before);

		const done = await formAction(server, admin, path, { confirmAnonymise: 'yes' });
		expect(done.type).toBe('success');
		expect(actionData<{ anonymised: number }>(done).anonymised).toBe(3);
		for (const marker of MARKERS) expect(storedText(session.concertation.id)).not.toContain(marker);
		// The page says when it was done.
		const page = await (
			await fetch(`${server.url}/f/${session.concertation.id}/edit`, {
				headers: { authorization: `Bearer ${admin}` }
			})
		).text();
		expect(page).toContain('data-testid="anonymised-at"');
	});
});
