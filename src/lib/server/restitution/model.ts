/**
 * The one-page restitution ("synthèse de la concertation thématique / samenvatting van het
 * thematisch overleg"): the model that every renderer (PDF, DOCX, Markdown, JSON) takes.
 *
 * The JSON export IS this model, so each field is documented here. The caller (the service
 * that reads the database) builds it; renderers never query anything. Two kinds of text:
 *
 * - organiser text (`LocalizedText`): written by the organisers in French and Dutch (one of
 *   the two may be empty when only one was written; English is optional and not printed);
 * - participant text (`TypedText`, `ContributionItem`): stored as typed, in one language,
 *   rendered once and never translated. `language` says which, when known.
 *
 * Attendance figures and names come only from participants who consented: that is the
 * caller's job, the renderers print what they are given.
 */
import { z } from 'zod';
import enLabels from '../../i18n/locales/en/restitution.json';
import frLabels from '../../i18n/locales/fr/restitution.json';
import nlLabels from '../../i18n/locales/nl/restitution.json';
import { formatDate, formatNumber } from '../../i18n/format';
import { concertationFileName } from '../http/download';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export const CONTENT_LANGUAGES = ['fr', 'nl', 'en'] as const;
/** The language a piece of participant text was typed in. */
export const contentLanguageSchema = z.enum(CONTENT_LANGUAGES);
export type ContentLanguage = z.infer<typeof contentLanguageSchema>;

/**
 * Organiser text: French and Dutch (either may be '' when only one was written), English
 * optional (a participant's item typed in English and translated into neither: printed once).
 */
export const localizedTextSchema = z
	.object({
		fr: z.string(),
		nl: z.string(),
		en: z.string().optional()
	})
	.strict()
	.refine((value) => value.fr.trim() !== '' || value.nl.trim() !== '' || !!value.en?.trim(), {
		message: 'French or Dutch text is required'
	});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Participant text, as typed: printed once, never translated. */
export const typedTextSchema = z
	.object({
		text: z.string(),
		/** Language it was typed in, when known (used for spell-checking and screen readers). */
		language: contentLanguageSchema.optional()
	})
	.strict();
export type TypedText = z.infer<typeof typedTextSchema>;

/**
 * A label that is either organiser text (a ballot question: French and Dutch) or participant
 * text (a topic proposed in the room, in one language).
 */
export const labelSchema = z.union([localizedTextSchema, typedTextSchema]);
export type Label = z.infer<typeof labelSchema>;

/** A calendar day in Brussels, yyyy-mm-dd. */
export const isoDateSchema = z.iso.date();
/** A wall-clock time in Brussels, HH:MM (24 h). */
export const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

const count = z.number().int().nonnegative();

// ---------------------------------------------------------------------------------------------
// Sections
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
	.refine((logo) => sniffImage(Buffer.from(logo.base64, 'base64')) === logo.mediaType, {
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
		logo: logoSchema.optional()
	})
	.strict();
export type RestitutionHeader = z.infer<typeof headerSchema>;

/** People in the room for one sector (the sectors participants chose from). */
export const sectorCountSchema = z.object({ label: localizedTextSchema, count }).strict();
export type SectorCount = z.infer<typeof sectorCountSchema>;

/** A participant who agreed to appear on the attendance list. */
export const personSchema = z
	.object({ name: z.string().min(1), organisation: z.string().optional() })
	.strict();
export type Person = z.infer<typeof personSchema>;

export const attendanceSchema = z
	.object({
		/** How many participants took part (everyone who joined; sectors and names: consenting only). */
		participants: count,
		/** Breakdown by sector, in the order to print (usually largest first). */
		sectors: z.array(sectorCountSchema),
		/** Names of those who consented to be listed; empty when none or not collected. */
		people: z.array(personSchema)
	})
	.strict();
export type Attendance = z.infer<typeof attendanceSchema>;

/** A theme of the needs survey with how many times it was named. */
export const needThemeSchema = z.object({ label: localizedTextSchema, count }).strict();
export type NeedTheme = z.infer<typeof needThemeSchema>;

/** A piece of sector news shown during the meeting: its title and date. */
export const newsItemSchema = z
	.object({
		title: localizedTextSchema,
		/** The date the news is about (event date, deadline…), if any. */
		date: isoDateSchema.optional()
	})
	.strict();
export type NewsItem = z.infer<typeof newsItemSchema>;

export const contextSchema = z
	.object({
		/** Priority themes from the needs survey, most named first. */
		needs: z.array(needThemeSchema),
		news: z.array(newsItemSchema)
	})
	.strict();
export type RestitutionContext = z.infer<typeof contextSchema>;

/** One ballot entry's result. */
export const rankedPrioritySchema = z
	.object({
		label: labelSchema,
		points: count,
		/** Competition ranking (1, 2, 2, 4): tied entries share a rank. */
		rank: z.number().int().positive(),
		/** True when another entry has exactly the same standing: printed as "=2". */
		tied: z.boolean(),
		/** True when the entry went on to a discussion table. */
		selected: z.boolean().optional()
	})
	.strict();
export type RankedPriority = z.infer<typeof rankedPrioritySchema>;

export const voteSchema = z
	.object({
		/** Participants who cast a ballot. */
		voters: count,
		/** Participants present when the vote closed. */
		present: count,
		/** Every entry, best first. */
		priorities: z.array(rankedPrioritySchema)
	})
	.strict();
export type VoteResult = z.infer<typeof voteSchema>;

/** One post-it of a discussion table. */
export const contributionItemSchema = z
	.object({
		text: z.string().min(1),
		/** Marked as key by the rapporteur: printed first and highlighted. */
		key: z.boolean(),
		language: contentLanguageSchema.optional()
	})
	.strict();
export type ContributionItem = z.infer<typeof contributionItemSchema>;

/** The four things every table captures, in the order they are printed. */
export const TABLE_CATEGORIES = ['barriers', 'levers', 'collaborations', 'actors'] as const;
export type TableCategory = (typeof TABLE_CATEGORIES)[number];

export const discussionTableSchema = z
	.object({
		/** The table's name as shown in the room ("1", "2a"); '' to number them 1, 2, 3… */
		name: z.string(),
		/** The priority the table worked on. */
		priority: labelSchema,
		/** Freins / drempels. */
		barriers: z.array(contributionItemSchema),
		/** Leviers / hefbomen. */
		levers: z.array(contributionItemSchema),
		/** Pistes de collaboration / samenwerkingsmogelijkheden. */
		collaborations: z.array(contributionItemSchema),
		/** Acteurs / actoren to involve. */
		actors: z.array(contributionItemSchema),
		/** The rapporteur's name, when they agreed to be named. */
		rapporteur: z.string().optional(),
		/** The rapporteur's justification of the key items. */
		justification: typedTextSchema.optional()
	})
	.strict();
export type DiscussionTable = z.infer<typeof discussionTableSchema>;

/** A coordinator text written separately in each language; either may be missing. */
export const coordinatorTextSchema = z
	.object({ fr: z.string().optional(), nl: z.string().optional() })
	.strict();
export type CoordinatorText = z.infer<typeof coordinatorTextSchema>;

export const nextDateSchema = z
	.object({
		/** What happens ("Prochaine concertation" / "Volgend overleg"). */
		label: localizedTextSchema,
		date: isoDateSchema,
		time: timeSchema.optional(),
		place: z.string().optional()
	})
	.strict();
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
// The restitution
// ---------------------------------------------------------------------------------------------

export const restitutionSchema = z
	.object({
		header: headerSchema,
		attendance: attendanceSchema,
		context: contextSchema,
		/** Absent when the meeting had no vote. */
		vote: voteSchema.optional(),
		/** The discussion tables, in the order to print. */
		tables: z.array(discussionTableSchema),
		/** The coordinators' own words, before and after the results. */
		introduction: coordinatorTextSchema.optional(),
		conclusion: coordinatorTextSchema.optional(),
		nextDates: z.array(nextDateSchema),
		contact: contactSchema.optional(),
		/** The closing thanks; the standard bilingual line when absent. */
		thanks: localizedTextSchema.optional(),
		/** When the restitution was produced (ISO 8601), stamped into the PDF metadata. */
		generatedAt: z.iso.datetime({ offset: true }).optional()
	})
	.strict();
export type Restitution = z.infer<typeof restitutionSchema>;

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

export type RestitutionExtension = 'pdf' | 'docx' | 'md' | 'json';

/** e.g. `restitution-2024-09-23-n12.pdf`: the name every export of a meeting shares. */
export function restitutionFileName(model: Restitution, ext: RestitutionExtension): string {
	return concertationFileName('restitution', model.header, ext);
}

// ---------------------------------------------------------------------------------------------
// Shared by the renderers: labels, dates, ordering
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
	base: 'participantCount' | 'more',
	value: number
): string {
	const form = PLURAL_RULES[language].select(value) === 'one' ? 'one' : 'other';
	return label(language, `${base}_${form}`, { count: formatNumber(value, language) });
}

/** The same label in French and Dutch, for side-by-side printing. */
export function bilingualLabel(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): { fr: string; nl: string } {
	return { fr: label('fr', key, params), nl: label('nl', key, params) };
}

/**
 * A label as one string, "fr · nl"; only the French when both are the same ("Contact") or
 * the Dutch is how the French starts ("rapporteur·rice" / "rapporteur").
 */
export function bilingualLabelText(
	key: RestitutionLabelKey,
	params: Record<string, string | number> = {}
): string {
	const fr = label('fr', key, params);
	const nl = label('nl', key, params);
	return fr.toLowerCase().startsWith(nl.toLowerCase()) ? fr : `${fr} · ${nl}`;
}

/** "lundi 23 septembre 2024" / "maandag 23 september 2024" (a day in Brussels). */
export function longDate(date: string, language: 'fr' | 'nl'): string {
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

/** "=2" for a shared rank: a tie is never hidden. */
export function rankLabel(priority: Pick<RankedPriority, 'rank' | 'tied'>): string {
	return priority.tied ? `=${priority.rank}` : String(priority.rank);
}

/** Turnout as a percentage in the given language ("90 %" / "90%"), '' when nobody was present. */
export function turnoutPercent(vote: VoteResult, language: 'fr' | 'nl'): string {
	if (vote.present <= 0) return '';
	return formatNumber(vote.voters / vote.present, language, {
		style: 'percent',
		maximumFractionDigits: 0
	});
}

/** Key items first, each group in the order given (a stable sort). */
export function keyFirst(items: readonly ContributionItem[]): ContributionItem[] {
	return [...items.filter((item) => item.key), ...items.filter((item) => !item.key)];
}

/** Ballot entries best first; ties keep the caller's order. */
export function byRank(priorities: readonly RankedPriority[]): RankedPriority[] {
	return priorities
		.map((priority, index) => ({ priority, index }))
		.sort((a, b) => a.priority.rank - b.priority.rank || a.index - b.index)
		.map(({ priority }) => priority);
}

/** The table's display name: its own, or its position from 1. */
export function tableName(table: DiscussionTable, index: number): string {
	return table.name.trim() || String(index + 1);
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

/** The coordinators' text for a language, '' when none. */
export function coordinatorText(text: CoordinatorText | undefined, language: 'fr' | 'nl'): string {
	return text?.[language]?.trim() ?? '';
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

/** The logo's bytes, or null when absent or unreadable (a bad logo never stops an export). */
export function logoBytes(
	model: Restitution
): { bytes: Buffer; mediaType: Logo['mediaType'] } | null {
	const logo = model.header.logo;
	if (!logo) return null;
	const bytes = Buffer.from(logo.base64, 'base64');
	const type = sniffImage(bytes);
	return type && imageSize(bytes) ? { bytes, mediaType: type } : null;
}
