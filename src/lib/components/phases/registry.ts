/**
 * Which component shows a phase's own content on each surface: the phone (what a
 * participant does), the console (what the facilitator prepares, moderates and steers) and
 * the projector (what the room sees). Pages render the component registered for the current
 * phase's kind, under the phase's title; a kind without one shows the phase text only.
 *
 * Each domain fills its own slot below (slots are kept apart so parallel work merges).
 */
import type { Component } from 'svelte';
import type { LiveConnection } from '../../client/live.svelte';
import type { PhaseKind, PhaseView } from '../../protocol';
import RestitutionTablesScreen from '../tables/RestitutionTablesScreen.svelte';
import TablesConsole from '../tables/TablesConsole.svelte';
import TablesPhone from '../tables/TablesPhone.svelte';
import TablesScreen from '../tables/TablesScreen.svelte';

export interface PhaseViewProps {
	live: LiveConnection;
	phase: PhaseView;
	/** True on the console when the panel is shown for a phase that is not the current one. */
	preparing?: boolean;
}

type Views = Partial<Record<PhaseKind, Component<PhaseViewProps>>>;

export const phoneViews: Views = {};
export const consoleViews: Views = {};
export const screenViews: Views = {};

// --- tour, news, needs, topics (first half of the session) ---

// --- vote ---

// --- tables ---
phoneViews.tables = TablesPhone;
consoleViews.tables = TablesConsole;
screenViews.tables = TablesScreen;
// The restitution's projector view shows what the tables produced (the restitution document
// itself is built elsewhere).
screenViews.restitution = RestitutionTablesScreen;

// --- restitution ---
