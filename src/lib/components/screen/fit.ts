import { tick } from 'svelte';

/**
 * The projector's safety net against clipping: from `start`, shrinks the type by 10 % a step
 * until the phase area around `element` no longer overflows, calling `apply` with each scale,
 * never below `min` (past it, the content must be paged instead). It starts again from
 * `start` whenever the area changes size (the join block growing or shrinking, another
 * screen). For what no page size can promise (another screen size, unusual text). `stuck` is
 * called when even `min` overflows: the content must then be laid out otherwise. Returns the
 * function that stops it (call it when what is shown changes).
 */
export function shrinkToFit(
	element: HTMLElement,
	start: number,
	apply: (scale: number) => void,
	min = start * 0.35,
	stuck?: () => void
): () => void {
	const box = element.closest<HTMLElement>('[data-testid="screen-phase"]') ?? element.parentElement;
	let run = 0;
	const fit = async () => {
		const mine = ++run;
		let scale = start;
		apply(scale);
		while (mine === run) {
			await tick();
			if (mine !== run || !box || box.scrollHeight <= box.clientHeight + 1) return;
			if (scale <= min) {
				stuck?.();
				return;
			}
			scale = Math.max(min, Math.round(scale * 90) / 100);
			apply(scale);
		}
	};
	let size = '';
	const observer =
		box && typeof ResizeObserver !== 'undefined'
			? new ResizeObserver(() => {
					const next = `${box.clientWidth}×${box.clientHeight}`;
					if (next !== size) {
						size = next;
						void fit();
					}
				})
			: null;
	if (observer && box) {
		size = `${box.clientWidth}×${box.clientHeight}`;
		observer.observe(box);
	}
	void fit();
	return () => {
		run = -1;
		observer?.disconnect();
	};
}
