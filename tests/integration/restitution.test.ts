import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_LOGO_PNG_BASE64 } from '../fixtures/restitution';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';
import {
	coordinatorAccount,
	formAction,
	httpCommand,
	openTablesPhase,
	pdfText,
	runVote
} from '../helpers/restitution';
import {
	api,
	commandId,
	connect,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';
import { storedRow } from '../helpers/stored';

let server: RunningServer;
let admin: string;
let coordinatorA: string;
let coordinatorB: string;
let concertationId: number;
let otherConcertationId: number;
let shareToken: string;
const ids: { table1: number; table2: number; hostileItem: number; plainItem: number } = {
	table1: 0,
	table2: 0,
	hostileItem: 0,
	plainItem: 0
};

const VOTE_CANDIDATES = [
	{ fr: 'Accès rapide au soutien psychologique', nl: 'Snelle psychologische hulp' },
	{ fr: 'Logement d’urgence pour les jeunes', nl: 'Noodopvang voor jongeren' },
	{ fr: 'Isolement des personnes âgées', nl: 'Vereenzaming van ouderen' },
	{ fr: 'Fracture numérique', nl: 'Digitale kloof' }
];

const HOSTILE = '<script>alert(1)</script> **gras** [x](javascript:alert(1))';

const action = (token: string | null, pathname: string, fields: Record<string, string | Blob>) =>
	formAction(server, token, pathname, fields);

const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
	httpCommand<R>(server, admin, concertationId, name, input);

async function download(pathname: string, token?: string) {
	const response = await fetch(`${server.url}${pathname}`, {
		headers: token ? { authorization: `Bearer ${token}` } : {}
	});
	return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
	coordinatorA = await coordinatorAccount(server, 'coord-a@example.org');
	coordinatorB = await coordinatorAccount(server, 'coord-b@example.org');

	const concertation = await createConcertation(server, admin, {
		contactName: 'Sophie',
		contactEmail: 'sophie@example.org'
	});
	concertationId = concertation.id;
	otherConcertationId = (await createConcertation(server, admin, { number: '13' })).id;

	// Two series; the concertation goes in the first, coordinator A follows it, B the other.
	for (const [fr, nl] of [
		['Zone Nord-Ouest', 'Zone Noord-West'],
		['Zone Sud', 'Zone Zuid']
	] as const) {
		const created = await action(admin, '/f/series?/create', { titleFr: fr, titleNl: nl });
		expect(created.type).toBe('success');
	}
	expect((await action(admin, `/f/${concertationId}/edit?/series`, { seriesId: '1' })).type).toBe(
		'success'
	);
	expect(
		(
			await action(admin, '/f/series?/addCoordinator', {
				seriesId: '1',
				email: 'coord-a@example.org'
			})
		).type
	).toBe('success');
	expect(
		(
			await action(admin, '/f/series?/addCoordinator', {
				seriesId: '2',
				email: 'coord-b@example.org'
			})
		).type
	).toBe('success');

	// The session: people in the room, two tables with what they noted.
	const anne = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Anne' });
	const bob = await joinAsParticipant(server, concertation.joinCode, {
		displayName: 'Bob Secret',
		consentAttendance: false
	});
	const formula = await joinAsParticipant(server, concertation.joinCode, {
		displayName: '=HYPERLINK("http://evil.example")',
		sector: 'social'
	});
	const zoe = await joinAsParticipant(server, concertation.joinCode, {
		displayName: 'Zoë Ñúñez',
		sector: 'housing'
	});
	// The vote: "Isolement" and "Numérique" get the same standing and tie for third place.
	await runVote(server, admin, concertationId, VOTE_CANDIDATES, [
		{ participantToken: anne.token, choices: [0, 2, 3] },
		{ participantToken: bob.token, choices: [0, 3, 2] },
		{ participantToken: formula.token, choices: [1, 2, 0] },
		{ participantToken: zoe.token, choices: [1, 3, 0] }
	]);
	await openTablesPhase(server, admin, concertationId, false);
	ids.table1 = (
		await command<{ tableId: number }>('tables.create', {
			name: '1',
			priority: { fr: 'Accès rapide au soutien psychologique', nl: 'Snelle psychologische hulp' },
			capacity: null
		})
	).tableId;
	ids.table2 = (
		await command<{ tableId: number }>('tables.create', {
			name: '2',
			priority: { fr: 'Logement d’urgence pour les jeunes', nl: 'Noodopvang voor jongeren' },
			capacity: null
		})
	).tableId;
	const add = async (tableId: number, category: string, text: string) =>
		(await command<{ item: { id: number } }>('tables.item.add', { tableId, category, text })).item
			.id;
	ids.plainItem = await add(ids.table1, 'barrier', 'Listes d’attente de six mois');
	ids.hostileItem = await add(ids.table1, 'lever', HOSTILE);
	await add(ids.table1, 'actor', 'Services de santé mentale');
	await add(ids.table2, 'collaboration', 'Protocole AMO – CPAS');
	await command('tables.item.key', { itemId: ids.plainItem, key: true });
	await command('tables.seat', { participantId: anne.participantId, tableId: ids.table1 });
	await command('tables.rapporteur.take', {
		tableId: ids.table1,
		participantId: anne.participantId
	});
	// Named by the facilitator, Anne agrees on her phone to be named as rapporteur.
	const phone = connect(server, {
		concertationId: concertation.id,
		role: 'participant',
		token: anne.token,
		locale: 'fr'
	});
	await next(phone, 'snapshot');
	const consent = (await (
		phone as unknown as {
			emitWithAck: (event: string, payload: unknown) => Promise<{ ok: boolean }>;
		}
	).emitWithAck('tables.rapporteur.showName', {
		tableId: ids.table1,
		showName: true,
		commandId: commandId('consent')
	})) as { ok: boolean };
	phone.disconnect();
	if (!consent.ok) throw new Error('the rapporteur could not agree to be named');
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

const FORMATS = ['restitution.pdf', 'restitution.docx', 'restitution.md', 'restitution.json'];

describe('who may read a restitution', () => {
	it('answers facilitators and coordinators of the series; refuses the others', async () => {
		for (const file of [...FORMATS, 'attendance.csv', 'votes.csv']) {
			const url = `/api/concertations/${concertationId}/${file}`;
			expect((await download(url, admin)).response.status, `${file} facilitator`).toBe(200);
			expect((await download(url, coordinatorA)).response.status, `${file} coordinator`).toBe(200);
			expect((await download(url, coordinatorB)).response.status, `${file} other series`).toBe(403);
			expect((await download(url)).response.status, `${file} anonymous`).toBe(401);
		}
		// A concertation outside every series is not a coordinator's to read.
		const outside = await download(
			`/api/concertations/${otherConcertationId}/restitution.json`,
			coordinatorA
		);
		expect(outside.response.status).toBe(403);
		expect((await download(`/api/concertations/999999/restitution.pdf`)).response.status).toBe(401);
		expect(
			(await download(`/api/concertations/${concertationId}/restitution.exe`, admin)).response
				.status
		).toBe(404);
	});

	it('serves read-only share links until they are revoked', async () => {
		const created = await action(coordinatorA, `/r/${concertationId}?/share`, {});
		expect(created.type).toBe('success');
		// The link made for an email is a plain path: /r/share/<token>.
		const url = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(created.data ?? '')?.[1];
		expect(url).toBeTruthy();
		shareToken = url!;
		for (const address of [`/r/share/${shareToken}`, `/r/${concertationId}?share=${shareToken}`]) {
			// Signed in or not, the link shows the reader's page.
			for (const token of [null, coordinatorB]) {
				const reader = await fetch(`${server.url}${address}`, {
					headers: token ? { authorization: `Bearer ${token}` } : {}
				});
				{
					expect(reader.status, address).toBe(200);
					const html = await reader.text();
					expect(html).toContain('Accès rapide au soutien psychologique');
					// No editing controls for a share-link reader.
					expect(html).not.toContain('?/item');
					expect(html).not.toContain('?/attendanceNames');
					// Its export links carry the token.
					expect(html).toContain(
						`/api/concertations/${concertationId}/restitution.pdf?share=${shareToken}`
					);
				}
			}
		}
		const pathReader = await fetch(`${server.url}/r/share/${shareToken}`);
		expect(pathReader.headers.get('referrer-policy')).toBe('no-referrer');
		// An edit is refused, by either address.
		expect(
			(await fetch(`${server.url}/r/share/${shareToken}`, { method: 'POST' })).status
		).toBeGreaterThanOrEqual(400);
		const refused = await action(null, `/r/${concertationId}?share=${shareToken}&/item`, {
			key: `table:${ids.table1}:note:${ids.plainItem}`,
			text: 'pirate'
		});
		expect(refused.status).toBe(403);
		for (const file of [...FORMATS, 'attendance.csv', 'votes.csv']) {
			const shared = await download(
				`/api/concertations/${concertationId}/${file}?share=${shareToken}`
			);
			expect(shared.response.status, file).toBe(200);
		}
		// A link opens its own concertation only.
		expect(
			(
				await download(
					`/api/concertations/${otherConcertationId}/restitution.pdf?share=${shareToken}`
				)
			).response.status
		).toBe(404);
		expect(
			(
				await download(
					`/api/concertations/${concertationId}/restitution.pdf?share=guessed-token-0000000000`
				)
			).response.status
		).toBe(404);

		// Revoke it: the same link is now unknown.
		const page = await fetch(`${server.url}/r/${concertationId}`, {
			headers: { authorization: `Bearer ${admin}` }
		});
		expect(page.status).toBe(200);
		const share = await storedRow<{ id: number }>(
			server,
			'select id from restitution_share where concertation_id = ? and revoked_at is null',
			concertationId
		);
		const revoked = await action(admin, `/r/${concertationId}?/revoke`, {
			shareId: String(share!.id)
		});
		expect(revoked.type).toBe('success');
		expect(
			(await download(`/api/concertations/${concertationId}/restitution.pdf?share=${shareToken}`))
				.response.status
		).toBe(404);
		expect((await fetch(`${server.url}/r/${concertationId}?share=${shareToken}`)).status).toBe(404);
		expect((await fetch(`${server.url}/r/share/${shareToken}`)).status).toBe(404);
		expect((await fetch(`${server.url}/r/share/guessed-token-0000000000`)).status).toBe(404);
		expect((await fetch(`${server.url}/r/share/x`)).status).toBe(404);
	});

	it('keeps the live snapshot to facilitators and the programme to reviewers of the series', async () => {
		const snapshot = `/api/concertations/${concertationId}`;
		const facilitatorView = await api<{ sections: Record<string, unknown> }>(
			server,
			'GET',
			snapshot,
			{ token: admin }
		);
		expect(facilitatorView.status).toBe(200);
		// The console's view names people; a coordinator, even of this series, gets none of it.
		expect(JSON.stringify(facilitatorView.body)).toContain('Bob Secret');
		for (const token of [coordinatorA, coordinatorB]) {
			const refused = await api(server, 'GET', snapshot, { token });
			expect(refused.status).toBe(403);
			expect(JSON.stringify(refused.body)).not.toContain('Bob Secret');
		}
		expect((await api(server, 'GET', snapshot, {})).status).toBe(401);

		const programme = (id: number) => `/api/concertations/${id}/programme.json`;
		const read = async (id: number, token?: string) =>
			(await api<{ phases?: unknown[] }>(server, 'GET', programme(id), token ? { token } : {}))
				.status;
		const full = await api<{ phases: unknown[] }>(server, 'GET', programme(concertationId), {
			token: coordinatorA
		});
		expect(full.status).toBe(200);
		expect(full.body.phases.length).toBeGreaterThan(0);
		expect(await read(concertationId, admin)).toBe(200);
		expect(await read(otherConcertationId, admin)).toBe(200);
		expect(await read(concertationId, coordinatorB)).toBe(403);
		// Outside every series: not a coordinator's to read.
		expect(await read(otherConcertationId, coordinatorA)).toBe(403);
		expect(await read(concertationId)).toBe(401);
		expect(await read(999999, admin)).toBe(404);
		// And a coordinator still cannot replace it.
		const replaced = await api(server, 'PUT', programme(concertationId), {
			token: coordinatorA,
			body: full.body
		});
		expect(replaced.status).toBe(403);
	});

	it('sends anonymous visitors of the review page to sign in, and refuses other coordinators', async () => {
		const anonymous = await fetch(`${server.url}/r/${concertationId}`, { redirect: 'manual' });
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/f/login');
		const other = await fetch(`${server.url}/r/${concertationId}`, {
			headers: { authorization: `Bearer ${coordinatorB}` }
		});
		expect(other.status).toBe(403);
		const edit = await action(coordinatorB, `/r/${concertationId}?/item`, {
			key: `table:${ids.table1}:note:${ids.plainItem}`,
			hidden: 'on'
		});
		expect(edit.status).toBe(403);
	});

	it('lists to coordinators only the concertations of their series', async () => {
		const list = async (token: string) =>
			(
				await api<{ concertations: { id: number }[] }>(server, 'GET', '/api/concertations', {
					token
				})
			).body.concertations.map((concertation) => concertation.id);
		expect(await list(coordinatorA)).toEqual([concertationId]);
		expect(await list(coordinatorB)).toEqual([]);
		expect((await list(admin)).sort()).toEqual([concertationId, otherConcertationId].sort());
	});

	it('keeps coordinators out of live sessions', async () => {
		const { status } = await api(
			server,
			'POST',
			`/api/concertations/${concertationId}/commands/timer.start`,
			{ token: coordinatorA, body: { commandId: commandId('t'), seconds: 60 } }
		);
		expect(status).toBe(403);
	});
});

describe('the exports', () => {
	it('makes a one-page PDF with both headings, every priority, and no names by default', async () => {
		const { response, bytes } = await download(
			`/api/concertations/${concertationId}/restitution.pdf`,
			coordinatorA
		);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="restitution-2024-09-23-n12.pdf"'
		);
		const pdf = await pdfText(bytes);
		expect(pdf.pages).toBe(1);
		expect(pdf.text).toContain('Synthèse de la concertation thématique');
		expect(pdf.text).toContain('Samenvatting van het thematisch overleg');
		expect(pdf.text).toContain('Accès rapide au soutien psychologique');
		expect(pdf.text).toContain('Logement d’urgence pour les jeunes');
		for (const candidate of VOTE_CANDIDATES) {
			expect(pdf.text).toContain(candidate.fr);
			expect(pdf.text).toContain(candidate.nl);
		}
		expect(pdf.text).toContain('=3');
		expect(pdf.text).toContain('<script>alert(1)</script>');
		// No name unless the coordinators turn the list on; the count is there.
		for (const name of ['Bob Secret', 'Zoë Ñúñez', 'Anne', 'HYPERLINK']) {
			expect(pdf.text).not.toContain(name);
		}
	});

	it('makes a DOCX that opens and escapes hostile text', async () => {
		const { response, bytes } = await download(
			`/api/concertations/${concertationId}/restitution.docx`,
			admin
		);
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(response.headers.get('content-disposition')).toContain(
			'restitution-2024-09-23-n12.docx'
		);
		const zip = await JSZip.loadAsync(bytes);
		const xml = await zip.file('word/document.xml')!.async('string');
		expect(xml).toContain('Accès rapide au soutien psychologique');
		expect(xml).toContain('Samenvatting van het thematisch overleg');
		for (const candidate of VOTE_CANDIDATES) expect(xml).toContain(candidate.fr);
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(xml).not.toContain('<script>');
		expect(xml).not.toContain('Bob Secret');
	});

	it('makes Markdown and JSON of the same model', async () => {
		const md = await download(`/api/concertations/${concertationId}/restitution.md`, admin);
		expect(md.response.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		const markdown = md.bytes.toString('utf8');
		expect(markdown).toContain('Accès rapide au soutien psychologique');
		expect(markdown).not.toContain('<script>');
		expect(markdown).not.toContain('Bob Secret');

		const json = await download(`/api/concertations/${concertationId}/restitution.json`, admin);
		expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		const model = parseRestitutionJson(json.bytes.toString('utf8'));
		expect(model.header.series).toEqual({ fr: 'Zone Nord-Ouest', nl: 'Zone Noord-West' });
		// Everyone who took part is counted (the vote's turnout counts them too); only the
		// sectors and names are limited to those who consented.
		expect(model.attendance.participants).toBe(4);
		expect(model.attendance.people).toEqual([]);
		expect(model.tables.map((table) => table.name)).toEqual(['1', '2']);
		expect(model.tables[0]?.barriers[0]).toMatchObject({ key: true });
		expect(model.tables[0]?.rapporteur).toBeUndefined();
		expect(markdown).not.toContain('Anne');
		expect(model.contact).toEqual({ name: 'Sophie', email: 'sophie@example.org' });
		// Ranked priorities with points, the tie shown, turnout of everyone present.
		expect(model.vote?.voters).toBe(4);
		expect(model.vote?.present).toBe(4);
		expect(
			model.vote?.priorities.map((p) => [
				'fr' in p.label ? p.label.fr : p.label.text,
				p.points,
				p.rank,
				p.tied
			])
		).toEqual([
			['Accès rapide au soutien psychologique', 8, 1, false],
			['Logement d’urgence pour les jeunes', 6, 2, false],
			['Isolement des personnes âgées', 5, 3, true],
			['Fracture numérique', 5, 3, true]
		]);
	});

	it('exports the consented attendance list as Excel-ready, formula-safe CSV', async () => {
		const { response, bytes } = await download(
			`/api/concertations/${concertationId}/attendance.csv`,
			coordinatorA
		);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="attendance-2024-09-23-n12.csv"'
		);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const csv = bytes.toString('utf8');
		expect(csv).toContain('name,organisation,sector_fr,sector_nl\r\n');
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(csv).toContain('Zoë Ñúñez');
		expect(csv).not.toContain('Bob Secret');
	});
});

describe('the printed attendance list', () => {
	const model = async () =>
		parseRestitutionJson(
			(
				await download(`/api/concertations/${concertationId}/restitution.json`, coordinatorA)
			).bytes.toString('utf8')
		);

	it('prints consented names only once turned on, and goes back to none on reset', async () => {
		expect((await model()).attendance.people).toEqual([]);
		const on = await action(coordinatorA, `/r/${concertationId}?/attendanceNames`, {
			attendanceNames: 'on'
		});
		expect(on.type).toBe('success');
		const listed = await model();
		expect(listed.attendance.people.map((person) => person.name).sort()).toEqual(
			['=HYPERLINK("http://evil.example")', 'Anne', 'Zoë Ñúñez'].sort()
		);
		expect(listed.tables[0]?.rapporteur).toBe('Anne');
		const pdf = await pdfText(
			(await download(`/api/concertations/${concertationId}/restitution.pdf`, admin)).bytes
		);
		expect(pdf.text).toContain('Zoë Ñúñez');
		expect(pdf.text).not.toContain('Bob Secret');
		const docx = await JSZip.loadAsync(
			(await download(`/api/concertations/${concertationId}/restitution.docx`, admin)).bytes
		);
		const xml = await docx.file('word/document.xml')!.async('string');
		expect(xml).toContain('Zoë Ñúñez');
		expect(xml).not.toContain('Bob Secret');
		// The switch is on the review page.
		const page = await fetch(`${server.url}/r/${concertationId}`, {
			headers: { authorization: `Bearer ${coordinatorA}` }
		});
		expect(await page.text()).toContain('?/attendanceNames');

		// Reset like any other edit; the attendance CSV is there either way.
		expect(
			(await action(coordinatorA, `/r/${concertationId}?/reset`, { key: 'doc:attendanceNames' }))
				.type
		).toBe('success');
		expect((await model()).attendance.people).toEqual([]);
		expect((await model()).tables[0]?.rapporteur).toBeUndefined();
		const csv = (
			await download(`/api/concertations/${concertationId}/attendance.csv`, admin)
		).bytes.toString('utf8');
		expect(csv).toContain('Zoë Ñúñez');

		// Turned on then off with the switch itself.
		await action(coordinatorA, `/r/${concertationId}?/attendanceNames`, { attendanceNames: 'on' });
		expect((await model()).attendance.people).toHaveLength(3);
		await action(coordinatorA, `/r/${concertationId}?/attendanceNames`, {});
		expect((await model()).attendance.people).toEqual([]);
		// Other coordinators cannot switch it.
		const refused = await action(coordinatorB, `/r/${concertationId}?/attendanceNames`, {
			attendanceNames: 'on'
		});
		expect(refused.status).toBe(403);
		expect((await model()).attendance.people).toEqual([]);
	});
});

describe('coordinator edits', () => {
	const json = async () =>
		parseRestitutionJson(
			(
				await download(`/api/concertations/${concertationId}/restitution.json`, coordinatorA)
			).bytes.toString('utf8')
		);

	it('hides and rephrases items, adds texts and reorders tables, without touching the raw data', async () => {
		const plainKey = `table:${ids.table1}:note:${ids.plainItem}`;
		const hostileKey = `table:${ids.table1}:note:${ids.hostileItem}`;
		expect(
			(await action(coordinatorA, `/r/${concertationId}?/item`, { key: plainKey, text: 'Délais' }))
				.type
		).toBe('success');
		expect(
			(await action(coordinatorA, `/r/${concertationId}?/item`, { key: hostileKey, hidden: 'on' }))
				.type
		).toBe('success');
		expect(
			(
				await action(coordinatorA, `/r/${concertationId}?/texts`, {
					introductionFr: 'Bonjour à toutes et tous',
					introductionNl: 'Hallo allemaal',
					conclusionFr: '',
					conclusionNl: 'Tot de volgende keer'
				})
			).type
		).toBe('success');
		expect(
			(
				await action(coordinatorA, `/r/${concertationId}?/addDate`, {
					labelFr: 'Prochaine concertation',
					labelNl: 'Volgend overleg',
					date: '2024-11-18',
					time: '13:30',
					place: 'Molenbeek'
				})
			).type
		).toBe('success');
		expect(
			(
				await action(coordinatorA, `/r/${concertationId}?/moveTable`, {
					tableId: String(ids.table2),
					direction: 'up'
				})
			).type
		).toBe('success');

		const edited = await json();
		expect(edited.tables.map((table) => table.name)).toEqual(['2', '1']);
		const table1 = edited.tables[1]!;
		expect(table1.barriers[0]).toMatchObject({ text: 'Délais', key: true });
		expect(table1.levers).toEqual([]);
		expect(edited.introduction).toEqual({ fr: 'Bonjour à toutes et tous', nl: 'Hallo allemaal' });
		expect(edited.conclusion).toEqual({ nl: 'Tot de volgende keer' });
		expect(edited.nextDates).toEqual([
			{
				label: { fr: 'Prochaine concertation', nl: 'Volgend overleg' },
				date: '2024-11-18',
				time: '13:30',
				place: 'Molenbeek'
			}
		]);

		// The session's own data is unchanged.
		const row = await storedRow(
			server,
			'select text, deleted from table_note where id = ?',
			ids.plainItem
		);
		expect(row).toEqual({ text: 'Listes d’attente de six mois', deleted: 0 });

		const pdf = await pdfText(
			(await download(`/api/concertations/${concertationId}/restitution.pdf`, admin)).bytes
		);
		expect(pdf.text).toContain('Délais');
		expect(pdf.text).not.toContain('Listes d’attente de six mois');
		expect(pdf.text).toContain('Hallo allemaal');

		// Reset one, then everything.
		expect(
			(await action(coordinatorA, `/r/${concertationId}?/reset`, { key: plainKey })).type
		).toBe('success');
		expect((await json()).tables[1]?.barriers[0]?.text).toBe('Listes d’attente de six mois');
		expect((await action(coordinatorA, `/r/${concertationId}?/resetAll`, {})).type).toBe('success');
		const reset = await json();
		expect(reset.tables.map((table) => table.name)).toEqual(['1', '2']);
		expect(reset.introduction).toBeUndefined();
		expect(reset.nextDates).toEqual([]);
		expect(reset.tables[0]?.levers.map((item) => item.text)).toEqual([HOSTILE]);
	});

	it('refuses malformed edits with a translated message and keeps what was stored', async () => {
		const bad = await action(coordinatorA, `/r/${concertationId}?/item`, {
			key: 'table:1:note:1 OR 1=1',
			text: 'x'
		});
		expect(bad.type).toBe('failure');
		expect(bad.status).toBe(400);
		const badDate = await action(coordinatorA, `/r/${concertationId}?/addDate`, {
			labelFr: 'X',
			labelNl: '',
			date: 'tomorrow'
		});
		expect(badDate.status).toBe(400);
		expect((await json()).nextDates).toEqual([]);
	});
});

describe('the series logo', () => {
	it('accepts a real PNG and refuses anything that only claims to be one', async () => {
		const fake = await action(admin, '/f/series?/logo', {
			seriesId: '1',
			logo: new Blob(['<svg onload="alert(1)"></svg>'], { type: 'image/png' })
		});
		expect(fake.type).toBe('failure');
		const tooBig = await action(admin, '/f/series?/logo', {
			seriesId: '1',
			logo: new Blob([new Uint8Array(600 * 1024)], { type: 'image/png' })
		});
		// Refused before the action runs: larger than the server's request size limit, or the
		// action's own 512 KiB check.
		expect(tooBig.type).not.toBe('success');
		expect([400, 413]).toContain(tooBig.status);
		const coordinatorUpload = await fetch(`${server.url}/f/series?/logo`, {
			method: 'POST',
			headers: {
				origin: server.url,
				'x-sveltekit-action': 'true',
				authorization: `Bearer ${coordinatorA}`
			},
			body: new FormData()
		});
		expect(coordinatorUpload.status).toBe(403);

		const png = Buffer.from(SAMPLE_LOGO_PNG_BASE64, 'base64');
		const saved = await action(admin, '/f/series?/logo', {
			seriesId: '1',
			logo: new Blob([png], { type: 'application/octet-stream' })
		});
		expect(saved.type).toBe('success');
		expect(
			(
				await action(admin, '/f/series?/organiser', {
					seriesId: '1',
					organiserFr: 'Zone de soins Nord-Ouest',
					organiserNl: 'Zorgzone Noord-West'
				})
			).type
		).toBe('success');
		const model = parseRestitutionJson(
			(
				await download(`/api/concertations/${concertationId}/restitution.json`, admin)
			).bytes.toString('utf8')
		);
		expect(model.header.logo?.mediaType).toBe('image/png');
		expect(Buffer.from(model.header.logo!.base64, 'base64').equals(png)).toBe(true);
		expect(model.header.organiser).toEqual({
			fr: 'Zone de soins Nord-Ouest',
			nl: 'Zorgzone Noord-West'
		});
		const pdf = await download(`/api/concertations/${concertationId}/restitution.pdf`, admin);
		expect((await pdfText(pdf.bytes)).pages).toBe(1);
	});
});

describe('a typical large session', () => {
	// 69 participants in the room (56 consent to the attendance list), 11 vote candidates and
	// 62 ballots, 3 tables × 4 categories × 6 items, 8 news items: what the one page must hold.
	const SECTORS = [
		'mental_health',
		'social',
		'primary_care',
		'home_care',
		'addiction',
		'users_relatives',
		'housing',
		'public_authority',
		'other'
	];
	const CANDIDATES = Array.from({ length: 11 }, (_, index) => ({
		fr: `Priorité ${index + 1} : accès aux soins n°${index + 1}`,
		nl: `Prioriteit ${index + 1}: toegang tot zorg nr. ${index + 1}`
	}));
	const personName = (index: number) => `Personne${index} Étéwaarde`;
	// What tables write on their sticky notes: a few words each (the fixture's average is 30
	// characters; much longer notes compact the page, then go to the appendix).
	const POST_ITS = {
		barrier: [
			'Listes d’attente',
			'Coût des consultations',
			'Manque d’interprètes',
			'Horaires inadaptés',
			'Peu de places',
			'Turn-over des équipes'
		],
		lever: [
			'Accueil sans rendez-vous',
			'Réunion mensuelle',
			'Fonds d’urgence',
			'Pairs aidants',
			'Permanences mobiles',
			'Gedeeld overzicht'
		],
		collaboration: [
			'Protocole SSM – CPAS',
			'Samenwerking met scholen',
			'Référent par école',
			'Intervision commune',
			'Carnet d’adresses',
			'Cel lokaal overleg'
		],
		actor: ['SSM', 'CPAS / OCMW', 'AMO', 'PMS-centra', 'Maisons médicales', 'Huisartsen']
	};
	let largeId: number;

	const pdfOf = async () =>
		pdfText((await download(`/api/concertations/${largeId}/restitution.pdf`, coordinatorA)).bytes);

	beforeAll(async () => {
		const concertation = await createConcertation(server, admin, { number: '14' });
		largeId = concertation.id;
		expect((await action(admin, `/f/${largeId}/edit?/series`, { seriesId: '1' })).type).toBe(
			'success'
		);
		const tokens: string[] = [];
		for (let index = 1; index <= 69; index++) {
			const joined = await joinAsParticipant(server, concertation.joinCode, {
				displayName: personName(index),
				organisation: `Organisation ${index % 13}`,
				sector: SECTORS[index % SECTORS.length],
				consentAttendance: index % 5 !== 0
			});
			tokens.push(joined.token);
		}
		const large = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
			httpCommand<R>(server, admin, largeId, name, input);
		for (let index = 0; index < 8; index++) {
			await large('news.save', {
				titleFr: `Actualité ${index + 1} du secteur bruxellois`,
				titleNl: `Nieuws ${index + 1} uit de Brusselse sector`,
				startDate: `2024-10-${String(index + 10)}`
			});
		}
		await runVote(
			server,
			admin,
			largeId,
			CANDIDATES,
			tokens.slice(0, 62).map((participantToken, voter) => ({
				participantToken,
				choices: [voter % 3, 3 + (voter % 4), 7 + (voter % 4)]
			}))
		);
		await openTablesPhase(server, admin, largeId, false);
		for (let table = 0; table < 3; table++) {
			const { tableId } = await large<{ tableId: number }>('tables.create', {
				name: String(table + 1),
				priority: CANDIDATES[table],
				capacity: null
			});
			for (const [category, texts] of Object.entries(POST_ITS)) {
				for (const [item, text] of texts.entries()) {
					const added = await large<{ item: { id: number } }>('tables.item.add', {
						tableId,
						category,
						text: `${text} (T${table + 1})`
					});
					if (item === 0) await large('tables.item.key', { itemId: added.item.id, key: true });
				}
			}
		}
	}, 120_000);

	it('exports ONE page by default: both headings, every ranked priority, no participant name', async () => {
		const model = parseRestitutionJson(
			(
				await download(`/api/concertations/${largeId}/restitution.json`, coordinatorA)
			).bytes.toString('utf8')
		);
		expect(model.attendance.participants).toBe(69);
		expect(model.attendance.people).toEqual([]);
		expect(model.vote?.priorities).toHaveLength(11);
		expect(model.vote?.voters).toBe(62);
		expect(model.context.news).toHaveLength(8);
		expect(model.tables.map((table) => table.barriers.length + table.actors.length)).toEqual([
			12, 12, 12
		]);

		const pdf = await pdfOf();
		expect(pdf.pages).toBe(1);
		expect(pdf.text).toContain('Synthèse de la concertation thématique');
		expect(pdf.text).toContain('Samenvatting van het thematisch overleg');
		for (const candidate of CANDIDATES) {
			expect(pdf.text).toContain(candidate.fr);
			expect(pdf.text).toContain(candidate.nl);
		}
		expect(pdf.text).toContain('69');
		expect(pdf.text).not.toContain('Étéwaarde');
		for (const format of ['restitution.md', 'restitution.json', 'restitution.docx']) {
			const { bytes } = await download(`/api/concertations/${largeId}/${format}`, admin);
			const text =
				format === 'restitution.docx'
					? await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
					: bytes.toString('utf8');
			expect(text, format).not.toContain('Étéwaarde');
		}
	});

	it('prints the consented names once the option is on', async () => {
		expect(
			(
				await action(coordinatorA, `/r/${largeId}?/attendanceNames`, {
					attendanceNames: 'on'
				})
			).type
		).toBe('success');
		const pdf = await pdfOf();
		expect(pdf.text).toContain(personName(1));
		expect(pdf.text).toContain(personName(69));
		// Those who did not consent stay out.
		expect(pdf.text).not.toContain(`${personName(5)} `);
		expect(pdf.text).not.toContain(`${personName(10)} `);
		// Page 1 is still whole; the list may have gone to the appendix page.
		expect(pdf.pages).toBeLessThanOrEqual(2);
		for (const candidate of CANDIDATES) expect(pdf.text).toContain(candidate.fr);
		await action(coordinatorA, `/r/${largeId}?/reset`, { key: 'doc:attendanceNames' });
		expect((await pdfOf()).pages).toBe(1);
	});
});
