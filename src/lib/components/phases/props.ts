import type { LiveConnection } from '../../client/live.svelte';
import type { PhaseView } from '../../protocol';

/** What every phase view gets: the live connection and the step it shows. */
export interface PhaseViewProps {
	live: LiveConnection;
	phase: PhaseView;
	/** True on the console when the panel is shown for a phase that is not the current one. */
	preparing?: boolean;
}
