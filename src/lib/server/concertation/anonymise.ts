import type { Actor } from '../auth/actor';
import { requireRunner } from '../auth/actor';
import { hashToken, randomToken } from '../auth/tokens';
import { nowIso, type Db, type Tables, type TxWith } from '../db';
import type { SectionName } from '../../protocol';
import { DomainError } from '../errors';
import { announceScreenKeyEnded, applyChange } from '../realtime/commands';

/**
 * Anonymises a closed concertation's participants: what they said and chose stays (sectors,
 * expectations, news, topics, ballots, table notes, so the restitution and its figures are
 * unchanged), who they were goes. Names become "Participant 1…N" in the order they joined,
 * organisations are emptied, rapporteurs are no longer named, coordinators' rewordings of
 * names are dropped, no name is printed any more, and their devices are unlinked (the stored
 * token hash is replaced). The command log, which keeps the answers sent
 * back to devices (profiles included), is dropped: it only serves retries during a session.
 * The audit log keeps who did what and when, without the content of each command. The
 * projector's key ends (projectors opened with it disconnect).
 * One transaction: all of it or nothing.
 */
/**
 * What a phase kind does, in the same transaction, when a concertation's participants are
 * anonymised: its own rows that name people (a rapporteur's consent to be named, the
 * coordinators' rewordings of a name), and the sections it shows names in, to send again.
 */
export type Anonymiser<T extends Tables = Record<never, never>> = (
	tx: TxWith<T>,
	concertationId: number
) => Promise<SectionName[]>;
const anonymisers: Anonymiser[] = [];

export function registerAnonymiser<T extends Tables = Record<never, never>>(
	anonymiser: Anonymiser<T>
): void {
	// `withTables` only changes types: the core's transaction is the phase's.
	anonymisers.push(anonymiser as unknown as Anonymiser);
}

export async function anonymiseParticipants(
	db: Db,
	actor: Actor,
	concertationId: number
): Promise<{ participants: number }> {
	requireRunner(actor);
	const { result } = await applyChange(
		db,
		concertationId,
		actor,
		'participants.anonymise',
		async (tx, concertation) => {
			// While a session can still be joined, people would come back as strangers.
			if (concertation.status !== 'closed') throw new DomainError('anonymise_not_closed');
			const participants = await tx
				.selectFrom('participant')
				.select('id')
				.where('concertation_id', '=', concertationId)
				.orderBy('joined_at')
				.orderBy('id')
				.execute();
			// The attendance consent stays: it decides who is counted in the restitution's
			// figures; with `participants_anonymised_at` set, no name is printed any more.
			for (const [index, participant] of participants.entries())
				await tx
					.updateTable('participant')
					.set({
						display_name: `Participant ${index + 1}`,
						organisation: '',
						token_hash: hashToken(randomToken())
					})
					.where('id', '=', participant.id)
					.execute();
			// Each phase kind's rows that name people, and the sections that show names.
			const changed = new Set<SectionName>(['presence', 'roster']);
			for (const anonymise of anonymisers)
				for (const section of await anonymise(tx, concertationId)) changed.add(section);
			await tx.deleteFrom('command_log').where('concertation_id', '=', concertationId).execute();
			await tx
				.updateTable('event_log')
				.set({ payload_json: '{}' })
				.where('concertation_id', '=', concertationId)
				.execute();
			// The projector's key ends too: the link handed to a venue's computer opens nothing
			// any more (a facilitator can make a new one).
			await tx
				.updateTable('concertation')
				.set({ participants_anonymised_at: nowIso(), screen_key_nonce: null })
				.where('id', '=', concertationId)
				.execute();
			return {
				result: { participants: participants.length },
				changed: [...changed],
				afterCommit: () => announceScreenKeyEnded(concertationId)
			};
		}
	);
	return result;
}
