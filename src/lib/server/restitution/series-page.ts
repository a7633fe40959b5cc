/**
 * The public page of a series (`/p/<token>`, issue 16): off by default; the series' coordinators
 * (and facilitators) turn it on and off, regenerate its address, and choose, concertation by
 * concertation, which restitutions it publishes. Anyone holding the address then reads, without
 * signing in, the coming dates, the actions with their status, and the published restitutions.
 *
 * Why a random token rather than a readable slug: the page is opt-in and may name actions a
 * care zone is not ready to advertise, so its address must not be guessable from the series'
 * title, and a coordinator who gave it out too widely must be able to end it (regenerating
 * replaces the token: the old address is then "not found", like a page that was never there).
 * 128 bits in 22 characters keep the address short enough to print beside a QR code.
 * The token is stored in clear (migration 050 says why): it is printed, not a credential.
 *
 * Every change is authorised here (facilitators, or coordinators who follow the series),
 * written in one transaction, and only then answered; a restitution's publication also gets
 * its audit entry, like the restitution's other edits.
 */
import { randomBytes } from 'node:crypto';
import type { ActionTables } from '../actions/schema';
import { actionsAccessFor, listActions } from '../actions/service';
import { nowIso, type DbWith } from '../db';
import type { Concertation, Facilitator } from '../db/schema';
import { DomainError, refusals, type Refusal } from '../errors';
import {
	SERIES_PAGE_TOKEN,
	type PublicSeriesPage,
	type SeriesPageSettings
} from '../../protocol/series-page';
import { accountCanReview, audit } from './access';
import { seriesComingDates, upcomingDates } from './next-dates';
import type { RestitutionDb, RestitutionTables } from './schema';

const refuse: Refusal = refusals('actions');

/** The restitution's tables (migration 050's among them) and the series' actions. */
type SeriesPageDb = DbWith<RestitutionTables & ActionTables>;

function newToken(): string {
	return randomBytes(16).toString('base64url');
}

export function seriesPagePath(token: string): string {
	return `/p/${token}`;
}

async function requireSeriesEditor(db: SeriesPageDb, account: Facilitator, seriesId: number) {
	const { canEdit } = await actionsAccessFor(db, account, seriesId, null);
	if (!canEdit) throw new DomainError('forbidden');
}

/** The public page's state for the series page (`origin`: the installation's public origin). */
export async function seriesPageSettings(
	db: SeriesPageDb,
	seriesId: number,
	origin: string
): Promise<SeriesPageSettings> {
	const row = await db
		.selectFrom('series_page')
		.select(['token', 'enabled'])
		.where('series_id', '=', seriesId)
		.executeTakeFirst();
	if (!row) return { enabled: false, path: null, url: null };
	const path = seriesPagePath(row.token);
	return { enabled: row.enabled === 1, path, url: `${origin}${path}` };
}

/** The settings, for the series' coordinators and facilitators only. */
export async function seriesPageSettingsFor(
	db: SeriesPageDb,
	account: Facilitator,
	seriesId: number,
	origin: string
): Promise<SeriesPageSettings> {
	await requireSeriesEditor(db, account, seriesId);
	return seriesPageSettings(db, seriesId, origin);
}

/**
 * Turns the public page on or off. The first time on makes its address; off keeps it, so that
 * turning the page on again brings back the address already printed on the restitutions.
 */
export async function setSeriesPage(
	db: SeriesPageDb,
	account: Facilitator,
	seriesId: number,
	enabled: boolean
): Promise<void> {
	await requireSeriesEditor(db, account, seriesId);
	const at = nowIso();
	await db.transaction().execute(async (tx) => {
		await tx
			.insertInto('series_page')
			.values({
				series_id: seriesId,
				token: newToken(),
				enabled: enabled ? 1 : 0,
				updated_by: account.id,
				updated_at: at
			})
			.onConflict((oc) =>
				oc
					.column('series_id')
					.doUpdateSet({ enabled: enabled ? 1 : 0, updated_by: account.id, updated_at: at })
			)
			.execute();
	});
}

/** A new address for the public page; the old one answers "not found" from now on. */
export async function regenerateSeriesPageToken(
	db: SeriesPageDb,
	account: Facilitator,
	seriesId: number
): Promise<void> {
	await requireSeriesEditor(db, account, seriesId);
	await db.transaction().execute(async (tx) => {
		const updated = await tx
			.updateTable('series_page')
			.set({ token: newToken(), updated_by: account.id, updated_at: nowIso() })
			.where('series_id', '=', seriesId)
			.executeTakeFirst();
		// Nothing to regenerate before the page was ever turned on.
		if (updated.numUpdatedRows === 0n) refuse('series_page_never_on');
	});
}

/** Whether the series' public page is on. */
export async function seriesPageEnabled(db: SeriesPageDb, seriesId: number): Promise<boolean> {
	const row = await db
		.selectFrom('series_page')
		.select('enabled')
		.where('series_id', '=', seriesId)
		.executeTakeFirst();
	return row?.enabled === 1;
}

/** Whether this concertation's restitution is published on its series' public page. */
export async function isPublishedOnSeriesPage(
	db: SeriesPageDb,
	concertationId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('series_page_restitution')
		.select('concertation_id')
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	return row !== undefined;
}

/** Publishes (or withdraws) a restitution on its series' public page. */
export async function setRestitutionPublished(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Concertation,
	published: boolean
): Promise<void> {
	if (!(await accountCanReview(db, account, concertation))) throw new DomainError('forbidden');
	if (concertation.series_id === null) refuse('series_page_no_series');
	await db.transaction().execute(async (tx) => {
		if (published)
			await tx
				.insertInto('series_page_restitution')
				.values({
					concertation_id: concertation.id,
					published_by: account.id,
					published_at: nowIso()
				})
				.onConflict((oc) => oc.column('concertation_id').doNothing())
				.execute();
		else
			await tx
				.deleteFrom('series_page_restitution')
				.where('concertation_id', '=', concertation.id)
				.execute();
		await audit(tx, concertation.id, account, 'restitution.seriesPage', { published });
	});
}

/** The series whose public page this token opens, or not_found (off, old or unknown token). */
export async function seriesOfPublicToken(db: SeriesPageDb, token: string): Promise<number> {
	if (!SERIES_PAGE_TOKEN.test(token)) throw new DomainError('not_found');
	const row = await db
		.selectFrom('series_page')
		.select('series_id')
		.where('token', '=', token)
		.where('enabled', '=', 1)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row.series_id;
}

/**
 * A published concertation of the token's series, or not_found: a restitution that was not
 * published answers exactly as one that does not exist.
 */
export async function publishedConcertation(
	db: SeriesPageDb,
	token: string,
	concertationId: number
): Promise<Concertation> {
	const seriesId = await seriesOfPublicToken(db, token);
	const row = await db
		.selectFrom('concertation')
		.innerJoin(
			'series_page_restitution',
			'series_page_restitution.concertation_id',
			'concertation.id'
		)
		.selectAll('concertation')
		.where('concertation.id', '=', concertationId)
		.where('concertation.series_id', '=', seriesId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

/** The public URL of a concertation's series page when that page is on, else null (the PDF's QR). */
export async function publicSeriesPageUrl(
	db: SeriesPageDb,
	concertation: Pick<Concertation, 'series_id'>,
	origin: string
): Promise<string | null> {
	if (concertation.series_id === null) return null;
	const settings = await seriesPageSettings(db, concertation.series_id, origin);
	return settings.enabled ? settings.url : null;
}

/** What the public page shows (`today`: a Brussels day, yyyy-mm-dd). */
export async function publicSeriesPage(
	db: SeriesPageDb,
	token: string,
	today: string
): Promise<PublicSeriesPage> {
	const seriesId = await seriesOfPublicToken(db, token);
	const base = `/api/public/series/${token}`;
	const [series, dates, actions, published] = await Promise.all([
		db
			.selectFrom('series')
			.select(['title_fr', 'title_nl'])
			.where('id', '=', seriesId)
			.executeTakeFirstOrThrow(),
		seriesComingDates(db, seriesId, today),
		listActions(db, seriesId),
		db
			.selectFrom('concertation')
			.innerJoin(
				'series_page_restitution',
				'series_page_restitution.concertation_id',
				'concertation.id'
			)
			.select([
				'concertation.id',
				'concertation.number',
				'concertation.title_fr',
				'concertation.title_nl',
				'concertation.date'
			])
			.where('concertation.series_id', '=', seriesId)
			.orderBy('concertation.date', 'desc')
			.orderBy('concertation.id', 'desc')
			.execute()
	]);
	// One per key already (seriesComingDates); the same scope gives the same keys.
	const comingDates = upcomingDates(
		dates.map((dated) => dated.next),
		today,
		`s${seriesId}`
	).map((next) => ({ ...next, ics: `${base}/next-dates/${next.key}.ics` }));
	return {
		series: { title: { fr: series.title_fr, nl: series.title_nl } },
		calendar: `${base}/next-dates.ics`,
		comingDates,
		actions: actions.map((action) => ({
			id: action.id,
			title: action.title,
			description: action.description,
			status: action.status,
			progressNote: action.progressNote,
			dueDate: action.dueDate,
			updatedAt: action.updatedAt
		})),
		restitutions: published.map((row) => ({
			concertationId: row.id,
			number: row.number,
			title: { fr: row.title_fr, nl: row.title_nl },
			date: row.date,
			files: {
				pdf: `${base}/restitutions/${row.id}.pdf`,
				docx: `${base}/restitutions/${row.id}.docx`,
				md: `${base}/restitutions/${row.id}.md`
			}
		}))
	};
}
