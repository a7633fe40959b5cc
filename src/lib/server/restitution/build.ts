/**
 * Builds the restitution from what a session stored: a pure function of plain data (the
 * loader in source.ts reads it from SQLite), then the coordinators' edits on top.
 *
 * Privacy rule, applied here and nowhere else: the number of participants counts everyone
 * who took part (a number names nobody, and the vote's turnout prints it anyway), but
 * sectors and names come only from participants who consented to the attendance list, and
 * a rapporteur is named
 * only when they consented too. Names are printed at all only when the coordinators turned
 * the list on (`doc:attendanceNames`); by default the summary has counts and sectors only.
 * Everything else a participant typed is anonymous.
 */
import type { SourceNeed, SourceNews, SourceVote, SourceVoteEntry } from '../ports';
import type { ItemEdit, RestitutionEdits } from './edits';
import { noEdits, orderedIds } from './edits';
import type {
	ContentLanguage,
	ContributionItem,
	DiscussionTable,
	Label,
	LocalizedText,
	NextDate,
	RankedPriority,
	Restitution,
	TableCategory
} from './model';
import { CONTENT_LANGUAGES, TABLE_CATEGORIES, printableLine, sniffImage } from './model';

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
}

export interface SourceTableItem {
	id: number;
	text: string;
	key: boolean;
	language: string;
}

export interface SourceTable {
	id: number;
	name: string;
	priority: { fr: string; nl: string };
	barriers: SourceTableItem[];
	levers: SourceTableItem[];
	collaborations: SourceTableItem[];
	actors: SourceTableItem[];
	rapporteur: string | null;
	rapporteurParticipantId: number | null;
	justification: string;
}

export interface RestitutionSource {
	concertation: {
		title: { fr: string; nl: string };
		number: string;
		date: string;
		startTime: string;
		place: string;
		contact: { name: string; email: string; phone: string };
	};
	series: { title: { fr: string; nl: string } } | null;
	/** The series' organiser and logo, when set. */
	branding: {
		organiser: { fr: string; nl: string };
		logo: { mediaType: string; bytes: Uint8Array } | null;
	} | null;
	sectors: SourceSector[];
	participants: SourceParticipant[];
	/**
	 * The participants were anonymised: their names are placeholders and are never printed,
	 * whatever the names switch says; counts and sectors stay.
	 */
	namesErased: boolean;
	needs: SourceNeed[];
	news: SourceNews[];
	vote: SourceVote | null;
	tables: SourceTable[];
	/** ISO 8601 with offset. */
	generatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// What the review page edits
// ---------------------------------------------------------------------------------------------

export type ReviewSection =
	| 'sectors'
	| 'people'
	| 'needs'
	| 'news'
	| 'vote'
	| 'tablePriority'
	| 'tableItem'
	| 'rapporteur'
	| 'justification';

/** One editable thing of the restitution, with its original and its current state. */
export interface ReviewItem {
	key: string;
	section: ReviewSection;
	/** For table parts: the table's id and the item's category. */
	tableId?: number;
	category?: TableCategory;
	/** 'bilingual': organiser text, edited as fr + nl; 'single': participant text. */
	kind: 'bilingual' | 'single';
	original: { fr: string; nl: string } | { text: string };
	/** After the edit (the original when not rephrased). */
	current: { fr: string; nl: string } | { text: string };
	hidden: boolean;
	edited: boolean;
	/** Marked as key by the table (table items only). */
	keyItem?: boolean;
}

export interface BuiltRestitution {
	restitution: Restitution;
	/** Every editable item in document order, hidden ones included. */
	items: ReviewItem[];
	/** The tables in print order, for the order controls. */
	tableOrder: { id: number; name: string; priority: { fr: string; nl: string } }[];
	/** Whether the consented names are printed (the `doc:attendanceNames` switch). */
	attendanceNames: boolean;
	/** What the coordinators can change in the document as a whole, with the defaults shown. */
	defaults: {
		organiser?: LocalizedText;
		contact: { name?: string; email?: string; phone?: string };
	};
}

// ---------------------------------------------------------------------------------------------
// The builder
// ---------------------------------------------------------------------------------------------

function contentLanguage(value: string | undefined): ContentLanguage | undefined {
	return CONTENT_LANGUAGES.find((language) => language === value);
}

function bilingual(value: { fr: string; nl: string }): LocalizedText {
	return { fr: value.fr, nl: value.nl };
}

function hasText(value: { fr: string; nl: string; en?: string }): boolean {
	return value.fr.trim() !== '' || value.nl.trim() !== '' || !!value.en?.trim();
}

class ItemCollector {
	readonly items: ReviewItem[] = [];
	constructor(private readonly edits: RestitutionEdits) {}

	/** Organiser text: returns the text to print, or null when hidden. */
	bilingual(
		key: string,
		section: ReviewSection,
		original: { fr: string; nl: string; en?: string },
		extra: Partial<ReviewItem> = {}
	): LocalizedText | null {
		const edit: ItemEdit | undefined = this.edits.items.get(key);
		const current: LocalizedText = {
			fr: edit?.fr ?? edit?.text ?? original.fr,
			nl: edit?.nl ?? edit?.text ?? original.nl,
			// Typed in English: printed as written until someone writes French or Dutch.
			...(original.en?.trim() ? { en: original.en } : {})
		};
		const hidden = edit?.hidden === true;
		this.items.push({
			key,
			section,
			kind: 'bilingual',
			original: { fr: original.fr, nl: original.nl },
			current,
			hidden,
			edited: edit !== undefined,
			...extra
		});
		return hidden || !hasText(current) ? null : current;
	}

	/** Participant text: returns the text to print, or null when hidden. */
	single(
		key: string,
		section: ReviewSection,
		original: string,
		extra: Partial<ReviewItem> = {}
	): string | null {
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
}

function voteLabel(
	collector: ItemCollector,
	entry: SourceVoteEntry
): { label: Label | null; key: string } {
	const key = `vote:${entry.candidateId}`;
	if ('text' in entry.label) {
		const text = collector.single(key, 'vote', entry.label.text);
		const language = contentLanguage(entry.label.language);
		return { key, label: text === null ? null : language ? { text, language } : { text } };
	}
	return { key, label: collector.bilingual(key, 'vote', entry.label) };
}

/**
 * The restitution of one concertation from its stored data, with the coordinators' edits
 * applied. Pure: the same source and edits always give the same model.
 */
export function buildRestitution(
	source: RestitutionSource,
	edits: RestitutionEdits = noEdits()
): BuiltRestitution {
	const collector = new ItemCollector(edits);
	const { concertation } = source;

	// Header ------------------------------------------------------------------------------------
	const seriesTitle = source.series && hasText(source.series.title) ? source.series.title : null;
	// Who organises, as far as the data says; nothing rather than a made-up placeholder.
	const defaultOrganiser: LocalizedText | undefined =
		source.branding && hasText(source.branding.organiser)
			? bilingual(source.branding.organiser)
			: seriesTitle
				? bilingual(seriesTitle)
				: concertation.contact.name.trim()
					? { fr: concertation.contact.name, nl: concertation.contact.name }
					: undefined;
	const organiser = edits.organiser ?? defaultOrganiser;
	const logoSource = source.branding?.logo;
	const logoType = logoSource ? sniffImage(logoSource.bytes) : null;
	const theme = hasText(concertation.title) ? bilingual(concertation.title) : { fr: '—', nl: '—' };
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
			alt: printableLine(organiser ?? theme)
		};
	}

	// Attendance: everyone counted; sectors and names of consenting participants only -----------
	const consenting = source.participants.filter((participant) => participant.consentAttendance);
	const consentingIds = new Set(consenting.map((participant) => participant.id));
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
		const original = sector
			? { fr: sector.fr, nl: sector.nl }
			: { fr: 'Non précisé', nl: 'Niet opgegeven' };
		const label = collector.bilingual(`sector:${sectorId ?? 'none'}`, 'sectors', original);
		if (label) sectors.push({ label, count });
	}
	const people: Restitution['attendance']['people'] = [];
	const namesListed = edits.attendanceNames === true && !source.namesErased;
	for (const participant of [...(namesListed ? consenting : [])].sort((a, b) =>
		a.displayName.localeCompare(b.displayName, 'fr')
	)) {
		const name = collector.single(`person:${participant.id}`, 'people', participant.displayName);
		if (!name) continue;
		const organisation = participant.organisation.trim();
		people.push(organisation ? { name, organisation } : { name });
	}

	// Context -------------------------------------------------------------------------------------
	const needs: Restitution['context']['needs'] = [];
	for (const need of [...source.needs].sort((a, b) => b.count - a.count)) {
		const label = collector.bilingual(`need:${need.id}`, 'needs', need.label);
		if (label) needs.push({ label, count: need.count });
	}
	const news: Restitution['context']['news'] = [];
	for (const item of source.news) {
		const title = collector.bilingual(`news:${item.id}`, 'news', item.title);
		if (!title) continue;
		news.push(
			item.date && /^\d{4}-\d{2}-\d{2}$/.test(item.date) ? { title, date: item.date } : { title }
		);
	}

	// Vote ----------------------------------------------------------------------------------------
	let vote: Restitution['vote'];
	if (source.vote && source.vote.entries.length > 0) {
		const priorities: RankedPriority[] = [];
		for (const entry of source.vote.entries) {
			const { label } = voteLabel(collector, entry);
			if (!label) continue;
			const priority: RankedPriority = {
				label,
				points: entry.points,
				rank: entry.rank,
				tied: entry.tied
			};
			if (entry.selected) priority.selected = true;
			priorities.push(priority);
		}
		vote = { voters: source.vote.voters, present: source.vote.present, priorities };
	}

	// Tables --------------------------------------------------------------------------------------
	const tablesById = new Map(source.tables.map((table) => [table.id, table]));
	const order = orderedIds(
		source.tables.map((table) => table.id),
		edits.tableOrder
	);
	const tables: DiscussionTable[] = [];
	const tableOrder: BuiltRestitution['tableOrder'] = [];
	for (const id of order) {
		const table = tablesById.get(id);
		if (!table) continue;
		tableOrder.push({ id, name: table.name, priority: bilingual(table.priority) });
		const priority = collector.bilingual(`table:${id}:priority`, 'tablePriority', table.priority, {
			tableId: id
		});
		const built: DiscussionTable = {
			name: table.name,
			priority: priority ?? { fr: '—', nl: '—' },
			barriers: [],
			levers: [],
			collaborations: [],
			actors: []
		};
		for (const category of TABLE_CATEGORIES) {
			const items = [...table[category]].sort((a, b) => Number(b.key) - Number(a.key));
			for (const item of items) {
				const text = collector.single(`table:${id}:note:${item.id}`, 'tableItem', item.text, {
					tableId: id,
					category,
					keyItem: item.key
				});
				if (!text) continue;
				const contribution: ContributionItem = { text, key: item.key };
				const language = contentLanguage(item.language);
				if (language) contribution.language = language;
				built[category].push(contribution);
			}
		}
		// A rapporteur is named only with their consent, and only when names are printed at all;
		// an unknown participant is not named.
		if (
			namesListed &&
			table.rapporteur &&
			table.rapporteurParticipantId !== null &&
			consentingIds.has(table.rapporteurParticipantId)
		) {
			const rapporteur = collector.single(
				`table:${id}:rapporteur`,
				'rapporteur',
				table.rapporteur,
				{
					tableId: id
				}
			);
			if (rapporteur) built.rapporteur = rapporteur;
		}
		if (table.justification.trim()) {
			const text = collector.single(
				`table:${id}:justification`,
				'justification',
				table.justification,
				{ tableId: id }
			);
			if (text) built.justification = { text };
		}
		tables.push(built);
	}

	// Coordinators' texts ------------------------------------------------------------------------
	const defaultContact: Restitution['contact'] = {};
	if (concertation.contact.name.trim()) defaultContact.name = concertation.contact.name;
	if (concertation.contact.email.trim()) defaultContact.email = concertation.contact.email;
	if (concertation.contact.phone.trim()) defaultContact.phone = concertation.contact.phone;
	const contact = edits.contact ?? defaultContact;
	const nextDates: NextDate[] = [...(edits.nextDates ?? [])].sort((a, b) =>
		(a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? ''))
	);

	const restitution: Restitution = {
		header,
		attendance: { participants: source.participants.length, sectors, people },
		context: { needs, news },
		tables,
		nextDates,
		generatedAt: source.generatedAt
	};
	if (vote) restitution.vote = vote;
	if (edits.introduction) restitution.introduction = edits.introduction;
	if (edits.conclusion) restitution.conclusion = edits.conclusion;
	if (Object.keys(contact).length > 0) restitution.contact = contact;
	if (edits.thanks) restitution.thanks = edits.thanks;
	return {
		restitution,
		items: collector.items,
		tableOrder,
		attendanceNames: namesListed,
		defaults: { organiser: defaultOrganiser, contact: defaultContact }
	};
}
