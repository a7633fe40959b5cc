/**
 * The rapporteur of each table: who takes the role (a volunteer, or someone the facilitator
 * names), who gives it back, and the rapporteur's own consent to be named on the projector
 * and in the report.
 */
import { registerAnonymiser } from '../concertation/anonymise';
import { DomainError } from '../errors';
import { registerCommands } from '../realtime/commands';
import {
	requireParticipantOf,
	requireTable,
	tableChanged,
	tablesActor,
	unchanged
} from './context';
import {
	assertCanReleaseRapporteur,
	assertCanSetNameConsent,
	assertCanTakeRapporteur
} from './rules';
import type { TablesTables } from './schema';
import { currentStatus, tableOf } from './store';

registerCommands<TablesTables>({
	'tables.rapporteur.take': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation }, input) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, input.tableId);
			let candidateId: number;
			if (who.kind === 'participant') candidateId = who.participantId;
			else if (input.participantId !== undefined) candidateId = input.participantId;
			else throw new DomainError('invalid', { detail: 'participantId' });
			if (who.kind === 'facilitator') await requireParticipantOf(tx, concertation, candidateId);
			assertCanTakeRapporteur(
				who,
				{ id: table.id, rapporteurId: table.rapporteur_id },
				{ participantId: candidateId, tableId: await tableOf(tx, candidateId) },
				await currentStatus(tx, concertation)
			);
			const result = { tableId: table.id, rapporteurId: candidateId };
			// A volunteer says on the spot whether they may be named (default yes); someone named
			// by the facilitator is asked on their phone, and stays unnamed until they answer.
			const showName = who.kind === 'participant' ? (input.showName ?? true) : null;
			if (table.rapporteur_id === candidateId) {
				if (who.kind === 'facilitator' || (table.rapporteur_show_name === 1) === showName)
					return unchanged(result);
			}
			await tx
				.updateTable('discussion_table')
				.set({
					rapporteur_id: candidateId,
					rapporteur_show_name: showName === null ? null : showName ? 1 : 0
				})
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, result, [table.id]);
		}
	},

	'tables.rapporteur.release': {
		allow: ['facilitator', 'participant'],
		async run({ tx, actor, concertation }, { tableId }) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, tableId);
			assertCanReleaseRapporteur(
				who,
				{ rapporteurId: table.rapporteur_id },
				await currentStatus(tx, concertation)
			);
			if (table.rapporteur_id === null) return unchanged({ tableId });
			await tx
				.updateTable('discussion_table')
				.set({ rapporteur_id: null, rapporteur_show_name: null })
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, { tableId }, [table.id]);
		}
	},

	// The rapporteur's own answer: only they can consent to their name on the projector.
	'tables.rapporteur.showName': {
		allow: ['participant'],
		async run({ tx, actor, concertation }, { tableId, showName }) {
			const who = await tablesActor(tx, actor);
			const table = await requireTable(tx, concertation, tableId);
			assertCanSetNameConsent(who, { rapporteurId: table.rapporteur_id });
			const result = { tableId, showName };
			if (table.rapporteur_show_name === (showName ? 1 : 0)) return unchanged(result);
			await tx
				.updateTable('discussion_table')
				.set({ rapporteur_show_name: showName ? 1 : 0 })
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, result, [table.id]);
		}
	}
});

// Anonymised: rapporteurs are no longer named (their consent to be named is withdrawn).
registerAnonymiser<TablesTables>(async (tx, concertationId) => {
	await tx
		.updateTable('discussion_table')
		.set({ rapporteur_show_name: 0 })
		.where('concertation_id', '=', concertationId)
		.execute();
	return ['tables'];
});
