/**
 * The actions of a series as pure rules (no I/O): what an action must hold, what a change
 * changes (the history's entry), what a priority or a table's outcome offers as a new
 * action's text, and who may read or edit. Any status may follow any other (an action
 * dropped can be taken up again; one done can turn out not to be): the history, not a
 * transition table, keeps what happened.
 */
import {
	ACTION_FIELDS,
	ACTION_LIMITS,
	ACTION_STATUSES,
	type ActionDraft,
	type ActionField,
	type ActionFieldChange,
	type ActionFieldsInput,
	type ActionPathView,
	type ActionStatus
} from '../../protocol/actions';
import type { FacilitatorRole } from '../db/schema';
import { DomainError, refusals, type Refusal } from '../errors';
import { cleanBlock, cleanLine, isReadableName, textLength } from '../text';

export { ACTION_LIMITS, ACTION_STATUSES };

const fail: Refusal = refusals('actions');

/** An action's fields as stored, once cleaned and checked. */
export interface ActionFields {
	titleFr: string;
	titleNl: string;
	descriptionFr: string;
	descriptionNl: string;
	leadOrganisations: string[];
	contact: string;
	status: ActionStatus;
	progressNote: string;
	dueDate: string | null;
}

export const EMPTY_ACTION: ActionFields = {
	titleFr: '',
	titleNl: '',
	descriptionFr: '',
	descriptionNl: '',
	leadOrganisations: [],
	contact: '',
	status: 'proposed',
	progressNote: '',
	dueDate: null
};

function limited(value: string, max: number, field: ActionField): string {
	if (textLength(value) > max) fail('action_too_long', { field, max });
	return value;
}

export function isActionStatus(value: unknown): value is ActionStatus {
	return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

/** A calendar date that exists (`yyyy-mm-dd`), else null; '' means none. */
export function validateDueDate(raw: string | null | undefined): string | null {
	const value = cleanLine(raw ?? '');
	if (value === '') return null;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = new Date(Date.UTC(year, month - 1, day));
		if (
			year >= 2000 &&
			year <= 2100 &&
			date.getUTCFullYear() === year &&
			date.getUTCMonth() === month - 1 &&
			date.getUTCDate() === day
		)
			return value;
	}
	return fail('action_bad_date', { field: 'dueDate' });
}

/** Organisations one per entry (or per line, from a form), cleaned, without repeats. */
export function validateOrganisations(raw: readonly string[] | string): string[] {
	const entries = typeof raw === 'string' ? raw.split(/\r?\n/) : raw;
	const seen = new Set<string>();
	const list: string[] = [];
	for (const entry of entries) {
		const name = limited(cleanLine(entry), ACTION_LIMITS.organisation, 'leadOrganisations');
		if (name === '' || seen.has(name.toLowerCase())) continue;
		if (!isReadableName(name)) fail('action_unreadable', { field: 'leadOrganisations' });
		seen.add(name.toLowerCase());
		list.push(name);
	}
	if (list.length > ACTION_LIMITS.organisations)
		fail('action_too_many_organisations', {
			field: 'leadOrganisations',
			max: ACTION_LIMITS.organisations
		});
	return list;
}

/**
 * The action as it will be stored: `input` over `base` (the action as it is, or the empty
 * one), each field cleaned and within its limit, a title in French or Dutch at least, a
 * known status and a real due date. Refusals name the field, so forms can point at it.
 */
export function validateAction(
	input: ActionFieldsInput,
	base: ActionFields = EMPTY_ACTION
): ActionFields {
	const line = (value: string | undefined, fallback: string, max: number, field: ActionField) =>
		limited(value === undefined ? fallback : cleanLine(value), max, field);
	const block = (value: string | undefined, fallback: string, max: number, field: ActionField) =>
		limited(value === undefined ? fallback : cleanBlock(value), max, field);
	const titleFr = line(input.titleFr, base.titleFr, ACTION_LIMITS.title, 'titleFr');
	const titleNl = line(input.titleNl, base.titleNl, ACTION_LIMITS.title, 'titleNl');
	if (titleFr === '' && titleNl === '') fail('action_title_required', { field: 'titleFr' });
	for (const [field, title] of [
		['titleFr', titleFr],
		['titleNl', titleNl]
	] as const)
		if (title !== '' && !isReadableName(title)) fail('action_unreadable', { field });
	const status = input.status ?? base.status;
	if (!isActionStatus(status)) fail('action_bad_status', { field: 'status' });
	return {
		titleFr,
		titleNl,
		descriptionFr: block(
			input.descriptionFr,
			base.descriptionFr,
			ACTION_LIMITS.description,
			'descriptionFr'
		),
		descriptionNl: block(
			input.descriptionNl,
			base.descriptionNl,
			ACTION_LIMITS.description,
			'descriptionNl'
		),
		leadOrganisations:
			input.leadOrganisations === undefined
				? base.leadOrganisations
				: validateOrganisations(input.leadOrganisations),
		contact: line(input.contact, base.contact, ACTION_LIMITS.contact, 'contact'),
		status,
		progressNote: block(
			input.progressNote,
			base.progressNote,
			ACTION_LIMITS.progressNote,
			'progressNote'
		),
		dueDate: input.dueDate === undefined ? base.dueDate : validateDueDate(input.dueDate)
	};
}

function stored(fields: ActionFields, field: ActionField): string | null {
	const value = fields[field];
	if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : null;
	return value === '' ? null : value;
}

/** What a change changes, field by field, in the fields' order: the history's entry. */
export function actionChanges(before: ActionFields, after: ActionFields): ActionFieldChange[] {
	return ACTION_FIELDS.flatMap((field) => {
		const from = stored(before, field);
		const to = stored(after, field);
		const same =
			field === 'leadOrganisations'
				? JSON.stringify(before.leadOrganisations) === JSON.stringify(after.leadOrganisations)
				: from === to;
		return same ? [] : [{ field, from, to }];
	});
}

/** A new action's history entry: every field it starts with. */
export function creationChanges(fields: ActionFields): ActionFieldChange[] {
	return actionChanges({ ...EMPTY_ACTION, status: 'proposed' }, fields).concat(
		// Its first status is part of what was decided, even the default one.
		fields.status === 'proposed' ? [{ field: 'status', from: null, to: 'proposed' }] : []
	);
}

/** Any status may follow any other; only staying where it is changes nothing. */
export function canChangeStatus(from: ActionStatus, to: ActionStatus): boolean {
	return isActionStatus(from) && isActionStatus(to);
}

/** An edit based on an older version would undo what came since: refused, nothing written. */
export function assertCurrentVersion(current: number, based: number | undefined): void {
	if (based !== undefined && based !== current)
		fail('action_conflict', { version: current, based });
}

// ---------------------------------------------------------------------------------------------
// From a priority or a table's outcome
// ---------------------------------------------------------------------------------------------

/** A priority's words in both languages: its title, for either language nobody wrote, the other. */
export function draftFromPriority(label: { fr: string; nl: string; en?: string }): ActionDraft {
	const fr = cleanLine(label.fr) || cleanLine(label.en ?? '');
	const nl = cleanLine(label.nl) || cleanLine(label.en ?? '');
	return {
		titleFr: clip(fr, ACTION_LIMITS.title),
		titleNl: clip(nl, ACTION_LIMITS.title),
		descriptionFr: '',
		descriptionNl: ''
	};
}

/** The items of a table's outcome that the new action's description starts with. */
export interface OutcomeForDraft {
	priority: { fr: string; nl: string };
	levers: { text: string; key: boolean }[];
	collaborations: { text: string; key: boolean }[];
	justification: string;
}

/**
 * A table's outcome as a new action: its priority as the title; as the description, its
 * justification and its key levers and ways to collaborate (else all of them), one per line,
 * as they were typed (the same text under both languages, for the coordinator to translate).
 */
export function draftFromTable(outcome: OutcomeForDraft): ActionDraft {
	const keyFirst = (items: { text: string; key: boolean }[]) => {
		const key = items.filter((item) => item.key);
		return (key.length > 0 ? key : items).map((item) => `– ${cleanLine(item.text)}`);
	};
	const lines = [
		cleanBlock(outcome.justification),
		...keyFirst(outcome.levers),
		...keyFirst(outcome.collaborations)
	].filter(Boolean);
	const description = clip(lines.join('\n'), ACTION_LIMITS.description);
	return {
		...draftFromPriority(outcome.priority),
		descriptionFr: description,
		descriptionNl: description
	};
}

function clip(text: string, max: number): string {
	const characters = [...text];
	return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
}

// ---------------------------------------------------------------------------------------------
// Who may read and edit
// ---------------------------------------------------------------------------------------------

export type ActionsReader =
	| { kind: 'account'; role: FacilitatorRole; followsSeries: boolean }
	| { kind: 'share'; liveLinkInSeries: boolean }
	| { kind: 'anonymous' };

/**
 * Facilitators edit every series' actions; a coordinator those of the series they follow;
 * anyone holding a live share link of one of the series' concertations reads them.
 * Returns whether the reader may edit; refuses (`forbidden`, `not_found`, `unauthenticated`)
 * who may not even read.
 */
export function actionsAccess(reader: ActionsReader): { canEdit: boolean } {
	switch (reader.kind) {
		case 'account':
			if (reader.role === 'facilitator' || reader.followsSeries) return { canEdit: true };
			throw new DomainError('forbidden');
		case 'share':
			// A revoked or foreign link reveals nothing, as the restitution's links.
			if (reader.liveLinkInSeries) return { canEdit: false };
			throw new DomainError('not_found');
		case 'anonymous':
			throw new DomainError('unauthenticated');
	}
}

/**
 * Each action's status on each meeting's day (a Brussels day, `yyyy-mm-dd`), from its history:
 * the last status it was given on or before that day (a change made during the meeting counts,
 * the meeting decided it); null for a meeting before the action was created. Pure: the history
 * may come in any order.
 */
export function actionPaths(
	actions: readonly { id: number; status: ActionStatus; createdAt: string }[],
	history: readonly { actionId: number; at: string; changes: readonly ActionFieldChange[] }[],
	meetingDays: readonly string[],
	dayOf: (iso: string) => string
): ActionPathView[] {
	return actions.map((action) => {
		const steps = history
			.filter((entry) => entry.actionId === action.id)
			.flatMap((entry) =>
				entry.changes
					.filter((change) => change.field === 'status' && isActionStatus(change.to ?? ''))
					.map((change) => ({ at: entry.at, status: change.to as ActionStatus }))
			)
			.sort((a, b) => a.at.localeCompare(b.at));
		const created = dayOf(action.createdAt);
		return {
			actionId: action.id,
			statuses: meetingDays.map((day) => {
				if (day < created) return null;
				let status: ActionStatus = steps[0]?.status ?? action.status;
				for (const step of steps) if (dayOf(step.at) <= day) status = step.status;
				return status;
			})
		};
	});
}
