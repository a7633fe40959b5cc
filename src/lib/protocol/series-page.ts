/**
 * The public page of a series (`/p/<token>`): what anyone may read without signing in once a
 * coordinator turns it on, and the settings its coordinators see. Shared by the page, the JSON
 * API (`GET /api/public/series/<token>`) and the series page's settings.
 */
import type { ActionStatus } from './actions';
import type { ScreenNextDate } from './screen';

/** What the series page shows its coordinators about the public page. */
export interface SeriesPageSettings {
	enabled: boolean;
	/** `/p/<token>` once the page was turned on at least once; null before. */
	path: string | null;
	/** The full address (the installation's public origin + path), or null. */
	url: string | null;
}

/** A coming date, as the public page lists it, with its calendar file. */
export interface PublicNextDate extends ScreenNextDate {
	/** `/api/public/series/<token>/next-dates/<key>.ics` */
	ics: string;
}

export interface PublicAction {
	id: number;
	title: { fr: string; nl: string };
	description: { fr: string; nl: string };
	status: ActionStatus;
	progressNote: string;
	/** yyyy-mm-dd or null */
	dueDate: string | null;
	/** When it last changed (ISO). */
	updatedAt: string;
}

export interface PublicRestitution {
	concertationId: number;
	number: string;
	title: { fr: string; nl: string };
	/** yyyy-mm-dd */
	date: string;
	/** The published restitution's files, by format. */
	files: { pdf: string; docx: string; md: string };
}

export interface PublicSeriesPage {
	series: { title: { fr: string; nl: string } };
	/** `/api/public/series/<token>/next-dates.ics`: every coming date in one calendar. */
	calendar: string;
	comingDates: PublicNextDate[];
	actions: PublicAction[];
	/** Only those a coordinator published, newest first. */
	restitutions: PublicRestitution[];
}

/** The token's shape: 22 base64url characters (128 random bits). */
export const SERIES_PAGE_TOKEN = /^[A-Za-z0-9_-]{22}$/;
