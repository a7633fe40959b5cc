import { PART_LIMITS, type CommandInput, type ContentLanguages } from '../../protocol';
import { languagesOf } from '../content-languages';
import { goToPhase, registerStepScope } from '../concertation/commands';
import { listPhases, timerColumns, timerState } from '../concertation/store';
import { resetTimer } from '../concertation/timer';
import { nowIso, type Db, type Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { onArrival } from '../realtime/arrivals';
import { announceChange, registerCommands } from '../realtime/commands';
import { presence } from '../realtime/presence';
import {
	checkPartFields,
	movedOrder,
	neighbourOf,
	partStatus,
	refuse,
	runningPart,
	stepScope,
	stepsByPart
} from './rules';
import type { PartTables, PartsTx } from './schema';
import { findPart, listParts, partsState } from './store';

/**
 * The part's columns from a command's fields, checked against the content languages. English
 * left out (a script of before) keeps `storedEn`, what is stored.
 */
function columns(input: CommandInput<'parts.create'>, languages: ContentLanguages, storedEn = '') {
	const fields = checkPartFields(
		{
			title: { fr: input.title.fr, nl: input.title.nl, en: input.title.en ?? storedEn },
			date: input.date,
			startTime: input.startTime ?? '',
			endTime: input.endTime ?? '',
			place: input.place ?? '',
			link: input.link ?? ''
		},
		languages
	);
	return {
		title_fr: fields.title.fr,
		title_nl: fields.title.nl,
		title_en: fields.title.en,
		date: fields.date,
		start_time: fields.startTime,
		end_time: fields.endTime,
		place: fields.place,
		link: fields.link
	};
}

async function requirePart(tx: PartsTx, concertationId: number, partId: number) {
	const part = await findPart(tx, concertationId, partId);
	if (!part) throw new DomainError('not_found');
	return part;
}

/** Everyone connected now was present in the part that starts (one statement). */
async function recordOnline(tx: PartsTx, concertationId: number, partId: number, at: string) {
	const online = [...(await presence.now(concertationId)).ids];
	for (let i = 0; i < online.length; i += 500) {
		const ids = online.slice(i, i + 500);
		await tx
			.insertInto('meeting_part_attendance')
			.columns(['part_id', 'participant_id', 'first_seen_at'])
			.expression((eb) =>
				eb
					.selectFrom('participant')
					.select([eb.val(partId).as('part_id'), 'id', eb.val(at).as('first_seen_at')])
					.where('concertation_id', '=', concertationId)
					.where('id', 'in', ids)
			)
			.onConflict((oc) => oc.doNothing())
			.execute();
	}
}

/**
 * Writes down every step's part as it is now. A step given to no part belongs to the last
 * part; before the parts' order or number changes, it is given to that part for good, so
 * that adding or moving a part never moves a step the facilitator did not move.
 */
async function settleSteps(tx: PartsTx, concertationId: number): Promise<void> {
	const { parts, phases, assignment } = await partsState(tx, concertationId);
	const last = parts.at(-1);
	if (!last) return;
	const unassigned = phases.filter(
		(phase) => !parts.some((p) => p.id === assignment.get(phase.id))
	);
	for (const phase of unassigned)
		await tx
			.insertInto('meeting_part_step')
			.values({ phase_id: phase.id, part_id: last.id })
			.onConflict((oc) => oc.column('phase_id').doUpdateSet({ part_id: last.id }))
			.execute();
}

async function startPart(tx: PartsTx, concertation: Concertation, partId: number, now: Date) {
	const at = now.toISOString();
	await tx
		.updateTable('meeting_part')
		.set({ ended_at: at })
		.where('concertation_id', '=', concertation.id)
		.where('started_at', 'is not', null)
		.where('ended_at', 'is', null)
		.where('id', '!=', partId)
		.execute();
	// A part started again (reopened) keeps when it first started.
	await tx
		.updateTable('meeting_part')
		.set((eb) => ({ started_at: eb.fn.coalesce('started_at', eb.val(at)), ended_at: null }))
		.where('id', '=', partId)
		.execute();
	await recordOnline(tx, concertation.id, partId, at);
}

// The console's next/previous/goto stay inside the part that runs (see rules.stepScope).
registerStepScope(async (tx, concertation, phases, now) => {
	const ptx = tx.withTables<PartTables>();
	const parts = await listParts(ptx, concertation.id);
	if (parts.length === 0) return { phases };
	const { assignment } = await partsState(ptx, concertation.id);
	const scope = stepScope(parts, phases, assignment);
	if (scope.kind === 'all') return { phases: scope.steps };
	if (scope.kind === 'between') refuse('part_not_running');
	if (scope.startFirst) {
		await startPart(ptx, concertation, scope.partId, now);
		return { phases: scope.steps, changed: ['parts'] };
	}
	return { phases: scope.steps };
});

registerCommands<PartTables>({
	'parts.create': {
		allow: ['facilitator'],
		async run({ tx, concertation }, input) {
			const values = columns(input, languagesOf(concertation));
			await settleSteps(tx, concertation.id);
			const parts = await listParts(tx, concertation.id);
			if (parts.length >= PART_LIMITS.parts) refuse('too_many', { max: PART_LIMITS.parts });
			const { id } = await tx
				.insertInto('meeting_part')
				.values({
					concertation_id: concertation.id,
					position: (parts.at(-1)?.position ?? 0) + 1,
					...values
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			// The first part holds the whole programme: nothing moves until the facilitator
			// gives steps to the next parts.
			if (parts.length === 0) {
				const phases = await listPhases(tx, concertation.id);
				if (phases.length > 0)
					await tx
						.insertInto('meeting_part_step')
						.values(phases.map((phase) => ({ phase_id: phase.id, part_id: id })))
						.execute();
			}
			return { result: { partId: id }, changed: ['parts'] };
		}
	},
	'parts.update': {
		allow: ['facilitator'],
		async run({ tx, concertation }, input) {
			const part = await requirePart(tx, concertation.id, input.partId);
			await tx
				.updateTable('meeting_part')
				.set(columns(input, languagesOf(concertation), part.title_en))
				.where('id', '=', input.partId)
				.execute();
			return { result: { partId: input.partId }, changed: ['parts'] };
		}
	},
	'parts.move': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { partId, direction }) {
			await requirePart(tx, concertation.id, partId);
			await settleSteps(tx, concertation.id);
			const order = movedOrder(await listParts(tx, concertation.id), partId, direction);
			for (const [index, id] of order.entries())
				await tx
					.updateTable('meeting_part')
					.set({ position: index + 1 })
					.where('id', '=', id)
					.execute();
			return { result: { partId }, changed: ['parts'] };
		}
	},
	'parts.delete': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { partId, confirm }) {
			const part = await requirePart(tx, concertation.id, partId);
			// Its attendance is a record of who came: a part that ran is kept.
			if (partStatus(part) !== 'planned') refuse('part_started');
			const { parts, phases, assignment } = await partsState(tx, concertation.id);
			const steps = stepsByPart(parts, phases, assignment).get(partId) ?? [];
			if (steps.length > 0 && !confirm) refuse('part_has_steps', { count: steps.length });
			const neighbour = neighbourOf(parts, partId);
			if (neighbour !== null && steps.length > 0) {
				// Implicit steps (those of the last part) become explicit, so none is lost.
				for (const step of steps)
					await tx
						.insertInto('meeting_part_step')
						.values({ phase_id: step.id, part_id: neighbour })
						.onConflict((oc) => oc.column('phase_id').doUpdateSet({ part_id: neighbour }))
						.execute();
			}
			await tx.deleteFrom('meeting_part').where('id', '=', partId).execute();
			return {
				result: { movedSteps: steps.length, toPartId: neighbour },
				changed: ['parts']
			};
		}
	},
	'parts.assignStep': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { phaseId, partId }) {
			await requirePart(tx, concertation.id, partId);
			const phase = await tx
				.selectFrom('phase')
				.select('id')
				.where('id', '=', phaseId)
				.where('concertation_id', '=', concertation.id)
				.executeTakeFirst();
			if (!phase) throw new DomainError('not_found');
			// The step on screen now stays in the part that runs.
			const running = runningPart(await listParts(tx, concertation.id));
			if (running && concertation.current_phase_id === phaseId && running.id !== partId)
				refuse('current_step');
			await tx
				.insertInto('meeting_part_step')
				.values({ phase_id: phaseId, part_id: partId })
				.onConflict((oc) => oc.column('phase_id').doUpdateSet({ part_id: partId }))
				.execute();
			return { result: { partId }, changed: ['parts'] };
		}
	},
	'parts.start': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { partId }) {
			if (concertation.status === 'closed') throw new DomainError('session_closed');
			await requirePart(tx, concertation.id, partId);
			const { parts, phases, assignment } = await partsState(tx, concertation.id);
			const steps = stepsByPart(parts, phases, assignment).get(partId) ?? [];
			if (steps.length === 0) refuse('part_without_steps');
			await startPart(tx, concertation, partId, now);
			// The same transaction; its type only knows more tables than the core's.
			const moved = await goToPhase(tx as unknown as Tx, concertation, steps[0]!.id, now);
			return {
				result: { partId, currentPhaseId: moved.result.currentPhaseId },
				changed: [...moved.changed, 'parts']
			};
		}
	},
	'parts.end': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			const running = runningPart(await listParts(tx, concertation.id));
			if (!running) refuse('no_running_part');
			await tx
				.updateTable('meeting_part')
				.set({ ended_at: now.toISOString() })
				.where('id', '=', running.id)
				.execute();
			// Until the next part starts no step is on: phones wait and send nothing to the last
			// step of the day, the projector welcomes those who arrive for the next date.
			await tx
				.updateTable('concertation')
				.set({
					current_phase_id: null,
					...timerColumns(resetTimer(timerState(concertation), 0))
				})
				.where('id', '=', concertation.id)
				.execute();
			return { result: { partId: running.id }, changed: ['parts', 'session'] };
		}
	}
});

/** Per concertation, the part running at its last version read (see `onArrival` below). */
const runningParts = new WeakMap<
	Db,
	Map<number, { version: number; running: Promise<{ id: number } | undefined> }>
>();

/**
 * A participant whose first device connects while a part runs was present in it: recorded
 * once per part (the primary key), in its own transaction, announced to the consoles'
 * counts. Outside parts (none defined, or between two) nothing is written.
 */
onArrival(async (db: Db, { id: concertationId, version }, participantId: number) => {
	const pdb = db.withTables<PartTables>();
	// Most concertations have no part running: one indexed read, no transaction, made once
	// per version of the concertation (starting or ending a part changes it) for all the
	// arrivals of a reconnect storm.
	let known = runningParts.get(db);
	if (!known) runningParts.set(db, (known = new Map()));
	let atVersion = known.get(concertationId);
	if (atVersion?.version !== version) {
		atVersion = {
			version,
			running: pdb
				.selectFrom('meeting_part')
				.select('id')
				.where('concertation_id', '=', concertationId)
				.where('started_at', 'is not', null)
				.where('ended_at', 'is', null)
				.executeTakeFirst()
		};
		known.set(concertationId, atVersion);
		const read = atVersion;
		// A failed read is not kept for the next arrival.
		read.running.catch(() => known.get(concertationId) === read && known.delete(concertationId));
	}
	const running = await atVersion.running;
	if (!running) return;
	const changed = await pdb.transaction().execute(async (tx) => {
		const running = runningPart(await listParts(tx, concertationId));
		if (!running) return null;
		const inserted = await tx
			.insertInto('meeting_part_attendance')
			.values({ part_id: running.id, participant_id: participantId, first_seen_at: nowIso() })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst();
		if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
		const { version } = await tx
			.updateTable('concertation')
			.set({ version: (eb) => eb('version', '+', 1) })
			.where('id', '=', concertationId)
			.returning('version')
			.executeTakeFirstOrThrow();
		return version - 1;
	});
	if (changed !== null) announceChange(concertationId, ['parts'], changed);
});
