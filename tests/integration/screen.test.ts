import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Update } from '../../src/lib/protocol';
import { formAction } from '../helpers/restitution';
import {
	api,
	commandId,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The projector's own state over the real server: `screen.join` (the whole join block on
 * request, stored on the concertation), the `screen` section (consoles, the projector and
 * phones), and the next dates of the closing screen, fresh when the session closes.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

/** The next update that carries the `screen` section (presence updates may come first). */
function screenUpdate(socket: ReturnType<typeof connectScreen>): Promise<Update> {
	return new Promise((resolve) => {
		const listener = (update: Update) => {
			if (!update.sections.screen) return;
			socket.off('update', listener);
			resolve(update);
		};
		socket.on('update', listener);
	});
}

const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the projector screen commands', () => {
	it('stores the join block request, broadcasts it, and keeps it for a reloaded projector', async () => {
		const concertation = await createConcertation(server, admin);
		const person = await joinAsParticipant(server, concertation.joinCode);
		const console_ = sockets.track(connectFacilitator(server, admin, concertation.id));
		const phone = sockets.track(connectParticipant(server, concertation.id, person.token, 'fr'));
		const screen = sockets.track(connectScreen(server, concertation.id, concertation.screenKey));
		const [consoleSnapshot, phoneSnapshot, screenSnapshot] = (await Promise.all([
			next(console_, 'snapshot'),
			next(phone, 'snapshot'),
			next(screen, 'snapshot')
		])) as Snapshot[];
		expect(consoleSnapshot!.sections.screen).toEqual({
			joinFull: false,
			nextDates: [],
			thanks: null
		});
		expect(screenSnapshot!.sections.screen?.joinFull).toBe(false);
		// Phones get it too (they show the next dates once closed): built once per audience.
		expect(phoneSnapshot!.sections.screen).toEqual(consoleSnapshot!.sections.screen);

		const updated = screenUpdate(screen);
		expect(await runCommand(console_, 'screen.join', { full: true })).toEqual({ full: true });
		expect((await updated).sections.screen?.joinFull).toBe(true);

		// A projector opened again gets it in its snapshot.
		const reloaded = sockets.track(connectScreen(server, concertation.id, concertation.screenKey));
		expect(((await next(reloaded, 'snapshot')) as Snapshot).sections.screen?.joinFull).toBe(true);

		// Through the JSON API too, with the same answer.
		const { status, body } = await api<{ ok: boolean; data: { full: boolean } }>(
			server,
			'POST',
			`/api/concertations/${concertation.id}/commands/screen.join`,
			{ token: admin, body: { full: false, commandId: commandId('join') } }
		);
		expect(status).toBe(200);
		expect(body.data).toEqual({ full: false });
		const { body: state } = await api<{ sections: Snapshot['sections'] }>(
			server,
			'GET',
			`/api/concertations/${concertation.id}`,
			{ token: admin }
		);
		expect(state.sections.screen?.joinFull).toBe(false);
	});

	it('refuses phones and bad payloads, changing nothing', async () => {
		const concertation = await createConcertation(server, admin);
		const person = await joinAsParticipant(server, concertation.joinCode);
		const phone = sockets.track(connectParticipant(server, concertation.id, person.token, 'nl'));
		const console_ = sockets.track(connectFacilitator(server, admin, concertation.id));
		await Promise.all([next(phone, 'snapshot'), next(console_, 'snapshot')]);

		const refused = await sendCommand(phone, 'screen.join', { full: true });
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.error.code).toBe('forbidden');
			expect(refused.error.message.length).toBeGreaterThan(0);
		}
		const invalid = await sendCommand(console_, 'screen.join', {
			full: 'yes'
		} as unknown as { full: boolean });
		expect(invalid.ok).toBe(false);
		if (!invalid.ok) expect(invalid.error.code).toBe('invalid');
		const { body: state } = await api<{ sections: Snapshot['sections'] }>(
			server,
			'GET',
			`/api/concertations/${concertation.id}`,
			{ token: admin }
		);
		expect(state.sections.screen?.joinFull).toBe(false);
	});

	it('gives the closing screen the next dates from today on, fresh when the session closes', async () => {
		const concertation = await createConcertation(server, admin);
		const screen = sockets.track(connectScreen(server, concertation.id, concertation.screenKey));
		// What the projector shows: its snapshot's screen section, then each update's. A section
		// the projector already has unchanged is not sent again, so the close may not carry it.
		let shown = (await next(screen, 'snapshot')).sections.screen;
		screen.on('update', (update: Update) => {
			if (update.sections.screen) shown = update.sections.screen;
		});
		for (const [date, fr, nl, time] of [
			[inDays(90), 'Concertation suivante', 'Volgend overleg', '14:00'],
			[inDays(-30), 'Passée', 'Voorbij', ''],
			[inDays(30), 'Groupe de travail', 'Werkgroep', '09:30']
		] as const) {
			const added = await formAction(server, admin, `/r/${concertation.id}?/addDate`, {
				labelFr: fr,
				labelNl: nl,
				date,
				time,
				place: 'Maison de quartier Helmet'
			});
			expect(added.type).toBe('success');
		}
		const person = await joinAsParticipant(server, concertation.joinCode);
		const phone = sockets.track(connectParticipant(server, concertation.id, person.token, 'fr'));
		await next(phone, 'snapshot');
		await api(server, 'POST', `/api/concertations/${concertation.id}/commands/session.start`, {
			token: admin,
			body: { commandId: commandId('start') }
		});
		const closed = new Promise<Update>((resolve) => {
			screen.on('update', (update: Update) => {
				if (update.sections.session?.status === 'closed') resolve(update);
			});
		});
		await api(server, 'POST', `/api/concertations/${concertation.id}/commands/session.close`, {
			token: admin,
			body: { commandId: commandId('close') }
		});
		await closed;
		expect(shown?.nextDates).toEqual([
			{
				key: expect.stringMatching(/^[0-9a-f]{16}$/),
				label: { fr: 'Groupe de travail', nl: 'Werkgroep' },
				date: inDays(30),
				time: '09:30',
				endTime: null,
				place: 'Maison de quartier Helmet',
				link: null,
				description: null
			},
			{
				key: expect.stringMatching(/^[0-9a-f]{16}$/),
				label: { fr: 'Concertation suivante', nl: 'Volgend overleg' },
				date: inDays(90),
				time: '14:00',
				endTime: null,
				place: 'Maison de quartier Helmet',
				link: null,
				description: null
			}
		]);

		// A date added after the close reaches the open projector and the phones at once.
		// Updates already on their way (the close) may come first: wait for the one with the date.
		const withAtelier = (socket: ReturnType<typeof connectScreen>) =>
			new Promise<Update>((resolve) => {
				const listener = (update: Update) => {
					if (!update.sections.screen?.nextDates.some((date) => date.label.fr === 'Atelier'))
						return;
					socket.off('update', listener);
					resolve(update);
				};
				socket.on('update', listener);
			});
		const onScreen = withAtelier(screen);
		const onPhone = withAtelier(phone);
		const added = await api(
			server,
			'POST',
			`/api/concertations/${concertation.id}/restitution/next-dates`,
			{
				token: admin,
				body: {
					labelFr: 'Atelier',
					labelNl: 'Workshop',
					date: inDays(10),
					link: 'https://example.org/a'
				}
			}
		);
		expect(added.status).toBe(201);
		for (const update of await Promise.all([onScreen, onPhone])) {
			expect(update.sections.screen?.nextDates.map((date) => date.label.fr)).toEqual([
				'Atelier',
				'Groupe de travail',
				'Concertation suivante'
			]);
			expect(update.sections.screen?.nextDates[0]?.link).toBe('https://example.org/a');
		}
	});
});
