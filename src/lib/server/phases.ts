/**
 * Every phase kind's server module: `<kind>/phase.ts`, found by the protocol's list of kinds
 * (a kind with nothing to do on the server, the introduction, has none). Importing this
 * registers them all: their commands, sections, self views and ports. Nothing to edit here
 * for a new phase kind; a unit test checks that each `phase.ts` belongs to a kind.
 */
import { PHASE_KINDS } from '../protocol';

const modules = import.meta.glob('./*/phase.ts', { eager: true });

/** The kinds whose server module was loaded (for the boot's log and the tests). */
export const serverPhaseKinds = PHASE_KINDS.filter((kind) => `./${kind}/phase.ts` in modules);
