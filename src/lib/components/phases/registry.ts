/**
 * Which component shows a phase's own content on each surface: the phone (what a
 * participant does), the console (what the facilitator prepares, moderates and steers) and
 * the projector (what the room sees). Pages render the component registered for the current
 * phase's kind, under the phase's title; a kind without one shows the phase text only.
 *
 * Derived from the protocol's list of phase kinds: each kind's folder here (`<kind>/index.ts`)
 * exports its `Phone`, `Console` and `Screen`, those it has. Nothing to edit here for a new
 * phase kind.
 */
import type { Component } from 'svelte';
import { PHASE_KINDS, type PhaseKind } from '../../protocol';
import type { PhaseViewProps } from './props';

type Surface = 'Phone' | 'Console' | 'Screen';
type Views = Partial<Record<PhaseKind, Component<PhaseViewProps>>>;

const folders = import.meta.glob<Partial<Record<Surface, Component<PhaseViewProps>>>>(
	'./*/index.ts',
	{ eager: true }
);

function viewsOn(surface: Surface): Views {
	const views: Views = {};
	for (const kind of PHASE_KINDS) {
		const view = folders[`./${kind}/index.ts`]?.[surface];
		if (view) views[kind] = view;
	}
	return views;
}

export const phoneViews = viewsOn('Phone');
export const consoleViews = viewsOn('Console');
export const screenViews = viewsOn('Screen');
