/**
 * Each phase kind's part of the restitution's preview on the review page: the component
 * `<Kind>Summary.svelte` of its folder, when it has a part in the restitution (given its
 * section of the model and the model: ../restitution/sheet.ts). Derived from the protocol's
 * list of phase kinds, as registry.ts is; found by its file name rather than exported by the
 * folder's index.ts, so that the review page loads the parts' previews only, and the phones,
 * the console and the projector none of them.
 */
import type { Component } from 'svelte';
import { PHASE_KINDS, type PhaseKind } from '../../protocol';

// Each Summary takes its own section's type: one props type cannot say them all.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SummaryView = Component<any>;

const files = import.meta.glob<SummaryView>('./*/*Summary.svelte', {
	eager: true,
	import: 'default'
});

export const summaryViews: Partial<Record<PhaseKind, SummaryView>> = {};
for (const kind of PHASE_KINDS) {
	const found = Object.keys(files).filter((path) => path.startsWith(`./${kind}/`));
	if (found.length > 1) throw new Error(`components/phases/${kind}/ has more than one Summary`);
	const view = found[0] ? files[found[0]] : undefined;
	if (view) summaryViews[kind] = view;
}
