/**
 * A phase kind's part of the restitution, on the server: one object, exported as `part` by
 * the phase's own `src/lib/server/<kind>/restitution.ts` and found from the protocol's list of
 * kinds (parts.ts). Its section of the model and where it goes are declared in the phase's
 * protocol module (`summary` of `definePhase`); here is everything else about it:
 *
 * - `load`: what it reads, from its own phase's tables or through other phases' ports;
 * - `build`: its section of the model from what it read, pure, with the coordinators' edits
 *   and the privacy rules applied through the build context;
 * - how each format draws the section: `pdf` (page 1, with the shared fitting: its caps and
 *   the steps in which it shortens; its appendix), `docx` and `markdown`. The review page's
 *   HTML preview draws it with the `Summary` component of `components/phases/<kind>/`.
 *
 * The restitution's core keeps what is the document's own (header, attendance, the
 * coordinators' texts, next dates, contact, thanks) and the page: layout, fitting, appendix.
 * A part imports from this folder only this module (the kits below come with it).
 */
import type { Block } from './docx-kit';
import type { Box, Caps, Ctx } from './pdf/kit';
import type { Queryable } from '../db';
import type {
	LocalizedText,
	OrderEntry,
	ReviewItem,
	Restitution,
	SummaryKind,
	SummarySection
} from '../../protocol/summary';

import { translator } from '../../i18n';
import type { DocumentLanguages } from '../../protocol/summary';
import type { ContentLanguages, TextLanguage } from '../../protocol/localized';

export * as pdf from './pdf/kit';
export * as docx from './docx-kit';
export * as markdown from './markdown-kit';

/**
 * A phase's own strings (its i18n namespace) as the restitution prints them: in every language
 * (`all`, for `pdf.bilingual` and `pdf.heading`, which print the document's), or on one line in
 * the document's languages (`line`, "FR · NL", once when they are the same).
 */
export function namespaceLabels(namespace: string) {
	const t: Record<TextLanguage, (key: string) => string> = {
		fr: translator('fr', namespace),
		nl: translator('nl', namespace),
		en: translator('en', namespace)
	};
	return {
		all: (key: string) => ({ fr: t.fr(key), nl: t.nl(key), en: t.en(key) }),
		line: (langs: DocumentLanguages, key: string) =>
			[...new Set(langs.list.map((language) => t[language](key)))].join(' · ')
	};
}

/** What a part's loader gets: the database and the concertation. */
export interface LoadContext {
	db: Queryable;
	concertationId: number;
	/** The concertation's content languages: a part reads English only when it is one. */
	languages: ContentLanguages;
	/**
	 * Reads a port once for the whole restitution, whichever parts ask for it (the vote and
	 * the tables both read the tables' outcomes): `ctx.once(discussionTableOutcomes)`.
	 */
	once<T>(read: (db: Queryable, concertationId: number) => Promise<T>): Promise<T>;
}

/** What the review page records of an item besides its key and section (tables' items). */
export type ReviewExtra = Pick<ReviewItem, 'tableId' | 'category' | 'keyItem'>;

/** What a part's builder gets: the coordinators' edits and the privacy rules. */
export interface BuildContext {
	/**
	 * Organiser text (French and Dutch) under the item key `key`: the text to print after the
	 * coordinators' edit, or null when they hid it (or nothing is left). Every call lists the
	 * item on the review page, under `section`, in the order of the calls.
	 */
	bilingual(
		key: string,
		section: string,
		original: { fr: string; nl: string; en?: string },
		extra?: ReviewExtra
	): LocalizedText | null;
	/**
	 * The same words in each content language (a dash where a title is missing), so that a
	 * one-language document prints them untagged; French and Dutch as always.
	 */
	everywhere(text: string): LocalizedText;
	/** Participant text under `key`, as `bilingual`: the text to print, or null. */
	single(key: string, section: string, original: string, extra?: ReviewExtra): string | null;
	/**
	 * Whether people may be named: the coordinators turned the names on and the participants
	 * are not anonymised. A name is printed only then, and only with its person's consent.
	 */
	readonly namesListed: boolean;
	/** Whether this participant agreed to the attendance list. */
	consented(participantId: number): boolean;
	/**
	 * Entry ids in the order the coordinators chose (`doc:tableOrder`): those they placed
	 * first, then the others as they came. For the one part whose entries they move.
	 */
	ordered(ids: readonly number[]): number[];
	/** The entries the coordinators can move, in print order, for the review page's controls. */
	setOrder(entries: OrderEntry[]): void;
}

/**
 * One step in which page 1 shortens a part's lists when it does not fit at the smallest type:
 * the caps it sets, at a level of the shared scale (pages.ts: 1, long texts to 8 lines, first;
 * 10, whole tables, last). Steps of several parts at the same level are taken together; a
 * part's several steps at one level are taken one after the other.
 */
export interface ShortenStep {
	level: number;
	caps: Caps;
}

/** How a part draws its section in the PDF. */
export interface PdfPart<S> {
	/**
	 * For a part in the `figures` slot: its column's share of the row (the attendance has 0.31,
	 * the next dates and contact 0.34) and whether it has a column at all.
	 */
	column?: { weight: number; present(section: S): boolean };
	/**
	 * Its section on page 1, each list no longer than its cap (`pdf.cap(ctx, name)`); a list it
	 * shortened adds the part's kind to `ctx.cut` (`pdf.moreLine` does), so that the appendix
	 * prints it in full.
	 */
	page(ctx: Ctx, section: S, width: number, model: Restitution): Box;
	/**
	 * Its blocks in the appendix, when page 1 cut it. Without it, `page` drawn with no cap is
	 * its appendix; with it, its blocks come after the others' (long blocks, such as one per
	 * table, that flow over pages).
	 */
	appendix?(ctx: Ctx, section: S, width: number, model: Restitution): Box[];
	/**
	 * The caps of its lists, by name, each with its place in the order in which page 1 gives
	 * them back when there is room (pages.ts: 1, the vote, first; 8, whole tables, last).
	 */
	caps?: Readonly<Record<string, number>>;
	/**
	 * The steps in which page 1 shortens its lists (see ShortenStep); asked even when an
	 * optional section is absent, so that the steps of every page are the same ladder.
	 */
	shorten?(section: S | undefined): ShortenStep[];
}

export interface RestitutionPart<K extends SummaryKind, Source> {
	kind: K;
	/** The item keys its edits use (`need:<id>`), whole: `isItemKey` accepts these too. */
	itemKeys?: RegExp;
	/**
	 * Its item keys that hold a person's name, as SQL LIKE patterns (`table:%:rapporteur`):
	 * those edits are dropped when the participants are anonymised.
	 */
	namedKeys?: readonly string[];
	/** Reads what it prints. */
	load(ctx: LoadContext): Promise<Source>;
	/**
	 * Its section of the model, from what `load` read (the same data and edits always give the
	 * same section); undefined leaves an `optional` section out.
	 */
	build(source: Source, ctx: BuildContext): SummarySection<K> | undefined;
	pdf: PdfPart<SummarySection<K>>;
	/** Its DOCX blocks, headings included. */
	docx(section: SummarySection<K>, model: Restitution): Block[];
	/** Its Markdown blocks (each a few lines; blocks are separated by blank lines). */
	markdown(section: SummarySection<K>, model: Restitution): string[];
}

/** Checks a part against its kind's declared section (and keeps its types). */
export function definePart<K extends SummaryKind, Source>(
	part: RestitutionPart<K, Source>
): RestitutionPart<K, Source> {
	return part;
}
