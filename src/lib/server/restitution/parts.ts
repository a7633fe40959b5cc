/**
 * Every phase kind's part of the restitution: the parts the protocol's list of phase kinds
 * declares (`summary` of `definePhase`), each found in its phase's own folder as the `part`
 * exported by `src/lib/server/<kind>/restitution.ts` (see part.ts). Nothing to edit here for a
 * new phase kind; a declared part without its module, or the reverse, stops the start.
 */
import {
	SUMMARY_PARTS,
	partsIn,
	type Restitution,
	type SummaryKind,
	type SummaryPart,
	type SummarySlot
} from '../../protocol/summary';
import type { Block } from './docx-kit';
import type { BuildContext, LoadContext, PdfPart, RestitutionPart } from './part';

/** A part as the core calls it: its declared place and its functions, its section opaque. */
export interface Part extends SummaryPart {
	itemKeys?: RegExp;
	namedKeys?: readonly string[];
	load(ctx: LoadContext): Promise<unknown>;
	build(source: unknown, ctx: BuildContext): unknown;
	pdf: PdfPart<unknown>;
	docx(section: unknown, model: Restitution): Block[];
	markdown(section: unknown, model: Restitution): string[];
}

const modules = import.meta.glob<{ part?: RestitutionPart<SummaryKind, unknown> }>(
	'../*/restitution.ts',
	{ eager: true }
);

function found(declared: SummaryPart): Part {
	const part = modules[`../${declared.kind}/restitution.ts`]?.part;
	if (!part || part.kind !== declared.kind)
		throw new Error(
			`protocol/${declared.kind}.ts declares a part of the restitution, but ` +
				`server/${declared.kind}/restitution.ts exports no \`part\` of kind '${declared.kind}'`
		);
	// Each part's functions take its own section's type; the core hands each the section that
	// the same part built (or, rendering, the one the model holds under its kind).
	return { ...declared, ...(part as unknown as Omit<Part, keyof SummaryPart>) };
}

for (const [path, module] of Object.entries(modules)) {
	if (module.part && !SUMMARY_PARTS.some((declared) => declared.kind === module.part?.kind))
		throw new Error(`${path} exports a part whose kind declares no summary in the protocol`);
}

/** Every part, in the model's order (see SUMMARY_PARTS). */
export const PARTS: readonly Part[] = SUMMARY_PARTS.map(found);

/** The parts of one slot of the document, in the order they are drawn. */
export function partsOf(slot: SummarySlot): Part[] {
	return partsIn(slot).flatMap((declared) => PARTS.filter((part) => part.kind === declared.kind));
}
