import { registerAnonymiser } from '../concertation/anonymise';
import { localizedFromColumns } from '../../protocol';
import { assertParticipantMay, nextPosition } from '../concertation/phase-guard';
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import { authorOf, participantLocale, submissionSteps } from '../submissions/service';
import { typedIn, validateTranslation } from '../translation';
import {
	NEWS_LIMITS,
	newsCycle,
	validateNewsItem,
	validateNewsSubmission,
	type NewsStatus,
	type NewsSubmissionInput
} from './rules';
import { findHeading } from './headings';
import type { NewsItemRow, NewsTables, NewsTx } from './schema';
import { displayRow } from './views';

/**
 * The sector news' commands: organisers' items (bilingual, prepared before the session),
 * participants' submissions (moderated), and how the approved ones are shown (list or one at
 * a time). What each audience sees is in ./views.
 */

async function findItem(tx: NewsTx, concertationId: number, id: number): Promise<NewsItemRow> {
	const row = await tx
		.selectFrom('news_item')
		.selectAll()
		.where('id', '=', id)
		.where('concertation_id', '=', concertationId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

async function positions(tx: NewsTx, concertationId: number) {
	return tx
		.selectFrom('news_item')
		.select('position')
		.where('concertation_id', '=', concertationId)
		.execute();
}

/** Participants' items go through the submissions' cycle (../submissions). */
const submissions = submissionSteps<NewsTx, NewsItemRow, NewsStatus>({
	section: 'news',
	editAction: 'edit_news',
	cycle: newsCycle,
	find: findItem,
	setStatus: (tx, id, status, now) =>
		tx
			.updateTable('news_item')
			.set({ status, updated_at: now.toISOString() })
			.where('id', '=', id)
			.execute(),
	setPosition: (tx, id, position) =>
		tx.updateTable('news_item').set({ position }).where('id', '=', id).execute(),
	remove: (tx, id) => tx.deleteFrom('news_item').where('id', '=', id).execute()
});

/**
 * A participant's item as they typed it (dates read the way their language writes them),
 * stored in that language only: the facilitators may translate it.
 */
async function submittedColumns(tx: NewsTx, participantId: number, input: NewsSubmissionInput) {
	const locale = await participantLocale(tx, participantId);
	const item = validateNewsSubmission(input, locale);
	const title = typedIn(locale, item.title);
	const text = typedIn(locale, item.text);
	return {
		language: title.language,
		title_fr: title.fr,
		title_nl: title.nl,
		title_en: title.en,
		text_fr: text.fr,
		text_nl: text.nl,
		text_en: text.en,
		start_date: item.date,
		place: item.place,
		price: item.price,
		link: item.link
	};
}

registerCommands<NewsTables>({
	'news.save': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, headingId, ...input }) {
			// The console sends ISO dates (date inputs); other spellings are read the French way.
			const item = validateNewsItem(input, 'fr');
			if (headingId) await findHeading(tx, concertation.id, headingId);
			const columns = {
				title_fr: item.titleFr,
				title_nl: item.titleNl,
				// English left out (a script of before): what is stored stays.
				...(input.titleEn == null ? {} : { title_en: item.titleEn ?? '' }),
				text_fr: item.textFr,
				text_nl: item.textNl,
				...(input.textEn == null ? {} : { text_en: item.textEn ?? '' }),
				start_date: item.startDate,
				start_time: item.startTime,
				end_date: item.endDate,
				end_time: item.endTime,
				place: item.place,
				price: item.price,
				link: item.link,
				// Left out: the heading stays as it was.
				...(headingId === undefined ? {} : { heading_id: headingId }),
				updated_at: now.toISOString()
			};
			if (id !== undefined) {
				const existing = await findItem(tx, concertation.id, id);
				await tx.updateTable('news_item').set(columns).where('id', '=', id).execute();
				return { result: { id }, changed: ['news'], selfChanged: authorOf(existing) };
			}
			const row = await tx
				.insertInto('news_item')
				.values({
					...columns,
					concertation_id: concertation.id,
					source: 'organiser',
					status: 'approved',
					participant_id: null,
					language: 'fr',
					position: nextPosition(await positions(tx, concertation.id)),
					created_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['news'] };
		}
	},
	'news.submit': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, input) {
			const participantId = await assertParticipantMay(tx, actor, concertation, 'submit_news');
			// Stored in the language it was typed in only: the facilitators may translate it.
			const columns = await submittedColumns(tx, participantId, input);
			const row = await tx
				.insertInto('news_item')
				.values({
					...columns,
					concertation_id: concertation.id,
					source: 'participant',
					status: 'pending',
					participant_id: participantId,
					start_time: null,
					end_date: null,
					end_time: null,
					position: nextPosition(await positions(tx, concertation.id)),
					created_at: now.toISOString(),
					updated_at: now.toISOString()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['news'], selfChanged: [participantId] };
		}
	},
	'news.editOwn': {
		allow: ['participant'],
		async run({ tx, actor, concertation, now }, { id, ...input }) {
			const { participantId } = await submissions.ownPending({ tx, actor, concertation }, id);
			// A new original: any translation of the old one would no longer match.
			const columns = await submittedColumns(tx, participantId, input);
			await tx
				.updateTable('news_item')
				.set({ ...columns, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['news'], selfChanged: [participantId] };
		}
	},
	'news.translate': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, language, field, text }) {
			const item = await findItem(tx, concertation.id, id);
			const current =
				field === 'title'
					? localizedFromColumns(item.title_fr, item.title_nl, item.title_en)
					: localizedFromColumns(item.text_fr, item.text_nl, item.text_en);
			const translation = validateTranslation(current, language, text, {
				max: field === 'title' ? NEWS_LIMITS.title : NEWS_LIMITS.text,
				multiline: field === 'text',
				languages: concertation.languages
			});
			const column = `${field}_${language}` as const;
			await tx
				.updateTable('news_item')
				.set({ [column]: translation, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			return { result: { id }, changed: ['news'], selfChanged: authorOf(item) };
		}
	},
	'news.withdraw': { allow: ['participant'], run: submissions.withdraw },
	'news.moderate': { allow: ['facilitator'], run: submissions.moderate },
	'news.delete': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { id }) {
			const item = await findItem(tx, concertation.id, id);
			await tx.deleteFrom('news_item').where('id', '=', id).execute();
			return { result: {}, changed: ['news'], selfChanged: authorOf(item) };
		}
	},
	'news.reorder': { allow: ['facilitator'], run: submissions.reorder },
	'news.assign': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { id, headingId }) {
			await findItem(tx, concertation.id, id);
			if (headingId !== null) await findHeading(tx, concertation.id, headingId);
			await tx
				.updateTable('news_item')
				.set({ heading_id: headingId, updated_at: now.toISOString() })
				.where('id', '=', id)
				.execute();
			// The author's own view does not show headings: nothing of theirs to resend.
			return { result: { id }, changed: ['news'] };
		}
	},
	'news.display': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { mode, currentId }) {
			const previous = await displayRow(tx, concertation.id);
			const current = currentId === undefined ? previous.current_id : currentId;
			if (current !== null) {
				const item = await findItem(tx, concertation.id, current);
				if (item.status !== 'approved') {
					throw new DomainError('news_not_approved', {}, 'news:errors.news_not_approved');
				}
			}
			await tx
				.insertInto('news_display')
				.values({ concertation_id: concertation.id, mode, current_id: current })
				.onConflict((oc) => oc.column('concertation_id').doUpdateSet({ mode, current_id: current }))
				.execute();
			return { result: { mode, currentId: current }, changed: ['news'] };
		}
	}
});

// Anonymised: nothing of its own to change, but the news name who submitted an item: sent again.
registerAnonymiser(async () => ['news']);
