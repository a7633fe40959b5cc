import { createContext } from 'svelte';
import type { Confirmation } from './ConfirmDialog.svelte';

export type { Confirmation };

/** Asks the facilitator before an act that ends something for the room; true when confirmed. */
export type Ask = (question: Confirmation) => Promise<boolean>;

/**
 * The console page's one confirmation dialog, shared with the phase panels it renders, so that
 * every question looks and behaves the same and only one can be open.
 */
export const [getConfirm, setConfirm, hasConfirm] = createContext<Ask>();
