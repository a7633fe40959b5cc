/**
 * The submissions' cycle on the server (rules in ./rules): the steps that news items and
 * topics share, and that the phase kinds to come which take participants' text will share.
 *
 * A phase describes its table once (`SubmissionTable`: how to find one of its rows, change
 * its status or its place, delete it) and gets from `submissionSteps` the participant's own
 * pending submission, withdrawing it, moderating and reordering, each with the same checks
 * and announcing the same changes. Submitting and editing stay in each phase: their fields
 * differ. Every step runs inside the command's transaction (realtime/commands.ts).
 */
import { isLocale, type Locale } from '../../i18n/locales';
import { pickLocalized, type LocalizedText, type SectionName } from '../../protocol';
import type { Actor } from '../auth/actor';
import { assertParticipantMay } from '../concertation/phase-guard';
import type { Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import type { CommandOutcome } from '../realtime/commands';
import type { SubmissionCycle } from './rules';

/** The participant action (see concertation/phase-guard.ts) under which authors edit. */
type ParticipantAction = Parameters<typeof assertParticipantMay>[3];

/**
 * Or the phase's own check that a participant may still change their submission (its step
 * is open), returning their id: a new phase kind brings its guard instead of adding its
 * action to another phase's list.
 */
export type ParticipantGuard<TX extends Tx> = (
	tx: TX,
	actor: Actor,
	concertation: Concertation
) => Promise<number>;

/** The columns every submissions table has. */
export interface SubmissionRow<S extends string> {
	id: number;
	/** The author; null for what the organisers wrote. */
	participant_id: number | null;
	status: S;
}

/** How one phase's submissions are stored: its own table, behind the same few operations. */
export interface SubmissionTable<TX extends Tx, Row extends SubmissionRow<S>, S extends string> {
	/** The section sent again after every change. */
	section: SectionName;
	/** What a participant needs open to edit or withdraw their own submission. */
	editAction: ParticipantAction | ParticipantGuard<TX>;
	cycle: SubmissionCycle<S>;
	/** The row, checked to belong to the concertation, or `not_found`. */
	find(tx: TX, concertationId: number, id: number): Promise<Row>;
	/** Whether a row is a participant's submission at all (topics: not the organisers' questions). */
	isSubmission?(row: Row): boolean;
	setStatus(tx: TX, id: number, status: S, now: Date): Promise<unknown>;
	setPosition(tx: TX, id: number, position: number): Promise<unknown>;
	remove(tx: TX, id: number): Promise<unknown>;
}

interface StepContext<TX> {
	tx: TX;
	actor: Actor;
	concertation: Concertation;
	now: Date;
}

type Empty = Record<string, never>;

/** The participant whose own view shows this row, if any. */
export function authorOf(row: { participant_id: number | null }): number[] {
	return row.participant_id === null ? [] : [row.participant_id];
}

/** The language a participant types in (their phone's), for what they submit. */
export async function participantLocale(tx: Tx, participantId: number): Promise<Locale> {
	const participant = await tx
		.selectFrom('participant')
		.select('locale')
		.where('id', '=', participantId)
		.executeTakeFirstOrThrow();
	return isLocale(participant.locale) ? participant.locale : 'fr';
}

/**
 * A submission's text as its author reads it in their own view: in the language they typed
 * it in, even once a facilitator translated it.
 */
export function inOwnLanguage(text: LocalizedText, language: string): string {
	return pickLocalized(text, isLocale(language) ? language : 'fr').text;
}

export function submissionSteps<TX extends Tx, Row extends SubmissionRow<S>, S extends string>(
	table: SubmissionTable<TX, Row, S>
) {
	/**
	 * The participant's own submission, if they may still change it: the phase's step is
	 * open, it is theirs and nobody has moderated it yet (else `phase_closed`, `forbidden`,
	 * `<namespace>_locked`).
	 */
	async function ownPending(
		{ tx, actor, concertation }: Omit<StepContext<TX>, 'now'>,
		id: number
	): Promise<{ participantId: number; row: Row }> {
		const participantId =
			typeof table.editAction === 'function'
				? await table.editAction(tx, actor, concertation)
				: await assertParticipantMay(tx, actor, concertation, table.editAction);
		const row = await table.find(tx, concertation.id, id);
		// What the organisers wrote is, for a participant, someone else's.
		if (table.isSubmission && !table.isSubmission(row)) throw new DomainError('forbidden');
		table.cycle.assertCanEditOwn(actor, { authorId: row.participant_id, status: row.status });
		return { participantId, row };
	}

	return {
		ownPending,

		/** The author takes back a submission nobody has moderated yet. */
		async withdraw(ctx: StepContext<TX>, { id }: { id: number }): Promise<CommandOutcome<Empty>> {
			const { participantId } = await ownPending(ctx, id);
			// Pending, so never shown, never a vote candidate nor part of a merge: withdrawing it
			// leaves nothing pointing at it, and no trace to keep.
			await table.remove(ctx.tx, id);
			return { result: {}, changed: [table.section], selfChanged: [participantId] };
		},

		/** A facilitator's decision; the author sees it in their own view. */
		async moderate(
			{ tx, actor, concertation, now }: StepContext<TX>,
			{ id, status }: { id: number; status: S }
		): Promise<CommandOutcome<{ id: number }>> {
			const row = await table.find(tx, concertation.id, id);
			table.cycle.assertModeration(actor, row.status, status);
			await table.setStatus(tx, id, status, now);
			return { result: { id }, changed: [table.section], selfChanged: authorOf(row) };
		},

		/** The running order the facilitator chose: `ids` first to last. */
		async reorder(
			{ tx, concertation }: StepContext<TX>,
			{ ids }: { ids: readonly number[] }
		): Promise<CommandOutcome<Empty>> {
			for (const [position, id] of ids.entries()) {
				await table.find(tx, concertation.id, id);
				await table.setPosition(tx, id, position);
			}
			return { result: {}, changed: [table.section] };
		}
	};
}
