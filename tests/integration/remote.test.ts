import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Update } from '../../src/lib/protocol';
import { actionData, formAction } from '../helpers/restitution';
import {
	api,
	connectParticipant,
	gotoStep,
	joinAsParticipant,
	next,
	openStartedRoom,
	runCommand,
	sendCommand,
	signIn,
	socketTracker,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Taking part from afar over the real server: in the room or remote (at joining, then by
 * command), the projector's feed sent to remote participants only, raised hands in order,
 * given the floor and lowered, the video-call link, and who may do what.
 */

let server: RunningServer;
let admin: string;
const sockets = socketTracker();
const { track } = sockets;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	sockets.closeAll();
	await server?.stop();
});

/** Records every event of a name a socket receives from now on. */
function record<E extends 'update' | 'screenUpdate' | 'screenSnapshot'>(
	socket: TestSocket,
	event: E
): Update[] {
	const seen: Update[] = [];
	socket.on(event as 'update', (payload: Update) => seen.push(payload));
	return seen;
}

async function participant(
	room: { id: number; joinCode: string },
	name: string,
	attendanceMode?: 'room' | 'remote'
) {
	const joined = await joinAsParticipant(server, room.joinCode, {
		displayName: name,
		...(attendanceMode ? { attendanceMode } : {})
	});
	const socket = track(connectParticipant(server, room.id, joined.token, 'fr'));
	const snapshot = await next(socket, 'snapshot');
	return { ...joined, socket, snapshot };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('in the room or remote', () => {
	it('is chosen at joining (in the room by default) and refused when it is neither', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const inRoom = await participant(room, 'Anne');
		const remote = await participant(room, 'Bram', 'remote');
		expect(inRoom.snapshot.self?.attendanceMode).toBe('room');
		expect(remote.snapshot.self?.attendanceMode).toBe('remote');
		const refused = await api(server, 'POST', `/api/join/${room.joinCode}`, {
			body: { displayName: 'Chloé', attendanceMode: 'balcony' }
		});
		expect(refused.status).toBe(400);
		// The counts: everyone and the remote ones, for every audience.
		const snapshot = (await room.console.emitWithAck('sync')) as Snapshot;
		expect(snapshot.sections.presence?.joined).toBe(2);
		expect(snapshot.sections.presence?.remote).toEqual({ joined: 1, online: 1 });
	});

	it('sends the projector to remote phones only: an in-room phone receives no screen update', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const inRoom = await participant(room, 'Anne');
		const remoteJoined = await joinAsParticipant(server, room.joinCode, {
			displayName: 'Bram',
			attendanceMode: 'remote'
		});
		const remote = track(connectParticipant(server, room.id, remoteJoined.token, 'fr'));
		const screenSnapshot = (await next(remote, 'screenSnapshot')) as unknown as Snapshot;
		// The projector's own sections (its audience), not a phone's.
		expect(screenSnapshot.audience).toBe('screen');
		expect(screenSnapshot.sections.session?.currentPhaseId).toBeTypeOf('number');
		expect(screenSnapshot.self).toBeNull();

		const inRoomScreen = record(inRoom.socket, 'screenUpdate');
		const inRoomSnapshots = record(inRoom.socket, 'screenSnapshot');
		const remoteScreen = record(remote, 'screenUpdate');
		const inRoomUpdates = record(inRoom.socket, 'update');

		await gotoStep(room, 'tour');
		const tourId = room.snapshot.sections.programme!.find((p) => p.kind === 'tour')!.id;
		await expect
			.poll(() => remoteScreen.some((u) => u.sections.session?.currentPhaseId === tourId))
			.toBe(true);
		await gotoStep(room, 'news');
		await runCommand(room.console, 'timer.add', { seconds: 60 });
		await expect.poll(() => remoteScreen.length).toBeGreaterThanOrEqual(2);
		// The in-room phone follows the session through its own updates, and nothing else.
		await expect
			.poll(() => inRoomUpdates.some((u) => u.sections.session?.currentPhaseId !== tourId))
			.toBe(true);
		await pause(1200);
		expect(inRoomScreen).toEqual([]);
		expect(inRoomSnapshots).toEqual([]);
		// An in-room phone cannot ask for the projector's sections either.
		const answer = (await inRoom.socket.emitWithAck('screenSync')) as { ok?: boolean };
		expect(answer.ok).toBe(false);
		const synced = (await remote.emitWithAck('screenSync')) as Snapshot;
		expect(synced.audience).toBe('screen');
	});

	it('changes by command: a phone moving remote gets the projector, moving back stops it', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const anne = await participant(room, 'Anne');
		const counts = record(room.console, 'update');

		const snapshotComing = next(anne.socket, 'screenSnapshot');
		const changed = await runCommand(anne.socket, 'attendanceMode.set', {
			attendanceMode: 'remote'
		});
		expect(changed).toEqual({ attendanceMode: 'remote' });
		const screen = (await snapshotComing) as unknown as Snapshot;
		expect(screen.audience).toBe('screen');
		await expect
			.poll(() => counts.at(-1)?.sections.presence?.remote)
			.toEqual({ joined: 1, online: 1 });

		const screenUpdates = record(anne.socket, 'screenUpdate');
		await gotoStep(room, 'tour');
		await expect.poll(() => screenUpdates.length).toBeGreaterThan(0);

		// Choosing what is already chosen changes nothing (no new version).
		const versionBefore = ((await room.console.emitWithAck('sync')) as Snapshot).version;
		const again = await sendCommand(anne.socket, 'attendanceMode.set', {
			attendanceMode: 'remote'
		});
		expect(again).toMatchObject({ ok: true, version: versionBefore });

		await runCommand(anne.socket, 'attendanceMode.set', { attendanceMode: 'room' });
		await expect
			.poll(() => counts.at(-1)?.sections.presence?.remote)
			.toEqual({ joined: 0, online: 0 });
		const before = screenUpdates.length;
		await gotoStep(room, 'news');
		await pause(1200);
		expect(screenUpdates.length).toBe(before);
		// Stored on the participant: a new connection is in the room too.
		const reconnected = track(connectParticipant(server, room.id, anne.token, 'fr'));
		const snapshot = await next(reconnected, 'snapshot');
		expect(snapshot.self?.attendanceMode).toBe('room');

		const bad = await sendCommand(anne.socket, 'attendanceMode.set', {
			attendanceMode: 'moon' as 'room'
		});
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.error.code).toBe('invalid');
	});
});

describe('raised hands', () => {
	it('queue oldest first, keep their place when raised again, are given the floor and lowered', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const anne = await participant(room, 'Anne', 'remote');
		const bram = await participant(room, 'Bram', 'remote');
		const chloe = await participant(room, 'Chloé');

		// The introduction takes no hands.
		const early = await sendCommand(anne.socket, 'hand.raise', {});
		expect(early.ok).toBe(false);
		if (!early.ok) {
			expect(early.error.code).toBe('hands_closed');
			expect(early.error.message).toContain('tour de table');
		}

		await gotoStep(room, 'tour');
		const raisedAt = await runCommand(bram.socket, 'hand.raise', {});
		await pause(5);
		await runCommand(chloe.socket, 'hand.raise', {});
		await pause(5);
		await runCommand(anne.socket, 'hand.raise', {});
		// Raising again keeps Bram's place (and time).
		expect(await runCommand(bram.socket, 'hand.raise', {})).toEqual(raisedAt);

		const queue = async () =>
			((await room.console.emitWithAck('sync')) as Snapshot).sections.hands?.queue ?? [];
		expect((await queue()).map((h) => h.participantId)).toEqual([
			bram.participantId,
			chloe.participantId,
			anne.participantId
		]);
		expect((await queue()).map((h) => h.remote ?? false)).toEqual([true, false, true]);
		// Phones and the projector never get the queue.
		const phoneView = (await anne.socket.emitWithAck('sync')) as Snapshot;
		expect(phoneView.sections.hands).toBeUndefined();
		expect(phoneView.self?.handRaisedAt).toBeTypeOf('string');

		// The floor to the oldest: the tour de table's spotlight, and the hand goes down.
		const lowered = next(bram.socket, 'selfPart', (part) => part.handRaisedAt === null);
		await runCommand(room.console, 'hand.give', { participantId: bram.participantId });
		await lowered;
		const afterGive = (await room.console.emitWithAck('sync')) as Snapshot;
		expect(afterGive.sections.tour?.spotlight?.speaker.participantId).toBe(bram.participantId);
		expect(afterGive.sections.hands?.queue.map((h) => h.participantId)).toEqual([
			chloe.participantId,
			anne.participantId
		]);
		// The spotlight given directly (the tour's own list) lowers the hand too.
		await runCommand(room.console, 'tour.spotlight', { participantId: anne.participantId });
		expect((await queue()).map((h) => h.participantId)).toEqual([chloe.participantId]);

		// Dismissed without the floor; a hand that is down cannot be given the floor.
		await runCommand(room.console, 'hand.dismiss', { participantId: chloe.participantId });
		expect(await queue()).toEqual([]);
		const gone = await sendCommand(room.console, 'hand.give', {
			participantId: chloe.participantId
		});
		expect(gone.ok).toBe(false);
		if (!gone.ok) expect(gone.error.code).toBe('hand_not_raised');

		// A participant lowers their own; the step changing lowers every hand.
		await runCommand(anne.socket, 'hand.raise', {});
		await runCommand(anne.socket, 'hand.lower', {});
		expect(await queue()).toEqual([]);
		await runCommand(anne.socket, 'hand.raise', {});
		await runCommand(chloe.socket, 'hand.raise', {});
		const anneDown = next(anne.socket, 'selfPart', (part) => part.handRaisedAt === null);
		await gotoStep(room, 'tables');
		await anneDown;
		expect(await queue()).toEqual([]);
	});

	it('in the discussion tables, gives the floor by showing the person’s table on the projector', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const anne = await participant(room, 'Anne', 'remote');
		await gotoStep(room, 'tables');
		const { tableId } = await runCommand(room.console, 'tables.create', {
			name: 'A distance',
			priority: { fr: 'Logement', nl: 'Huisvesting' },
			capacity: null
		});
		await runCommand(anne.socket, 'tables.join', { tableId });
		await runCommand(anne.socket, 'hand.raise', {});
		await runCommand(room.console, 'hand.give', { participantId: anne.participantId });
		const view = (await room.console.emitWithAck('sync')) as Snapshot;
		expect(view.sections.tables?.spotlightTableId).toBe(tableId);
		expect(view.sections.hands?.queue).toEqual([]);
	});

	it('are authorised: only facilitators give or dismiss, only participants raise', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const anne = await participant(room, 'Anne', 'remote');
		const bram = await participant(room, 'Bram');
		await gotoStep(room, 'tour');
		await runCommand(anne.socket, 'hand.raise', {});
		for (const [name, input] of [
			['hand.give', { participantId: anne.participantId }],
			['hand.dismiss', { participantId: anne.participantId }],
			['concertation.videoLink', { videoLink: 'https://example.org/call' }]
		] as const) {
			const answer = await sendCommand(bram.socket, name, input as never);
			expect(answer.ok, name).toBe(false);
			if (!answer.ok) expect(answer.error.code, name).toBe('forbidden');
		}
		const facilitatorRaise = await sendCommand(room.console, 'hand.raise', {});
		expect(facilitatorRaise.ok).toBe(false);
		const facilitatorMode = await sendCommand(room.console, 'attendanceMode.set', {
			attendanceMode: 'remote'
		});
		expect(facilitatorMode.ok).toBe(false);
		// The same refusal through the JSON API for a participant's command.
		const viaApi = await api<{ ok: boolean; error: { code: string } }>(
			server,
			'POST',
			`/api/concertations/${room.id}/commands/hand.raise`,
			{ token: admin, body: { commandId: 'api-hand-1' } }
		);
		expect(viaApi.status).toBe(403);
		// Anne's hand is still up, in the queue.
		const view = (await room.console.emitWithAck('sync')) as Snapshot;
		expect(view.sections.hands?.queue.map((h) => h.participantId)).toEqual([anne.participantId]);
	});
});

describe('the video-call link', () => {
	it('is set by a facilitator (http or https only) and reaches phones and consoles, not the projector', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const anne = await participant(room, 'Anne', 'remote');
		expect(anne.snapshot.sections.remote).toEqual({ videoLink: '' });

		for (const bad of [
			'javascript:alert(1)',
			'ftp://example.org/x',
			'https://exa mple.org',
			'meet'
		]) {
			const refused = await api<{ ok: boolean; error: { code: string; message: string } }>(
				server,
				'POST',
				`/api/concertations/${room.id}/commands/concertation.videoLink`,
				{
					token: admin,
					body: { commandId: `bad-${bad.length}-${bad.charCodeAt(0)}`, videoLink: bad }
				}
			);
			expect(refused.status, bad).toBe(409);
			expect(refused.body.error.code, bad).toBe('invalid_video_link');
			expect(refused.body.error.message, bad).toContain('https://');
		}

		const phoneUpdate = next(anne.socket, 'update', (u) => u.sections.remote !== undefined);
		const stored = await api<{ ok: boolean; data: { videoLink: string } }>(
			server,
			'POST',
			`/api/concertations/${room.id}/commands/concertation.videoLink`,
			{
				token: admin,
				body: { commandId: 'good-1', videoLink: ' https://meet.example.org/abc-def ' }
			}
		);
		expect(stored.status).toBe(200);
		expect(stored.body.data.videoLink).toBe('https://meet.example.org/abc-def');
		expect((await phoneUpdate).sections.remote?.videoLink).toBe('https://meet.example.org/abc-def');

		const read = await api<Snapshot>(server, 'GET', `/api/concertations/${room.id}`, {
			token: admin
		});
		expect(read.body.sections.remote?.videoLink).toBe('https://meet.example.org/abc-def');
		const projector = (await room.screen.emitWithAck('sync')) as Snapshot;
		expect(projector.sections.remote).toBeUndefined();
	});

	it('is set from the concertation’s details page, with a translated refusal that keeps the link stored', async () => {
		const room = await openStartedRoom(server, admin, track, 'fr');
		const path = `/f/${room.id}/edit?/videoLink`;
		const saved = await formAction(server, admin, path, {
			videoLink: 'https://meet.example.org/x'
		});
		expect(saved.type).toBe('success');
		const refused = await formAction(server, admin, path, { videoLink: 'javascript:alert(1)' });
		expect(refused.type).toBe('failure');
		expect(refused.status).toBe(400);
		const data = actionData<{ message: string; fields: { path: string }[] }>(refused);
		expect(data.message).toContain('https://');
		expect(data.fields.map((f) => f.path)).toEqual(['videoLink']);
		// The refusal lost nothing: the link saved before is still the one shown.
		const read = await api<Snapshot>(server, 'GET', `/api/concertations/${room.id}`, {
			token: admin
		});
		expect(read.body.sections.remote?.videoLink).toBe('https://meet.example.org/x');
		// Emptied, there is none.
		await formAction(server, admin, path, { videoLink: '' });
		const emptied = await api<Snapshot>(server, 'GET', `/api/concertations/${room.id}`, {
			token: admin
		});
		expect(emptied.body.sections.remote?.videoLink).toBe('');
	});
});
