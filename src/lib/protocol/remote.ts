/**
 * Taking part from afar (issue 17): in the room or remote, the video-call link, raised hands.
 * Commands, sections and the participant's own part. Remote participants also receive the
 * projector's own sections (`screenSnapshot`, `screenUpdate`: see docs/protocol.md).
 */
import { z } from 'zod';
import type { PhaseKind } from './phases';

export const ATTENDANCE_MODES = ['room', 'remote'] as const;
/** Where a participant takes part from: in the room (the default) or remote. */
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const REMOTE_LIMITS = {
	/** Meeting links of every video-call service fit well under this. */
	videoLink: 500
} as const;

/**
 * The steps in which hands can be raised: the tour de table (someone asks for the floor) and
 * the discussion tables. Elsewhere a raised hand would wait unseen.
 */
export const HAND_KINDS: readonly PhaseKind[] = ['tour', 'tables'];

export function handsOpenIn(kind: PhaseKind | null | undefined): boolean {
	return kind !== null && kind !== undefined && HAND_KINDS.includes(kind);
}

/**
 * A video-call link as people paste it: http or https only (a `javascript:` or `file:` link
 * must never become a button), with a host, no spaces. Returns the link trimmed, or null.
 */
export function cleanVideoLink(raw: string): string | null {
	const text = raw.trim();
	if (text === '' || text.length > REMOTE_LIMITS.videoLink || /\s/.test(text)) return null;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return null;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (!url.hostname) return null;
	return text;
}

const id = z.number().int().positive();
const nothing = z.object({}).strict();

export const remoteCommandSchemas = {
	/** A participant says where they take part from. */
	'attendanceMode.set': z.object({ attendanceMode: z.enum(ATTENDANCE_MODES) }).strict(),
	/** A participant raises or lowers their own hand. */
	'hand.raise': nothing,
	'hand.lower': nothing,
	/** Facilitators: give the floor to a raised hand (lowers it), or dismiss it. */
	'hand.give': z.object({ participantId: id }).strict(),
	'hand.dismiss': z.object({ participantId: id }).strict(),
	/** Facilitators: the concertation's video-call link ('' removes it). */
	'concertation.videoLink': z
		.object({ videoLink: z.string().max(REMOTE_LIMITS.videoLink * 4) })
		.strict()
} as const;

export interface RemoteCommandResults {
	'attendanceMode.set': { attendanceMode: AttendanceMode };
	'hand.raise': { raisedAt: string };
	'hand.lower': Record<string, never>;
	'hand.give': { participantId: number };
	'hand.dismiss': { participantId: number };
	'concertation.videoLink': { videoLink: string };
}

/** One raised hand in the facilitators' queue (who they are: the roster). */
export interface RaisedHand {
	participantId: number;
	raisedAt: string;
	/** Left out for someone in the room. */
	remote?: true;
}

/** Facilitators only: the raised hands, oldest first. */
export interface HandsView {
	queue: RaisedHand[];
}

/** Facilitators and participants: what taking part from afar needs. */
export interface RemoteView {
	/** The concertation's video-call link; '' when there is none. */
	videoLink: string;
}

export interface RemoteSections {
	hands: HandsView;
	remote: RemoteView;
}

export interface RemoteSelf {
	attendanceMode: AttendanceMode;
	/** When their hand went up; null when it is down. */
	handRaisedAt: string | null;
}
