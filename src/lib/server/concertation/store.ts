import type { Queryable } from '../db';
import type { Concertation, Phase } from '../db/schema';
import { DomainError } from '../errors';
import type { TimerState } from './timer';

export async function findConcertation(
	db: Queryable,
	id: number
): Promise<Concertation | undefined> {
	return db.selectFrom('concertation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getConcertation(db: Queryable, id: number): Promise<Concertation> {
	const concertation = await findConcertation(db, id);
	if (!concertation) throw new DomainError('not_found');
	return concertation;
}

export async function findByJoinCode(
	db: Queryable,
	code: string
): Promise<Concertation | undefined> {
	return db.selectFrom('concertation').selectAll().where('join_code', '=', code).executeTakeFirst();
}

export async function listPhases(db: Queryable, concertationId: number): Promise<Phase[]> {
	return db
		.selectFrom('phase')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function currentPhase(
	db: Queryable,
	concertation: Pick<Concertation, 'current_phase_id'>
): Promise<Phase | undefined> {
	if (concertation.current_phase_id === null) return undefined;
	return db
		.selectFrom('phase')
		.selectAll()
		.where('id', '=', concertation.current_phase_id)
		.executeTakeFirst();
}

export function timerState(concertation: Concertation): TimerState {
	return {
		running: concertation.timer_running === 1,
		endsAt: concertation.timer_ends_at,
		remainingMs: concertation.timer_remaining_ms,
		durationMs: concertation.timer_duration_ms
	};
}

export function timerColumns(timer: TimerState) {
	return {
		timer_running: timer.running ? 1 : 0,
		timer_ends_at: timer.endsAt,
		timer_remaining_ms: timer.remainingMs,
		timer_duration_ms: timer.durationMs
	};
}
