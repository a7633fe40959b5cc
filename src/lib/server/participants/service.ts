import { z } from 'zod';
import {
	ATTENDANCE_MODES,
	LIMITS,
	type CoreSelfView,
	type ParticipantSummary,
	type PresenceView,
	type RosterView
} from '../../protocol';
import { isLocale, type Locale } from '../../i18n/locales';
import { hashToken, randomToken } from '../auth/tokens';
import { config } from '../config';
import { dialectOf, nowIso, type Db } from '../db';
import type { Updateable } from 'kysely';
import type { Concertation, Participant, ParticipantTable } from '../db/schema';
import { DomainError } from '../errors';
import { parseSectors } from '../concertation/views';
import { announceChange, registerCommands } from '../realtime/commands';
import { presence } from '../realtime/presence';
import {
	registerRosterChanges,
	registerSection,
	registerSelfBuilder,
	sectionsCountingJoins
} from '../realtime/sections';
import { validateDisplayName, validateOrganisation } from './rules';

export const joinSchema = z.object({
	displayName: z.string().max(LIMITS.displayName * 4),
	organisation: z
		.string()
		.max(LIMITS.organisation * 4)
		.default(''),
	sector: z.string().max(LIMITS.sectorId).nullable().default(null),
	locale: z.enum(['fr', 'nl', 'en']).default('fr'),
	consentAttendance: z.boolean().default(false),
	/** In the room (the default) or remote: see server/remote. */
	attendanceMode: z.enum(ATTENDANCE_MODES).default('room')
});
export type JoinInput = z.input<typeof joinSchema>;

function checkSector(concertation: Concertation, sector: string | null | undefined): string | null {
	if (!sector) return null;
	if (!parseSectors(concertation).some((s) => s.id === sector)) {
		throw new DomainError('invalid', { detail: `sector "${sector.slice(0, 64)}"` });
	}
	return sector;
}

/**
 * A phone joins: the participant row and a device token (returned once, stored only
 * hashed). The token is the participant's identity from then on, across restarts.
 * A concertation takes at most MAX_PARTICIPANTS (well above any room): without a cap, a
 * script could join thousands of times and make every console snapshot megabytes long.
 */
export async function joinConcertation(db: Db, concertation: Concertation, rawInput: unknown) {
	if (concertation.status === 'closed') throw new DomainError('session_closed');
	const input = joinSchema.parse(rawInput);
	const displayName = validateDisplayName(input.displayName);
	const organisation = validateOrganisation(input.organisation);
	const sector = checkSector(concertation, input.sector);
	const token = randomToken();
	const participant = await db.transaction().execute(async (tx) => {
		// Counted in the joining transaction, so joins arriving together cannot overshoot: on
		// PostgreSQL, the concertation's row is locked first, since its transactions run side by
		// side (SQLite's run one at a time).
		if (dialectOf(tx) === 'postgres')
			await tx
				.selectFrom('concertation')
				.select('id')
				.where('id', '=', concertation.id)
				.forNoKeyUpdate()
				.execute();
		const { joined } = await tx
			.selectFrom('participant')
			.select((eb) => eb.fn.countAll<number>().as('joined'))
			.where('concertation_id', '=', concertation.id)
			.executeTakeFirstOrThrow();
		const max = config.limits.maxParticipants;
		if (joined >= max) throw new DomainError('concertation_full', { max });
		const row = await tx
			.insertInto('participant')
			.values({
				concertation_id: concertation.id,
				token_hash: hashToken(token),
				display_name: displayName,
				organisation,
				sector,
				locale: input.locale,
				consent_attendance: input.consentAttendance ? 1 : 0,
				joined_at: nowIso(),
				attendance_mode: input.attendanceMode
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await tx
			.updateTable('concertation')
			.set({ version: (eb) => eb('version', '+', 1) })
			.where('id', '=', concertation.id)
			.execute();
		return row;
	});
	// Every audience's counts follow: "N of M voted", the tour's headcount by sector.
	const step =
		concertation.current_phase_id === null
			? undefined
			: await db
					.selectFrom('phase')
					.select('kind')
					.where('id', '=', concertation.current_phase_id)
					.executeTakeFirst();
	announceChange(
		concertation.id,
		['presence', ...sectionsCountingJoins(step?.kind ?? null)],
		concertation.version,
		[participant.id]
	);
	return { participant, token };
}

export async function participantForToken(
	db: Db,
	concertationId: number,
	token: string | undefined | null
): Promise<Participant | undefined> {
	if (!isDeviceToken(token)) return undefined;
	return db
		.selectFrom('participant')
		.selectAll()
		.where('token_hash', '=', hashToken(token))
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
}

/** Whether `token` may be a device token at all (anything else is not looked up). */
export function isDeviceToken(token: string | undefined | null): token is string {
	return !!token && token.length <= 100;
}

/**
 * The participants whose device tokens hash to `tokenHashes`, by hash, in one query (the
 * handshakes of a reconnect storm). Each hash is unique across concertations: the caller
 * checks the concertation.
 */
export async function participantsByTokenHash(
	db: Db,
	tokenHashes: readonly string[]
): Promise<Map<string, Participant>> {
	const rows = await db
		.selectFrom('participant')
		.selectAll()
		.where('token_hash', 'in', tokenHashes)
		.execute();
	return new Map(rows.map((row) => [row.token_hash, row]));
}

export function participantCookieName(concertationId: number): string {
	return `concertation_p${concertationId}`;
}

export function selfView(participant: Participant): CoreSelfView {
	return {
		id: participant.id,
		displayName: participant.display_name,
		organisation: participant.organisation,
		sector: participant.sector,
		locale: (isLocale(participant.locale) ? participant.locale : 'fr') as Locale,
		consentAttendance: participant.consent_attendance === 1
	};
}

/** How many joined, how many are connected, and by sector: counts only, for every audience. */
export async function presenceView(db: Db, concertation: Concertation): Promise<PresenceView> {
	const rows = await db
		.selectFrom('participant')
		.select(['sector', (eb) => eb.fn.countAll<number>().as('count')])
		.where('concertation_id', '=', concertation.id)
		.groupBy('sector')
		.execute();
	const remote = await db
		.selectFrom('participant')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('concertation_id', '=', concertation.id)
		.where('attendance_mode', '=', 'remote')
		.executeTakeFirstOrThrow();
	const online = await presence.now(concertation.id);
	return {
		joined: rows.reduce((sum, row) => sum + Number(row.count), 0),
		online: online.ids.size,
		remote: { joined: Number(remote.count), online: online.remote },
		bySector: rows
			.map((row) => ({ sectorId: row.sector, count: Number(row.count) }))
			.sort((a, b) => b.count - a.count)
	};
}

/** A roster entry, whether their phone is connected now included; what is empty left out. */
function rosterEntry(
	online: ReadonlySet<number>,
	row: Pick<Participant, 'id' | 'display_name' | 'organisation' | 'sector'>
): ParticipantSummary {
	const entry: ParticipantSummary = { id: row.id, displayName: row.display_name };
	if (row.organisation) entry.organisation = row.organisation;
	if (row.sector) entry.sector = row.sector;
	if (online.has(row.id)) entry.online = true;
	return entry;
}

const ROSTER_COLUMNS = ['id', 'display_name', 'organisation', 'sector'] as const;

/** Everyone who joined, in the order they joined: the consoles' roster, whole. */
async function rosterView(db: Db, concertation: Concertation): Promise<RosterView> {
	const rows = await db
		.selectFrom('participant')
		.select(ROSTER_COLUMNS)
		.where('concertation_id', '=', concertation.id)
		.orderBy('joined_at')
		.orderBy('id')
		.execute();
	const { ids } = await presence.now(concertation.id);
	return { participants: rows.map((row) => rosterEntry(ids, row)) };
}

registerSection('presence', (db, concertation) => presenceView(db, concertation));
registerSection('roster', (db, concertation, audience) =>
	audience === 'facilitator' ? rosterView(db, concertation) : Promise.resolve(undefined)
);
// Between snapshots, the consoles get only the entries that changed.
registerRosterChanges(async (db, concertation, participantIds) => {
	const rows = await db
		.selectFrom('participant')
		.select(ROSTER_COLUMNS)
		.where('concertation_id', '=', concertation.id)
		.where('id', 'in', [...participantIds])
		.execute();
	const found = new Set(rows.map((row) => row.id));
	const { ids } = await presence.now(concertation.id);
	return {
		participants: rows.map((row) => rosterEntry(ids, row)),
		removed: participantIds.filter((id) => !found.has(id))
	};
});
registerSelfBuilder(async (_db, participants) => participants.map(selfView));

registerCommands({
	'profile.update': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, input) {
			if (actor.kind !== 'participant') throw new DomainError('forbidden');
			const changes: Updateable<ParticipantTable> = {};
			if (input.displayName !== undefined)
				changes.display_name = validateDisplayName(input.displayName);
			if (input.organisation !== undefined)
				changes.organisation = validateOrganisation(input.organisation);
			if (input.sector !== undefined) changes.sector = checkSector(concertation, input.sector);
			if (input.locale !== undefined) changes.locale = input.locale;
			if (input.consentAttendance !== undefined)
				changes.consent_attendance = input.consentAttendance ? 1 : 0;
			const participant = await tx
				.updateTable('participant')
				.set(changes)
				.where('id', '=', actor.participantId)
				.returningAll()
				.executeTakeFirstOrThrow();
			return {
				result: { self: selfView(participant) },
				changed: ['presence'],
				selfChanged: [participant.id],
				rosterChanged: [participant.id]
			};
		}
	}
});
