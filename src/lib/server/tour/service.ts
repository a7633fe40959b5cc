import { registerAnonymiser } from '../concertation/anonymise';
import type { TourDb, TourTx, TourTables } from './schema';
import type { Updateable } from 'kysely';
import type { Audience, TimerView, TourEntryView, TourRollEntry, TourView } from '../../protocol';
import { parseSectors } from '../concertation/views';
import { assertParticipantMay } from '../concertation/phase-guard';

import type { Concertation, Database } from '../db/schema';
import type { TourSpotlight } from './schema';
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import { handDown, lowerHand, registerFloorGiver } from '../remote/hands';
import { registerSection, registerSelfBuilder } from '../realtime/sections';
import {
	SPEAKER_SECONDS,
	groupExpectationsByKeyword,
	nextSpeaker,
	rollBySector,
	validateExpectations,
	validateSpeakerSeconds
} from './rules';
import { validateDisplayName, validateOrganisation } from '../participants/rules';

/**
 * Tour de table: everyone's introduction, the roll by sector, the speaker spotlight with
 * its countdown (stored, so a restarted server or a reloaded projector keeps counting).
 */

type Row = Awaited<ReturnType<typeof listEntries>>[number];

function listEntries(db: TourDb | TourTx, concertationId: number) {
	return db
		.selectFrom('participant')
		.select([
			'id',
			'display_name',
			'organisation',
			'sector',
			'expectations',
			'tour_hidden',
			'tour_spoke_at'
		])
		.where('concertation_id', '=', concertationId)
		.orderBy('joined_at')
		.orderBy('id')
		.execute();
}

async function spotlightRow(db: TourDb | TourTx, concertationId: number) {
	const row = await db
		.selectFrom('tour_spotlight')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return (
		row ?? {
			concertation_id: concertationId,
			speaker_id: null,
			speaker_seconds: SPEAKER_SECONDS.default,
			started_at: null,
			paused_remaining_ms: null,
			group_by_keyword: 0
		}
	);
}

async function saveSpotlight(
	tx: TourTx,
	concertationId: number,
	changes: Updateable<TourTables['tour_spotlight']>
) {
	const current = await spotlightRow(tx, concertationId);
	await tx
		.insertInto('tour_spotlight')
		.values({ ...current, ...changes, concertation_id: concertationId })
		.onConflict((oc) => oc.column('concertation_id').doUpdateSet(changes))
		.execute();
}

/**
 * The speaker's countdown as the clients draw it: running, it ends `speaker_seconds` after
 * `started_at`; paused, it shows what was left (a resume moves `started_at` accordingly).
 */
function speakerTimer(spotlight: TourSpotlight): TimerView | null {
	if (spotlight.started_at === null) return null;
	const durationMs = spotlight.speaker_seconds * 1000;
	if (spotlight.paused_remaining_ms !== null) {
		return {
			running: false,
			endsAt: null,
			remainingMs: spotlight.paused_remaining_ms,
			durationMs
		};
	}
	return {
		running: true,
		endsAt: spotlight.started_at + durationMs,
		remainingMs: durationMs,
		durationMs
	};
}

/** The current speaker's countdown, or `tour_no_speaker` when nobody has the floor. */
async function requireSpeakerTimer(tx: TourTx, concertationId: number) {
	const spotlight = await spotlightRow(tx, concertationId);
	const timer = spotlight.speaker_id === null ? null : speakerTimer(spotlight);
	if (!timer) throw new DomainError('tour_no_speaker', {}, 'tour:errors.tour_no_speaker');
	return { spotlight, timer };
}

function entryView(row: Row): TourEntryView {
	return {
		participantId: row.id,
		displayName: row.display_name,
		organisation: row.organisation,
		sectorId: row.sector,
		expectations: row.expectations,
		spoken: row.tour_spoke_at !== null
	};
}

function rollEntry(row: Row): TourRollEntry {
	const entry: TourRollEntry = { participantId: row.id };
	if (row.expectations) entry.expectations = row.expectations;
	if (row.tour_hidden === 1) entry.hidden = true;
	if (row.tour_spoke_at !== null) entry.spoken = true;
	return entry;
}

export async function tourView(
	db: TourDb,
	concertation: Concertation,
	audience: Audience
): Promise<TourView> {
	const rows = await listEntries(db, concertation.id);
	const spotlight = await spotlightRow(db, concertation.id);
	const roll = rollBySector(
		rows.map((row) => ({ sectorId: row.sector, hidden: row.tour_hidden === 1 })),
		parseSectors(concertation)
	);
	const visible = rows.filter((row) => row.tour_hidden === 0);
	const speaker = visible.find((row) => row.id === spotlight.speaker_id);
	const timer = speaker ? speakerTimer(spotlight) : null;
	const view: TourView = {
		roll: roll.groups.map((group) => ({ sectorId: group.sectorId, count: group.count })),
		total: roll.total,
		spotlight: speaker && timer ? { speaker: entryView(speaker), timer } : null,
		speakerSeconds: spotlight.speaker_seconds,
		groupByKeyword: spotlight.group_by_keyword === 1
	};
	// Phones show who speaks, not everyone's expectations: a list that grows with the room.
	if (audience === 'participant') return view;
	view.expectations = visible
		.filter((row) => row.expectations !== '')
		.map((row) => ({
			participantId: row.id,
			displayName: row.display_name,
			text: row.expectations
		}));
	view.keywords =
		spotlight.group_by_keyword === 1
			? groupExpectationsByKeyword(
					view.expectations.map((e) => ({ id: e.participantId, text: e.text })),
					'fr'
				).map((group) => ({ keyword: group.keyword, participantIds: group.ids }))
			: [];
	if (audience === 'facilitator') view.entries = rows.map(rollEntry);
	return view;
}

async function requireParticipantOf(tx: TourTx, concertationId: number, participantId: number) {
	const row = await tx
		.selectFrom('participant')
		.select(['id', 'tour_hidden'])
		.where('id', '=', participantId)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

// The headcount by sector counts everyone who joined; shown at the tour's step.
registerSection<'tour', TourTables>(
	'tour',
	(db, concertation, audience) => tourView(db, concertation, audience),
	{ countsJoins: 'atItsStep' }
);

registerSelfBuilder<TourTables>(async (db, participants) => {
	const rows = await db
		.selectFrom('participant')
		.select(['id', 'expectations'])
		.where(
			'id',
			'in',
			participants.map((participant) => participant.id)
		)
		.execute();
	const expectations = new Map(rows.map((row) => [row.id, row.expectations]));
	return participants.map((participant) => ({
		expectations: expectations.get(participant.id) ?? ''
	}));
});

/**
 * Gives the floor: a participant by id, the next one in join order, or nobody (null). The
 * speaker's countdown starts full.
 */
async function giveSpotlight(
	tx: TourTx,
	concertation: Concertation,
	participantId: number | 'next' | null,
	now: Date
): Promise<number | null> {
	const spotlight = await spotlightRow(tx, concertation.id);
	let speakerId: number | null;
	if (participantId === 'next') {
		const rows = (await listEntries(tx, concertation.id)).filter((r) => r.tour_hidden === 0);
		const spoken = new Set(rows.filter((r) => r.tour_spoke_at !== null).map((r) => r.id));
		speakerId = nextSpeaker(
			rows.map((r) => r.id),
			spoken,
			spotlight.speaker_id
		);
		if (speakerId === null) {
			throw new DomainError('tour_everyone_spoke', {}, 'tour:errors.tour_everyone_spoke');
		}
	} else if (participantId === null) {
		speakerId = null;
	} else {
		const row = await requireParticipantOf(tx, concertation.id, participantId);
		if (row.tour_hidden === 1) {
			throw new DomainError('tour_speaker_hidden', {}, 'tour:errors.tour_speaker_hidden');
		}
		speakerId = row.id;
	}
	if (speakerId !== null) {
		await tx
			.updateTable('participant')
			.set({ tour_spoke_at: now.toISOString() })
			.where('id', '=', speakerId)
			.execute();
	}
	await saveSpotlight(tx, concertation.id, {
		speaker_id: speakerId,
		started_at: speakerId === null ? null : now.getTime(),
		// Giving the floor (again) always starts a full, running countdown.
		paused_remaining_ms: null
	});
	return speakerId;
}

// Given from the hands' queue (hand.give), the floor is this spotlight.
registerFloorGiver('tour', async (tx, concertation, participantId, now) => {
	await giveSpotlight(tx as TourTx, concertation, participantId, now);
	return ['tour'];
});

registerCommands<TourTables>({
	'tour.expectations': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, input) {
			const participantId = await assertParticipantMay(
				tx,
				actor,
				concertation,
				'share_expectations'
			);
			const expectations = validateExpectations(input.expectations);
			await tx
				.updateTable('participant')
				.set({ expectations })
				.where('id', '=', participantId)
				.execute();
			return { result: { expectations }, changed: ['tour'], selfChanged: [participantId] };
		}
	},
	'tour.correct': {
		allow: ['facilitator'],
		async run({ tx, concertation }, input) {
			await requireParticipantOf(tx, concertation.id, input.participantId);
			const changes: Updateable<(Database & TourTables)['participant']> = {};
			if (input.displayName !== undefined)
				changes.display_name = validateDisplayName(input.displayName);
			if (input.organisation !== undefined)
				changes.organisation = validateOrganisation(input.organisation);
			if (input.expectations !== undefined)
				changes.expectations = validateExpectations(input.expectations);
			if (input.hidden !== undefined) changes.tour_hidden = input.hidden ? 1 : 0;
			if (Object.keys(changes).length > 0) {
				await tx
					.updateTable('participant')
					.set(changes)
					.where('id', '=', input.participantId)
					.execute();
			}
			return {
				result: {},
				changed: ['tour', 'presence'],
				selfChanged: [input.participantId],
				rosterChanged: [input.participantId]
			};
		}
	},
	'tour.spotlight': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, input) {
			const speakerId = await giveSpotlight(tx, concertation, input.participantId, now);
			// Someone given the floor no longer asks for it: their raised hand goes down.
			const lowered = speakerId !== null && (await lowerHand(tx, concertation.id, speakerId));
			return {
				result: { participantId: speakerId },
				changed: lowered ? ['tour', 'hands'] : ['tour'],
				selfParts: lowered ? handDown([speakerId]) : []
			};
		}
	},
	'tour.pause': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			const { timer } = await requireSpeakerTimer(tx, concertation.id);
			// Pausing a paused countdown changes nothing (a double click, a retried command).
			if (!timer.running || timer.endsAt === null) return { result: { timer }, changed: [] };
			const remainingMs = timer.endsAt - now.getTime();
			await saveSpotlight(tx, concertation.id, { paused_remaining_ms: remainingMs });
			return {
				result: { timer: { ...timer, running: false, endsAt: null, remainingMs } },
				changed: ['tour']
			};
		}
	},
	'tour.resume': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			const { timer } = await requireSpeakerTimer(tx, concertation.id);
			if (timer.running) return { result: { timer }, changed: [] };
			// Moving the start keeps one stored form for a running countdown: start + duration.
			const startedAt = now.getTime() + timer.remainingMs - timer.durationMs;
			await saveSpotlight(tx, concertation.id, {
				started_at: startedAt,
				paused_remaining_ms: null
			});
			return {
				result: {
					timer: { ...timer, running: true, endsAt: now.getTime() + timer.remainingMs }
				},
				changed: ['tour']
			};
		}
	},
	'tour.settings': {
		allow: ['facilitator'],
		async run({ tx, concertation }, input) {
			const current = await spotlightRow(tx, concertation.id);
			const speakerSeconds =
				input.speakerSeconds === undefined
					? current.speaker_seconds
					: validateSpeakerSeconds(input.speakerSeconds);
			const groupByKeyword = input.groupByKeyword ?? current.group_by_keyword === 1;
			await saveSpotlight(tx, concertation.id, {
				speaker_seconds: speakerSeconds,
				group_by_keyword: groupByKeyword ? 1 : 0
			});
			return { result: { speakerSeconds, groupByKeyword }, changed: ['tour'] };
		}
	}
});

// Anonymised: nothing of its own to change, but the tour shows names and organisations: sent again.
registerAnonymiser(async () => ['tour']);
