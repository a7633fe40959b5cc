/**
 * Taking part from afar: where a participant takes part from, raised hands and the
 * video-call link. Commands, sections and the participant's own part; the live channel
 * sends the projector's sections to remote participants (realtime/broadcaster.ts).
 */
import { cleanVideoLink, handsOpenIn, type AttendanceMode, type PhaseKind } from '../../protocol';
import type { Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError, refusals, type Refusal } from '../errors';
import { announceAttendanceMode, registerCommands } from '../realtime/commands';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import {
	floorGiverFor,
	handDown,
	handQueue,
	handRaisedAt,
	handsRaisedAt,
	lowerHand
} from './hands';
import type { RemoteTables } from './schema';

const refuse: Refusal = refusals('remote');

/** The kind of the step the session is at, or null before the start and after the close. */
async function currentKind(tx: Tx, concertation: Concertation): Promise<PhaseKind | null> {
	if (concertation.status !== 'live' || concertation.current_phase_id === null) return null;
	const phase = await tx
		.selectFrom('phase')
		.select('kind')
		.where('id', '=', concertation.current_phase_id)
		.executeTakeFirst();
	return (phase?.kind as PhaseKind | undefined) ?? null;
}

async function requireRaised(tx: Tx, concertationId: number, participantId: number) {
	if (!(await lowerHand(tx, concertationId, participantId))) refuse('hand_not_raised');
}

registerCommands<RemoteTables>({
	'attendanceMode.set': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { attendanceMode }) {
			if (actor.kind !== 'participant') throw new DomainError('forbidden');
			const participantId = actor.participantId;
			const before = await tx
				.selectFrom('participant')
				.select('attendance_mode')
				.where('id', '=', participantId)
				.executeTakeFirstOrThrow();
			// Choosing what is already chosen (a double tap, a retry) changes nothing.
			if (before.attendance_mode === attendanceMode)
				return { result: { attendanceMode }, changed: [] };
			await tx
				.updateTable('participant')
				.set({ attendance_mode: attendanceMode })
				.where('id', '=', participantId)
				.execute();
			// A raised hand stays up; the queue shows where it is raised from.
			const raised = (await handRaisedAt(tx, participantId)) !== null;
			return {
				result: { attendanceMode },
				changed: raised ? ['presence', 'hands'] : ['presence'],
				selfParts: [{ participantId, part: { attendanceMode } }],
				// The live channel moves their devices in or out of the projector's feed.
				afterCommit: () =>
					announceAttendanceMode(concertation.id, participantId, attendanceMode as AttendanceMode)
			};
		}
	},
	'hand.raise': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }) {
			if (actor.kind !== 'participant') throw new DomainError('forbidden');
			if (concertation.status === 'closed') throw new DomainError('session_closed');
			if (!handsOpenIn(await currentKind(tx, concertation))) refuse('hands_closed');
			const participantId = actor.participantId;
			const already = await handRaisedAt(tx, participantId);
			// Raising a raised hand keeps its place in the queue.
			if (already !== null) return { result: { raisedAt: already }, changed: [] };
			const raisedAt = now.toISOString();
			await tx
				.insertInto('hand_raise')
				.values({
					participant_id: participantId,
					concertation_id: concertation.id,
					raised_at: raisedAt
				})
				.execute();
			return {
				result: { raisedAt },
				changed: ['hands'],
				selfParts: [{ participantId, part: { handRaisedAt: raisedAt } }]
			};
		}
	},
	'hand.lower': {
		allow: ['participant'],
		async run({ tx, actor, concertation }) {
			if (actor.kind !== 'participant') throw new DomainError('forbidden');
			const lowered = await lowerHand(tx, concertation.id, actor.participantId);
			if (!lowered) return { result: {}, changed: [] };
			return {
				result: {},
				changed: ['hands'],
				selfParts: handDown([actor.participantId])
			};
		}
	},
	'hand.give': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { participantId }) {
			await requireRaised(tx, concertation.id, participantId);
			const kind = await currentKind(tx, concertation);
			const give = kind ? floorGiverFor(kind) : undefined;
			// Each step gives the floor its own way (the tour de table: its speaker spotlight);
			// a step without one only lowers the hand, and the facilitator gives it by voice.
			const changed = give ? await give(tx, concertation, participantId, now) : [];
			return {
				result: { participantId },
				changed: ['hands', ...changed],
				selfParts: handDown([participantId])
			};
		}
	},
	'hand.dismiss': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { participantId }) {
			await requireRaised(tx, concertation.id, participantId);
			return {
				result: { participantId },
				changed: ['hands'],
				selfParts: handDown([participantId])
			};
		}
	},
	'concertation.videoLink': {
		allow: ['facilitator'],
		async run({ tx, concertation }, input) {
			const raw = input.videoLink.trim();
			const videoLink = raw === '' ? '' : cleanVideoLink(raw);
			if (videoLink === null)
				throw new DomainError(
					'invalid_video_link',
					{ field: 'videoLink' },
					'remote:errors.invalid_video_link'
				);
			if (videoLink === concertation.video_link) return { result: { videoLink }, changed: [] };
			await tx
				.updateTable('concertation')
				.set({ video_link: videoLink })
				.where('id', '=', concertation.id)
				.execute();
			return { result: { videoLink }, changed: ['remote'] };
		}
	}
});

// The queue names people by id (the roster names them): consoles only.
registerSection('hands', async (db, concertation, audience) =>
	audience === 'facilitator' ? { queue: await handQueue(db, concertation.id) } : undefined
);
// The projector has no use for the link; phones and consoles show it (remote ones only).
registerSection('remote', async (_db, concertation, audience) =>
	audience === 'screen' ? undefined : { videoLink: concertation.video_link }
);
registerSelfBuilder(async (db, participants) => {
	const raised = await handsRaisedAt(
		db,
		participants.map((participant) => participant.id)
	);
	return participants.map((participant) => ({
		attendanceMode: participant.attendance_mode,
		handRaisedAt: raised.get(participant.id) ?? null
	}));
});
