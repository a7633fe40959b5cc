/**
 * Boxes: measured blocks of the PDF and their drawing operations, relative to their top-left
 * corner, composed one under the other or side by side before anything is drawn.
 */
import { type FontKey } from './fonts';

/**
 * What a box is to a screen reader: its role in the PDF's structure tree (a tagged PDF, read
 * in the order the boxes are built: French before Dutch, section after section). Bars,
 * rules and the page footer are artifacts, skipped by assistive technology.
 */
type StructRole = 'H1' | 'H2' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Div' | 'Figure' | 'Artifact';
export interface StructTag {
	role: StructRole;
	/** BCP 47 language of the box's text (fr-BE, nl-BE): a screen reader speaks it so. */
	lang?: string;
	/** The text alternative of a figure. */
	alt?: string;
}
/** A tagged box's place in the tree, shared by every operation drawn inside it. */
export interface StructNode {
	tag: StructTag;
	parent: StructNode | null;
}

export type Op =
	| {
			kind: 'text';
			x: number;
			/** Baseline. */
			y: number;
			/** The line box, used to split a block between pages without cutting a line. */
			top: number;
			bottom: number;
			text: string;
			font: FontKey;
			size: number;
			color: string;
			node?: StructNode;
	  }
	| { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
	| { kind: 'rule'; x: number; y: number; w: number; thickness: number; color: string }
	| { kind: 'image'; x: number; y: number; w: number; h: number; data: Buffer; node?: StructNode }
	| { kind: 'link'; x: number; y: number; w: number; h: number; url: string };

/** A positioned sub-box: boxes nest instead of copying their operations at every level. */
interface Group {
	kind: 'group';
	x: number;
	y: number;
	box: Box;
}

export type Node = Op | Group;

export interface Box {
	h: number;
	ops: Node[];
	tag?: StructTag;
}

export const EMPTY: Box = { h: 0, ops: [] };

export function at(box: Box, x: number, y: number): Group {
	return { kind: 'group', x, y, box };
}

function moved(op: Op, dx: number, dy: number): Op {
	if (op.kind === 'text')
		return { ...op, x: op.x + dx, y: op.y + dy, top: op.top + dy, bottom: op.bottom + dy };
	return { ...op, x: op.x + dx, y: op.y + dy };
}

/** The same box with another role (a paragraph that is a heading). */
export function withRole(box: Box, tag: StructTag): Box {
	return { h: box.h, ops: box.ops, tag };
}

/** The box inside a new structure element (a column in one language, a list). */
export function tagged(box: Box, tag: StructTag): Box {
	return { h: box.h, ops: [at(box, 0, 0)], tag };
}

export const LIST_ITEM: StructTag = { role: 'LI' };

/** Boxes one under the other as a list for a screen reader (each box one item). */
export function list(items: readonly Box[], gap = 0): Box {
	const box = stack(items, gap);
	return box.ops.length === 0 ? EMPTY : tagged(box, { role: 'L' });
}

/**
 * The drawing operations of a box, at absolute positions from its top-left corner, each
 * text and image knowing the structure element it belongs to. An operation that already
 * knows it (a block split between pages, flattened again) keeps it.
 */
export function flatten(
	box: Box,
	dx = 0,
	dy = 0,
	out: Op[] = [],
	parent: StructNode | null = null
): Op[] {
	const structure = box.tag ? { tag: box.tag, parent } : parent;
	for (const node of box.ops) {
		if (node.kind === 'group') {
			flatten(node.box, dx + node.x, dy + node.y, out, structure);
			continue;
		}
		const op = dx === 0 && dy === 0 ? node : moved(node, dx, dy);
		const placed =
			structure && (op.kind === 'text' || op.kind === 'image') && !op.node
				? { ...op, node: structure }
				: op;
		out.push(placed);
	}
	return out;
}

export function opSpan(op: Op): [number, number] {
	switch (op.kind) {
		case 'text':
			return [op.top, op.bottom];
		case 'rule':
			return [op.y - op.thickness / 2, op.y + op.thickness / 2];
		default:
			return [op.y, op.y + op.h];
	}
}

/** Boxes one under the other; empty boxes take no gap. */
export function stack(boxes: readonly Box[], gap = 0): Box {
	const ops: Node[] = [];
	let y = 0;
	for (const box of boxes) {
		if (box.h <= 0 && box.ops.length === 0) continue;
		if (ops.length > 0) y += gap;
		ops.push(at(box, 0, y));
		y += box.h;
	}
	return { h: y, ops };
}

/** Boxes side by side at the given x offsets; as tall as the tallest. */
export function beside(columns: readonly { box: Box; x: number }[]): Box {
	return {
		h: columns.reduce((max, { box }) => Math.max(max, box.h), 0),
		ops: columns.map(({ box, x }) => at(box, x, 0))
	};
}

/** Adds space above and below a box. */
export function padded(box: Box, top: number, bottom = top): Box {
	return { h: box.h + top + bottom, ops: [at(box, 0, top)] };
}

/**
 * Splits a box at the lowest y ≤ `maxH` that cuts no line of text, for page breaks in the
 * appendix. Falls back to a hard cut when a single line is taller than `maxH`.
 */
export function splitBox(box: Box, maxH: number): [Box, Box] {
	const ops = flatten(box);
	const spans = ops.map(opSpan);
	// The lowest line end that fits; lines of other columns that straddle it move on whole.
	let cut = 0;
	for (const [, bottom] of spans) if (bottom <= maxH + 0.01 && bottom > cut) cut = bottom;
	const first: Op[] = [];
	const later: { op: Op; top: number }[] = [];
	ops.forEach((op, index) => {
		const [top, bottom] = spans[index] ?? [0, 0];
		if (cut > 0 && bottom <= cut + 0.01) first.push(op);
		else later.push({ op, top });
	});
	const offset = later.reduce((min, { top }) => Math.min(min, top), Infinity);
	const shift = Number.isFinite(offset) ? Math.max(0, offset) : box.h;
	return [
		{ h: cut, ops: first },
		{ h: Math.max(0, box.h - shift), ops: later.map(({ op }) => moved(op, 0, -shift)) }
	];
}
