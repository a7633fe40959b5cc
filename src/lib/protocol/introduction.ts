/**
 * The introduction: the step's own text on every screen, and phones writing their
 * expectations ahead of the tour de table (the tour's command). No commands of its own.
 */
import { definePhase } from './phase';

export const introduction = definePhase<Record<never, never>>()({
	kind: 'introduction',
	commands: {}
});
