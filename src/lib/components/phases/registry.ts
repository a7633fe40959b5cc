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
import NeedsConsole from './first-half/NeedsConsole.svelte';
import NeedsPhone from './first-half/NeedsPhone.svelte';
import NeedsScreen from './first-half/NeedsScreen.svelte';
import NewsConsole from './first-half/NewsConsole.svelte';
import NewsPhone from './first-half/NewsPhone.svelte';
import NewsScreen from './first-half/NewsScreen.svelte';
import TopicsConsole from './first-half/TopicsConsole.svelte';
import TopicsPhone from './first-half/TopicsPhone.svelte';
import TopicsScreen from './first-half/TopicsScreen.svelte';
import TourConsole from './first-half/TourConsole.svelte';
import TourPhone from './first-half/TourPhone.svelte';
import TourScreen from './first-half/TourScreen.svelte';
import IntroductionPhone from './first-half/IntroductionPhone.svelte';
// Expectations can be written as soon as people arrive, before the tour de table.
phoneViews.introduction = IntroductionPhone;
phoneViews.tour = TourPhone;
consoleViews.tour = TourConsole;
screenViews.tour = TourScreen;
phoneViews.news = NewsPhone;
consoleViews.news = NewsConsole;
screenViews.news = NewsScreen;
phoneViews.needs = NeedsPhone;
consoleViews.needs = NeedsConsole;
screenViews.needs = NeedsScreen;
phoneViews.topics = TopicsPhone;
consoleViews.topics = TopicsConsole;
screenViews.topics = TopicsScreen;

// --- vote ---
import VoteConsole from './vote/VoteConsole.svelte';
import VotePhone from './vote/VotePhone.svelte';
import VoteScreen from './vote/VoteScreen.svelte';
phoneViews.vote = VotePhone;
consoleViews.vote = VoteConsole;
screenViews.vote = VoteScreen;

// --- tables ---
phoneViews.tables = TablesPhone;
consoleViews.tables = TablesConsole;
screenViews.tables = TablesScreen;
// The restitution's projector view shows what the tables produced (the restitution document
// itself is built elsewhere).
screenViews.restitution = RestitutionTablesScreen;

// --- restitution ---
import RestitutionConsole from './RestitutionConsole.svelte';
consoleViews.restitution = RestitutionConsole;
