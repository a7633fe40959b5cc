/**
 * The actions of a series: what a concertation decided to do about a priority, followed from
 * one meeting to the next (its status, its progress note, its due date), with the history of
 * every change. A core concept of the series, below the phase kinds: the series page edits
 * them, the JSON API reads and writes them, the follow-up step shows them to the room.
 */
import { z } from 'zod';

/** Any status may go to any other; every change is recorded in the action's history. */
export const ACTION_STATUSES = ['proposed', 'in_progress', 'done', 'paused', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const ACTION_LIMITS = {
	title: 200,
	description: 2000,
	organisation: 200,
	organisations: 10,
	contact: 300,
	progressNote: 2000
} as const;

/** Where an action came from: a priority of a vote, a discussion table, or nowhere. */
export type ActionSourceKind = 'scratch' | 'priority' | 'table';

export interface ActionSourceView {
	kind: ActionSourceKind;
	/** The concertation it came from; null from scratch (or once that one was deleted). */
	concertationId: number | null;
	/** The vote candidate or discussion table; null from scratch or once deleted. */
	itemId: number | null;
	/** The priority's words when the action was made, kept if the source goes. */
	label: { fr: string; nl: string };
}

export interface ActionView {
	id: number;
	seriesId: number;
	title: { fr: string; nl: string };
	description: { fr: string; nl: string };
	source: ActionSourceView;
	leadOrganisations: string[];
	contact: string;
	status: ActionStatus;
	progressNote: string;
	/** `yyyy-mm-dd`, or null. */
	dueDate: string | null;
	/** Increases with every change: an edit based on an older one is refused (`action_conflict`). */
	version: number;
	createdAt: string;
	updatedAt: string;
}

/** The fields of an action that a change can touch, as the history names them. */
export const ACTION_FIELDS = [
	'titleFr',
	'titleNl',
	'descriptionFr',
	'descriptionNl',
	'leadOrganisations',
	'contact',
	'status',
	'progressNote',
	'dueDate'
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

export interface ActionFieldChange {
	field: ActionField;
	/** As stored: a list of organisations is joined by ", ", an empty due date is null. */
	from: string | null;
	to: string | null;
}

/** One entry of an action's history: who, when, what changed. */
export interface ActionChangeView {
	id: number;
	kind: 'created' | 'updated';
	/** The account's name when it made the change (kept if the account is removed). */
	by: string;
	at: string;
	changes: ActionFieldChange[];
}

/** A priority or table of a concertation of the series, offered to become an action. */
export interface ActionCandidateView {
	kind: 'priority' | 'table';
	concertationId: number;
	concertationLabel: { fr: string; nl: string };
	itemId: number;
	label: { fr: string; nl: string };
	/** What the new action's form starts with. */
	draft: ActionDraft;
	/** Actions already made from it. */
	actionIds: number[];
}

export interface ActionDraft {
	titleFr: string;
	titleNl: string;
	descriptionFr: string;
	descriptionNl: string;
}

// Generous bounds: the rules count characters as people do and answer with a translated error.
const text = (max: number) => z.string().max(max * 4);

const actionFields = {
	titleFr: text(ACTION_LIMITS.title),
	titleNl: text(ACTION_LIMITS.title),
	descriptionFr: text(ACTION_LIMITS.description),
	descriptionNl: text(ACTION_LIMITS.description),
	leadOrganisations: z.array(text(ACTION_LIMITS.organisation)).max(ACTION_LIMITS.organisations * 4),
	contact: text(ACTION_LIMITS.contact),
	status: z.enum(ACTION_STATUSES),
	progressNote: text(ACTION_LIMITS.progressNote),
	dueDate: z.string().max(40).nullable()
};

export const actionSourceSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('scratch') }).strict(),
	z
		.object({
			kind: z.literal('priority'),
			concertationId: z.number().int().positive(),
			candidateId: z.number().int().positive()
		})
		.strict(),
	z
		.object({
			kind: z.literal('table'),
			concertationId: z.number().int().positive(),
			tableId: z.number().int().positive()
		})
		.strict()
]);
export type ActionSourceInput = z.infer<typeof actionSourceSchema>;

const optionalFields = {
	titleFr: actionFields.titleFr.optional(),
	titleNl: actionFields.titleNl.optional(),
	descriptionFr: actionFields.descriptionFr.optional(),
	descriptionNl: actionFields.descriptionNl.optional(),
	leadOrganisations: actionFields.leadOrganisations.optional(),
	contact: actionFields.contact.optional(),
	status: actionFields.status.optional(),
	progressNote: actionFields.progressNote.optional(),
	dueDate: actionFields.dueDate.optional()
};

/** `POST /api/series/<id>/actions`: what is not given is taken from the source, else empty. */
export const actionCreateSchema = z
	.object({ source: actionSourceSchema.optional(), ...optionalFields })
	.strict();

/** `PATCH /api/series/<id>/actions/<actionId>`: only the fields given change. */
export const actionPatchSchema = z
	.object({
		/** The version the edit was made from: refused if the action changed since. */
		version: z.number().int().positive().optional(),
		...optionalFields
	})
	.strict();

export interface ActionFieldsInput {
	titleFr?: string;
	titleNl?: string;
	descriptionFr?: string;
	descriptionNl?: string;
	leadOrganisations?: string[];
	contact?: string;
	status?: ActionStatus;
	progressNote?: string;
	dueDate?: string | null;
}

export interface ActionCreateInput extends ActionFieldsInput {
	source?: ActionSourceInput;
}

export interface ActionPatchInput extends ActionFieldsInput {
	version?: number;
}

/**
 * An action's path through the series: its status at each concertation (in the order given,
 * oldest first), from its history; null where it did not exist yet on that day.
 */
export interface ActionPathView {
	actionId: number;
	statuses: (ActionStatus | null)[];
}
