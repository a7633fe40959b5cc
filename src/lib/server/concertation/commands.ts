import type { SectionName } from '../../protocol';
import type { Concertation, Phase } from '../db/schema';
import type { Tx } from '../db';
import { DomainError } from '../errors';
import { registerCommands, type CommandOutcome } from '../realtime/commands';
import { sectionOfKind } from '../realtime/sections';
import { handDown, lowerAllHands } from '../remote/hands';
import { listPhases, timerColumns, timerState } from './store';
import { addTime, pauseTimer, resetTimer, startTimer, timerView, type TimerState } from './timer';

/**
 * The steps `phase.next`, `phase.previous` and `phase.goto` may reach from the current one.
 * The programme's parts (server/parts, a module above this one) narrow it to the part that
 * runs, so that a step of a later date is not reached by a click on "next"; without parts
 * it is every step, as it always was. `changed`: sections the scope itself changed (the
 * first part started by the first step).
 */
export type StepScope = (
	tx: Tx,
	concertation: Concertation,
	phases: Phase[],
	now: Date
) => Promise<{ phases: Phase[]; changed?: SectionName[] }>;
let stepScope: StepScope = async (_tx, _concertation, phases) => ({ phases });
export function registerStepScope(scope: StepScope): void {
	stepScope = scope;
}

/**
 * Moves the session to a phase and starts that phase's timer with its planned duration:
 * what a facilitator expects when clicking "next".
 */
export async function goToPhase(
	tx: Tx,
	concertation: Concertation,
	phaseId: number,
	now: Date
): Promise<CommandOutcome<{ currentPhaseId: number }>> {
	const phase = await tx
		.selectFrom('phase')
		.selectAll()
		.where('id', '=', phaseId)
		.where('concertation_id', '=', concertation.id)
		.executeTakeFirst();
	if (!phase) throw new DomainError('not_found');
	const timer: TimerState =
		phase.duration_minutes > 0
			? startTimer(resetTimer(timerState(concertation), phase.duration_minutes * 60), now.getTime())
			: resetTimer(timerState(concertation), 0);
	await tx
		.updateTable('concertation')
		.set({ current_phase_id: phase.id, status: 'live', ...timerColumns(timer) })
		.where('id', '=', concertation.id)
		.execute();
	// Hands raised in one step are lowered when it ends: the queue is the current step's.
	const lowered = await lowerAllHands(tx, concertation.id);
	return {
		result: { currentPhaseId: phase.id },
		changed: [
			'session',
			...sectionOfKind(phase.kind),
			...(lowered.length > 0 ? (['hands'] as const) : [])
		],
		selfParts: handDown(lowered)
	};
}

/** The outcome with more sections changed (the parts' when a step starts one), all else kept. */
function withChanged<O extends { changed: SectionName[] }>(
	outcome: O,
	more: SectionName[] = []
): O {
	return { ...outcome, changed: [...outcome.changed, ...more] };
}

async function stepPhase(tx: Tx, concertation: Concertation, step: 1 | -1, now: Date) {
	if (concertation.status === 'closed') throw new DomainError('session_closed');
	const scope = await stepScope(tx, concertation, await listPhases(tx, concertation.id), now);
	const phases = scope.phases;
	const index = phases.findIndex((phase) => phase.id === concertation.current_phase_id);
	const target = index < 0 ? (step === 1 ? phases[0] : undefined) : phases[index + step];
	if (!target) throw new DomainError(step === 1 ? 'no_next_phase' : 'no_previous_phase');
	return withChanged(await goToPhase(tx, concertation, target.id, now), scope.changed);
}

async function setTimer(tx: Tx, concertation: Concertation, timer: TimerState) {
	await tx
		.updateTable('concertation')
		.set(timerColumns(timer))
		.where('id', '=', concertation.id)
		.execute();
	return { result: { timer: timerView(timer) }, changed: ['session' as const] };
}

function requireNotClosed(concertation: Concertation): void {
	if (concertation.status === 'closed') throw new DomainError('session_closed');
}

registerCommands({
	'session.start': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			if (concertation.status !== 'draft') throw new DomainError('conflict');
			return stepPhase(tx, concertation, 1, now);
		}
	},
	'session.close': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }) {
			requireNotClosed(concertation);
			const timer = pauseTimer(timerState(concertation), now.getTime());
			await tx
				.updateTable('concertation')
				.set({ status: 'closed', ...timerColumns(timer) })
				.where('id', '=', concertation.id)
				.execute();
			// `screen`: the projector's closing screen reads the next dates as they are now.
			return { result: {}, changed: ['session', 'screen'] };
		}
	},
	'session.reopen': {
		allow: ['facilitator'],
		async run({ tx, concertation }) {
			if (concertation.status !== 'closed') throw new DomainError('conflict');
			// Its participants' phones are unlinked and no name would ever be printed again:
			// newcomers would be the only people with names in it.
			if (concertation.participants_anonymised_at !== null)
				throw new DomainError('reopen_anonymised');
			const status = concertation.current_phase_id === null ? 'draft' : 'live';
			await tx
				.updateTable('concertation')
				.set({ status })
				.where('id', '=', concertation.id)
				.execute();
			return { result: {}, changed: ['session'] };
		}
	},
	'phase.goto': {
		allow: ['facilitator'],
		async run({ tx, concertation, now }, { phaseId }) {
			requireNotClosed(concertation);
			const scope = await stepScope(tx, concertation, await listPhases(tx, concertation.id), now);
			if (!scope.phases.some((phase) => phase.id === phaseId)) {
				const exists = await tx
					.selectFrom('phase')
					.select('id')
					.where('id', '=', phaseId)
					.where('concertation_id', '=', concertation.id)
					.executeTakeFirst();
				if (!exists) throw new DomainError('not_found');
				throw new DomainError('step_in_other_part', {}, 'parts:errors.step_in_other_part');
			}
			return withChanged(await goToPhase(tx, concertation, phaseId, now), scope.changed);
		}
	},
	'phase.next': {
		allow: ['facilitator'],
		run: ({ tx, concertation, now }) => stepPhase(tx, concertation, 1, now)
	},
	'phase.previous': {
		allow: ['facilitator'],
		run: ({ tx, concertation, now }) => stepPhase(tx, concertation, -1, now)
	},
	'timer.start': {
		allow: ['facilitator'],
		run: ({ tx, concertation, now }, { seconds }) =>
			setTimer(tx, concertation, startTimer(timerState(concertation), now.getTime(), seconds))
	},
	'timer.pause': {
		allow: ['facilitator'],
		run: ({ tx, concertation, now }) =>
			setTimer(tx, concertation, pauseTimer(timerState(concertation), now.getTime()))
	},
	'timer.reset': {
		allow: ['facilitator'],
		run: ({ tx, concertation }, { seconds }) =>
			setTimer(tx, concertation, resetTimer(timerState(concertation), seconds))
	},
	'timer.add': {
		allow: ['facilitator'],
		run: ({ tx, concertation, now }, { seconds }) =>
			setTimer(tx, concertation, addTime(timerState(concertation), now.getTime(), seconds))
	}
});
