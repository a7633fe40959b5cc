/**
 * Where to join the part that is on now: its video-call link, else its place; a part
 * without a link of its own falls back to the concertation's (remote participation, a
 * concertation-level link: pass it as `concertationLink`). Pure, so that the remote view
 * and the phones can be wired to it without reading the parts' tables themselves.
 */
export interface PartLinkSource {
	id: number;
	link: string;
	place: string;
}

export interface CurrentPartLink {
	/** The video-call address, or null (in the room only). */
	link: string | null;
	/** The place of the part, else the concertation's. */
	place: string;
	/** The part it comes from (null: no parts, the concertation's own). */
	partId: number | null;
}

export function currentPartLink(
	current: PartLinkSource | null | undefined,
	concertation: { link?: string | null; place: string }
): CurrentPartLink {
	const fallbackLink = concertation.link?.trim() || null;
	if (!current) return { link: fallbackLink, place: concertation.place, partId: null };
	return {
		link: current.link.trim() || fallbackLink,
		place: current.place.trim() || concertation.place,
		partId: current.id
	};
}
