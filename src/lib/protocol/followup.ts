/**
 * "Where are we with our actions?": the follow-up step of a series' next concertation. The
 * projector shows the series' actions with their status and progress note (as a list, or one
 * at a time); phones give an opinion on an action (free text, with an optional "support" or
 * "concerns" mark), read again by the facilitation team before anyone else sees it.
 */
import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from './actions';
import type { LocalizedText } from './localized';
import type { ModerationStatus, Saved } from './moderation';
import { definePhase } from './phase';
import { defineSummaryPart, localizedTextSchema, typedTextSchema } from './summary-blocks';

const id = z.number().int().positive();
/** Generous: the rules count characters as people do and answer with a translated error. */
const text = (max: number) => z.string().max(max * 4);

/** Defined here once: the server's rules enforce them, and forms show them first. */
export const FOLLOWUP_LIMITS = {
	opinion: 600,
	/** Opinions one participant may give on one action. */
	perAction: 5
} as const;

export const OPINION_MARKS = ['support', 'concerns'] as const;
export type OpinionMark = (typeof OPINION_MARKS)[number];

/** An action of the series as the room sees it during the follow-up. */
export interface FollowupActionView {
	id: number;
	title: { fr: string; nl: string };
	description: { fr: string; nl: string };
	status: ActionStatus;
	progressNote: string;
	/** `yyyy-mm-dd`, or null. */
	dueDate: string | null;
	leadOrganisations: string[];
}

export interface FollowupOpinionView {
	id: number;
	actionId: number;
	status: ModerationStatus;
	mark: OpinionMark | null;
	/** As typed, in its language's column only ('' elsewhere, never a copy). */
	text: LocalizedText;
	language: string;
	createdAt: string;
	/** Facilitator only: who gave it. */
	author?: string | null;
}

export interface FollowupView {
	/** The concertation's series (whose page edits the actions), or null. */
	seriesId: number | null;
	mode: 'list' | 'single';
	/** In single mode: the action shown, else null. */
	currentId: number | null;
	/** The series' actions, oldest first (none when the concertation belongs to no series). */
	actions: FollowupActionView[];
	/** Phones and projector: approved opinions. Facilitator: every opinion. */
	opinions: FollowupOpinionView[];
}

const opinionFields = {
	text: text(FOLLOWUP_LIMITS.opinion),
	mark: z.enum(OPINION_MARKS).nullable().optional()
};

export const followupCommandSchemas = {
	'followup.submit': z.object({ actionId: id, ...opinionFields }).strict(),
	/** The author's own changes to a pending opinion, during the follow-up step. */
	'followup.editOwn': z.object({ id, ...opinionFields }).strict(),
	'followup.withdraw': z.object({ id }).strict(),
	'followup.moderate': z.object({ id, status: z.enum(['approved', 'rejected']) }).strict(),
	'followup.display': z
		.object({ mode: z.enum(['list', 'single']), currentId: id.nullable().optional() })
		.strict()
} as const;

export interface FollowupCommandResults {
	'followup.submit': Saved;
	'followup.editOwn': Saved;
	'followup.withdraw': Record<string, never>;
	'followup.moderate': Saved;
	'followup.display': { mode: 'list' | 'single'; currentId: number | null };
}

export interface FollowupSections {
	followup: FollowupView;
}

/** A participant's own opinion; only a `pending` one can be edited or withdrawn. */
export interface OwnOpinionView {
	id: number;
	actionId: number;
	text: string;
	mark: OpinionMark | null;
	status: ModerationStatus;
}

export interface FollowupSelf {
	followup?: OwnOpinionView[];
}

// ---------------------------------------------------------------------------------------------
// Its part of the restitution (the one-page summary: summary.ts)
// ---------------------------------------------------------------------------------------------

/** An action of the series, its status, and the opinions the room approved on it. */
export const followupActionSchema = z
	.object({
		title: localizedTextSchema,
		status: z.enum(ACTION_STATUSES),
		/** As the coordinators wrote it, in one language or two (printed once). */
		progressNote: z.string(),
		opinions: z.array(
			z.object({ text: typedTextSchema, mark: z.enum(OPINION_MARKS).nullable() }).strict()
		)
	})
	.strict();
export type FollowupActionSummary = z.infer<typeof followupActionSchema>;

/**
 * "Members' opinions on the actions": each action of the series with its status and the
 * approved opinions, after the conclusion (beside the news); absent when the meeting had no
 * follow-up step.
 */
export const followupSummary = defineSummaryPart({
	in: 'document',
	slot: 'closing',
	optional: true,
	schema: z.array(followupActionSchema)
});

export const followup = definePhase<FollowupCommandResults, FollowupSections, FollowupSelf>()({
	kind: 'followup',
	commands: followupCommandSchemas,
	summary: followupSummary
});
