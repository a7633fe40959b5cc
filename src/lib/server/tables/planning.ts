/**
 * Which tables there are: the default plan from the vote's priorities, and the facilitator's
 * own tables (created, renamed, resized, deleted while empty). See ./context for the rest.
 */
import { languagesOf } from '../content-languages';
import { nowIso } from '../db';
import { selectedPriorities } from '../ports';
import { registerCommands } from '../realtime/commands';
import { memberIds, requireTable, tableChanged, tablesActor } from './context';
import { planTables, plannedTableName } from './plan';
import {
	assertCanManageTables,
	refuse,
	validateCapacity,
	validatePriorityLabel,
	validateTableName
} from './rules';
import type { TablesTables } from './schema';
import { currentStatus, listTables } from './store';

registerCommands<TablesTables>({
	'tables.plan': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, { maxPerTable }) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			if ((await listTables(tx, concertation.id)).length > 0) refuse('tables_already_planned');
			const priorities = await selectedPriorities(tx, concertation.id);
			if (priorities.length === 0) refuse('tables_no_priorities');
			const people = await tx
				.selectFrom('participant')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('concertation_id', '=', concertation.id)
				.executeTakeFirstOrThrow();
			const plan = planTables(
				priorities.map((p) => ({ candidateId: p.candidateId, label: p.label.fr })),
				Number(people.n),
				maxPerTable === undefined ? {} : { maxPerTable }
			);
			const order = [...new Set(plan.map((t) => t.candidateId))];
			const now = nowIso();
			for (const [position, planned] of plan.entries()) {
				const priority = priorities.find((p) => p.candidateId === planned.candidateId);
				if (!priority) continue;
				await tx
					.insertInto('discussion_table')
					.values({
						concertation_id: concertation.id,
						name: plannedTableName(order.indexOf(planned.candidateId) + 1, planned),
						position,
						candidate_id: planned.candidateId,
						// Where English is not a content language, an option typed in English and
						// never translated keeps its words in the first column rather than none.
						...(languagesOf(concertation).includes('en')
							? {
									priority_fr: priority.label.fr,
									priority_nl: priority.label.nl,
									priority_en: priority.label.en ?? ''
								}
							: {
									priority_fr:
										priority.label.fr || (priority.label.nl ? '' : (priority.label.en ?? '')),
									priority_nl: priority.label.nl
								}),
						capacity: planned.capacity,
						rapporteur_id: null,
						justification_updated_at: null,
						created_at: now
					})
					.execute();
			}
			return { result: { created: plan.length }, changed: ['tables'] };
		}
	},

	'tables.create': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, input) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const existing = await listTables(tx, concertation.id);
			const position = existing.reduce((max, t) => Math.max(max, t.position + 1), 0);
			const priority = validatePriorityLabel(input.priority, languagesOf(concertation));
			const created = await tx
				.insertInto('discussion_table')
				.values({
					concertation_id: concertation.id,
					name: validateTableName(input.name, String(existing.length + 1)),
					position,
					candidate_id: input.candidateId ?? null,
					priority_fr: priority.fr,
					priority_nl: priority.nl,
					priority_en: priority.en ?? '',
					capacity: validateCapacity(input.capacity),
					rapporteur_id: null,
					justification_updated_at: null,
					created_at: nowIso()
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { tableId: created.id }, changed: ['tables'] };
		}
	},

	'tables.update': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, input) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const table = await requireTable(tx, concertation, input.tableId);
			const priority = input.priority
				? validatePriorityLabel(input.priority, languagesOf(concertation))
				: undefined;
			await tx
				.updateTable('discussion_table')
				.set({
					...(input.name !== undefined ? { name: validateTableName(input.name, table.name) } : {}),
					...(priority ? { priority_fr: priority.fr, priority_nl: priority.nl } : {}),
					// English left out (a script of before): what is stored stays.
					...(priority && input.priority?.en !== undefined
						? { priority_en: priority.en ?? '' }
						: {}),
					...(input.capacity !== undefined ? { capacity: validateCapacity(input.capacity) } : {})
				})
				.where('id', '=', table.id)
				.execute();
			return tableChanged(tx, { tableId: table.id }, [table.id]);
		}
	},

	'tables.delete': {
		allow: ['facilitator'],
		async run({ tx, actor, concertation }, { tableId }) {
			assertCanManageTables(await tablesActor(tx, actor), await currentStatus(tx, concertation));
			const table = await requireTable(tx, concertation, tableId);
			const items = await tx
				.selectFrom('table_note')
				.select('id')
				.where('table_id', '=', table.id)
				.where('deleted', '=', 0)
				.executeTakeFirst();
			// What a table wrote is the session's output: never dropped by a stray click.
			if (items) refuse('tables_not_empty');
			const seated = await memberIds(tx, [table.id]);
			await tx.deleteFrom('discussion_table').where('id', '=', table.id).execute();
			return { result: { tableId: table.id }, changed: ['tables'], selfChanged: seated };
		}
	}
});
