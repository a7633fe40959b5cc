/**
 * The restitution (report-back) step: the tables' results on the projector, stepped from
 * the console with the tables' commands, and the one-page summary, made afterwards through
 * the JSON API (docs/restitution.md). No commands of its own.
 */
import { definePhase } from './phase';

export const restitution = definePhase<Record<never, never>>()({
	kind: 'restitution',
	commands: {}
});
