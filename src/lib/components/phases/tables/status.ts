import type { LiveConnection } from '../../../client/live.svelte';
import { tablesStatus, type TablesStatus } from '../../../protocol';

/** The tables' status as the server decides it, from what this device knows. */
export function liveTablesStatus(live: LiveConnection): TablesStatus {
	const session = live.sections.session;
	if (!session) return 'upcoming';
	return tablesStatus({
		sessionStatus: session.status,
		currentPhaseId: session.currentPhaseId,
		phases: live.sections.programme ?? [],
		closedByFacilitator: live.sections.tables?.closedByFacilitator ?? false
	});
}
