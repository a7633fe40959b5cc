/**
 * The headings the news are grouped under: created, renamed, translated, reordered and
 * deleted by the facilitators (commands here), stored in `news_heading` (migration 030).
 * Deleting one puts its items back under no heading, in the same transaction: no news is lost.
 */
import { localizedFromColumns } from '../../protocol';
import { nextPosition } from '../concertation/phase-guard';
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import { validateTranslation } from '../translation';
import {
	NEWS_LIMITS,
	assertHeadingDeletable,
	assertHeadingOrder,
	assertHeadingRoom,
	validateNewsHeading
} from './rules';
import type { NewsHeadingRow, NewsTables, NewsTx } from './schema';

export async function findHeading(
	tx: NewsTx,
	concertationId: number,
	id: number
): Promise<NewsHeadingRow> {
	const row = await tx
		.selectFrom('news_heading')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

async function headings(tx: NewsTx, concertationId: number) {
	return tx
		.selectFrom('news_heading')
		.select(['id', 'position'])
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

registerCommands<NewsTables>({
	'news.headings.save': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, ...input }) {
			const heading = validateNewsHeading(input);
			const columns = {
				title_fr: heading.titleFr,
				title_nl: heading.titleNl,
				title_en: heading.titleEn,
				updated_at: now.toISOString()
			};
			if (id !== undefined) {
				await findHeading(tx, concertation.id, id);
				await tx.updateTable('news_heading').set(columns).where('id', '=', id).execute();
				return { result: { id }, changed: ['news'] };
			}
			const existing = await headings(tx, concertation.id);
			assertHeadingRoom(existing.length);
			const row = await tx
				.insertInto('news_heading')
				.values({
					...columns,
					concertation_id: concertation.id,
					position: nextPosition(existing),
					created_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['news'] };
		}
	},
	'news.headings.translate': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, language, text }) {
			const heading = await findHeading(tx, concertation.id, id);
			const translation = validateTranslation(
				localizedFromColumns(heading.title_fr, heading.title_nl, heading.title_en),
				language,
				text,
				{ max: NEWS_LIMITS.heading, languages: concertation.languages }
			);
			await tx
				.updateTable('news_heading')
				.set({ [`title_${language}`]: translation, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['news'] };
		}
	},
	'news.headings.reorder': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { ids }) {
			const existing = await headings(tx, concertation.id);
			assertHeadingOrder(
				ids,
				existing.map((row) => row.id)
			);
			for (const [position, id] of ids.entries()) {
				await tx.updateTable('news_heading').set({ position }).where('id', '=', id).execute();
			}
			return { result: {}, changed: ['news'] };
		}
	},
	'news.headings.delete': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, moveItems }) {
			await findHeading(tx, concertation.id, id);
			const under = await tx
				.selectFrom('news_item')
				.select(['id', 'participant_id'])
				.where('concertation_id', '=', concertation.id)
				.where('heading_id', '=', id)
				.execute();
			assertHeadingDeletable(under.length, moveItems ?? false);
			// Explicitly, not only by the foreign key: the items' `updated_at` says they moved.
			await tx
				.updateTable('news_item')
				.set({ heading_id: null, updated_at: now.toISOString() })
				.where('heading_id', '=', id)
				.execute();
			await tx.deleteFrom('news_heading').where('id', '=', id).execute();
			return { result: { moved: under.length }, changed: ['news'] };
		}
	}
});
