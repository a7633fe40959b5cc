import type { TimerView } from '../../protocol';

/**
 * The phase timer as stored: pure transitions, so the clock is a parameter and the same
 * rules serve every phase. A running timer keeps its end instant; a paused one what remains.
 */
export interface TimerState {
	running: boolean;
	endsAt: number | null;
	remainingMs: number;
	durationMs: number;
}

export function remainingMs(timer: TimerState, now: number): number {
	return timer.running && timer.endsAt !== null ? timer.endsAt - now : timer.remainingMs;
}

export function startTimer(timer: TimerState, now: number, seconds?: number): TimerState {
	const durationMs = seconds !== undefined ? seconds * 1000 : timer.durationMs;
	const left = seconds !== undefined ? durationMs : remainingMs(timer, now);
	return { running: true, endsAt: now + left, remainingMs: left, durationMs };
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
	const left = remainingMs(timer, now);
	return { running: false, endsAt: null, remainingMs: left, durationMs: timer.durationMs };
}

/** Back to the full duration (or a new one), stopped. */
export function resetTimer(timer: TimerState, seconds?: number): TimerState {
	const durationMs = seconds !== undefined ? seconds * 1000 : timer.durationMs;
	return { running: false, endsAt: null, remainingMs: durationMs, durationMs };
}

/** "+1 min" while people are still talking; may go below zero only if already overtime. */
export function addTime(timer: TimerState, now: number, seconds: number): TimerState {
	const delta = seconds * 1000;
	const durationMs = Math.max(0, timer.durationMs + delta);
	if (timer.running && timer.endsAt !== null) {
		return {
			...timer,
			endsAt: timer.endsAt + delta,
			remainingMs: timer.endsAt + delta - now,
			durationMs
		};
	}
	return { ...timer, remainingMs: timer.remainingMs + delta, durationMs };
}

export function timerView(timer: TimerState): TimerView {
	return { ...timer };
}
