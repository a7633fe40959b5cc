/**
 * The coordinators' changes to a restitution: each in one transaction with its audit entry,
 * authorised (facilitator, or coordinator of the concertation's series), and stored as an
 * edit row — the session's own data is never written.
 */

import { parseContentLanguages } from '../../protocol';
import type { DocumentTexts } from '../../protocol/summary';
import type { RestitutionDb, RestitutionTx } from './schema';
import { nowIso } from '../db';
import type { Concertation, Facilitator } from '../db/schema';
import { DomainError } from '../errors';
import { announceChange } from '../realtime/commands';
import { accountCanReview, audit } from './access';
import {
	DOCUMENT_KEYS,
	EDIT_LIMITS,
	itemKeySchema,
	moveInOrder,
	normaliseContact,
	normaliseCoordinatorText,
	normaliseItemEdit,
	normaliseLocalizedLine,
	normaliseNextDate,
	type NextDateInput,
	orderedIds,
	type DocumentKey,
	type ItemEditInput
} from './edits';
import { nextDateKey, nextDateScope } from './next-dates';
import { loadEdits } from './source';
import { discussionTableOutcomes } from '../ports';

async function requireReviewer(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation
) {
	if (!(await accountCanReview(db, account, concertation))) throw new DomainError('forbidden');
}

async function writeEdit(
	tx: RestitutionTx,
	concertationId: number,
	account: Facilitator,
	key: string,
	value: unknown
): Promise<void> {
	if (value === null) {
		await tx
			.deleteFrom('restitution_edit')
			.where('concertation_id', '=', concertationId)
			.where('item_key', '=', key)
			.execute();
		return;
	}
	const row = {
		value_json: JSON.stringify(value),
		updated_by: account.id,
		updated_at: nowIso()
	};
	await tx
		.insertInto('restitution_edit')
		.values({ concertation_id: concertationId, item_key: key, ...row })
		.onConflict((oc) => oc.columns(['concertation_id', 'item_key']).doUpdateSet(row))
		.execute();
}

async function change(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	type: string,
	payload: Record<string, unknown>,
	run: (tx: RestitutionTx) => Promise<void>
): Promise<void> {
	await requireReviewer(db, account, concertation);
	await db.transaction().execute(async (tx) => {
		await run(tx);
		await audit(tx, concertation.id, account, type, payload);
	});
	// Committed: the closing screen and the phones read the next dates and the thanks from the
	// edits (the `screen` section), so an open projector or phone gets them at once.
	announceChange(concertation.id, ['screen'], concertation.version);
}

/** Hides or rephrases one item; an edit that changes nothing resets it. */
export async function editItem(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	rawKey: string,
	input: ItemEditInput
): Promise<void> {
	const key = itemKeySchema.parse(rawKey);
	const value = normaliseItemEdit(input);
	await change(db, account, concertation, 'restitution.item', { key }, (tx) =>
		writeEdit(tx, concertation.id, account, key, value)
	);
}

/** Back to the raw data for one key (an item or a document setting). */
export async function resetEdit(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	key: string
): Promise<void> {
	const valid =
		itemKeySchema.safeParse(key).success || (DOCUMENT_KEYS as readonly string[]).includes(key);
	if (!valid) throw new DomainError('invalid', { detail: 'key' });
	await change(db, account, concertation, 'restitution.reset', { key }, (tx) =>
		writeEdit(tx, concertation.id, account, key, null)
	);
}

/** Back to the raw data for everything, coordinator texts included. */
export async function resetAllEdits(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation
): Promise<void> {
	await change(db, account, concertation, 'restitution.resetAll', {}, async (tx) => {
		await tx
			.deleteFrom('restitution_edit')
			.where('concertation_id', '=', concertation.id)
			.execute();
	});
}

/**
 * The coordinators' texts as the review page's form sends them; the English ones may be left
 * out (a script of before), which keeps what is stored in English.
 */
export type DocumentTextsInput = Omit<
	DocumentTexts,
	'introductionEn' | 'conclusionEn' | 'thanksEn' | 'organiserEn'
> &
	Partial<Pick<DocumentTexts, 'introductionEn' | 'conclusionEn' | 'thanksEn' | 'organiserEn'>>;

/** The coordinators' own texts; an emptied field goes back to the default. */
export async function saveDocumentTexts(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	input: DocumentTextsInput
): Promise<void> {
	await change(db, account, concertation, 'restitution.texts', {}, async (tx) => {
		const stored = await loadEdits(tx, concertation.id);
		const values: [DocumentKey, unknown][] = [
			[
				'doc:introduction',
				normaliseCoordinatorText(
					input.introductionFr,
					input.introductionNl,
					input.introductionEn ?? stored.introduction?.en
				)
			],
			[
				'doc:conclusion',
				normaliseCoordinatorText(
					input.conclusionFr,
					input.conclusionNl,
					input.conclusionEn ?? stored.conclusion?.en
				)
			],
			[
				'doc:thanks',
				normaliseLocalizedLine(input.thanksFr, input.thanksNl, input.thanksEn ?? stored.thanks?.en)
			],
			[
				'doc:organiser',
				normaliseLocalizedLine(
					input.organiserFr,
					input.organiserNl,
					input.organiserEn ?? stored.organiser?.en
				)
			],
			[
				'doc:contact',
				normaliseContact({
					name: input.contactName,
					email: input.contactEmail,
					phone: input.contactPhone
				})
			]
		];
		for (const [key, value] of values) await writeEdit(tx, concertation.id, account, key, value);
	});
}

export async function addNextDate(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	input: NextDateInput
): Promise<void> {
	const nextDate = normaliseNextDate(input, parseContentLanguages(concertation.languages));
	await change(db, account, concertation, 'restitution.nextDate.add', {}, async (tx) => {
		const current = (await loadEdits(tx, concertation.id)).nextDates ?? [];
		if (current.length >= EDIT_LIMITS.nextDates)
			throw new DomainError('invalid', { detail: `≤ ${EDIT_LIMITS.nextDates}` });
		await writeEdit(tx, concertation.id, account, 'doc:nextDates', [...current, nextDate]);
	});
}

/**
 * Replaces the next date at `index` of the printed (date-sorted) list by what was typed, with
 * the same rules as a new one; nothing is written when a field is refused. Its calendar key
 * follows its new day, time and label (next-dates.ts), so a calendar that added it before gets
 * the changed date as a new event.
 */
export async function updateNextDate(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	index: number,
	input: NextDateInput
): Promise<void> {
	const nextDate = normaliseNextDate(input, parseContentLanguages(concertation.languages));
	await change(db, account, concertation, 'restitution.nextDate.edit', { index }, async (tx) => {
		const current = [...((await loadEdits(tx, concertation.id)).nextDates ?? [])].sort((a, b) =>
			(a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? ''))
		);
		if (!Number.isInteger(index) || index < 0 || index >= current.length)
			throw new DomainError('not_found');
		const before = current[index]!;
		current[index] = { ...nextDate, uid: nextDateKey(nextDateScope(concertation), before) };
		await writeEdit(tx, concertation.id, account, 'doc:nextDates', current);
	});
}

/** Removes the next date at `index` of the printed (date-sorted) list. */
export async function removeNextDate(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	index: number
): Promise<void> {
	await change(db, account, concertation, 'restitution.nextDate.remove', { index }, async (tx) => {
		const current = [...((await loadEdits(tx, concertation.id)).nextDates ?? [])].sort((a, b) =>
			(a.date + (a.time ?? '')).localeCompare(b.date + (b.time ?? ''))
		);
		if (!Number.isInteger(index) || index < 0 || index >= current.length)
			throw new DomainError('not_found');
		current.splice(index, 1);
		await writeEdit(
			tx,
			concertation.id,
			account,
			'doc:nextDates',
			current.length > 0 ? current : null
		);
	});
}

export async function moveTable(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	tableId: number,
	direction: 'up' | 'down'
): Promise<void> {
	await change(db, account, concertation, 'restitution.tableOrder', { tableId }, async (tx) => {
		const ids = (await discussionTableOutcomes(tx, concertation.id)).map((table) => table.id);
		if (!ids.includes(tableId)) throw new DomainError('not_found');
		const order = orderedIds(ids, (await loadEdits(tx, concertation.id)).tableOrder);
		await writeEdit(
			tx,
			concertation.id,
			account,
			'doc:tableOrder',
			moveInOrder(order, tableId, direction)
		);
	});
}

/**
 * Prints the consented names (and rapporteurs) or not. Off is the default, so turning it off
 * deletes the row: the same as a reset.
 */
export async function setAttendanceNames(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	listed: boolean
): Promise<void> {
	await change(db, account, concertation, 'restitution.attendanceNames', { listed }, (tx) =>
		writeEdit(tx, concertation.id, account, 'doc:attendanceNames', listed ? true : null)
	);
}
