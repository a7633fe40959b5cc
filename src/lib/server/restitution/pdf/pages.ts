/**
 * Pages: A4 geometry, page 1 fitted by shrinking the type and then the lists, the appendix
 * cut into pages, and the footer every page carries.
 */
import { TABLE_CATEGORIES, label, printableLine, shortDate, type Restitution } from '../model';
import { type Caps, type Ctx, NO_CAPS, span, styles } from './blocks';
import { type Box, type Op, at, flatten, opSpan, splitBox } from './boxes';
import { firstPage } from './first-page';
import { Measurer } from './fonts';
import { COLORS, paragraph } from './text';

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = 24;
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
export const FOOTER_HEIGHT = 14;
export const CONTENT_HEIGHT = PAGE.height - 2 * MARGIN - FOOTER_HEIGHT;

/** Body sizes tried for page 1, largest first; 7 pt is the smallest we consider legible. */
const BODY_SIZES = [9, 8.5, 8, 7.75, 7.5, 7.25, 7];
const MIN_BODY_SIZE = 7;
export const APPENDIX_BODY_SIZE = 8.5;

export function makeCtx(m: Measurer, b: number, caps: Caps): Ctx {
	return { m, b, caps, cut: new Set(), s: styles(b) };
}

/** Ever shorter lists, tried in order at the minimum size until page 1 fits. */
function truncationStages(model: Restitution): Caps[] {
	const longest = Math.max(
		0,
		...model.tables.flatMap((table) => TABLE_CATEGORIES.map((category) => table[category].length))
	);
	// Each stage tightens the previous one: tables' lists first (their full text is in the
	// appendix), then long texts and the context lists, the vote, and last whole tables.
	const stages: Caps[] = [];
	let caps: Caps = { ...NO_CAPS, people: 0 };
	const tighten = (change: Partial<Caps>) => {
		caps = { ...caps, ...change };
		stages.push(caps);
	};
	tighten({});
	tighten({ textLines: 8 });
	for (let items = longest - 1; items >= 3; items--) tighten({ items });
	tighten({ textLines: 5 });
	tighten({ news: 4 });
	tighten({ items: 2 });
	tighten({ needs: 4, sectors: 6, textLines: 3 });
	tighten({ items: 1 });
	tighten({ news: 2, needs: 3, sectors: 4, textLines: 2 });
	// The vote is the meeting's main result: shortened last.
	tighten({ vote: 8 });
	tighten({ vote: 5 });
	tighten({ vote: 3 });
	for (let tables = model.tables.length - 1; tables >= 1; tables--) tighten({ tables });
	return stages;
}

interface FittedPage {
	ctx: Ctx;
	box: Box;
}

export function fitFirstPage(
	m: Measurer,
	model: Restitution,
	logo: { bytes: Buffer; w: number; h: number } | null
): FittedPage {
	let attempt: FittedPage | null = null;
	for (const size of BODY_SIZES) {
		const ctx = makeCtx(m, size, NO_CAPS);
		attempt = { ctx, box: firstPage(ctx, model, CONTENT_WIDTH, logo) };
		if (attempt.box.h <= CONTENT_HEIGHT) return attempt;
	}
	// Stages only ever shorten the page: find the first that fits by bisection.
	const stages = truncationStages(model);
	const tryStage = (index: number): FittedPage => {
		const ctx = makeCtx(m, MIN_BODY_SIZE, stages[index] ?? NO_CAPS);
		return { ctx, box: firstPage(ctx, model, CONTENT_WIDTH, logo) };
	};
	let low = 0;
	let high = stages.length - 1;
	let best: { index: number; page: FittedPage } | null = null;
	while (low <= high) {
		const middle = Math.floor((low + high) / 2);
		const candidate = tryStage(middle);
		if (candidate.box.h <= CONTENT_HEIGHT) {
			best = { index: middle, page: candidate };
			high = middle - 1;
		} else {
			low = middle + 1;
			attempt = candidate;
		}
	}
	if (best) return relax(m, model, logo, best.page, stages[best.index - 1]);
	attempt = tryStage(stages.length - 1);
	// Nothing fits (a pathological header): draw what fits; everything is in the appendix.
	if (!attempt) throw new Error('unreachable: no layout attempt');
	for (const section of ['texts', 'people', 'sectors', 'needs', 'news', 'vote', 'tables'] as const)
		attempt.ctx.cut.add(section);
	return {
		ctx: attempt.ctx,
		box: {
			h: CONTENT_HEIGHT,
			ops: flatten(attempt.box).filter((op) => opSpan(op)[1] <= CONTENT_HEIGHT)
		}
	};
}

/** The caps given back first when there is room: the most useful content first. */
const RELAX_ORDER: readonly (keyof Caps)[] = [
	'vote',
	'sectors',
	'needs',
	'textLines',
	'items',
	'news',
	'people',
	'tables'
];

/**
 * A stage cuts several lists at once; some of them may fit whole again. Gives back one cap at
 * a time (uncapped, else as in the previous stage) and keeps whatever still fits the page.
 */
function relax(
	m: Measurer,
	model: Restitution,
	logo: { bytes: Buffer; w: number; h: number } | null,
	fitted: FittedPage,
	previous: Caps | undefined
): FittedPage {
	let best = fitted;
	for (const key of RELAX_ORDER) {
		const current = best.ctx.caps[key];
		const looser = [Infinity, previous?.[key] ?? current].filter(
			(value, index, all) => value > current && all.indexOf(value) === index
		);
		for (const value of looser) {
			const ctx = makeCtx(m, MIN_BODY_SIZE, { ...best.ctx.caps, [key]: value });
			const box = firstPage(ctx, model, CONTENT_WIDTH, logo);
			if (box.h <= CONTENT_HEIGHT) {
				best = { ctx, box };
				break;
			}
		}
	}
	return best;
}

export function paginate(blocks: readonly Box[], pageHeight: number, gap: number): Op[][] {
	const pages: Op[][] = [[]];
	let y = 0;
	const newPage = () => {
		pages.push([]);
		y = 0;
	};
	for (const block of blocks) {
		let rest: Box = block;
		if (y > 0) y += gap;
		while (rest.h > pageHeight - y) {
			const room = pageHeight - y;
			// A heading or a short block never starts at the bottom of a page.
			if (y > 0 && (room < 40 || rest.h < pageHeight * 0.25)) {
				newPage();
				continue;
			}
			const [head, tail] = splitBox(rest, room);
			if (head.ops.length === 0) {
				if (y > 0) {
					newPage();
					continue;
				}
				// Taller than a page and unsplittable (cannot happen with text): clip it.
				rest = { h: pageHeight, ops: flatten(rest).filter((op) => opSpan(op)[1] <= pageHeight) };
				break;
			}
			pages[pages.length - 1]?.push(...flatten(head, 0, y));
			newPage();
			rest = tail;
		}
		pages[pages.length - 1]?.push(...flatten(rest, 0, y));
		y += rest.h;
	}
	return pages.filter((page, index) => index === 0 || page.length > 0);
}

export function footer(
	ctx: Ctx,
	model: Restitution,
	page: number,
	pages: number,
	note: string
): Box {
	const { header } = model;
	const left = [printableLine(header.organiser), shortDate(header.date)]
		.filter(Boolean)
		.join(' — ');
	const right =
		pages > 1
			? `${label('fr', 'page', { page, pages })} · ${label('nl', 'page', { page, pages })}`
			: '';
	const small = ctx.s.small;
	const rightBox = paragraph(
		ctx,
		[
			span(note ? `${note}   ` : '', { ...small, font: 'semibold', color: COLORS.accent }),
			span(right, small)
		],
		CONTENT_WIDTH,
		{
			align: 'right',
			maxLines: 1
		}
	);
	const leftBox = paragraph(
		ctx,
		[span(left, small)],
		Math.max(40, CONTENT_WIDTH - rightBox.w - 12),
		{ maxLines: 1 }
	);
	return {
		h: FOOTER_HEIGHT,
		ops: [
			{ kind: 'rule', x: 0, y: 2, w: CONTENT_WIDTH, thickness: 0.5, color: COLORS.rule },
			at(leftBox, 0, 5),
			at(rightBox, 0, 5)
		],
		// Repeated on every page: a screen reader skips it.
		tag: { role: 'Artifact' }
	};
}
