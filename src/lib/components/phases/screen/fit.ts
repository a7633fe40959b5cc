import { tick } from 'svelte';

/**
 * The projector's safety net against clipping: from `start`, shrinks the type by 10 % a step
 * (at most 10 steps) until the phase area around `element` no longer overflows, calling
 * `apply` with each scale. For what no fixed page size can promise (another screen size,
 * unusual text). Returns the function that stops it (call it when what is shown changes).
 */
export function shrinkToFit(
	element: HTMLElement,
	start: number,
	apply: (scale: number) => void
): () => void {
	let cancelled = false;
	let scale = start;
	apply(scale);
	void (async () => {
		for (let step = 0; step < 10 && !cancelled; step++) {
			await tick();
			const box = element.closest('[data-testid="screen-phase"]') ?? element.parentElement;
			if (cancelled || !box || box.scrollHeight <= box.clientHeight + 1) return;
			scale = Math.round(scale * 90) / 100;
			apply(scale);
		}
	})();
	return () => {
		cancelled = true;
	};
}
