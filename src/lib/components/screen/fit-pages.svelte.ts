import type { LiveConnection } from '../../client/live.svelte';
import { ServerClock } from './clock.svelte';
import {
	packRows,
	PAGER_HEIGHT,
	screenPageFromStarts,
	type MeasuredRow,
	type ScreenPage
} from './paging';

/**
 * A projector list cut into pages by the space its items really take on this screen, the
 * pages rotating on the server clock (see `paging.ts`). Estimates from text lengths were
 * wrong both ways: five short topics went over two pages, and long ones were cut with "…".
 * Instead, whenever the items' text or the screen's size changes, every item is rendered once
 * in the real list, at its real width and type, its rows measured and packed into pages that
 * fill the phase area, before the browser paints anything: nothing flickers and nothing is
 * cut. Live figures that do not change an item's height (points, counts) are not part of the
 * `signature`, so ballots arriving do not re-measure.
 *
 * The component renders `items.slice(page.start, page.end)` into the element bound to
 * `list` (its children are the items, in order; a grid's rows are found by their tops), and
 * `root` may be bound to the component's outer element when it shows something under the
 * list on every page (a legend), which is then kept free.
 */
export class FitPages {
	list = $state<HTMLElement>();
	root = $state<HTMLElement>();
	#size = $state('');
	#measured = $state<{
		key: string;
		list: HTMLElement;
		starts: number[];
		oversized: boolean;
	} | null>(null);
	#clock: ServerClock;
	#options: FitPagesOptions;

	constructor(live: LiveConnection, options: FitPagesOptions) {
		this.#options = options;
		this.#clock = new ServerClock(live);
		// The phase area's size (the join block shrinking, another screen): measure again.
		$effect(() => {
			const area = this.list ? phaseArea(this.list) : undefined;
			if (!area) return;
			const observer = new ResizeObserver(() => {
				const box = area.getBoundingClientRect();
				this.#size = `${Math.round(box.width)}×${Math.round(box.height)}`;
			});
			observer.observe(area);
			return () => observer.disconnect();
		});
		$effect(() => {
			const list = this.list;
			const key = this.key;
			// A list being replaced (another view of the same step) is measured once the new one
			// is bound: a detached element has no size.
			if (!list || !list.isConnected || !this.measuring) return;
			// Every item is in the list now (see `page`): measure, then show the first page.
			this.#measured = {
				key,
				list,
				...measureStarts(list, this.root, options.pagerBelow ?? true)
			};
		});
	}

	get key(): string {
		return `${this.#size}|${this.#options.signature()}`;
	}

	/** True for the one render in which every item is shown, to be measured. */
	get measuring(): boolean {
		return this.#measured?.key !== this.key || this.#measured.list !== this.list;
	}

	/** Some row is taller than a whole page: it will be cut unless the list is laid out anew. */
	get oversized(): boolean {
		return !this.measuring && (this.#measured?.oversized ?? false);
	}

	get page(): ScreenPage {
		const count = this.#options.count();
		const measured = this.#measured;
		if (!measured || this.measuring) return { index: 0, total: 1, start: 0, end: count };
		return screenPageFromStarts(measured.starts, count, this.#options.seconds, this.#clock.now);
	}
}

export interface FitPagesOptions {
	count: () => number;
	/** Whatever changes the items' heights: their texts, their order. */
	signature: () => string;
	/** How long each page stays up. */
	seconds: number;
	/** The pager goes under the list (default), so a list of several pages leaves it room. */
	pagerBelow?: boolean;
}

function phaseArea(element: HTMLElement): HTMLElement | null {
	return element.closest<HTMLElement>('[data-testid="screen-phase"]') ?? element.parentElement;
}

/** The projector's unit of type (1 em of the screen page), in px. */
export function screenUnit(element: Element): number {
	return parseFloat(getComputedStyle(element.closest('.screen') ?? element).fontSize) || 16;
}

function measureStarts(
	list: HTMLElement,
	root: HTMLElement | undefined,
	pagerBelow: boolean
): { starts: number[]; oversized: boolean } {
	const area = phaseArea(list);
	if (!area) return { starts: [0], oversized: false };
	const listBox = list.getBoundingClientRect();
	const below = root ? Math.max(0, root.getBoundingClientRect().bottom - listBox.bottom) : 0;
	const rows: MeasuredRow[] = [];
	for (const [index, item] of [...list.children].entries()) {
		const box = item.getBoundingClientRect();
		const top = box.top - listBox.top;
		const bottom = box.bottom - listBox.top;
		const last = rows.at(-1);
		if (last && Math.abs(top - last.top) < 2) last.bottom = Math.max(last.bottom, bottom);
		else rows.push({ first: index, top, bottom });
	}
	// A pixel short of the area's bottom: rounding never clips the last line.
	const capacity = area.getBoundingClientRect().bottom - listBox.top - below - 1;
	const starts = packRows(rows, capacity);
	const oversized = rows.some((row) => row.bottom - row.top > capacity);
	if (starts.length <= 1 || !pagerBelow) return { starts, oversized };
	const paged = capacity - PAGER_HEIGHT * screenUnit(list);
	return {
		starts: packRows(rows, paged),
		oversized: rows.some((row) => row.bottom - row.top > paged)
	};
}
