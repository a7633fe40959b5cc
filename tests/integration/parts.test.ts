import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartsView } from '../../src/lib/protocol';
import type { RestitutionEnvelope } from '../../src/lib/protocol/summary';
import { httpCommand, pdfText } from '../helpers/restitution';
import {
	api,
	commandId,
	connectFacilitator,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * A meeting in three parts on three dates, through the real server: the parts made and
 * edited over the JSON API, the console kept inside the running part, attendance recorded per
 * part as people connect (or are connected when a part starts), identity kept from date to
 * date, the consoles' counts, and the restitution's parts in JSON, Markdown and PDF.
 */

let server: RunningServer;
let token: string;
const sockets = socketTracker();
let id: number;
let joinCode: string;
let console: TestSocket;
let programme: { id: number }[];
const partIds: number[] = [];

async function partsOf(socket: TestSocket, predicate: (view: PartsView) => boolean) {
	const update = await next(
		socket,
		'update',
		(u) => !!u.sections.parts && predicate(u.sections.parts)
	);
	return update.sections.parts!;
}

async function facilitatorParts(): Promise<PartsView> {
	const { body } = await api<{ sections: { parts: PartsView } }>(
		server,
		'GET',
		`/api/concertations/${id}`,
		{ token }
	);
	return body.sections.parts;
}

async function command(name: string, input: Record<string, unknown>) {
	return api<{
		ok: boolean;
		data?: Record<string, unknown>;
		error?: { code: string; message: string };
	}>(server, 'POST', `/api/concertations/${id}/commands/${name}`, {
		token,
		body: { ...input, commandId: commandId(name) }
	});
}

/** Waits until the server counts `count` phones connected (a disconnect takes a moment). */
async function onlineIs(count: number) {
	await expect
		.poll(async () => {
			const { body } = await api<{ sections: { presence: { online: number } } }>(
				server,
				'GET',
				`/api/concertations/${id}`,
				{ token }
			);
			return body.sections.presence.online;
		})
		.toBe(count);
}

/** A participant's phone: joined once, then connected on each date with the same token. */
async function phone(participantToken: string): Promise<TestSocket> {
	const socket = sockets.track(connectParticipant(server, id, participantToken));
	await next(socket, 'snapshot');
	return socket;
}

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	const concertation = await createConcertation(server, token);
	id = concertation.id;
	joinCode = concertation.joinCode;
	console = sockets.track(connectFacilitator(server, token, id, 'fr'));
	const snapshot = await next(console, 'snapshot');
	programme = snapshot.sections.programme!;
	// A concertation in one part, as every one before: an empty list, nothing else.
	expect(snapshot.sections.parts).toEqual({ parts: [], currentPartId: null });
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

describe('making the parts', () => {
	it('creates three parts over the API, the first holding the whole programme', async () => {
		const days = [
			['Visite 1 : accueil', 'Bezoek 1: onthaal', '2026-03-03', 'https://meet.example.org/1'],
			['Visite 2 : terrain', 'Bezoek 2: terrein', '2026-03-10', ''],
			['Visite 3 : bilan', 'Bezoek 3: evaluatie', '2026-03-17', '']
		];
		for (const [fr, nl, date, link] of days) {
			const data = await httpCommand<{ partId: number }>(server, token, id, 'parts.create', {
				title: { fr, nl },
				date,
				startTime: '09:30',
				endTime: '12:30',
				place: link ? '' : 'CPAS de Schaerbeek',
				link
			});
			partIds.push(data.partId);
		}
		const view = await facilitatorParts();
		expect(view.parts.map((part) => [part.number, part.status, part.stepIds.length])).toEqual([
			[1, 'planned', programme.length],
			[2, 'planned', 0],
			[3, 'planned', 0]
		]);
	});

	it('refuses bad input with a translated message and keeps what was stored', async () => {
		const bad = await command('parts.update', {
			partId: partIds[0],
			title: { fr: 'X', nl: 'Y' },
			date: '2026-03-03',
			link: 'javascript:alert(1)'
		});
		expect(bad.status).toBe(400);
		expect(bad.body.error?.code).toBe('invalid');
		const noTitle = await command('parts.create', {
			title: { fr: ' ', nl: '' },
			date: '2026-03-24'
		});
		expect(noTitle.body.error?.code).toBe('title_required');
		expect(noTitle.body.error?.message).toBe('Donnez un titre à la partie.');
		const late = await command('parts.update', {
			partId: partIds[0],
			title: { fr: 'X', nl: 'Y' },
			date: '2026-03-03',
			startTime: '12:00',
			endTime: '11:00'
		});
		expect(late.body.error?.code).toBe('end_before_start');
		const view = await facilitatorParts();
		expect(view.parts[0]!.title.fr).toBe('Visite 1 : accueil');
		expect(view.parts[0]!.link).toBe('https://meet.example.org/1');
		expect(view.parts).toHaveLength(3);
	});

	it('gives steps to parts: 1–3, 4–6, the rest', async () => {
		for (const [index, step] of programme.entries()) {
			const part = index < 3 ? 0 : index < 6 ? 1 : 2;
			if (part === 0) continue;
			await httpCommand(server, token, id, 'parts.assignStep', {
				phaseId: step.id,
				partId: partIds[part]
			});
		}
		const view = await facilitatorParts();
		expect(view.parts.map((part) => part.stepIds)).toEqual([
			programme.slice(0, 3).map((step) => step.id),
			programme.slice(3, 6).map((step) => step.id),
			programme.slice(6).map((step) => step.id)
		]);
	});

	it('asks before deleting a part that has steps, moves them, and can reorder', async () => {
		const extra = await httpCommand<{ partId: number }>(server, token, id, 'parts.create', {
			title: { fr: 'En trop', nl: 'Te veel' },
			date: '2026-03-24'
		});
		await httpCommand(server, token, id, 'parts.assignStep', {
			phaseId: programme.at(-1)!.id,
			partId: extra.partId
		});
		const unconfirmed = await command('parts.delete', { partId: extra.partId });
		expect(unconfirmed.body.error?.code).toBe('part_has_steps');
		await httpCommand(server, token, id, 'parts.move', { partId: extra.partId, direction: 'up' });
		expect((await facilitatorParts()).parts.map((part) => part.id)).toEqual([
			partIds[0],
			partIds[1],
			extra.partId,
			partIds[2]
		]);
		await httpCommand(server, token, id, 'parts.move', { partId: extra.partId, direction: 'down' });
		const deleted = await httpCommand<{ movedSteps: number; toPartId: number }>(
			server,
			token,
			id,
			'parts.delete',
			{ partId: extra.partId, confirm: true }
		);
		expect(deleted).toEqual({ movedSteps: 1, toPartId: partIds[2] });
		const view = await facilitatorParts();
		expect(view.parts.map((part) => part.id)).toEqual(partIds);
		expect(view.parts[2]!.stepIds).toEqual(programme.slice(6).map((step) => step.id));
	});
});

describe('a step added to the programme later', () => {
	it('belongs to the last part, and stays there when a part is added after it', async () => {
		const added = await api<{ phase: { id: number } }>(
			server,
			'POST',
			`/api/concertations/${id}/phases`,
			{
				token,
				body: {
					kind: 'introduction',
					title: { fr: 'Pause', nl: 'Pauze' },
					durationMinutes: 5
				}
			}
		);
		expect(added.status).toBe(201);
		const stepId = added.body.phase.id;
		expect((await facilitatorParts()).parts[2]!.stepIds).toContain(stepId);
		const later = await httpCommand<{ partId: number }>(server, token, id, 'parts.create', {
			title: { fr: 'Plus tard', nl: 'Later' },
			date: '2026-04-01'
		});
		let view = await facilitatorParts();
		expect(view.parts[2]!.stepIds).toContain(stepId);
		expect(view.parts[3]!.stepIds).toEqual([]);
		await httpCommand(server, token, id, 'parts.delete', { partId: later.partId });
		const removed = await api(server, 'DELETE', `/api/concertations/${id}/phases/${stepId}`, {
			token
		});
		expect(removed.status).toBe(200);
		view = await facilitatorParts();
		expect(view.parts.map((part) => part.id)).toEqual(partIds);
		expect(view.parts[2]!.stepIds).toEqual(programme.slice(6).map((step) => step.id));
	});
});

describe('running a meeting in three parts', () => {
	let anne: { token: string; participantId: number };
	let bram: { token: string; participantId: number };
	let chloe: { token: string; participantId: number };

	it('part 1: the first step starts it, and next stops at its last step', async () => {
		anne = await joinAsParticipant(server, joinCode, { displayName: 'Anne' });
		const anneDay1 = await phone(anne.token);
		await runCommand(console, 'session.start', {});
		const started = await facilitatorParts();
		expect(started.currentPartId).toBe(partIds[0]);
		expect(started.parts[0]!.attendance).toBe(1);
		// The phones see the part, never the counts.
		const phoneView = (await next(anneDay1, 'update', (u) => !!u.sections.parts)).sections.parts!;
		expect(phoneView.currentPartId).toBe(partIds[0]);
		expect(phoneView.parts[0]!.attendance).toBeUndefined();
		await runCommand(console, 'phase.next', {});
		await runCommand(console, 'phase.next', {});
		const last = await sendCommand(console, 'phase.next', {});
		expect(last.ok || last.error.code).toBe('no_next_phase');
		const otherPart = await sendCommand(console, 'phase.goto', { phaseId: programme[4]!.id });
		expect(otherPart.ok || otherPart.error.code).toBe('step_in_other_part');
		anneDay1.disconnect();
		await onlineIs(0);
	});

	it('between two dates: nothing runs, next is refused, the code still joins', async () => {
		await runCommand(console, 'parts.end', {});
		const session = await api<{
			sections: { session: { status: string; currentPhaseId: number | null } };
		}>(server, 'GET', `/api/concertations/${id}`, { token });
		// No step is on between the dates; the concertation stays open.
		expect(session.body.sections.session).toMatchObject({ status: 'live', currentPhaseId: null });
		const refused = await sendCommand(console, 'phase.next', {});
		expect(refused.ok || refused.error.code).toBe('part_not_running');
		// Bram joins between the dates: not present in any part yet.
		bram = await joinAsParticipant(server, joinCode, { displayName: 'Bram', locale: 'nl' });
		const bramPhone = await phone(bram.token);
		const view = await facilitatorParts();
		expect(view.currentPartId).toBeNull();
		expect(view.parts.map((part) => part.attendance)).toEqual([1, 0, 0]);
		expect(view.parts.map((part) => part.status)).toEqual(['ended', 'planned', 'planned']);
		bramPhone.disconnect();
		await onlineIs(0);
	});

	it('part 2: those connected when it starts and those who arrive are present', async () => {
		const annePhone = await phone(anne.token);
		const bramPhone = await phone(bram.token);
		const started = await runCommand(console, 'parts.start', { partId: partIds[1]! });
		expect(started.currentPhaseId).toBe(programme[3]!.id);
		chloe = await joinAsParticipant(server, joinCode, {
			displayName: 'Chloé',
			consentAttendance: false
		});
		const chloePhone = await phone(chloe.token);
		const counted = await partsOf(console, (view) => view.parts[1]!.attendance === 3);
		expect(counted.parts.map((part) => part.attendance)).toEqual([1, 3, 0]);
		// Previous stops at the part's first step.
		const back = await sendCommand(console, 'phase.previous', {});
		expect(back.ok || back.error.code).toBe('no_previous_phase');
		for (const socket of [annePhone, bramPhone, chloePhone]) socket.disconnect();
		await onlineIs(0);
	});

	it('part 3: starting it ends part 2; Anne comes back on the same phone, as herself', async () => {
		await runCommand(console, 'parts.start', { partId: partIds[2]! });
		const annePhone = await phone(anne.token);
		const view = await partsOf(console, (v) => v.parts[2]!.attendance === 1);
		expect(view.parts.map((part) => part.status)).toEqual(['ended', 'ended', 'running']);
		expect(view.parts.map((part) => part.attendance)).toEqual([1, 3, 1]);
		// Still one participant Anne: her identity came along.
		const roster = await api<{ sections: { roster: { participants: { displayName: string }[] } } }>(
			server,
			'GET',
			`/api/concertations/${id}`,
			{ token }
		);
		expect(roster.body.sections.roster.participants.map((p) => p.displayName)).toEqual([
			'Anne',
			'Bram',
			'Chloé'
		]);
		annePhone.disconnect();
	});

	it('keeps a part that ran, and can reopen it', async () => {
		const refused = await command('parts.delete', { partId: partIds[0], confirm: true });
		expect(refused.body.error?.code).toBe('part_started');
		await runCommand(console, 'parts.start', { partId: partIds[1]! });
		let view = await facilitatorParts();
		expect(view.parts.map((part) => part.status)).toEqual(['ended', 'running', 'ended']);
		await runCommand(console, 'parts.start', { partId: partIds[2]! });
		view = await facilitatorParts();
		expect(view.parts.map((part) => part.attendance)).toEqual([1, 3, 1]);
	});
});

describe('the restitution of a meeting in three parts', () => {
	it('lists each part with its attendance, and names when names are printed', async () => {
		const names = await api(
			server,
			'PUT',
			`/api/concertations/${id}/restitution/attendance-names`,
			{
				token,
				body: { listed: true }
			}
		);
		expect(names.status).toBe(200);
		const json = await fetch(`${server.url}/api/concertations/${id}/restitution.json`, {
			headers: { authorization: `Bearer ${token}` }
		});
		const envelope = (await json.json()) as RestitutionEnvelope;
		const parts = envelope.restitution.meetingParts!;
		expect(parts.map((part) => [part.number, part.date, part.present])).toEqual([
			[1, '2026-03-03', 1],
			[2, '2026-03-10', 3],
			[3, '2026-03-17', 1]
		]);
		// Chloé did not consent to the list: counted, not named.
		expect(parts[1]!.people.map((person) => person.name)).toEqual(['Anne', 'Bram']);
		expect(parts[0]!.link).toBe('https://meet.example.org/1');
		expect(parts[1]!.place).toBe('CPAS de Schaerbeek');

		const md = await (
			await fetch(`${server.url}/api/concertations/${id}/restitution.md`, {
				headers: { authorization: `Bearer ${token}` }
			})
		).text();
		expect(md).toContain('### Parties · Delen');
		expect(md).toContain(
			'#### Partie 2 sur 3 · Deel 2 van 3 — Visite 2 : terrain / Bezoek 2: terrein'
		);
		expect(md).toContain('3 présent·es · 3 aanwezig');

		const pdf = Buffer.from(
			await (
				await fetch(`${server.url}/api/concertations/${id}/restitution.pdf`, {
					headers: { authorization: `Bearer ${token}` }
				})
			).arrayBuffer()
		);
		const { pages, text } = await pdfText(pdf);
		// The synthesis, then one page per part.
		expect(pages).toBe(4);
		for (const n of [1, 2, 3]) expect(text).toContain(`Partie ${n} sur 3 · Deel ${n} van 3`);
	});
});

describe('a phone remembered until the last date', () => {
	it('keeps its participant’s cookie until a week after the last part', async () => {
		const other = await createConcertation(server, token);
		const inDays = (days: number) =>
			new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		await httpCommand(server, token, other.id, 'parts.create', {
			title: { fr: 'Plus tard', nl: 'Later' },
			date: inDays(200)
		});
		const body = new FormData();
		body.append('displayName', 'Anne');
		body.append('consentAttendance', 'on');
		const response = await fetch(`${server.url}/j/${other.joinCode}?/join`, {
			method: 'POST',
			headers: { origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' },
			body
		});
		const cookie = response.headers
			.getSetCookie()
			.find((line) => line.startsWith(`concertation_p${other.id}=`));
		const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie ?? '')?.[1]);
		expect(maxAge).toBeGreaterThanOrEqual(206 * 86_400);
		expect(maxAge).toBeLessThanOrEqual(208 * 86_400);
	});
});
