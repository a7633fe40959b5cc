/**
 * Which video-call link remote participants are shown, decided in one place: the link of the
 * part of the meeting that is on (or comes next), else the concertation's own.
 */
export interface VideoLinkSources {
	/** The concertation's link ('' when none). */
	concertation: string;
	/** The current part's link ('' or absent when it has none, or without parts). */
	part?: string;
}

/** The link to show, or null when there is none. Pure. */
export function videoLinkForRemote(sources: VideoLinkSources): string | null {
	return sources.part?.trim() || sources.concertation.trim() || null;
}
