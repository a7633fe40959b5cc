import { sql, type Kysely } from 'kysely';
import { inOneTransaction } from './in-one-transaction';

/**
 * A missing language is kept empty, never a copy: participants' news and topics were stored
 * with the typed text in both the French and the Dutch columns (and vote options taken from
 * them too), so Dutch phones showed French as if it were Dutch. From now on a text typed in
 * one language sits in that language's column only; `_en` columns hold text typed on a phone
 * set to English.
 *
 * Existing rows: a participant's submission whose two columns are equal is a copy, and its
 * `language` says which side was typed; the other side is blanked. A vote option taken from
 * a question or topic follows that question or topic. Options typed by hand with the same
 * label in both languages are left alone: nothing says which language was meant (a name
 * like "Housing First" reads the same in both).
 */
// Migrations take `Kysely<any>`: they describe the schema as it was at their time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await inOneTransaction(db, async () => {
		for (const [table, column] of [
			['news_item', 'title_en'],
			['news_item', 'text_en'],
			['topic', 'text_en'],
			['vote_candidate', 'label_en']
		] as const) {
			await db.schema
				.alterTable(table)
				.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
				.execute();
		}

		// Participants' news: the typed side stays, the copy goes.
		for (const field of ['title', 'text'] as const) {
			const fr = sql.ref(`${field}_fr`);
			const nl = sql.ref(`${field}_nl`);
			const en = sql.ref(`${field}_en`);
			const copied = sql`source = 'participant' and ${fr} = ${nl} and ${fr} <> ''`;
			await sql`update news_item set ${nl} = '' where ${copied} and language not in ('nl', 'en')`.execute(
				db
			);
			await sql`update news_item set ${fr} = '' where ${copied} and language = 'nl'`.execute(db);
			await sql`update news_item set ${en} = ${fr}, ${fr} = '', ${nl} = '' where ${copied} and language = 'en'`.execute(
				db
			);
		}

		// Participants' topics, merged ones included (their text was stored in both columns).
		const copiedTopic = sql`source = 'topic' and text_fr = text_nl and text_fr <> ''`;
		await sql`update topic set text_nl = '' where ${copiedTopic} and language not in ('nl', 'en')`.execute(
			db
		);
		await sql`update topic set text_fr = '' where ${copiedTopic} and language = 'nl'`.execute(db);
		await sql`update topic set text_en = text_fr, text_fr = '', text_nl = '' where ${copiedTopic} and language = 'en'`.execute(
			db
		);

		// Vote options taken from a question or topic: a side the question or topic lacks was a
		// copy when the option still says the same in both languages.
		const source = sql`select * from topic where topic.id = vote_candidate.source_id and topic.concertation_id = vote_candidate.concertation_id`;
		const copiedLabel = sql`source in ('question', 'topic') and label_fr = label_nl and label_fr <> ''`;
		await sql`update vote_candidate set label_en = label_fr, label_fr = '', label_nl = ''
			where ${copiedLabel} and exists (${source} and topic.text_fr = '' and topic.text_nl = '' and topic.text_en = vote_candidate.label_fr)`.execute(
			db
		);
		await sql`update vote_candidate set label_nl = ''
			where ${copiedLabel} and exists (${source} and topic.text_nl = '' and topic.text_fr = vote_candidate.label_fr)`.execute(
			db
		);
		await sql`update vote_candidate set label_fr = ''
			where ${copiedLabel} and exists (${source} and topic.text_fr = '' and topic.text_nl = vote_candidate.label_nl)`.execute(
			db
		);
	});
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	// Back to copies in both columns, as the code before this migration expects.
	await inOneTransaction(db, async () => {
		for (const field of ['title', 'text'] as const) {
			const fr = sql.ref(`${field}_fr`);
			const nl = sql.ref(`${field}_nl`);
			const en = sql.ref(`${field}_en`);
			await sql`update news_item set ${fr} = ${en}, ${nl} = ${en} where ${fr} = '' and ${nl} = '' and ${en} <> ''`.execute(
				db
			);
			await sql`update news_item set ${nl} = ${fr} where source = 'participant' and ${nl} = ''`.execute(
				db
			);
			await sql`update news_item set ${fr} = ${nl} where source = 'participant' and ${fr} = ''`.execute(
				db
			);
		}
		await sql`update topic set text_fr = text_en, text_nl = text_en where text_fr = '' and text_nl = '' and text_en <> ''`.execute(
			db
		);
		await sql`update topic set text_nl = text_fr where source = 'topic' and text_nl = ''`.execute(
			db
		);
		await sql`update topic set text_fr = text_nl where source = 'topic' and text_fr = ''`.execute(
			db
		);
		await sql`update vote_candidate set label_fr = label_en, label_nl = label_en where label_fr = '' and label_nl = '' and label_en <> ''`.execute(
			db
		);
		await sql`update vote_candidate set label_nl = label_fr where label_nl = ''`.execute(db);
		await sql`update vote_candidate set label_fr = label_nl where label_fr = ''`.execute(db);
		await db.schema.alterTable('news_item').dropColumn('title_en').execute();
		await db.schema.alterTable('news_item').dropColumn('text_en').execute();
		await db.schema.alterTable('topic').dropColumn('text_en').execute();
		await db.schema.alterTable('vote_candidate').dropColumn('label_en').execute();
	});
}
