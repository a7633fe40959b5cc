/**
 * Builds the restitution from what a session stored: a pure function of plain data (the
 * loader in source.ts reads it from SQLite), then the coordinators' edits on top. The document's
 * own sections are built here; each phase kind's part builds its own section (parts.ts), in
 * the model's order, through the build context below.
 *
 * Privacy rule, applied here and nowhere else: the number of participants counts everyone
 * who took part (a number names nobody, and the vote's turnout prints it anyway), but
 * sectors and names come only from participants who consented to the attendance list, and
 * a rapporteur is named
 * only when they consented too. Names are printed at all only when the coordinators turned
 * the list on (`doc:attendanceNames`); by default the summary has counts and sectors only.
 * Everything else a participant typed is anonymous.
 */
import type { ItemEdit, RestitutionEdits } from './edits';
import { noEdits, orderedIds } from './edits';
import type {
	LocalizedText,
	NextDate,
	OrderEntry,
	Person,
	Restitution,
	ReviewDefaults,
	ReviewItem
} from '../../protocol/summary';
import { documentLanguages, modelLanguages, printedLine, sniffImage } from '../../protocol/summary';
import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguages } from '../../protocol/localized';
import type { BuildContext, ReviewExtra } from './part';
import { PARTS } from './parts';
import type { SourceMeetingPart } from '../parts/restitution';

// ---------------------------------------------------------------------------------------------
// What the builder reads
// ---------------------------------------------------------------------------------------------

export interface SourceParticipant {
	id: number;
	displayName: string;
	organisation: string;
	/** The sector id chosen from the concertation's list, or null. */
	sector: string | null;
	consentAttendance: boolean;
}

export interface SourceSector {
	id: string;
	fr: string;
	nl: string;
	/** '' when not written (sectors saved before English could be a content language). */
	en?: string;
}

/** The document's own data, then what each part's loader read, under the part's kind. */
export interface RestitutionSource {
	concertation: {
		title: { fr: string; nl: string; en?: string };
		/** Its content languages: French and Dutch when absent (a source made by hand). */
		languages?: ContentLanguages;
		number: string;
		date: string;
		startTime: string;
		place: string;
		contact: { name: string; email: string; phone: string };
	};
	series: { title: { fr: string; nl: string; en?: string } } | null;
	/** The series' organiser and logo, when set. */
	branding: {
		organiser: { fr: string; nl: string; en?: string };
		logo: { mediaType: string; bytes: Uint8Array } | null;
	} | null;
	sectors: SourceSector[];
	participants: SourceParticipant[];
	/**
	 * The participants were anonymised: their names are placeholders and are never printed,
	 * whatever the names switch says; counts and sectors stay.
	 */
	namesErased: boolean;
	/** ISO 8601 with offset. */
	generatedAt: string;
	/** A meeting in several parts (server/parts): each part; empty or absent in one part. */
	meetingParts?: SourceMeetingPart[];
	/** Each part's data (`needs`, `news`, `vote`, `tables`…), as its loader read it. */
	[kind: string]: unknown;
}

export interface BuiltRestitution {
	restitution: Restitution;
	/** Every editable item in document order, hidden ones included. */
	items: ReviewItem[];
	/** The tables in print order, for the order controls. */
	tableOrder: OrderEntry[];
	/** Whether the consented names are printed (the `doc:attendanceNames` switch). */
	attendanceNames: boolean;
	/** What the coordinators can change in the document as a whole, with the defaults shown. */
	defaults: ReviewDefaults;
}

// ---------------------------------------------------------------------------------------------
// The edits and the privacy rules, as the parts see them
// ---------------------------------------------------------------------------------------------

/** Organiser text as the model prints it; English only when written (a content language). */
function bilingual(value: { fr: string; nl: string; en?: string }): LocalizedText {
	return value.en?.trim()
		? { fr: value.fr, nl: value.nl, en: value.en }
		: { fr: value.fr, nl: value.nl };
}

/**
 * The same words in each language ('—', a contact's name): French and Dutch as always, and
 * English when it is a content language.
 */
function everywhere(text: string, languages: ContentLanguages): LocalizedText {
	return languages.includes('en') ? { fr: text, nl: text, en: text } : { fr: text, nl: text };
}

/**
 * Organiser text with its English only when English is a content language, or when nothing
 * else was written (then printed as written, tagged).
 */
function inLanguages(
	value: { fr: string; nl: string; en?: string },
	languages: ContentLanguages
): { fr: string; nl: string; en?: string } {
	const onlyEnglish = !value.fr.trim() && !value.nl.trim();
	return (languages.includes('en') || onlyEnglish) && value.en?.trim()
		? { fr: value.fr, nl: value.nl, en: value.en }
		: { fr: value.fr, nl: value.nl };
}

function hasText(value: { fr: string; nl: string; en?: string }): boolean {
	return value.fr.trim() !== '' || value.nl.trim() !== '' || !!value.en?.trim();
}

class Builder implements BuildContext {
	readonly items: ReviewItem[] = [];
	order: OrderEntry[] = [];

	constructor(
		private readonly edits: RestitutionEdits,
		readonly namesListed: boolean,
		private readonly consenting: ReadonlySet<number>,
		private readonly languages: ContentLanguages
	) {}

	everywhere(text: string): LocalizedText {
		return everywhere(text, this.languages);
	}

	bilingual(
		key: string,
		section: string,
		original: { fr: string; nl: string; en?: string },
		extra: ReviewExtra = {}
	): LocalizedText | null {
		const edit: ItemEdit | undefined = this.edits.items.get(key);
		// English as rephrased (a content language), else as written.
		const en = edit?.en ?? original.en;
		const current: LocalizedText = {
			fr: edit?.fr ?? edit?.text ?? original.fr,
			nl: edit?.nl ?? edit?.text ?? original.nl,
			// Typed in English: printed as written until someone writes French or Dutch.
			...(en?.trim() ? { en } : {})
		};
		const hidden = edit?.hidden === true;
		this.items.push({
			key,
			section,
			kind: 'bilingual',
			original: {
				fr: original.fr,
				nl: original.nl,
				...(original.en?.trim() ? { en: original.en } : {})
			},
			current,
			hidden,
			edited: edit !== undefined,
			...extra
		});
		return hidden || !hasText(current) ? null : current;
	}

	single(key: string, section: string, original: string, extra: ReviewExtra = {}): string | null {
		const edit = this.edits.items.get(key);
		const current = edit?.text ?? edit?.fr ?? edit?.nl ?? original;
		const hidden = edit?.hidden === true;
		this.items.push({
			key,
			section,
			kind: 'single',
			original: { text: original },
			current: { text: current },
			hidden,
			edited: edit !== undefined,
			...extra
		});
		return hidden || current.trim() === '' ? null : current;
	}

	consented(participantId: number): boolean {
		return this.consenting.has(participantId);
	}

	ordered(ids: readonly number[]): number[] {
		return orderedIds(ids, this.edits.tableOrder);
	}

	setOrder(entries: OrderEntry[]): void {
		this.order = entries;
	}
}

// ---------------------------------------------------------------------------------------------
// The document's own sections
// ---------------------------------------------------------------------------------------------

function buildHeader(
	source: RestitutionSource,
	edits: RestitutionEdits,
	languages: ContentLanguages
): { header: Restitution['header']; defaultOrganiser: LocalizedText | undefined } {
	const { concertation } = source;
	const seriesTitle =
		source.series && hasText(source.series.title)
			? inLanguages(source.series.title, languages)
			: null;
	// Who organises, as far as the data says; nothing rather than a made-up placeholder.
	const defaultOrganiser: LocalizedText | undefined =
		source.branding && hasText(source.branding.organiser)
			? bilingual(inLanguages(source.branding.organiser, languages))
			: seriesTitle
				? bilingual(seriesTitle)
				: concertation.contact.name.trim()
					? everywhere(concertation.contact.name, languages)
					: undefined;
	const organiser = edits.organiser ?? defaultOrganiser;
	const logoSource = source.branding?.logo;
	const logoType = logoSource ? sniffImage(logoSource.bytes) : null;
	const theme = hasText(concertation.title)
		? bilingual(inLanguages(concertation.title, languages))
		: everywhere('—', languages);
	const header: Restitution['header'] = {
		theme,
		number: concertation.number,
		date: concertation.date,
		place: concertation.place
	};
	if (organiser) header.organiser = organiser;
	if (seriesTitle) header.series = bilingual(seriesTitle);
	if (/^([01]\d|2[0-3]):[0-5]\d$/.test(concertation.startTime))
		header.startTime = concertation.startTime;
	if (logoSource && logoType && logoType === logoSource.mediaType) {
		header.logo = {
			mediaType: logoType,
			base64: Buffer.from(logoSource.bytes).toString('base64'),
			alt: printedLine(
				organiser ?? theme,
				documentLanguages({ languages: modelLanguages(languages) })
			)
		};
	}
	return { header, defaultOrganiser };
}

/** Everyone counted; sectors and names of consenting participants only. */
function buildAttendance(
	source: RestitutionSource,
	builder: Builder,
	consenting: readonly SourceParticipant[],
	languages: ContentLanguages
): Restitution['attendance'] {
	const sectorCounts = new Map<string | null, number>();
	for (const participant of consenting) {
		const sector = source.sectors.some((s) => s.id === participant.sector)
			? participant.sector
			: null;
		sectorCounts.set(sector, (sectorCounts.get(sector) ?? 0) + 1);
	}
	const sectors: Restitution['attendance']['sectors'] = [];
	const sectorOrder = [...source.sectors.map((s) => s.id), null];
	const sortedSectors = [...sectorCounts.entries()].sort(
		(a, b) => b[1] - a[1] || sectorOrder.indexOf(a[0]) - sectorOrder.indexOf(b[0])
	);
	for (const [sectorId, count] of sortedSectors) {
		const sector = source.sectors.find((s) => s.id === sectorId);
		const original = inLanguages(
			sector ?? { fr: 'Non précisé', nl: 'Niet opgegeven', en: 'Not specified' },
			languages
		);
		const label = builder.bilingual(`sector:${sectorId ?? 'none'}`, 'sectors', original);
		if (label) sectors.push({ label, count });
	}
	const people: Restitution['attendance']['people'] = [];
	for (const participant of [...(builder.namesListed ? consenting : [])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName, 'fr')
	)) {
		const name = builder.single(`person:${participant.id}`, 'people', participant.displayName);
		if (!name) continue;
		const organisation = participant.organisation.trim();
		people.push(organisation ? { name, organisation } : { name });
	}
	return { participants: source.participants.length, sectors, people };
}

/**
 * Each part of a meeting in several parts: everyone present counted; names as the attendance
 * list prints them (consenting, names switched on, the coordinators' rewording or hiding of
 * a name applied), without listing the names a second time on the review page.
 */
function buildMeetingParts(
	source: RestitutionSource,
	edits: RestitutionEdits,
	namesListed: boolean,
	consenting: readonly SourceParticipant[],
	languages: ContentLanguages
): Restitution['meetingParts'] {
	if (!source.meetingParts || source.meetingParts.length === 0) return undefined;
	const printed = new Map<number, Person>();
	if (namesListed)
		for (const participant of consenting) {
			const edit = edits.items.get(`person:${participant.id}`);
			if (edit?.hidden === true) continue;
			const name = (edit?.text ?? edit?.fr ?? edit?.nl ?? participant.displayName).trim();
			if (!name) continue;
			const organisation = participant.organisation.trim();
			printed.set(participant.id, organisation ? { name, organisation } : { name });
		}
	const time = (value: string) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : undefined);
	return source.meetingParts.map((part) => {
		const summary: NonNullable<Restitution['meetingParts']>[number] = {
			number: part.number,
			title: part.title.en ? part.title : { fr: part.title.fr, nl: part.title.nl },
			date: part.date,
			steps: part.steps.map((step) => inLanguages(step, languages)),
			present: part.attendees.length,
			people: part.attendees
				.map((id) => printed.get(id))
				.filter((person): person is Person => person !== undefined)
				.sort((a, b) => a.name.localeCompare(b.name, 'fr'))
		};
		const start = time(part.startTime);
		const end = start ? time(part.endTime) : undefined;
		if (start) summary.startTime = start;
		if (end) summary.endTime = end;
		if (part.place.trim()) summary.place = part.place.trim();
		if (part.link.trim()) summary.link = part.link.trim();
		return summary;
	});
}

/** The contact as printed (the coordinators' override, else the concertation's) and its default. */
function buildContact(source: RestitutionSource, edits: RestitutionEdits) {
	const { contact: stored } = source.concertation;
	const defaultContact: NonNullable<Restitution['contact']> = {};
	if (stored.name.trim()) defaultContact.name = stored.name;
	if (stored.email.trim()) defaultContact.email = stored.email;
	if (stored.phone.trim()) defaultContact.phone = stored.phone;
	return { contact: edits.contact ?? defaultContact, defaultContact };
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

/**
 * The restitution of one concertation from its stored data, with the coordinators' edits
 * applied. Pure: the same source and edits always give the same model.
 */
export function buildRestitution(
	source: RestitutionSource,
	edits: RestitutionEdits = noEdits()
): BuiltRestitution {
	const consenting = source.participants.filter((participant) => participant.consentAttendance);
	const namesListed = edits.attendanceNames === true && !source.namesErased;
	const languages = source.concertation.languages ?? DEFAULT_CONTENT_LANGUAGES;
	const builder = new Builder(
		edits,
		namesListed,
		new Set(consenting.map((participant) => participant.id)),
		languages
	);
	const { header, defaultOrganiser } = buildHeader(source, edits, languages);
	const attendance = buildAttendance(source, builder, consenting, languages);
	// Each part in the model's order (and so its items on the review page).
	const sections = PARTS.map((part) => ({ part, section: part.build(source[part.kind], builder) }));
	const { contact, defaultContact } = buildContact(source, edits);
	const nextDates: NextDate[] = [...(edits.nextDates ?? [])].sort((a, b) =>
		(a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? ''))
	);

	// Written in the order the JSON export has always had: the document's required fields and
	// the parts' (those in `context`, then the top-level ones), then what may be absent.
	const context: Record<string, unknown> = {};
	const required: Record<string, unknown> = {};
	const optional: Record<string, unknown> = {};
	for (const { part, section } of sections) {
		if (section === undefined) continue;
		(part.in === 'context' ? context : part.optional ? optional : required)[part.kind] = section;
	}
	// The languages only when not French and Dutch: a French–Dutch export stays as it was.
	const chosen = modelLanguages(languages);
	const model: Record<string, unknown> = {
		...(chosen ? { languages: chosen } : {}),
		header,
		attendance,
		context,
		...required,
		nextDates,
		generatedAt: source.generatedAt,
		...optional
	};
	if (edits.introduction) model.introduction = edits.introduction;
	if (edits.conclusion) model.conclusion = edits.conclusion;
	if (Object.keys(contact).length > 0) model.contact = contact;
	if (edits.thanks) model.thanks = edits.thanks;
	const meetingParts = buildMeetingParts(source, edits, namesListed, consenting, languages);
	if (meetingParts) model.meetingParts = meetingParts;
	return {
		// The parts' sections are each its own kind's, as its protocol module declares.
		restitution: model as Restitution,
		items: builder.items,
		tableOrder: builder.order,
		attendanceNames: namesListed,
		defaults: { organiser: defaultOrganiser, contact: defaultContact }
	};
}
