/**
 * Pages: A4 geometry, page 1 fitted by shrinking the type and then the lists, the appendix
 * cut into pages, and the footer every page carries.
 */
import {
	documentLanguages,
	printedLine,
	sectionOf,
	shortDate,
	type Restitution
} from '../../../protocol/summary';
import { PARTS } from '../parts';
import { type Caps, type Ctx, NO_CAPS, labelsJoined, span, styles } from './blocks';
import type { DocumentLanguages } from '../../../protocol/summary';
import { type Box, type Op, at, flatten, opSpan, splitBox } from './boxes';
import { firstPage } from './first-page';
import { Measurer } from './fonts';
import { COLORS, paragraph } from './text';
import type { ShortenStep } from '../part';

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = 24;
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN;
export const FOOTER_HEIGHT = 14;
export const CONTENT_HEIGHT = PAGE.height - 2 * MARGIN - FOOTER_HEIGHT;

/** Body sizes tried for page 1, largest first; 7 pt is the smallest we consider legible. */
const BODY_SIZES = [9, 8.5, 8, 7.75, 7.5, 7.25, 7];
const MIN_BODY_SIZE = 7;
export const APPENDIX_BODY_SIZE = 8.5;

export function makeCtx(m: Measurer, b: number, caps: Caps, langs: DocumentLanguages): Ctx {
	return { m, b, caps, cut: new Set(), s: styles(b), langs };
}

/**
 * The ladder in which page 1 shortens its lists once the smallest type does not fit: levels
 * from 1 (first) to 10 (last), each list's steps at the levels its owner chose. The document's
 * own lists (long texts, sectors) and each part's (`shorten` in `<kind>/restitution.ts`):
 *
 *  1  long texts to 8 lines            6  needs 4, sectors 6, long texts 3
 *  2  tables' lists, down to 3 items   7  tables' lists to 1 item
 *  3  long texts to 5 lines            8  news 2, needs 3, sectors 4, long texts 2
 *  4  news to 4                        9  the vote to 8, 5, then 3 (the main result: last)
 *  5  tables' lists to 2 items        10  whole tables, one fewer at a time
 *
 * Steps of several owners at one level are one stage; an owner's several steps at one level
 * are successive stages. The names are never cut from page 1 (they are off by default).
 */
const DOCUMENT_STEPS: readonly ShortenStep[] = [
	{ level: 1, caps: { textLines: 8 } },
	{ level: 3, caps: { textLines: 5 } },
	{ level: 6, caps: { sectors: 6, textLines: 3 } },
	{ level: 8, caps: { sectors: 4, textLines: 2 } }
];

/**
 * The order in which caps are given back when page 1 has room again, the most useful content
 * first (parts give theirs with `caps`): the vote 1, sectors 2, needs 3, long texts 4, tables'
 * items 5, news 6, names 7, whole tables 8.
 */
const DOCUMENT_CAPS: Readonly<Record<string, number>> = { sectors: 2, textLines: 4, people: 7 };

/** The sections of the document itself that page 1 can shorten (parts' are their kinds). */
const DOCUMENT_SECTIONS = ['texts', 'people', 'sectors'] as const;

/** Ever shorter lists, tried in order at the minimum size until page 1 fits. */
function truncationStages(model: Restitution): Caps[] {
	const owners: (readonly ShortenStep[])[] = [
		DOCUMENT_STEPS,
		...PARTS.map((part) => part.pdf.shorten?.(sectionOf(model, part)) ?? [])
	];
	const levels = [...new Set(owners.flat().map((step) => step.level))].sort((a, b) => a - b);
	const stages: Caps[] = [];
	let caps: Caps = { ...NO_CAPS, people: 0 };
	const tighten = (change: Caps) => {
		caps = { ...caps, ...change };
		stages.push(caps);
	};
	tighten({});
	for (const level of levels) {
		const atLevel = owners.map((steps) => steps.filter((step) => step.level === level));
		const count = Math.max(...atLevel.map((steps) => steps.length));
		for (let index = 0; index < count; index++)
			tighten(Object.assign({}, ...atLevel.map((steps) => steps[index]?.caps ?? {})));
	}
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
	const langs = documentLanguages(model);
	let attempt: FittedPage | null = null;
	for (const size of BODY_SIZES) {
		const ctx = makeCtx(m, size, NO_CAPS, langs);
		attempt = { ctx, box: firstPage(ctx, model, CONTENT_WIDTH, logo) };
		if (attempt.box.h <= CONTENT_HEIGHT) return attempt;
	}
	// Stages only ever shorten the page: find the first that fits by bisection.
	const stages = truncationStages(model);
	const tryStage = (index: number): FittedPage => {
		const ctx = makeCtx(m, MIN_BODY_SIZE, stages[index] ?? NO_CAPS, langs);
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
	for (const section of [...DOCUMENT_SECTIONS, ...PARTS.map((part) => part.kind)])
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
const RELAX_ORDER: readonly string[] = Object.entries(
	Object.assign({}, DOCUMENT_CAPS, ...PARTS.map((part) => part.pdf.caps ?? {})) as Record<
		string,
		number
	>
)
	.sort((a, b) => a[1] - b[1])
	.map(([name]) => name);

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
		const current = best.ctx.caps[key] ?? Infinity;
		const looser = [Infinity, previous?.[key] ?? current].filter(
			(value, index, all) => value > current && all.indexOf(value) === index
		);
		for (const value of looser) {
			const ctx = makeCtx(m, MIN_BODY_SIZE, { ...best.ctx.caps, [key]: value }, best.ctx.langs);
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
	const left = [printedLine(header.organiser, ctx.langs), shortDate(header.date)]
		.filter(Boolean)
		.join(' — ');
	const right = pages > 1 ? labelsJoined(ctx, 'page', { page, pages }) : '';
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
