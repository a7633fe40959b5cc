/**
 * The actions of a series on the server: reading them (with their history and what could
 * become one), creating one from scratch, from a selected priority or from a table's outcome,
 * and changing it. Every change is validated (./rules), authorised, written with its history
 * entry in one transaction, and only then answered; the series page's forms and the JSON API
 * both come here. Priorities and tables are read through the ports: this core module imports
 * no phase.
 */
import {
	actionCreateSchema,
	actionPatchSchema,
	type ActionCandidateView,
	type ActionChangeView,
	type ActionFieldChange,
	type ActionPathView,
	type ActionView
} from '../../protocol/actions';
import { hashToken } from '../auth/tokens';
import { nowIso } from '../db';
import type { Facilitator } from '../db/schema';
import { DomainError, refusals, type Refusal } from '../errors';
import { discussionTableOutcomes, selectedPriorities } from '../ports';
import { isoDateInBrussels } from '../../i18n/format';
import {
	actionChanges,
	actionPaths,
	actionsAccess,
	assertCurrentVersion,
	creationChanges,
	draftFromPriority,
	draftFromTable,
	validateAction,
	type ActionFields
} from './rules';
import type { ActionRow, ActionsDb, ActionsTx } from './schema';

const fail: Refusal = refusals('actions');

/** A share token's format: what randomToken() makes. */
const SHARE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export interface SeriesRef {
	id: number;
	title: { fr: string; nl: string };
}

export async function findSeries(db: ActionsDb | ActionsTx, seriesId: number): Promise<SeriesRef> {
	const row = await db
		.selectFrom('series')
		.select(['id', 'title_fr', 'title_nl'])
		.where('id', '=', seriesId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return { id: row.id, title: { fr: row.title_fr, nl: row.title_nl } };
}

/**
 * Who is asking, for one series: an account (facilitators edit every series, a coordinator
 * the series they follow) or a share link of one of its concertations (reads).
 */
export async function actionsAccessFor(
	db: ActionsDb,
	account: Facilitator | null,
	seriesId: number,
	shareToken: string | null
): Promise<{ canEdit: boolean }> {
	await findSeries(db, seriesId);
	if (account) {
		const follows = await db
			.selectFrom('series_coordinator')
			.select('series_id')
			.where('series_id', '=', seriesId)
			.where('facilitator_id', '=', account.id)
			.executeTakeFirst();
		return actionsAccess({ kind: 'account', role: account.role, followsSeries: !!follows });
	}
	if (shareToken) {
		const live =
			SHARE_TOKEN.test(shareToken) &&
			(await db
				.selectFrom('restitution_share')
				.innerJoin('concertation', 'concertation.id', 'restitution_share.concertation_id')
				.select('restitution_share.concertation_id')
				.where('restitution_share.token_hash', '=', hashToken(shareToken))
				.where('restitution_share.revoked_at', 'is', null)
				.where('concertation.series_id', '=', seriesId)
				.executeTakeFirst()) !== undefined;
		return actionsAccess({ kind: 'share', liveLinkInSeries: live });
	}
	return actionsAccess({ kind: 'anonymous' });
}

function requireEditor(access: { canEdit: boolean }): void {
	if (!access.canEdit) throw new DomainError('forbidden');
}

function organisations(json: string): string[] {
	const parsed: unknown = JSON.parse(json);
	return Array.isArray(parsed) ? parsed.filter((name) => typeof name === 'string') : [];
}

export function actionView(row: ActionRow): ActionView {
	return {
		id: row.id,
		seriesId: row.series_id,
		title: { fr: row.title_fr, nl: row.title_nl },
		description: { fr: row.description_fr, nl: row.description_nl },
		source: {
			kind: row.source_kind,
			concertationId: row.source_concertation_id,
			itemId: row.source_kind === 'table' ? row.source_table_id : row.source_candidate_id,
			label: { fr: row.source_label_fr, nl: row.source_label_nl }
		},
		leadOrganisations: organisations(row.lead_organisations_json),
		contact: row.contact,
		status: row.status,
		progressNote: row.progress_note,
		dueDate: row.due_date,
		version: row.version,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

function fieldsOf(row: ActionRow): ActionFields {
	return {
		titleFr: row.title_fr,
		titleNl: row.title_nl,
		descriptionFr: row.description_fr,
		descriptionNl: row.description_nl,
		leadOrganisations: organisations(row.lead_organisations_json),
		contact: row.contact,
		status: row.status,
		progressNote: row.progress_note,
		dueDate: row.due_date
	};
}

function columns(fields: ActionFields) {
	return {
		title_fr: fields.titleFr,
		title_nl: fields.titleNl,
		description_fr: fields.descriptionFr,
		description_nl: fields.descriptionNl,
		lead_organisations_json: JSON.stringify(fields.leadOrganisations),
		contact: fields.contact,
		status: fields.status,
		progress_note: fields.progressNote,
		due_date: fields.dueDate
	};
}

/** The series' actions, oldest first (the order they were decided in). */
export async function listActions(
	db: ActionsDb | ActionsTx,
	seriesId: number
): Promise<ActionView[]> {
	const rows = await db
		.selectFrom('series_action')
		.selectAll()
		.where('series_id', '=', seriesId)
		.orderBy('id')
		.execute();
	return rows.map(actionView);
}

async function findAction(db: ActionsDb | ActionsTx, seriesId: number, actionId: number) {
	const row = await db
		.selectFrom('series_action')
		.selectAll()
		.where('id', '=', actionId)
		.where('series_id', '=', seriesId)
		.executeTakeFirst();
	if (!row) throw new DomainError('not_found');
	return row;
}

export async function getAction(
	db: ActionsDb,
	seriesId: number,
	actionId: number
): Promise<ActionView> {
	return actionView(await findAction(db, seriesId, actionId));
}

/** Every change of the series' actions (or of one), newest first. */
export async function actionHistory(
	db: ActionsDb,
	seriesId: number,
	actionId?: number
): Promise<(ActionChangeView & { actionId: number })[]> {
	let query = db
		.selectFrom('series_action_change')
		.innerJoin('series_action', 'series_action.id', 'series_action_change.action_id')
		.selectAll('series_action_change')
		.where('series_action.series_id', '=', seriesId);
	if (actionId !== undefined) {
		await findAction(db, seriesId, actionId);
		query = query.where('series_action_change.action_id', '=', actionId);
	}
	const rows = await query.orderBy('series_action_change.id', 'desc').execute();
	return rows.map((row) => ({
		id: row.id,
		actionId: row.action_id,
		kind: row.kind,
		by: row.actor_name,
		at: row.created_at,
		changes: JSON.parse(row.changes_json) as ActionFieldChange[]
	}));
}

async function record(
	tx: ActionsTx,
	actionId: number,
	kind: 'created' | 'updated',
	account: Facilitator,
	changes: ActionFieldChange[],
	at: string
): Promise<void> {
	await tx
		.insertInto('series_action_change')
		.values({
			action_id: actionId,
			kind,
			facilitator_id: account.id,
			actor_name: account.display_name || account.email,
			changes_json: JSON.stringify(changes),
			created_at: at
		})
		.execute();
}

/** The concertation, checked to belong to the series (else `action_bad_source`). */
async function concertationOfSeries(tx: ActionsTx, seriesId: number, concertationId: number) {
	const row = await tx
		.selectFrom('concertation')
		.select(['id', 'title_fr', 'title_nl', 'number', 'date'])
		.where('id', '=', concertationId)
		.where('series_id', '=', seriesId)
		.executeTakeFirst();
	if (!row) fail('action_bad_source', { field: 'source' });
	return row;
}

type Listener = (db: ActionsDb, seriesId: number, account: Facilitator) => Promise<void> | void;
const listeners: Listener[] = [];

/**
 * Called after a change of a series' actions has committed: a live step that shows them (the
 * follow-up) sends them again. Registered by the phase that cares, so this module names none.
 * The change is answered once the listeners are done, so a page that reloads sees it.
 */
export function onActionsChanged(listener: Listener): void {
	listeners.push(listener);
}

async function announce(db: ActionsDb, seriesId: number, account: Facilitator): Promise<void> {
	for (const listener of listeners) {
		try {
			await listener(db, seriesId, account);
		} catch (error) {
			// The action is stored: a room that missed it gets it with its next update.
			console.error('after an action changed', error);
		}
	}
}

/**
 * A new action of the series: from scratch, or from a selected priority or a table's outcome
 * of one of the series' concertations, whose words fill what the input leaves out.
 */
export async function createAction(
	db: ActionsDb,
	account: Facilitator,
	seriesId: number,
	rawInput: unknown
): Promise<ActionView> {
	requireEditor(await actionsAccessFor(db, account, seriesId, null));
	const input = actionCreateSchema.parse(rawInput ?? {});
	const source = input.source ?? { kind: 'scratch' as const };
	const row = await db.transaction().execute(async (tx) => {
		let draft = {};
		let origin = {
			source_kind: source.kind,
			source_concertation_id: null as number | null,
			source_candidate_id: null as number | null,
			source_table_id: null as number | null,
			source_label_fr: '',
			source_label_nl: ''
		};
		if (source.kind === 'priority') {
			await concertationOfSeries(tx, seriesId, source.concertationId);
			const priority = (await selectedPriorities(tx, source.concertationId)).find(
				(candidate) => candidate.candidateId === source.candidateId
			);
			if (!priority) fail('action_bad_source', { field: 'source' });
			draft = draftFromPriority(priority.label);
			origin = {
				...origin,
				source_concertation_id: source.concertationId,
				source_candidate_id: source.candidateId,
				source_label_fr: priority.label.fr || priority.label.en || priority.label.nl,
				source_label_nl: priority.label.nl || priority.label.en || priority.label.fr
			};
		} else if (source.kind === 'table') {
			await concertationOfSeries(tx, seriesId, source.concertationId);
			const table = (await discussionTableOutcomes(tx, source.concertationId)).find(
				(outcome) => outcome.id === source.tableId
			);
			if (!table) fail('action_bad_source', { field: 'source' });
			draft = draftFromTable(table);
			origin = {
				...origin,
				source_concertation_id: source.concertationId,
				source_table_id: source.tableId,
				source_candidate_id: table.candidateId,
				source_label_fr: table.priority.fr || table.priority.nl,
				source_label_nl: table.priority.nl || table.priority.fr
			};
		}
		const { source: _source, ...fields } = input;
		const action = validateAction({ ...draft, ...fields });
		const at = nowIso();
		const inserted = await tx
			.insertInto('series_action')
			.values({
				series_id: seriesId,
				...origin,
				...columns(action),
				version: 1,
				created_at: at,
				updated_at: at
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await record(tx, inserted.id, 'created', account, creationChanges(action), at);
		return inserted;
	});
	await announce(db, seriesId, account);
	return actionView(row);
}

/**
 * Changes an action: only the fields given, each validated; refused whole (nothing written)
 * at the first bad field or if `version` is older than the action's. A change that changes
 * nothing is answered with the action as it is, and no history entry.
 */
export async function updateAction(
	db: ActionsDb,
	account: Facilitator,
	seriesId: number,
	actionId: number,
	rawPatch: unknown
): Promise<ActionView> {
	requireEditor(await actionsAccessFor(db, account, seriesId, null));
	const { version, ...patch } = actionPatchSchema.parse(rawPatch ?? {});
	const result = await db.transaction().execute(async (tx) => {
		const row = await findAction(tx, seriesId, actionId);
		assertCurrentVersion(row.version, version);
		const before = fieldsOf(row);
		const after = validateAction(patch, before);
		const changes = actionChanges(before, after);
		if (changes.length === 0) return { row, changed: false };
		const at = nowIso();
		const updated = await tx
			.updateTable('series_action')
			.set({ ...columns(after), version: row.version + 1, updated_at: at })
			.where('id', '=', actionId)
			.returningAll()
			.executeTakeFirstOrThrow();
		await record(tx, actionId, 'updated', account, changes, at);
		return { row: updated, changed: true };
	});
	if (result.changed) await announce(db, seriesId, account);
	return actionView(result.row);
}

/**
 * What could become an action: each concertation of the series (newest first) with its
 * selected priorities and its discussion tables, each with the text a new action would start
 * with and the actions already made from it.
 */
export async function actionCandidates(
	db: ActionsDb,
	seriesId: number
): Promise<ActionCandidateView[]> {
	const concertations = await db
		.selectFrom('concertation')
		.select(['id', 'title_fr', 'title_nl', 'number', 'date'])
		.where('series_id', '=', seriesId)
		.orderBy('date', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const actions = await listActions(db, seriesId);
	const madeFrom = (kind: 'priority' | 'table', concertationId: number, itemId: number) =>
		actions
			.filter(
				(action) =>
					action.source.kind === kind &&
					action.source.concertationId === concertationId &&
					action.source.itemId === itemId
			)
			.map((action) => action.id);
	const list: ActionCandidateView[] = [];
	for (const concertation of concertations) {
		const concertationLabel = {
			fr: [concertation.number ? `N°${concertation.number}` : '', concertation.title_fr]
				.filter(Boolean)
				.join(' – '),
			nl: [concertation.number ? `Nr. ${concertation.number}` : '', concertation.title_nl]
				.filter(Boolean)
				.join(' – ')
		};
		for (const priority of await selectedPriorities(db, concertation.id)) {
			const draft = draftFromPriority(priority.label);
			list.push({
				kind: 'priority',
				concertationId: concertation.id,
				concertationLabel,
				itemId: priority.candidateId,
				label: { fr: draft.titleFr, nl: draft.titleNl },
				draft,
				actionIds: madeFrom('priority', concertation.id, priority.candidateId)
			});
		}
		for (const table of await discussionTableOutcomes(db, concertation.id)) {
			const draft = draftFromTable(table);
			list.push({
				kind: 'table',
				concertationId: concertation.id,
				concertationLabel,
				itemId: table.id,
				label: { fr: draft.titleFr || table.name, nl: draft.titleNl || table.name },
				draft,
				actionIds: madeFrom('table', concertation.id, table.id)
			});
		}
	}
	return list;
}

/**
 * Each action's status at each of the given concertations of the series (oldest first), from
 * its history: what the series page's "path" table shows.
 */
export async function seriesActionPaths(
	db: ActionsDb,
	seriesId: number,
	meetingDays: readonly string[]
): Promise<ActionPathView[]> {
	const [actions, history] = await Promise.all([
		listActions(db, seriesId),
		actionHistory(db, seriesId)
	]);
	return actionPaths(actions, history, meetingDays, (iso) => isoDateInBrussels(new Date(iso)));
}
