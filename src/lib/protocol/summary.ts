/**
 * The one-page restitution ("synthèse de la concertation thématique / samenvatting van het
 * thematisch overleg"): the model that every renderer (PDF, DOCX, Markdown, JSON, the review
 * page's HTML preview) takes, and what the review page shows. Shared by the server and the
 * browser (no Node API here); not re-exported by the protocol's index, whose `LocalizedText`
 * is the same shape unvalidated.
 *
 * The JSON export IS this model, so each field is documented here and in docs/restitution.md.
 * The document's own sections (header, attendance, the coordinators' texts, next dates,
 * contact, thanks) are declared below; each phase kind with a part in the summary declares
 * its section in its own protocol module (`summary` of `definePhase`, see summary-blocks.ts),
 * and the model is composed from the list of phase kinds: a section per part, named after its
 * kind, inside `context` or at the top level as the part says.
 *
 * Attendance figures and names come only from participants who consented: that is the
 * builder's job, the renderers print what they are given.
 */
import { z, type ZodType } from 'zod';
import enLabels from '../i18n/locales/en/restitution.json';
import frLabels from '../i18n/locales/fr/restitution.json';
import nlLabels from '../i18n/locales/nl/restitution.json';
import { formatDate, formatNumber } from '../i18n/format';
import type { ConcertationStatus } from './core';
import {
	DEFAULT_CONTENT_LANGUAGES,
	TEXT_LANGUAGES,
	contentLanguagesSchema,
	type ContentLanguages,
	type TextLanguage
} from './localized';
import { PHASE_KINDS, PHASES } from './phases';
import {
	SUMMARY_SLOTS,
	contentLanguage,
	countSchema,
	isoDateSchema,
	localizedTextSchema,
	timeSchema,
	type ContentLanguage,
	type Label,
	type LocalizedText,
	type SummaryPartDeclaration,
	type SummarySlot
} from './summary-blocks';

export * from './summary-blocks';

// ---------------------------------------------------------------------------------------------
// The document's own sections
// ---------------------------------------------------------------------------------------------

export const LOGO_MEDIA_TYPES = ['image/png', 'image/jpeg'] as const;

/** The organiser's logo, printed in the header. */
export const logoSchema = z
	.object({
		mediaType: z.enum(LOGO_MEDIA_TYPES),
		/** The image file, base64 (no `data:` prefix). */
		base64: z.base64(),
		/** Alternative text for screen readers. */
		alt: z.string().optional()
	})
	.strict()
	.refine((logo) => sniffImage(base64Head(logo.base64)) === logo.mediaType, {
		message: 'logo bytes do not match mediaType'
	});
export type Logo = z.infer<typeof logoSchema>;

export const headerSchema = z
	.object({
		/** The series the meeting belongs to ("Concertations thématiques — Zone Nord"), if any. */
		series: localizedTextSchema.optional(),
		/** The theme of this meeting: the main title. */
		theme: localizedTextSchema,
		/** The meeting's number in its series ("12", "12bis"); '' when unnumbered. */
		number: z.string(),
		/** The day of the meeting (a day in Brussels). */
		date: isoDateSchema,
		/** Start and end times, HH:MM, when known. */
		startTime: timeSchema.optional(),
		endTime: timeSchema.optional(),
		/** Venue, as typed by the organisers (one line). */
		place: z.string(),
		/** Who organises (care zone, network…), when known: never a made-up placeholder. */
		organiser: localizedTextSchema.optional(),
		logo: logoSchema.optional(),
		/** The series' public page (`https://…/p/<token>`), only while it is on: the PDF's QR code. */
		seriesPageUrl: z.string().max(2100).optional()
	})
	.strict();
export type RestitutionHeader = z.infer<typeof headerSchema>;

/** People in the room for one sector (the sectors participants chose from). */
export const sectorCountSchema = z
	.object({ label: localizedTextSchema, count: countSchema })
	.strict();
export type SectorCount = z.infer<typeof sectorCountSchema>;

/** A participant who agreed to appear on the attendance list. */
export const personSchema = z
	.object({ name: z.string().min(1), organisation: z.string().optional() })
	.strict();
export type Person = z.infer<typeof personSchema>;

export const attendanceSchema = z
	.object({
		/** How many participants took part (everyone who joined; sectors and names: consenting only). */
		participants: countSchema,
		/** Breakdown by sector, in the order to print (usually largest first). */
		sectors: z.array(sectorCountSchema),
		/** Names of those who consented to be listed; empty when none or not collected. */
		people: z.array(personSchema)
	})
	.strict();
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * One part of a meeting in several parts (docs/protocol.md, "Parts"): when and where it took
 * place, its steps, and who was present in it (everyone counted; names as the attendance
 * list prints them: consenting participants, when names are printed).
 */
export const meetingPartSummarySchema = z
	.object({
		number: z.number().int().positive(),
		title: localizedTextSchema,
		date: isoDateSchema,
		startTime: timeSchema.optional(),
		endTime: timeSchema.optional(),
		place: z.string().optional(),
		link: z.string().optional(),
		steps: z.array(localizedTextSchema),
		present: countSchema,
		people: z.array(personSchema)
	})
	.strict();
export type MeetingPartSummary = z.infer<typeof meetingPartSummarySchema>;

/** A coordinator text written separately in each language; any may be missing. */
export const coordinatorTextSchema = z
	.object({ fr: z.string().optional(), nl: z.string().optional(), en: z.string().optional() })
	.strict();
export type CoordinatorText = z.infer<typeof coordinatorTextSchema>;

/** An online meeting's address: http or https only (no `javascript:`, no `file:`). */
export const webLinkSchema = z
	.string()
	.max(2000)
	.refine((value) => {
		try {
			const url = new URL(value);
			return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
		} catch {
			return false;
		}
	}, 'expected an http or https address');

/**
 * A next date ("save the date"). Stored as JSON in the `doc:nextDates` edit: every field
 * added after the first version (`endTime`, `link`, `description`) is optional, so the dates
 * stored before still read.
 */
export const nextDateSchema = z
	.object({
		/** What happens ("Prochaine concertation" / "Volgend overleg"). */
		label: localizedTextSchema,
		date: isoDateSchema,
		/** Start, Brussels wall-clock time. */
		time: timeSchema.optional(),
		/** End, same day, after `time` (only with a start). */
		endTime: timeSchema.optional(),
		place: z.string().optional(),
		/** Where to join online. */
		link: webLinkSchema.optional(),
		/** A short description, per language. */
		description: coordinatorTextSchema.optional(),
		/**
		 * The calendar key it had before it was edited: an edited date keeps its event's UID, so
		 * a calendar that added it updates it instead of showing the old one beside it.
		 */
		uid: z
			.string()
			.regex(/^[0-9a-f]{16}$/)
			.optional()
	})
	.strict()
	.refine(
		(next) => next.endTime === undefined || (next.time !== undefined && next.endTime > next.time),
		{
			message: 'the end time must come after the start time',
			path: ['endTime']
		}
	);
export type NextDate = z.infer<typeof nextDateSchema>;

export const contactSchema = z
	.object({
		name: z.string().optional(),
		email: z.string().optional(),
		phone: z.string().optional()
	})
	.strict();
export type Contact = z.infer<typeof contactSchema>;

// ---------------------------------------------------------------------------------------------
// The phase kinds' parts, from the list of phase kinds
// ---------------------------------------------------------------------------------------------

type Phase = (typeof PHASES)[number];
type DeclarationOf<P> = P extends { summary?: infer D } ? Exclude<D, undefined> : never;
type Declared = { [P in Phase as P['kind']]: DeclarationOf<P> };
type KindsIn<In, Optional extends boolean> = {
	[K in keyof Declared]: [Declared[K]] extends [never]
		? never
		: Declared[K] extends { in: In }
			? (Declared[K] extends { optional: true } ? true : false) extends Optional
				? K
				: never
			: never;
}[keyof Declared];

/** The phase kinds that have a part in the summary. */
export type SummaryKind = KindsIn<'context' | 'document', boolean>;
/** A part's section of the model, as its phase kind's protocol declares it. */
export type SummarySection<K extends SummaryKind> = z.infer<Declared[K]['schema']>;
type Sections<In, Optional extends boolean> = {
	[K in KindsIn<In, Optional>]: SummarySection<K>;
};

/** One phase kind's part, as the renderers see it: its kind and its declared place. */
export interface SummaryPart extends SummaryPartDeclaration {
	kind: SummaryKind;
}

const slotOrder = (slot: SummarySlot) => SUMMARY_SLOTS.indexOf(slot);
const kindOrder = (kind: string) => PHASE_KINDS.indexOf(kind as (typeof PHASE_KINDS)[number]);

/**
 * Every part, in the model's order: first those inside `context`, then those at the top
 * level; each by its slot, then in the list of phase kinds. The builder builds them (and so
 * lists their review items) in this order.
 */
export const SUMMARY_PARTS: readonly SummaryPart[] = PHASES.flatMap((phase): SummaryPart[] =>
	phase.summary ? [{ ...phase.summary, kind: phase.kind as SummaryKind }] : []
).sort(
	(a, b) =>
		Number(a.in === 'document') - Number(b.in === 'document') ||
		slotOrder(a.slot) - slotOrder(b.slot) ||
		kindOrder(a.kind) - kindOrder(b.kind)
);

/** The parts that go in one slot of the document, in the order they are drawn. */
export function partsIn(slot: SummarySlot): SummaryPart[] {
	return SUMMARY_PARTS.filter((part) => part.slot === slot).sort(
		(a, b) => kindOrder(a.kind) - kindOrder(b.kind)
	);
}

/** A part's section of a model (undefined when an optional section is absent). */
export function sectionOf(model: Restitution, part: Pick<SummaryPart, 'kind' | 'in'>): unknown {
	const holder: Record<string, unknown> = part.in === 'context' ? model.context : model;
	return holder[part.kind];
}

function partShape(where: SummaryPart['in']): Record<string, ZodType> {
	return Object.fromEntries(
		SUMMARY_PARTS.filter((part) => part.in === where).map((part) => [
			part.kind,
			part.optional ? part.schema.optional() : part.schema
		])
	);
}

// ---------------------------------------------------------------------------------------------
// The restitution
// ---------------------------------------------------------------------------------------------

/** What the meeting heard: the sections of the parts declared `in: 'context'`. */
export type RestitutionContext = Sections<'context', false> & Partial<Sections<'context', true>>;

export type Restitution = {
	/**
	 * The concertation's content languages, the document's languages, when they are not French
	 * and Dutch (absent: French and Dutch, as every restitution before they could be chosen).
	 */
	languages?: ContentLanguages;
	header: RestitutionHeader;
	attendance: Attendance;
	context: RestitutionContext;
} & Sections<'document', false> &
	Partial<Sections<'document', true>> & {
		/** The coordinators' own words, before and after the results. */
		introduction?: CoordinatorText;
		conclusion?: CoordinatorText;
		nextDates: NextDate[];
		contact?: Contact;
		/** The closing thanks; the standard bilingual line when absent. */
		thanks?: LocalizedText;
		/** When the restitution was produced (ISO 8601), stamped into the PDF metadata. */
		generatedAt?: string;
		/** A meeting in several parts: each part. Absent for a meeting in one part. */
		meetingParts?: MeetingPartSummary[];
	};

// The shape is composed from the parts at run time, so zod cannot infer it: the type above
// says the same from the same declarations.
export const restitutionSchema = z
	.object({
		languages: contentLanguagesSchema.optional(),
		header: headerSchema,
		attendance: attendanceSchema,
		context: z.object(partShape('context')).strict(),
		...partShape('document'),
		introduction: coordinatorTextSchema.optional(),
		conclusion: coordinatorTextSchema.optional(),
		nextDates: z.array(nextDateSchema),
		contact: contactSchema.optional(),
		thanks: localizedTextSchema.optional(),
		generatedAt: z.iso.datetime({ offset: true }).optional(),
		meetingParts: z.array(meetingPartSummarySchema).optional()
	})
	.strict() as unknown as z.ZodType<Restitution>;

/** Validates untrusted input (a JSON import, a request body) as a restitution. */
export function parseRestitution(input: unknown): Restitution {
	return restitutionSchema.parse(input);
}

export const RESTITUTION_FORMAT = 'concertation-restitution';
export const RESTITUTION_FORMAT_VERSION = 1;

/** The JSON export: the model in a versioned envelope. */
export const restitutionEnvelopeSchema = z
	.object({
		format: z.literal(RESTITUTION_FORMAT),
		formatVersion: z.literal(RESTITUTION_FORMAT_VERSION),
		restitution: restitutionSchema
	})
	.strict();
export type RestitutionEnvelope = z.infer<typeof restitutionEnvelopeSchema>;

// ---------------------------------------------------------------------------------------------
// Shared by the renderers: labels, dates, printing a label
// ---------------------------------------------------------------------------------------------

export type LabelLanguage = 'fr' | 'nl' | 'en';
// The namespace also holds the review page's nested strings; the document uses the flat ones.
type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];
export type RestitutionLabelKey = StringKeys<typeof frLabels>;

const LABELS: Record<LabelLanguage, Record<RestitutionLabelKey, string>> = {
	fr: frLabels,
	nl: nlLabels,
	en: enLabels
};

/** A label of the restitution namespace in one language, with {{placeholders}} filled. */
export function label(
	language: LabelLanguage,
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	return LABELS[language][key].replace(/\{\{(\w+)\}\}/g, (match, name: string) =>
		name in params ? String(params[name]) : match
	);
}

const PLURAL_RULES = {
	fr: new Intl.PluralRules('fr-BE'),
	nl: new Intl.PluralRules('nl-BE'),
	en: new Intl.PluralRules('en-GB')
};

/** i18next-style plural: `participantCount` → `participantCount_one` / `_other`. */
export function pluralLabel(
	language: LabelLanguage,
	base: 'participantCount' | 'more' | 'partPresent',
	value: number
): string {
	const form = PLURAL_RULES[language].select(value) === 'one' ? 'one' : 'other';
	return label(language, `${base}_${form}`, { count: formatNumber(value, language) });
}

/**
 * The languages a document prints and how: its content languages (French and Dutch when the
 * model names none), and whether participant text typed in another language carries its
 * language tag. A French–Dutch restitution prints such text untagged, as it always has (its
 * exports stay byte for byte what they were); one whose languages were chosen tags it.
 */
export interface DocumentLanguages {
	list: ContentLanguages;
	tagForeign: boolean;
}

export const FRENCH_DUTCH: DocumentLanguages = {
	list: DEFAULT_CONTENT_LANGUAGES,
	tagForeign: false
};

/** A restitution's languages; the model carries them only when they are not French and Dutch. */
export function documentLanguages(model: { languages?: ContentLanguages }): DocumentLanguages {
	return model.languages ? { list: model.languages, tagForeign: true } : FRENCH_DUTCH;
}

/** What the model records of a concertation's languages: nothing for French and Dutch. */
export function modelLanguages(languages: ContentLanguages): ContentLanguages | undefined {
	return languages.length === DEFAULT_CONTENT_LANGUAGES.length &&
		languages.every((language, index) => DEFAULT_CONTENT_LANGUAGES[index] === language)
		? undefined
		: languages;
}

/** The same label in every language (a document prints those of its languages). */
export function bilingualLabel(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): { fr: string; nl: string; en: string } {
	return {
		fr: label('fr', key, params),
		nl: label('nl', key, params),
		en: label('en', key, params)
	};
}

/**
 * A label as one string in a document's languages, "fr · nl"; only the first when both are
 * the same ("Contact") or the second is how the first starts ("rapporteur·rice" /
 * "rapporteur"); in a one-language document, that language's alone.
 */
export function bilingualLabelText(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {},
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): string {
	return joinLabels(languages.map((language) => label(language, key, params)));
}

/** A label's texts in each language on one line, as bilingualLabelText joins them. */
export function joinLabels(texts: readonly string[], separator = ' · '): string {
	const [first = '', second] = texts;
	if (second === undefined) return first;
	return first.toLowerCase().startsWith(second.toLowerCase())
		? first
		: `${first}${separator}${second}`;
}

/** A plural label in each of a document's languages, joined ("+3 autres · andere"). */
export function pluralLine(
	languages: ContentLanguages,
	base: 'participantCount' | 'more' | 'partPresent',
	value: number,
	separator = ' · '
): string {
	return languages.map((language) => pluralLabel(language, base, value)).join(separator);
}

/** "lundi 23 septembre 2024" / "maandag 23 september 2024" (a day in Brussels). */
export function longDate(date: string, language: TextLanguage): string {
	return memoDate(`${language}:${date}`, () => formatDate(date, language));
}

/** "23/09/2024": the same in French and Dutch in Belgium. */
export function shortDate(date: string): string {
	return memoDate(`short:${date}`, () =>
		formatDate(date, 'fr', {
			dateStyle: undefined,
			day: '2-digit',
			month: '2-digit',
			year: 'numeric'
		})
	);
}

// formatDate builds an Intl.DateTimeFormat per call, which is slow; the page is laid out
// several times while it is fitted, so the few dates it shows are remembered.
const dateMemo = new Map<string, string>();

function memoDate(key: string, format: () => string): string {
	let value = dateMemo.get(key);
	if (value === undefined) {
		value = format();
		if (dateMemo.size > 10_000) dateMemo.clear();
		dateMemo.set(key, value);
	}
	return value;
}

/** "01/10" for a date in `year`, "01/10/2025" otherwise: short dates in lists. */
export function compactDate(date: string, year: string): string {
	const full = shortDate(date);
	return date.startsWith(`${year}-`) ? full.replace(/[/.]\d{4}$/, '') : full;
}

/** "13:30–16:30", "13:30" or ''. */
export function timeRange(start: string | undefined, end: string | undefined): string {
	if (start && end) return `${start}–${end}`;
	return start ?? (end ? `–${end}` : '');
}

/**
 * What to print for a label: organiser text gives French and Dutch (the one written when the
 * other is empty; once when both say the same), participant text gives itself once.
 */
export type Printable =
	| { kind: 'bilingual'; fr: string; nl: string }
	| { kind: 'single'; text: string; language?: ContentLanguage };

export function printable(value: Label): Printable {
	if ('text' in value) {
		return value.language
			? { kind: 'single', text: value.text, language: value.language }
			: { kind: 'single', text: value.text };
	}
	const fr = value.fr.trim();
	const nl = value.nl.trim();
	// Typed in English and translated into neither: printed once, as written.
	if (!fr && !nl && value.en?.trim())
		return { kind: 'single', text: value.en.trim(), language: 'en' };
	if (fr === nl || !nl) return { kind: 'single', text: fr || nl, language: 'fr' };
	if (!fr) return { kind: 'single', text: nl, language: 'nl' };
	return { kind: 'bilingual', fr, nl };
}

/** A label on one line ("Zone Nord / Zone Noord"), '' when there is none. */
export function printableLine(value: Label | undefined, separator = ' / '): string {
	if (!value) return '';
	const p = printable(value);
	return p.kind === 'single' ? p.text : `${p.fr}${separator}${p.nl}`;
}

/** One language's side of a text printed in two. */
export interface PrintedSide {
	language: TextLanguage;
	text: string;
}

/**
 * What to print for a label in a document's languages: organiser text gives each content
 * language written (once when they say the same, the one written when the other is empty;
 * when none is, whatever was written, tagged when the document tags foreign text);
 * participant text gives itself once, as typed, tagged when its language is not one of the
 * document's (never shown as a translation).
 */
export type Printed =
	| { kind: 'pair'; first: PrintedSide; second: PrintedSide }
	| { kind: 'single'; text: string; language?: ContentLanguage; tag?: ContentLanguage };

export function printIn(value: Label, languages: DocumentLanguages): Printed {
	const foreign = (language: ContentLanguage) =>
		languages.tagForeign && !languages.list.includes(language) ? { tag: language } : {};
	if ('text' in value) {
		return value.language
			? { kind: 'single', text: value.text, language: value.language, ...foreign(value.language) }
			: { kind: 'single', text: value.text };
	}
	const written = languages.list
		.map((language) => ({ language, text: (value[language] ?? '').trim() }))
		.filter((side) => side.text !== '');
	const [first, second] = written;
	if (first && second && first.text !== second.text) return { kind: 'pair', first, second };
	if (first) return { kind: 'single', text: first.text, language: first.language };
	const other = TEXT_LANGUAGES.find((language) => (value[language] ?? '').trim());
	if (other)
		return {
			kind: 'single',
			text: (value[other] ?? '').trim(),
			language: other,
			...foreign(other)
		};
	return { kind: 'single', text: '', language: languages.list[0] };
}

/**
 * A quotation and the colon before it, in the typography of the document's main language
 * (glossary: « … » with no-break spaces in French, ‘…’ in Dutch, “…” in English).
 */
export function quoted(langs: DocumentLanguages, text: string, space = ' '): string {
	switch (langs.list[0]) {
		case 'fr':
			return `«${space}${text}${space}»`;
		case 'nl':
			return `‘${text}’`;
		case 'en':
			return `“${text}”`;
	}
}

/** " : " before a quotation in French, ": " otherwise. */
export function colon(langs: DocumentLanguages, space = ' '): string {
	return langs.list[0] === 'fr' ? `${space}: ` : ': ';
}

/** The tag a text typed in `language` carries in a document: none in one of its languages. */
export function foreignTag(
	languages: DocumentLanguages,
	language: string | undefined
): ContentLanguage | undefined {
	const known = contentLanguage(language);
	return known && languages.tagForeign && !languages.list.includes(known) ? known : undefined;
}

/** A label on one line in a document's languages ("Zone Nord / Zone Noord"), '' when none. */
export function printedLine(
	value: Label | undefined,
	languages: DocumentLanguages,
	separator = ' / '
): string {
	if (!value) return '';
	const p = printIn(value, languages);
	const tag = p.kind === 'single' && p.tag ? ` [${p.tag.toUpperCase()}]` : '';
	return p.kind === 'single' ? `${p.text}${tag}` : `${p.first.text}${separator}${p.second.text}`;
}

/** Organiser text in one language, else in the document's other language, else as written. */
export function textIn(
	value: LocalizedText,
	language: TextLanguage,
	languages: ContentLanguages
): string {
	for (const other of [language, ...languages, ...TEXT_LANGUAGES]) {
		const text = (value[other] ?? '').trim();
		if (text) return text;
	}
	return '';
}

/** The coordinators' text for a language, '' when none. */
export function coordinatorText(text: CoordinatorText | undefined, language: TextLanguage): string {
	return text?.[language]?.trim() ?? '';
}

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

/** The first bytes of a base64 text (enough to recognise an image), without Node's Buffer. */
function base64Head(base64: string): Uint8Array {
	// 32 characters are 24 bytes; a whole number of 4-character groups is valid base64 alone.
	const head = atob(base64.slice(0, 32));
	return Uint8Array.from(head, (char) => char.charCodeAt(0));
}

/** 'image/png' / 'image/jpeg' from the file's magic bytes, or null. */
export function sniffImage(bytes: Uint8Array): (typeof LOGO_MEDIA_TYPES)[number] | null {
	if (
		bytes.length > 8 &&
		bytes[0] === 0x89 &&
		bytes[1] === 0x50 &&
		bytes[2] === 0x4e &&
		bytes[3] === 0x47
	) {
		return 'image/png';
	}
	if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'image/jpeg';
	return null;
}

/** Pixel size of a PNG or JPEG, or null when the header cannot be read. */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
	const type = sniffImage(bytes);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (type === 'image/png' && bytes.length >= 24) {
		return { width: view.getUint32(16), height: view.getUint32(20) };
	}
	if (type === 'image/jpeg') {
		let offset = 2;
		while (offset + 9 < bytes.length) {
			if (bytes[offset] !== 0xff) return null;
			const marker = bytes[offset + 1] ?? 0;
			const length = view.getUint16(offset + 2);
			// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
			if (
				marker >= 0xc0 &&
				marker <= 0xcf &&
				marker !== 0xc4 &&
				marker !== 0xc8 &&
				marker !== 0xcc
			) {
				return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
			}
			offset += 2 + length;
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// What the review page shows (`/r/<id>`, `/r/share/<token>`, `GET …/restitution`)
// ---------------------------------------------------------------------------------------------

/**
 * One editable thing of the restitution, with its original and its current state. `section`
 * groups items on the review page: `sectors` and `people` (the document's), and what each
 * part names its items (`needs`, `news`, `vote`; a table's `tablePriority`, `tableItem`,
 * `rapporteur`, `justification`, grouped by `tableId`).
 */
export interface ReviewItem {
	key: string;
	section: string;
	/** For table parts: the table's id and the item's category. */
	tableId?: number;
	category?: string;
	/** 'bilingual': organiser text, edited per content language; 'single': participant text. */
	kind: 'bilingual' | 'single';
	original: { fr: string; nl: string; en?: string } | { text: string };
	/** After the edit (the original when not rephrased). */
	current: { fr: string; nl: string; en?: string } | { text: string };
	hidden: boolean;
	edited: boolean;
	/** Marked as key by the table (table items only). */
	keyItem?: boolean;
}

/** An entry the coordinators can move up or down (a discussion table), in print order. */
export interface OrderEntry {
	id: number;
	name: string;
	priority: { fr: string; nl: string; en?: string };
}

/** What the coordinators can change in the document as a whole, with the defaults shown. */
export interface ReviewDefaults {
	organiser?: LocalizedText;
	contact: { name?: string; email?: string; phone?: string };
}

/** The coordinators' texts as the review page's form fields ('' when not written). */
export interface DocumentTexts {
	introductionFr: string;
	introductionNl: string;
	conclusionFr: string;
	conclusionNl: string;
	thanksFr: string;
	thanksNl: string;
	organiserFr: string;
	organiserNl: string;
	/** English, where it is a content language ('' when not written). */
	introductionEn: string;
	conclusionEn: string;
	thanksEn: string;
	organiserEn: string;
	contactName: string;
	contactEmail: string;
	contactPhone: string;
}

export interface ShareLinkView {
	id: number;
	createdAt: string;
	revokedAt: string | null;
}

export interface ReviewPageData {
	concertation: {
		id: number;
		title: { fr: string; nl: string; en?: string };
		/** Its content languages: the editing forms ask for these. */
		languages: ContentLanguages;
		number: string;
		date: string;
	};
	access: 'facilitator' | 'coordinator' | 'share';
	canEdit: boolean;
	shareToken: string | null;
	restitution: Restitution;
	/** Every editable item in document order, hidden ones included (none for a share link). */
	items: ReviewItem[];
	/** The tables in print order, for the order controls (none for a share link). */
	tableOrder: OrderEntry[];
	/** Whether the consented names are printed (the `doc:attendanceNames` switch). */
	attendanceNames: boolean;
	/** When the participants were anonymised: names can no longer be turned on. */
	participantsAnonymisedAt: string | null;
	texts: DocumentTexts;
	defaults: ReviewDefaults;
	shares: ShareLinkView[];
	/** Each of `restitution.nextDates`' calendar file key, in the same order. */
	nextDateKeys: string[];
	/**
	 * Whether this restitution is published on its series' public page, and whether that page
	 * is on; null outside a series or for a share-link reader.
	 */
	seriesPage: { published: boolean; pageEnabled: boolean } | null;
}

/** What an editing action of the review page answers. */
export type ReviewActionData =
	| { saved: true; key: string; shareUrl: string }
	| {
			message: string;
			key: string;
			/** The refused field, when a rule names it (the form points at it). */
			field?: string;
			/** What was typed, given back so that nothing is lost (forms without scripts). */
			values?: Record<string, string>;
	  }
	| null
	| undefined;

// ---------------------------------------------------------------------------------------------
// A series at a glance (`/r/series/<id>`, `GET /api/series/<id>`)
// ---------------------------------------------------------------------------------------------

export interface OverviewPriority {
	rank: string;
	points: number;
	selected: boolean;
	label: Printable;
}

export interface OverviewConcertation {
	id: number;
	date: string;
	number: string;
	title: { fr: string; nl: string };
	status: ConcertationStatus;
	/** Consenting participants, as the restitution counts them. */
	participants: number;
	/** null: the meeting had no vote. */
	voters: number | null;
	priorities: OverviewPriority[];
	tables: number;
}

export interface SeriesOverview {
	series: { id: number; title: { fr: string; nl: string } };
	concertations: OverviewConcertation[];
}
