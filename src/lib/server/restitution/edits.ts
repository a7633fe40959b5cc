/**
 * The coordinators' edits of a restitution, kept apart from the session's data: each edit is
 * one row of `restitution_edit` (key → JSON value), applied on top of the model built from
 * the raw data, and reset by deleting the row. Nothing here touches the raw data.
 *
 * Two kinds of keys:
 * - item keys name one printed thing by stable ids (never by position, which moves): the
 *   document's `sector:<sectorId>` and `person:<participantId>`, and those each part declares
 *   (`itemKeys` in `<kind>/restitution.ts`): `need:<id>`, `news:<id>`, `vote:<candidateId>`,
 *   `table:<tableId>:priority`, `table:<tableId>:note:<noteId>`,
 *   `table:<tableId>:justification`, `table:<tableId>:rapporteur`;
 *   their value hides the item or rephrases it (`text` for participant text, `fr`/`nl` for
 *   organiser text);
 * - document keys (`doc:…`) hold the coordinators' own texts and choices: introduction,
 *   conclusion, thanks, organiser, contact, next dates, the order of the tables, and whether
 *   the consented names are printed (`doc:attendanceNames`, off unless set).
 */
import { z } from 'zod';
import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguages } from '../../protocol';
import { fieldsNamed, requireSomeLanguage } from '../content-languages';
import { refusals, type Refusal } from '../errors';
import { cleanBlock, cleanLine } from '../text';
import {
	contactSchema,
	coordinatorTextSchema,
	localizedTextSchema,
	isoDateSchema,
	nextDateSchema,
	timeSchema,
	webLinkSchema,
	type Contact,
	type CoordinatorText,
	type LocalizedText,
	type NextDate
} from '../../protocol/summary';
import { PARTS } from './parts';

export const EDIT_LIMITS = {
	itemText: 2000,
	coordinatorText: 4000,
	line: 300,
	nextDates: 10,
	/** A next date's description, per language: a few lines, as on an invitation. */
	nextDateDescription: 500,
	link: 2000
} as const;

/** The document's item keys; each part adds its own. */
const DOCUMENT_ITEM_KEYS = [/sector:[A-Za-z0-9_-]{1,64}/, /person:\d{1,12}/];

const ITEM_KEY = new RegExp(
	`^(?:${[...DOCUMENT_ITEM_KEYS, ...PARTS.flatMap((part) => (part.itemKeys ? [part.itemKeys] : []))]
		.map((pattern) => pattern.source)
		.join('|')})$`
);

/** True for a well-formed item key (see the module comment). */
export function isItemKey(key: string): boolean {
	return ITEM_KEY.test(key);
}

export const itemKeySchema = z.string().max(100).refine(isItemKey, 'unknown item key');

/** How one item is changed: hidden, or rephrased (only the fields given are replaced). */
export const itemEditSchema = z
	.object({
		hidden: z.boolean().optional(),
		text: z.string().max(EDIT_LIMITS.itemText).optional(),
		fr: z.string().max(EDIT_LIMITS.itemText).optional(),
		nl: z.string().max(EDIT_LIMITS.itemText).optional(),
		/** English, where it is a content language. */
		en: z.string().max(EDIT_LIMITS.itemText).optional()
	})
	.strict();
export type ItemEdit = z.infer<typeof itemEditSchema>;

export const DOCUMENT_KEYS = [
	'doc:introduction',
	'doc:conclusion',
	'doc:thanks',
	'doc:organiser',
	'doc:contact',
	'doc:nextDates',
	'doc:tableOrder',
	'doc:attendanceNames'
] as const;
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];

const documentValueSchemas = {
	'doc:introduction': coordinatorTextSchema,
	'doc:conclusion': coordinatorTextSchema,
	'doc:thanks': localizedTextSchema,
	'doc:organiser': localizedTextSchema,
	'doc:contact': contactSchema,
	'doc:nextDates': z.array(nextDateSchema).max(EDIT_LIMITS.nextDates),
	'doc:tableOrder': z.array(z.number().int().positive()).max(200),
	'doc:attendanceNames': z.literal(true)
} as const;

/** Every edit of one restitution, parsed. */
export interface RestitutionEdits {
	items: Map<string, ItemEdit>;
	introduction?: CoordinatorText;
	conclusion?: CoordinatorText;
	thanks?: LocalizedText;
	organiser?: LocalizedText;
	contact?: Contact;
	nextDates?: NextDate[];
	/** Table ids in the order to print; tables not listed follow in their own order. */
	tableOrder?: number[];
	/**
	 * Print the names of the participants who consented to the attendance list (and the
	 * rapporteurs' names). Off unless a coordinator turns it on: the one-page summary gives
	 * counts and sectors, and attendance.csv gives the list.
	 */
	attendanceNames?: true;
}

export function noEdits(): RestitutionEdits {
	return { items: new Map() };
}

export interface StoredEdit {
	key: string;
	valueJson: string;
}

/**
 * Reads stored rows. A row that no longer parses (a key of a later version, hand-edited
 * database) is skipped rather than breaking the restitution: the raw data still prints.
 */
export function parseEdits(rows: readonly StoredEdit[]): RestitutionEdits {
	const edits = noEdits();
	for (const row of rows) {
		let value: unknown;
		try {
			value = JSON.parse(row.valueJson);
		} catch {
			continue;
		}
		if (isItemKey(row.key)) {
			const parsed = itemEditSchema.safeParse(value);
			if (parsed.success) edits.items.set(row.key, parsed.data);
			continue;
		}
		switch (row.key) {
			case 'doc:introduction':
			case 'doc:conclusion': {
				const parsed = coordinatorTextSchema.safeParse(value);
				if (parsed.success)
					edits[row.key === 'doc:introduction' ? 'introduction' : 'conclusion'] = parsed.data;
				break;
			}
			case 'doc:thanks':
			case 'doc:organiser': {
				const parsed = localizedTextSchema.safeParse(value);
				if (parsed.success) edits[row.key === 'doc:thanks' ? 'thanks' : 'organiser'] = parsed.data;
				break;
			}
			case 'doc:contact': {
				const parsed = contactSchema.safeParse(value);
				if (parsed.success) edits.contact = parsed.data;
				break;
			}
			case 'doc:nextDates': {
				const parsed = documentValueSchemas['doc:nextDates'].safeParse(value);
				if (parsed.success) edits.nextDates = parsed.data;
				break;
			}
			case 'doc:tableOrder': {
				const parsed = documentValueSchemas['doc:tableOrder'].safeParse(value);
				if (parsed.success) edits.tableOrder = parsed.data;
				break;
			}
			case 'doc:attendanceNames': {
				const parsed = documentValueSchemas['doc:attendanceNames'].safeParse(value);
				if (parsed.success) edits.attendanceNames = parsed.data;
				break;
			}
		}
	}
	return edits;
}

// ---------------------------------------------------------------------------------------------
// Input from the review page: cleaned and validated into a stored value
// ---------------------------------------------------------------------------------------------

/** The item's new state as the coordinator typed it; '' means "keep the original". */
export interface ItemEditInput {
	hidden: boolean;
	text?: string;
	fr?: string;
	nl?: string;
	en?: string;
}

/**
 * Cleans an item edit. Null: the edit changes nothing (not hidden, no new text), so the stored
 * row should be deleted — the same as a reset.
 */
export function normaliseItemEdit(input: ItemEditInput): ItemEdit | null {
	const edit: ItemEdit = {};
	if (input.hidden) edit.hidden = true;
	for (const field of ['text', 'fr', 'nl', 'en'] as const) {
		const value = cleanBlock(input[field] ?? '');
		if (value) edit[field] = value;
	}
	const parsed = itemEditSchema.parse(edit);
	return Object.keys(parsed).length === 0 ? null : parsed;
}

/** A coordinator text per language; null when all are empty (the row is deleted). */
export function normaliseCoordinatorText(fr: string, nl: string, en = ''): CoordinatorText | null {
	const value: CoordinatorText = {};
	const frText = cleanBlock(fr).slice(0, EDIT_LIMITS.coordinatorText);
	const nlText = cleanBlock(nl).slice(0, EDIT_LIMITS.coordinatorText);
	const enText = cleanBlock(en).slice(0, EDIT_LIMITS.coordinatorText);
	if (frText) value.fr = frText;
	if (nlText) value.nl = nlText;
	if (enText) value.en = enText;
	return Object.keys(value).length === 0 ? null : value;
}

/** Organiser text on one line per language (`en` only when written); null when all are empty. */
export function normaliseLocalizedLine(fr: string, nl: string, en = ''): LocalizedText | null {
	const value: LocalizedText = {
		fr: cleanLine(fr).slice(0, EDIT_LIMITS.line),
		nl: cleanLine(nl).slice(0, EDIT_LIMITS.line)
	};
	const enText = cleanLine(en).slice(0, EDIT_LIMITS.line);
	if (enText) value.en = enText;
	return value.fr || value.nl || value.en ? value : null;
}

export function normaliseContact(input: Contact): Contact | null {
	const value: Contact = {};
	for (const field of ['name', 'email', 'phone'] as const) {
		const text = cleanLine(input[field] ?? '').slice(0, EDIT_LIMITS.line);
		if (text) value[field] = text;
	}
	return Object.keys(value).length === 0 ? null : contactSchema.parse(value);
}

/** What a form or the API gives for a next date: every field as typed, empty when left out. */
export interface NextDateInput {
	fr: string;
	nl: string;
	/** English, where it is a content language. */
	en?: string;
	date: string;
	time: string;
	endTime?: string;
	place: string;
	link?: string;
	descriptionFr?: string;
	descriptionNl?: string;
	descriptionEn?: string;
}

const refuseDate: Refusal = refusals('restitution');

const dateText = z.string().max(20_000).default('');
/** A next date as the JSON API takes it (`POST …/next-dates`, `PUT …/next-dates/<index>`). */
export const nextDateBodySchema = z
	.object({
		labelFr: dateText,
		labelNl: dateText,
		date: z.string().max(20),
		time: dateText,
		endTime: dateText,
		place: dateText,
		link: dateText,
		descriptionFr: dateText,
		descriptionNl: dateText,
		/** English, where it is a content language ('' or left out: none). */
		labelEn: dateText,
		descriptionEn: dateText
	})
	.strict();

/** The JSON body's names as the domain takes them. */
export function nextDateInputOf(body: z.infer<typeof nextDateBodySchema>): NextDateInput {
	return {
		fr: body.labelFr,
		nl: body.labelNl,
		date: body.date,
		time: body.time,
		endTime: body.endTime,
		place: body.place,
		link: body.link,
		descriptionFr: body.descriptionFr,
		descriptionNl: body.descriptionNl,
		en: body.labelEn,
		descriptionEn: body.descriptionEn
	};
}

/**
 * A next date from what was typed, or a translated refusal naming the field (so that the
 * form points at it): a real date, times as HH:MM, an end after the start, and a link that
 * is an http or https address.
 */
export function normaliseNextDate(
	input: NextDateInput,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): NextDate {
	const label = normaliseLocalizedLine(input.fr, input.nl, input.en) ?? { fr: '', nl: '' };
	// Its label in a content language (French or Dutch for a French–Dutch concertation).
	requireSomeLanguage(
		label,
		languages,
		{ namespace: 'restitution', code: 'nextDate_label', field: fieldsNamed('label')[languages[0]] },
		['fr', 'nl']
	);
	const date = input.date.trim();
	if (!isoDateSchema.safeParse(date).success) refuseDate('nextDate_date', { field: 'date' });
	const value: NextDate = { label, date };
	const time = input.time.trim();
	const endTime = (input.endTime ?? '').trim();
	if (time && !timeSchema.safeParse(time).success) refuseDate('nextDate_time', { field: 'time' });
	if (endTime && !timeSchema.safeParse(endTime).success)
		refuseDate('nextDate_time', { field: 'endTime' });
	if (endTime && !time) refuseDate('nextDate_endWithoutStart', { field: 'time' });
	if (endTime && endTime <= time) refuseDate('nextDate_endBeforeStart', { field: 'endTime' });
	if (time) value.time = time;
	if (endTime) value.endTime = endTime;
	const place = cleanLine(input.place).slice(0, EDIT_LIMITS.line);
	if (place) value.place = place;
	const link = cleanLine(input.link ?? '');
	if (link) {
		if (link.length > EDIT_LIMITS.link || !webLinkSchema.safeParse(link).success)
			refuseDate('nextDate_link', { field: 'link' });
		value.link = new URL(link).href;
	}
	const description: CoordinatorText = {};
	for (const [language, raw] of [
		['fr', input.descriptionFr],
		['nl', input.descriptionNl],
		['en', input.descriptionEn]
	] as const) {
		const text = cleanBlock(raw ?? '');
		if (text.length > EDIT_LIMITS.nextDateDescription)
			refuseDate('nextDate_description', {
				field: fieldsNamed('description')[language],
				count: EDIT_LIMITS.nextDateDescription
			});
		if (text) description[language] = text;
	}
	if (description.fr || description.nl || description.en) value.description = description;
	return nextDateSchema.parse(value);
}

/** Moves one table up or down in an order that lists every table id once. */
export function moveInOrder(
	order: readonly number[],
	id: number,
	direction: 'up' | 'down'
): number[] {
	const next = [...order];
	const index = next.indexOf(id);
	if (index < 0) return next;
	const target = direction === 'up' ? index - 1 : index + 1;
	if (target < 0 || target >= next.length) return next;
	next.splice(index, 1);
	next.splice(target, 0, id);
	return next;
}

/** The ids in the order to print: the stored order first, then the rest as they came. */
export function orderedIds(ids: readonly number[], order: readonly number[] | undefined): number[] {
	if (!order) return [...ids];
	const known = new Set(ids);
	const listed = order.filter((id, index) => known.has(id) && order.indexOf(id) === index);
	const listedSet = new Set(listed);
	return [...listed, ...ids.filter((id) => !listedSet.has(id))];
}
