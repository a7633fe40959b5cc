/**
 * Which video-call link remote participants are shown, decided in one place. Today a
 * concertation has one link; when steps (meeting parts) get their own, this becomes "the
 * current part's link, else the concertation's" without any page changing.
 */
export interface VideoLinkSources {
	/** The concertation's link ('' when none). */
	concertation: string;
}

/** The link to show, or null when there is none. Pure. */
export function videoLinkForRemote(sources: VideoLinkSources): string | null {
	return sources.concertation === '' ? null : sources.concertation;
}
