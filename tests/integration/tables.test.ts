import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
	CommandAck,
	CommandName,
	SelfView,
	Snapshot,
	TableDetailView,
	TableWithMemberIdsView,
	TablesSection
} from '../../src/lib/protocol';
import { rosterPeople } from '../../src/lib/client/roster';
import {
	commandId,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	socketTracker,
	startServer,
	withSnapshot,
	type RunningServer,
	type TestSocket
} from '../helpers/server';
import { storedRows } from '../helpers/stored';

let server: RunningServer;
let token: string;
const { track, closeAll } = socketTracker();

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	closeAll();
	await server?.stop();
});

/** Sends a command the way LiveConnection does: payload plus a client-made id. */
async function send<R = unknown>(
	socket: TestSocket,
	name: CommandName,
	input: Record<string, unknown>,
	id = commandId(name)
): Promise<CommandAck<R>> {
	const raw = socket as unknown as {
		emitWithAck: (event: string, payload: unknown) => Promise<CommandAck<R>>;
	};
	return raw.emitWithAck(name, { ...input, commandId: id });
}

async function ok<R = unknown>(
	socket: TestSocket,
	name: CommandName,
	input: Record<string, unknown>
): Promise<R> {
	const ack = await send<R>(socket, name, input);
	if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`);
	return ack.data;
}

/** A session running its tables phase, with a facilitator console connected. */
async function tablesSession() {
	const concertation = await createConcertation(server, token);
	const console = track(connectFacilitator(server, token, concertation.id));
	const snapshot = await next(console, 'snapshot');
	const programme = snapshot.sections.programme!;
	const tablesPhase = programme.find((phase) => phase.kind === 'tables')!;
	await ok(console, 'session.start', {});
	await ok(console, 'phase.goto', { phaseId: tablesPhase.id });
	return { concertation, console, programme };
}

const phone = (concertationId: number, participantToken: string) =>
	withSnapshot(track(connectParticipant(server, concertationId, participantToken, 'en')));

async function createTable(console: TestSocket, name: string, capacity: number | null = null) {
	const { tableId } = await ok<{ tableId: number }>(console, 'tables.create', {
		name,
		priority: { fr: `Priorité ${name}`, nl: `Prioriteit ${name}` },
		capacity
	});
	return tableId;
}

/** The facilitator's current view of the tables, from a fresh snapshot. */
/** The console's tables section, and who is who from its roster (the section names ids). */
async function facilitatorTables(
	console: TestSocket
): Promise<TablesSection & { people: ReturnType<typeof rosterPeople> }> {
	const answer = (await console.emitWithAck('sync')) as Snapshot;
	return { ...answer.sections.tables!, people: rosterPeople(answer.sections.roster) };
}

function detail(section: TablesSection, tableId: number): TableWithMemberIdsView {
	const found = section.details?.find((t) => t.id === tableId);
	if (!found) throw new Error(`table ${tableId} not in the section`);
	return found;
}

/** Waits until this phone's own table satisfies `predicate` (from `self` messages). */
function selfTable(
	socket: TestSocket,
	predicate: (table: TableDetailView | null) => boolean,
	timeoutMs = 5000
): Promise<SelfView> {
	return next(socket, 'self', (self) => predicate(self.tables?.table ?? null), timeoutMs);
}

describe('discussion tables over real sockets', () => {
	it('lets three members add items at once; each phone and the console see all of them, others see counts only', async () => {
		const { concertation, console } = await tablesSession();
		const tableA = await createTable(console, '1');
		const tableB = await createTable(console, '2');
		const people = await Promise.all(
			['Anne', 'Bram', 'Chloé', 'Dirk'].map((displayName) =>
				joinAsParticipant(server, concertation.joinCode, { displayName })
			)
		);
		const phones = await Promise.all(people.map((p) => phone(concertation.id, p.token)));
		const [anne, bram, chloe, dirk] = phones as [
			(typeof phones)[0],
			(typeof phones)[0],
			(typeof phones)[0],
			(typeof phones)[0]
		];
		for (const member of [anne, bram, chloe])
			await ok(member.socket, 'tables.join', { tableId: tableA });
		await ok(dirk.socket, 'tables.join', { tableId: tableB });

		const everyoneSeesFifteen = [anne, bram, chloe].map((member) =>
			selfTable(member.socket, (table) => table?.items.length === 15)
		);
		const outsiderUpdates: unknown[] = [];
		dirk.socket.on('update', (update) => outsiderUpdates.push(update));
		const outsiderSelves: SelfView[] = [];
		dirk.socket.on('self', (self) => outsiderSelves.push(self));

		const categories = ['barrier', 'lever', 'collaboration', 'actor', 'barrier'] as const;
		const acks = await Promise.all(
			[anne, bram, chloe].flatMap((member, who) =>
				categories.map((category, n) =>
					send<{ item: { id: number } }>(member.socket, 'tables.item.add', {
						tableId: tableA,
						category,
						text: `<b>item ${who}-${n}</b> 🙂`
					})
				)
			)
		);
		expect(acks.every((ack) => ack.ok)).toBe(true);
		const seen = await Promise.all(everyoneSeesFifteen);
		for (const self of seen) {
			const texts = self.tables!.table!.items.map((item) => item.text).sort();
			expect(texts).toHaveLength(15);
			// Stored as typed: the markup is text, to be escaped where it is shown.
			expect(texts[0]).toBe('<b>item 0-0</b> 🙂');
		}

		const section = await facilitatorTables(console);
		const a = detail(section, tableA);
		expect(a.items).toHaveLength(15);
		expect(a.counts).toEqual({ barrier: 6, lever: 3, collaboration: 3, actor: 3 });
		expect(a.lastActivityAt).not.toBeNull();
		expect(
			section
				.people(a.memberIds)
				.map((m) => m.displayName)
				.sort()
		).toEqual(['Anne', 'Bram', 'Chloé']);

		// Dirk, at another table: counts in the shared section, never the items.
		const dirkView = (await dirk.socket.emitWithAck('sync')) as Snapshot;
		expect(dirkView.sections.tables?.details).toBeUndefined();
		expect(dirkView.sections.tables?.tables.find((t) => t.id === tableA)?.total).toBe(15);
		expect(dirkView.self?.tables?.table?.id).toBe(tableB);
		expect(JSON.stringify(outsiderUpdates)).not.toContain('item 0-0');
		expect(JSON.stringify(outsiderSelves)).not.toContain('item 0-0');
	});

	it('stores items typed offline exactly once when the phone replays its queue', async () => {
		const { concertation, console } = await tablesSession();
		const tableId = await createTable(console, '1');
		const eva = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Eva' });
		const first = await phone(concertation.id, eva.token);
		await ok(first.socket, 'tables.join', { tableId });

		// The phone queued three items with their ids; the first try reached the server but the
		// answer was lost when the Wi-Fi dropped.
		const queued = ['offline 1', 'offline 2', 'offline 3'].map((text, n) => ({
			id: commandId(`queue-${n}`),
			input: { tableId, category: 'lever', text }
		}));
		const firstAnswers = await Promise.all(
			queued.map((q) => send(first.socket, 'tables.item.add', q.input, q.id))
		);
		first.socket.disconnect();

		// Back online: a new connection replays the whole queue with the same ids, twice.
		const second = await phone(concertation.id, eva.token);
		for (let round = 0; round < 2; round++) {
			for (const [n, q] of queued.entries()) {
				const replay = await send(second.socket, 'tables.item.add', q.input, q.id);
				expect(replay).toEqual(firstAnswers[n]);
			}
		}
		const table = detail(await facilitatorTables(console), tableId);
		expect(table.items.map((i) => i.text)).toEqual(['offline 1', 'offline 2', 'offline 3']);
		expect(second.snapshot.self?.tables?.table?.items).toHaveLength(3);
	});

	it('refuses a non-member, an unknown table and an item from another concertation', async () => {
		const { concertation, console } = await tablesSession();
		const mine = await createTable(console, '1');
		const theirs = await createTable(console, '2');
		const [fien, gert] = await Promise.all(
			['Fien', 'Gert'].map((displayName) =>
				joinAsParticipant(server, concertation.joinCode, { displayName })
			)
		);
		const fienPhone = await phone(concertation.id, fien!.token);
		const gertPhone = await phone(concertation.id, gert!.token);
		await ok(fienPhone.socket, 'tables.join', { tableId: mine });
		await ok(gertPhone.socket, 'tables.join', { tableId: theirs });
		const { item } = await ok<{ item: { id: number; revision: number } }>(
			fienPhone.socket,
			'tables.item.add',
			{ tableId: mine, category: 'actor', text: 'CPAS' }
		);

		const add = await send(gertPhone.socket, 'tables.item.add', {
			tableId: mine,
			category: 'actor',
			text: 'intrusion'
		});
		expect(add).toMatchObject({ ok: false, error: { code: 'tables_not_member' } });
		if (!add.ok) expect(add.error.message).toBe('You are not at this table.');
		const edit = await send(gertPhone.socket, 'tables.item.edit', {
			itemId: item.id,
			text: 'changed',
			baseRevision: item.revision
		});
		expect(edit).toMatchObject({ ok: false, error: { code: 'tables_not_member' } });
		const remove = await send(gertPhone.socket, 'tables.item.delete', {
			itemId: item.id,
			baseRevision: item.revision
		});
		expect(remove).toMatchObject({ ok: false, error: { code: 'tables_not_member' } });
		// Only the rapporteur marks key items.
		const key = await send(fienPhone.socket, 'tables.item.key', { itemId: item.id, key: true });
		expect(key).toMatchObject({ ok: false, error: { code: 'tables_not_rapporteur' } });
		// A phone cannot run the facilitator's commands.
		const create = await send(gertPhone.socket, 'tables.create', {
			name: 'x',
			priority: { fr: 'x', nl: 'x' },
			capacity: null
		});
		expect(create).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// Another concertation's facilitator view cannot reach this item either.
		const other = await tablesSession();
		const foreign = await send(other.console, 'tables.item.edit', {
			itemId: item.id,
			text: 'x',
			baseRevision: 1
		});
		expect(foreign).toMatchObject({ ok: false, error: { code: 'not_found' } });

		const table = detail(await facilitatorTables(console), mine);
		expect(table.items.map((i) => i.text)).toEqual(['CPAS']);
	});

	it('refuses a stale edit with the other writer text, then accepts the choice made', async () => {
		const { concertation, console } = await tablesSession();
		const tableId = await createTable(console, '1', 4);
		const [hind, ilse] = await Promise.all(
			['Hind', 'Ilse'].map((displayName) =>
				joinAsParticipant(server, concertation.joinCode, { displayName })
			)
		);
		const hindPhone = await phone(concertation.id, hind!.token);
		const ilsePhone = await phone(concertation.id, ilse!.token);
		await ok(hindPhone.socket, 'tables.join', { tableId });
		await ok(ilsePhone.socket, 'tables.join', { tableId });
		const { item } = await ok<{ item: { id: number; revision: number } }>(
			hindPhone.socket,
			'tables.item.add',
			{ tableId, category: 'barrier', text: 'Listes d’attente' }
		);

		const hindEdit = await send<{ item: { revision: number } }>(
			hindPhone.socket,
			'tables.item.edit',
			{ itemId: item.id, text: 'Listes d’attente trop longues', baseRevision: 1 }
		);
		expect(hindEdit).toMatchObject({ ok: true, data: { item: { revision: 2 } } });
		const stale = await send(ilsePhone.socket, 'tables.item.edit', {
			itemId: item.id,
			text: 'Wachtlijsten',
			baseRevision: 1
		});
		expect(stale).toMatchObject({
			ok: false,
			error: {
				code: 'tables_conflict',
				details: { text: 'Listes d’attente trop longues', revision: 2 }
			}
		});
		// "Keep mine": the same edit against the revision now known.
		const kept = await send(ilsePhone.socket, 'tables.item.edit', {
			itemId: item.id,
			text: 'Wachtlijsten',
			baseRevision: 2
		});
		expect(kept).toMatchObject({ ok: true, data: { item: { text: 'Wachtlijsten', revision: 3 } } });
		// A stale delete is refused too; deleting against the current revision works.
		const staleDelete = await send(hindPhone.socket, 'tables.item.delete', {
			itemId: item.id,
			baseRevision: 2
		});
		expect(staleDelete).toMatchObject({ ok: false, error: { code: 'tables_conflict' } });

		// The facilitator edits any item, the rapporteur marks it and writes the justification.
		await ok(console, 'tables.item.edit', {
			itemId: item.id,
			text: 'Wachtlijsten (GGZ)',
			baseRevision: 3
		});
		await ok(ilsePhone.socket, 'tables.rapporteur.take', { tableId });
		const taken = await send(hindPhone.socket, 'tables.rapporteur.take', { tableId });
		expect(taken).toMatchObject({ ok: false, error: { code: 'tables_rapporteur_taken' } });
		await ok(ilsePhone.socket, 'tables.item.key', { itemId: item.id, key: true });
		await ok(ilsePhone.socket, 'tables.justification.set', {
			tableId,
			text: 'Parce que tout commence par là.',
			baseRevision: 1
		});
		const table = detail(await facilitatorTables(console), tableId);
		expect(table).toMatchObject({
			rapporteur: { id: ilse!.participantId, displayName: 'Ilse' },
			justification: 'Parce que tout commence par là.',
			keyCount: 1,
			items: [{ text: 'Wachtlijsten (GGZ)', key: true, revision: 4 }]
		});
	});

	it('respects capacity when people choose, and freezes everything once the tables are closed', async () => {
		const { concertation, console, programme } = await tablesSession();
		const small = await createTable(console, '1', 2);
		const people = await Promise.all(
			['Jan', 'Kim', 'Lou'].map((displayName) =>
				joinAsParticipant(server, concertation.joinCode, { displayName })
			)
		);
		const [jan, kim, lou] = await Promise.all(people.map((p) => phone(concertation.id, p.token)));
		await ok(jan!.socket, 'tables.join', { tableId: small });
		await ok(kim!.socket, 'tables.join', { tableId: small });
		const full = await send(lou!.socket, 'tables.join', { tableId: small });
		expect(full).toMatchObject({
			ok: false,
			error: { code: 'tables_full', details: { capacity: 2 } }
		});
		// The facilitator may seat beyond capacity on purpose.
		await ok(console, 'tables.seat', { participantId: people[2]!.participantId, tableId: small });

		await ok(console, 'tables.close', {});
		const late = await send(jan!.socket, 'tables.item.add', {
			tableId: small,
			category: 'lever',
			text: 'trop tard'
		});
		expect(late).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		const facilitatorLate = await send(console, 'tables.create', {
			name: '9',
			priority: { fr: 'x', nl: 'y' },
			capacity: null
		});
		expect(facilitatorLate).toMatchObject({ ok: false, error: { code: 'phase_closed' } });

		// Reopened, then the programme moves on to the restitution: closed again.
		await ok(console, 'tables.reopen', {});
		await ok(jan!.socket, 'tables.item.add', {
			tableId: small,
			category: 'lever',
			text: 'à temps'
		});
		const restitution = programme.find((phase) => phase.kind === 'restitution')!;
		await ok(console, 'phase.goto', { phaseId: restitution.id });
		const afterPhase = await send(kim!.socket, 'tables.item.add', {
			tableId: small,
			category: 'lever',
			text: 'trop tard'
		});
		expect(afterPhase).toMatchObject({ ok: false, error: { code: 'phase_closed' } });
		// The projector can still be told which table to show.
		await ok(console, 'tables.spotlight', { tableId: small });
		const section = await facilitatorTables(console);
		expect(section.spotlightTableId).toBe(small);
		expect(detail(section, small).items.map((i) => i.text)).toEqual(['à temps']);
	});

	it('runs the tables of a 60-person session: 3 tables, auto-assigned with mixed sectors', async () => {
		const { concertation, console } = await tablesSession();
		const sectors = ['mental_health', 'social', 'primary_care', 'home_care', 'housing', 'other'];
		const joined: Awaited<ReturnType<typeof joinAsParticipant>>[] = [];
		for (let n = 0; n < 60; n++) {
			// Lopsided on purpose: half the room comes from mental health.
			const sector = n % 2 === 0 ? 'mental_health' : sectors[1 + (n % 5)]!;
			joined.push(
				await joinAsParticipant(server, concertation.joinCode, {
					displayName: `P${n}`,
					sector
				})
			);
		}
		const tables = [
			await createTable(console, '1', 25),
			await createTable(console, '2', 25),
			await createTable(console, '3', 25)
		];
		const started = performance.now();
		const run = await ok<{ seed: number; assigned: number; unassigned: number[] }>(
			console,
			'tables.autoAssign',
			{ seed: 20240923 }
		);
		const assignMs = performance.now() - started;
		expect(run).toEqual({ seed: 20240923, assigned: 60, unassigned: [] });

		let section = await facilitatorTables(console);
		expect(section.unassignedIds).toEqual([]);
		expect(section.lastAssignment).toMatchObject({ seed: 20240923, assigned: 60, unassigned: 0 });
		for (const tableId of tables) {
			const table = detail(section, tableId);
			expect(table.memberCount).toBe(20);
			const bySector = new Map<string | null, number>();
			for (const m of section.people(table.memberIds))
				bySector.set(m.sector, (bySector.get(m.sector) ?? 0) + 1);
			// Every table mixes all six sectors, none holds more than its share of mental health.
			expect(bySector.size).toBe(6);
			expect(bySector.get('mental_health')).toBe(10);
		}

		// Every table works from phones: a rapporteur, items in the four lists, a justification.
		const started2 = performance.now();
		for (const [index, tableId] of tables.entries()) {
			const members = section.people(detail(section, tableId).memberIds).slice(0, 3);
			const phones = await Promise.all(
				members.map((m) =>
					phone(concertation.id, joined.find((j) => j.participantId === m.id)!.token)
				)
			);
			await ok(phones[0]!.socket, 'tables.rapporteur.take', { tableId });
			await Promise.all(
				phones.flatMap((p, who) =>
					(['barrier', 'lever', 'collaboration', 'actor'] as const).map((category) =>
						ok(p.socket, 'tables.item.add', {
							tableId,
							category,
							text: `T${index + 1} ${category} ${who}`
						})
					)
				)
			);
			await ok(phones[0]!.socket, 'tables.justification.set', {
				tableId,
				text: `Justification ${index + 1}`,
				baseRevision: 1
			});
			for (const p of phones) p.socket.disconnect();
		}
		const captureMs = performance.now() - started2;
		await ok(console, 'tables.close', {});

		section = await facilitatorTables(console);
		for (const tableId of tables) {
			const table = detail(section, tableId);
			expect(table.counts).toEqual({ barrier: 3, lever: 3, collaboration: 3, actor: 3 });
			expect(table.rapporteur).not.toBeNull();
			expect(table.justification).toMatch(/^Justification \d$/);
		}
		// The outputs are in the database, ready for the restitution.
		const rows = await storedRows(
			server,
			`select t.name, count(n.id) as items, t.rapporteur_id, t.justification
				 from discussion_table t join table_note n on n.table_id = t.id and n.deleted = 0
				 where t.concertation_id = ? group by t.id order by t.position`,
			concertation.id
		);
		expect(rows).toEqual([
			{
				name: '1',
				items: 12,
				rapporteur_id: expect.any(Number),
				justification: 'Justification 1'
			},
			{
				name: '2',
				items: 12,
				rapporteur_id: expect.any(Number),
				justification: 'Justification 2'
			},
			{
				name: '3',
				items: 12,
				rapporteur_id: expect.any(Number),
				justification: 'Justification 3'
			}
		]);
		expect(
			await storedRows(
				server,
				'select seed from table_assignment_run where concertation_id = ?',
				concertation.id
			)
		).toEqual([{ seed: 20240923 }]);
		globalThis.console.info(
			`60 people, 3 tables: auto-assign ${assignMs.toFixed(0)} ms, 36 items from 9 phones ${captureMs.toFixed(0)} ms`
		);
	}, 60_000);
});

describe("the rapporteur's consent to be named", () => {
	it('names a volunteer who agreed, hides one named by the facilitator until they confirm', async () => {
		const { concertation, console } = await tablesSession();
		const tableId = await createTable(console, '1');
		const otherTable = await createTable(console, '2');
		const anne = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Anne' });
		const bram = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Bram' });
		const cleo = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Cléo' });
		const a = await phone(concertation.id, anne.token);
		const b = await phone(concertation.id, bram.token);
		const c = await phone(concertation.id, cleo.token);
		await ok(a.socket, 'tables.join', { tableId });
		await ok(b.socket, 'tables.join', { tableId });
		await ok(c.socket, 'tables.join', { tableId: otherTable });
		const screen = track(connectScreen(server, concertation.id, concertation.screenKey));
		await next(screen, 'snapshot');
		const screenRapporteur = async () =>
			((await screen.emitWithAck('sync')) as Snapshot).sections.tables!.details!.find(
				(t) => t.id === tableId
			)!.rapporteur;

		// Volunteering without consent: the projector and other tables get no name.
		await ok(a.socket, 'tables.rapporteur.take', { tableId, showName: false });
		expect(await screenRapporteur()).toEqual({
			id: anne.participantId,
			displayName: '',
			showName: false
		});
		const elsewhere = ((await c.socket.emitWithAck('sync')) as Snapshot).sections.tables!;
		expect(elsewhere.tables.find((t) => t.id === tableId)!.rapporteur?.displayName).toBe('');
		// The facilitator and the table's members still see who it is.
		expect(detail(await facilitatorTables(console), tableId).rapporteur).toEqual({
			id: anne.participantId,
			displayName: 'Anne',
			showName: false
		});
		// Only the rapporteur answers for themselves.
		const byOther = await send(b.socket, 'tables.rapporteur.showName', { tableId, showName: true });
		expect(byOther.ok ? null : byOther.error.code).toBe('tables_not_rapporteur');
		const byFacilitator = await send(console, 'tables.rapporteur.showName', {
			tableId,
			showName: true
		});
		expect(byFacilitator.ok).toBe(false);
		await ok(a.socket, 'tables.rapporteur.showName', { tableId, showName: true });
		expect((await screenRapporteur())?.displayName).toBe('Anne');

		// Named by the facilitator: not asked yet, so not named until the phone confirms.
		await ok(a.socket, 'tables.rapporteur.release', { tableId });
		const asked = selfTable(b.socket, (t) => t?.rapporteur?.id === bram.participantId);
		await ok(console, 'tables.rapporteur.take', { tableId, participantId: bram.participantId });
		expect((await asked).tables?.table?.rapporteur?.showName).toBeNull();
		expect(await screenRapporteur()).toEqual({
			id: bram.participantId,
			displayName: '',
			showName: null
		});
		await ok(b.socket, 'tables.rapporteur.showName', { tableId, showName: true });
		expect((await screenRapporteur())?.displayName).toBe('Bram');

		// The consent is Bram's, not the table's: a new rapporteur starts unasked again.
		await ok(console, 'tables.rapporteur.release', { tableId });
		await ok(console, 'tables.rapporteur.take', { tableId, participantId: anne.participantId });
		expect((await screenRapporteur())?.showName).toBeNull();
		// Still answerable once the tables are closed: consent, not content.
		await ok(console, 'tables.close', {});
		await ok(a.socket, 'tables.rapporteur.showName', { tableId, showName: false });
		expect((await screenRapporteur())?.showName).toBe(false);
	});

	it('keeps the spotlight page with the table, and resets it for side by side', async () => {
		const { console } = await tablesSession();
		const tableId = await createTable(console, '1');
		expect(await ok(console, 'tables.spotlight', { tableId, page: 2 })).toEqual({
			tableId,
			page: 2
		});
		let section = await facilitatorTables(console);
		expect([section.spotlightTableId, section.spotlightPage]).toEqual([tableId, 2]);
		await ok(console, 'tables.spotlight', { tableId: null, page: 3 });
		section = await facilitatorTables(console);
		expect([section.spotlightTableId, section.spotlightPage]).toEqual([null, 0]);
		const bad = await send(console, 'tables.spotlight', { tableId, page: -1 });
		expect(bad.ok ? null : bad.error.code).toBe('invalid');
	});
});
