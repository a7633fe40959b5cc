/**
 * Series of concertations, as the restitution needs them: which concertations belong to a
 * series, which coordinators follow it (and so may read, edit and export its restitutions),
 * and the organiser's name and logo printed on every restitution of the series.
 * Managed by facilitators; coordinators only read.
 */
import { z } from 'zod';
import { requireFacilitatorAccount } from '../auth/actor';
import { emailSchema } from '../auth/facilitators';
import { nowIso, type Db } from '../db';
import type { Facilitator } from '../db/schema';
import { DomainError } from '../errors';
import { cleanLine, isReadableName } from '../text';
import { audit } from './access';
import { imageSize, sniffImage } from '../../protocol/summary';

export const LOGO_MAX_BYTES = 512 * 1024;

const titleSchema = z
	.string()
	.trim()
	.min(1)
	.max(200)
	.refine(isReadableName, { params: { reason: 'unreadable' } });

export interface SeriesView {
	id: number;
	title: { fr: string; nl: string };
	organiser: { fr: string; nl: string };
	logo: { mediaType: string; bytes: number } | null;
	coordinators: { id: number; email: string; displayName: string }[];
	concertations: number;
}

export async function listSeries(db: Db): Promise<SeriesView[]> {
	const [series, branding, coordinators, counts] = await Promise.all([
		db.selectFrom('series').selectAll().orderBy('title_fr').orderBy('id').execute(),
		db.selectFrom('series_branding').selectAll().execute(),
		db
			.selectFrom('series_coordinator')
			.innerJoin('facilitator', 'facilitator.id', 'series_coordinator.facilitator_id')
			.select([
				'series_coordinator.series_id',
				'facilitator.id',
				'facilitator.email',
				'facilitator.display_name'
			])
			.orderBy('facilitator.email')
			.execute(),
		db
			.selectFrom('concertation')
			.select(['series_id', (eb) => eb.fn.countAll<number>().as('count')])
			.where('series_id', 'is not', null)
			.groupBy('series_id')
			.execute()
	]);
	return series.map((row) => {
		const brand = branding.find((b) => b.series_id === row.id);
		return {
			id: row.id,
			title: { fr: row.title_fr, nl: row.title_nl },
			organiser: { fr: brand?.organiser_fr ?? '', nl: brand?.organiser_nl ?? '' },
			logo:
				brand?.logo && brand.logo_media_type
					? { mediaType: brand.logo_media_type, bytes: brand.logo.length }
					: null,
			coordinators: coordinators
				.filter((c) => c.series_id === row.id)
				.map((c) => ({ id: c.id, email: c.email, displayName: c.display_name })),
			concertations: Number(counts.find((c) => c.series_id === row.id)?.count ?? 0)
		};
	});
}

export async function createSeries(
	db: Db,
	account: Facilitator,
	input: { titleFr: string; titleNl: string }
): Promise<number> {
	requireFacilitatorAccount(account);
	const titleFr = titleSchema.parse(cleanLine(input.titleFr));
	const titleNl = titleSchema.parse(cleanLine(input.titleNl));
	const row = await db
		.insertInto('series')
		.values({ title_fr: titleFr, title_nl: titleNl, created_at: nowIso() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function requireSeries(db: Db, seriesId: number): Promise<void> {
	const found = await db
		.selectFrom('series')
		.select('id')
		.where('id', '=', seriesId)
		.executeTakeFirst();
	if (!found) throw new DomainError('not_found');
}

/** Puts a concertation in a series (or in none, with null). */
export async function setConcertationSeries(
	db: Db,
	account: Facilitator,
	concertationId: number,
	seriesId: number | null
): Promise<void> {
	requireFacilitatorAccount(account);
	if (seriesId !== null) await requireSeries(db, seriesId);
	await db.transaction().execute(async (tx) => {
		const updated = await tx
			.updateTable('concertation')
			.set({ series_id: seriesId })
			.where('id', '=', concertationId)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) throw new DomainError('not_found');
		await audit(tx, concertationId, account, 'concertation.series', { seriesId });
	});
}

/** Lets a coordinator account follow a series (by the account's email). */
export async function addCoordinator(
	db: Db,
	account: Facilitator,
	seriesId: number,
	rawEmail: string
): Promise<void> {
	requireFacilitatorAccount(account);
	await requireSeries(db, seriesId);
	const email = emailSchema.parse(rawEmail);
	const coordinator = await db
		.selectFrom('facilitator')
		.select(['id', 'role'])
		.where('email', '=', email)
		.executeTakeFirst();
	if (!coordinator || coordinator.role !== 'coordinator')
		throw new DomainError('not_coordinator', { email }, 'restitution:errors.not_coordinator');
	await db
		.insertInto('series_coordinator')
		.values({ series_id: seriesId, facilitator_id: coordinator.id, created_at: nowIso() })
		.onConflict((oc) => oc.doNothing())
		.execute();
}

export async function removeCoordinator(
	db: Db,
	account: Facilitator,
	seriesId: number,
	facilitatorId: number
): Promise<void> {
	requireFacilitatorAccount(account);
	await db
		.deleteFrom('series_coordinator')
		.where('series_id', '=', seriesId)
		.where('facilitator_id', '=', facilitatorId)
		.execute();
}

async function upsertBranding(
	db: Db,
	seriesId: number,
	values: Partial<{
		organiser_fr: string;
		organiser_nl: string;
		logo: Buffer | null;
		logo_media_type: 'image/png' | 'image/jpeg' | null;
	}>
): Promise<void> {
	const row = { ...values, updated_at: nowIso() };
	await db
		.insertInto('series_branding')
		.values({
			series_id: seriesId,
			organiser_fr: '',
			organiser_nl: '',
			logo: null,
			logo_media_type: null,
			...row
		})
		.onConflict((oc) => oc.column('series_id').doUpdateSet(row))
		.execute();
}

export async function saveOrganiser(
	db: Db,
	account: Facilitator,
	seriesId: number,
	input: { fr: string; nl: string }
): Promise<void> {
	requireFacilitatorAccount(account);
	await requireSeries(db, seriesId);
	await upsertBranding(db, seriesId, {
		organiser_fr: cleanLine(input.fr).slice(0, 200),
		organiser_nl: cleanLine(input.nl).slice(0, 200)
	});
}

/**
 * Stores the series' logo. Only PNG and JPEG, told by their first bytes (never by the name
 * or the browser's claimed type), with a readable size, at most 512 KiB.
 */
export async function saveLogo(
	db: Db,
	account: Facilitator,
	seriesId: number,
	bytes: Uint8Array
): Promise<void> {
	requireFacilitatorAccount(account);
	await requireSeries(db, seriesId);
	if (bytes.length === 0) throw new DomainError('bad_logo', {}, 'restitution:errors.bad_logo');
	if (bytes.length > LOGO_MAX_BYTES) throw new DomainError('too_large');
	const mediaType = sniffImage(bytes);
	const size = mediaType ? imageSize(bytes) : null;
	if (!mediaType || !size || size.width <= 0 || size.height <= 0)
		throw new DomainError('bad_logo', {}, 'restitution:errors.bad_logo');
	await upsertBranding(db, seriesId, { logo: Buffer.from(bytes), logo_media_type: mediaType });
}

export async function removeLogo(db: Db, account: Facilitator, seriesId: number): Promise<void> {
	requireFacilitatorAccount(account);
	await requireSeries(db, seriesId);
	await upsertBranding(db, seriesId, { logo: null, logo_media_type: null });
}
