import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Update } from '../../src/lib/protocol';
import { LIMITS } from '../../src/lib/protocol';
import { formAction } from '../helpers/restitution';
import {
	api,
	connectFacilitator,
	connectParticipant,
	connectScreen,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	signIn,
	socketTracker,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * The facilitators' notes on a step reach the console and the programme template, and never
 * a phone or the projector: not in a snapshot, not in an update.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();

const SECRET = 'Ne pas mentionner le budget avant la pause · Marie tend le micro';

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

/** The introduction step's edit form, as the programme page posts it. */
function introFields(phaseId: number, notes: string) {
	return {
		phaseId: String(phaseId),
		titleFr: 'Introduction',
		titleNl: 'Inleiding',
		titleEn: '',
		bodyFr: 'Contexte et objectifs.',
		bodyNl: 'Context en doelstellingen.',
		bodyEn: '',
		durationMinutes: '15',
		notes
	};
}

describe('facilitators’ notes on a step', () => {
	it('go to consoles and templates only, live and in snapshots', async () => {
		const concertation = await createConcertation(server, admin);
		const intro = await phaseOf(server, admin, concertation.id, 'introduction');
		const person = await joinAsParticipant(server, concertation.joinCode);
		const console_ = sockets.track(connectFacilitator(server, admin, concertation.id));
		const phone = sockets.track(connectParticipant(server, concertation.id, person.token, 'fr'));
		const screen = sockets.track(connectScreen(server, concertation.id, concertation.screenKey));
		// Listened to at once: the three snapshots may come in any order.
		await Promise.all([console_, phone, screen].map((socket) => next(socket, 'snapshot')));
		const heard = { phone: [] as string[], screen: [] as string[] };
		phone.onAny((_event, ...args: unknown[]) => heard.phone.push(JSON.stringify(args)));
		screen.onAny((_event, ...args: unknown[]) => heard.screen.push(JSON.stringify(args)));

		// The update that carries the programme (a presence update may come first on a busy machine).
		const carriesProgramme = (update: Update) => update.sections.programme !== undefined;
		const consoleUpdate = next(console_, 'update', carriesProgramme);
		const phoneUpdate = next(phone, 'update', carriesProgramme);
		const saved = await formAction(
			server,
			admin,
			`/f/${concertation.id}/edit?/phase`,
			introFields(intro, SECRET)
		);
		expect(saved.type).toBe('success');
		const seen = (await consoleUpdate) as Update;
		expect(seen.sections.programme?.find((phase) => phase.id === intro)?.notes).toBe(SECRET);
		// The phone learns the programme changed, without the notes.
		const told = (await phoneUpdate) as Update;
		const phoneIntro = told.sections.programme?.find((phase) => phase.id === intro);
		expect(phoneIntro?.body.fr).toBe('Contexte et objectifs.');
		expect(phoneIntro && 'notes' in phoneIntro).toBe(false);

		// Fresh snapshots: the console's has them, the phone's and the projector's do not.
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token: admin
		});
		expect(body.sections.programme?.find((phase) => phase.id === intro)?.notes).toBe(SECRET);
		const phoneAgain = sockets.track(
			connectParticipant(server, concertation.id, person.token, 'fr')
		);
		const screenAgain = sockets.track(
			connectScreen(server, concertation.id, concertation.screenKey)
		);
		// Both awaited together: either may come first (the projector's can be a shared build).
		const [phoneSnapshot, screenSnapshot] = await Promise.all([
			next(phoneAgain, 'snapshot'),
			next(screenAgain, 'snapshot')
		]);
		heard.phone.push(JSON.stringify(phoneSnapshot));
		heard.screen.push(JSON.stringify(screenSnapshot));
		for (const [audience, messages] of Object.entries(heard)) {
			expect(messages.length, audience).toBeGreaterThan(0);
			for (const message of messages) expect(message, audience).not.toContain('budget');
		}

		// The template carries them, so the next concertation started from this one has them.
		const template = await api<{ phases: { kind: string; notes?: string }[] }>(
			server,
			'GET',
			`/api/concertations/${concertation.id}/programme.json`,
			{ token: admin }
		);
		expect(template.body.phases.find((phase) => phase.kind === 'introduction')?.notes).toBe(SECRET);
		expect(template.body.phases.filter((phase) => 'notes' in phase)).toHaveLength(1);
		const next_ = await createConcertation(server, admin, { copyFrom: concertation.id });
		const copied = await api<Snapshot>(server, 'GET', `/api/concertations/${next_.id}`, {
			token: admin
		});
		expect(copied.body.sections.programme?.[0]?.notes).toBe(SECRET);
	});

	it('refuses notes longer than the limit and keeps the stored ones', async () => {
		const concertation = await createConcertation(server, admin);
		const intro = await phaseOf(server, admin, concertation.id, 'introduction');
		const path = `/f/${concertation.id}/edit?/phase`;
		expect((await formAction(server, admin, path, introFields(intro, 'À garder'))).type).toBe(
			'success'
		);
		const tooLong = await formAction(
			server,
			admin,
			path,
			introFields(intro, 'x'.repeat(LIMITS.phaseNotes + 1))
		);
		expect(tooLong.type).toBe('failure');
		expect(tooLong.data).toContain('notes');
		const { body } = await api<Snapshot>(server, 'GET', `/api/concertations/${concertation.id}`, {
			token: admin
		});
		expect(body.sections.programme?.[0]?.notes).toBe('À garder');
	});
});
