import { z } from 'zod';
import {
	contentLanguagesSchema,
	DEFAULT_CONTENT_LANGUAGES,
	formatContentLanguages,
	LIMITS,
	parseContentLanguages,
	sameLanguages,
	type Bilingual,
	type ContentLanguages,
	type Sector
} from '../../protocol';
import type { Actor } from '../auth/actor';
import { requireRunner } from '../auth/actor';
import { nowIso, type Db, type Tx } from '../db';
import type { Concertation } from '../db/schema';
import { DomainError } from '../errors';
import { isReadableName } from '../text';
import { announceRemoval, applyChange } from '../realtime/commands';
import { generateJoinCode } from './join-code';
import {
	defaultProgramme,
	withProposedSteps,
	phaseTemplateSchema,
	programmeTemplateSchema,
	sectorLanguageIssues,
	sectorListSchema,
	type ProgrammeTemplate
} from './programme';
import { newScreenKeyNonce } from './screen-key';
import { listPhases } from './store';
import { parseSectors, phaseView } from './views';

const optionalText = (max: number) => z.string().trim().max(max).default('');
/**
 * A title is shown on the projector and printed: in each content language it needs something
 * to read (checked with the languages, `titleIssues`); in another language it may be empty.
 */
const title = z
	.string()
	.trim()
	.max(LIMITS.title)
	.refine((value) => value === '' || isReadableName(value), { params: { reason: 'unreadable' } })
	.default('');

const TITLE_FIELDS = { fr: 'titleFr', nl: 'titleNl', en: 'titleEn' } as const;

const detailsFields = z.object({
	titleFr: title,
	titleNl: title,
	titleEn: title,
	/** One or two of fr, nl, en, the main one first; fr+nl when not given at creation. */
	languages: contentLanguagesSchema.optional(),
	number: optionalText(LIMITS.number),
	date: z.iso.date(),
	startTime: z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]).default(''),
	place: optionalText(LIMITS.place),
	contactName: optionalText(LIMITS.contact),
	contactEmail: z
		.union([z.literal(''), z.string().trim().toLowerCase().max(LIMITS.email).email()])
		.default(''),
	contactPhone: optionalText(LIMITS.phone)
});

/** A title missing in one of the content languages, reported on its own field. */
function requireTitles(
	details: { titleFr: string; titleNl: string; titleEn: string; languages?: ContentLanguages },
	context: z.RefinementCtx,
	languages: ContentLanguages = details.languages ?? DEFAULT_CONTENT_LANGUAGES
) {
	for (const language of languages) {
		const field = TITLE_FIELDS[language];
		if (details[field] === '')
			context.addIssue({
				code: 'too_small',
				origin: 'string',
				minimum: 1,
				inclusive: true,
				path: [field],
				input: details[field]
			});
	}
}

/** Throws the form's error (a ZodError on the missing title's field) when a title is missing. */
function assertTitles(details: Parameters<typeof requireTitles>[0], languages: ContentLanguages) {
	const result = z
		.object({})
		.superRefine((_, context) => requireTitles(details, context, languages))
		.safeParse({});
	if (!result.success) throw result.error;
}

/** A step's title is needed in each content language (the programme's `title.<lang>` field). */
function assertPhaseTitle(title: Bilingual, languages: ContentLanguages) {
	const result = z
		.object({})
		.superRefine((_, context) => {
			for (const language of languages)
				if (title[language] === '')
					context.addIssue({
						code: 'too_small',
						origin: 'string',
						minimum: 1,
						inclusive: true,
						path: ['title', language],
						input: ''
					});
		})
		.safeParse({});
	if (!result.success) throw result.error;
}

/** Each sector needs its label in each content language (the list's `<index>.<lang>` path). */
export function assertSectorLanguages(sectors: readonly Sector[], languages: ContentLanguages) {
	const result = z
		.object({})
		.superRefine((_, context) => {
			for (const { path } of sectorLanguageIssues(sectors, languages))
				context.addIssue({
					code: 'too_small',
					origin: 'string',
					minimum: 1,
					inclusive: true,
					path: ['sectors', ...path],
					input: ''
				});
		})
		.safeParse({});
	if (!result.success) throw result.error;
}

/**
 * The details as the create form and the API send them. An edit that gives no languages
 * keeps the concertation's: its titles are then checked against those (`updateDetails`).
 */
export const concertationDetailsSchema = detailsFields.superRefine((details, context) => {
	if (details.languages) requireTitles(details, context);
});
export type ConcertationDetails = z.infer<typeof concertationDetailsSchema>;

export const createConcertationSchema = detailsFields
	.extend({
		programme: programmeTemplateSchema.optional(),
		/** An earlier concertation whose programme, sectors and series the new one starts with. */
		copyFrom: z.number().int().positive().optional(),
		/** The sectors participants choose from; they replace the programme's or the copied ones. */
		sectors: sectorListSchema.optional()
	})
	.superRefine((details, context) => {
		// Without languages, the programme file's or the earlier concertation's are used
		// (checked once they are known, in `createConcertation`).
		if (details.languages || (!details.programme?.languages && details.copyFrom === undefined))
			requireTitles(details, context);
	});

/**
 * The languages a form's two selects give ("main" and "second", the second possibly empty);
 * undefined when the form has none (locked after the start: disabled selects send nothing).
 */
export function languagesFromForm(values: {
	languageMain?: string;
	languageSecond?: string;
}): string[] | undefined {
	if (!values.languageMain) return undefined;
	return [values.languageMain, values.languageSecond ?? ''].filter(Boolean);
}

/** A concertation's details as the details form and the JSON API write them. */
export function concertationDetails(concertation: Concertation): ConcertationDetails {
	return {
		titleFr: concertation.title_fr,
		titleNl: concertation.title_nl,
		titleEn: concertation.title_en,
		languages: parseContentLanguages(concertation.languages),
		number: concertation.number,
		date: concertation.date,
		startTime: concertation.start_time,
		place: concertation.place,
		contactName: concertation.contact_name,
		contactEmail: concertation.contact_email,
		contactPhone: concertation.contact_phone
	};
}

function detailsColumns(details: ConcertationDetails) {
	return {
		title_fr: details.titleFr,
		title_nl: details.titleNl,
		title_en: details.titleEn,
		...(details.languages ? { languages: formatContentLanguages(details.languages) } : {}),
		number: details.number,
		date: details.date,
		start_time: details.startTime,
		place: details.place,
		contact_name: details.contactName,
		contact_email: details.contactEmail,
		contact_phone: details.contactPhone
	};
}

/**
 * Creates a concertation, in draft, with the standard programme unless one is given, either
 * as a template or as an earlier concertation to start from (the next one of a series reuses
 * its programme, sectors and coordinators; nothing its participants recorded is copied).
 */
export async function createConcertation(
	db: Db,
	actor: Actor,
	rawInput: unknown
): Promise<Concertation> {
	requireRunner(actor);
	// Checked before the template itself: "one source too many" is the useful answer, not
	// what may be wrong inside a programme that would not be used anyway.
	const sources = (rawInput ?? {}) as { programme?: unknown; copyFrom?: unknown };
	if (sources.programme !== undefined && sources.copyFrom !== undefined)
		throw new DomainError('programme_source_conflict', { field: 'copyFrom' });
	const input = createConcertationSchema.parse(rawInput);
	return db.transaction().execute(async (tx) => {
		const source = input.copyFrom === undefined ? undefined : await copySource(tx, input.copyFrom);
		// Chosen in the form, else the earlier concertation's, else the programme file's.
		const languages =
			input.languages ??
			source?.programme.languages ??
			(input.programme as ProgrammeTemplate | undefined)?.languages ??
			DEFAULT_CONTENT_LANGUAGES;
		if (!input.languages) assertTitles(input, languages);
		if (input.sectors) assertSectorLanguages(input.sectors, languages);
		// The next concertation of a series gets the steps its series calls for (the follow-up of
		// its actions), which the facilitator may remove.
		const programme = await withProposedSteps(
			tx,
			source?.programme ?? (input.programme as ProgrammeTemplate | undefined) ?? defaultProgramme(),
			source?.seriesId ?? null
		);
		const now = nowIso();
		const concertation = await tx
			.insertInto('concertation')
			.values({
				...detailsColumns({ ...input, languages }),
				series_id: source?.seriesId ?? null,
				join_code: await uniqueJoinCode(tx),
				screen_key_nonce: newScreenKeyNonce(),
				sectors_json: JSON.stringify(input.sectors ?? programme.sectors),
				status: 'draft',
				current_phase_id: null,
				timer_ends_at: null,
				created_by: actor.facilitatorId,
				created_at: now,
				updated_at: now
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await insertPhases(tx, concertation.id, programme);
		return concertation;
	});
}

/** What a new concertation takes over from the earlier one it starts from. */
async function copySource(tx: Tx, sourceId: number) {
	const source = await tx
		.selectFrom('concertation')
		.select('series_id')
		.where('id', '=', sourceId)
		.executeTakeFirst();
	if (!source) throw new DomainError('copy_source_not_found', { field: 'copyFrom' });
	return { programme: await exportProgramme(tx, sourceId), seriesId: source.series_id };
}

async function uniqueJoinCode(tx: Tx): Promise<string> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const code = generateJoinCode();
		const taken = await tx
			.selectFrom('concertation')
			.select('id')
			.where('join_code', '=', code)
			.executeTakeFirst();
		if (!taken) return code;
	}
	throw new Error('could not find a free join code');
}

async function insertPhases(
	tx: Tx,
	concertationId: number,
	programme: ProgrammeTemplate
): Promise<void> {
	await tx
		.insertInto('phase')
		.values(
			programme.phases.map((phase, index) => ({
				concertation_id: concertationId,
				kind: phase.kind,
				position: index + 1,
				title_fr: phase.title.fr,
				title_nl: phase.title.nl,
				title_en: phase.title.en,
				body_fr: phase.body.fr,
				body_nl: phase.body.nl,
				body_en: phase.body.en,
				duration_minutes: phase.durationMinutes,
				notes: phase.notes ?? ''
			}))
		)
		.execute();
}

export async function updateDetails(
	db: Db,
	actor: Actor,
	concertationId: number,
	rawInput: unknown
) {
	requireRunner(actor);
	const details = concertationDetailsSchema.parse(rawInput);
	return applyChange(db, concertationId, actor, 'concertation.update', async (tx, concertation) => {
		const current = parseContentLanguages(concertation.languages);
		if (details.languages && !sameLanguages(details.languages, current)) {
			// Everything typed and shown since the start is in the languages it had.
			if (concertation.status !== 'draft') throw new DomainError('languages_locked');
		}
		assertTitles(details, details.languages ?? current);
		await tx
			.updateTable('concertation')
			.set(detailsColumns(details))
			.where('id', '=', concertationId)
			.execute();
		return { result: null, changed: ['session'] };
	});
}

export async function updateSectors(
	db: Db,
	actor: Actor,
	concertationId: number,
	rawSectors: unknown
) {
	requireRunner(actor);
	const sectors = sectorListSchema.parse(rawSectors);
	return applyChange(
		db,
		concertationId,
		actor,
		'concertation.sectors',
		async (tx, concertation) => {
			assertSectorLanguages(sectors, parseContentLanguages(concertation.languages));
			await tx
				.updateTable('concertation')
				.set({ sectors_json: JSON.stringify(sectors) })
				.where('id', '=', concertationId)
				.execute();
			return { result: null, changed: ['session', 'presence'] };
		}
	);
}

export const phaseEditSchema = phaseTemplateSchema.omit({ kind: true });

export async function updatePhase(
	db: Db,
	actor: Actor,
	concertationId: number,
	phaseId: number,
	rawInput: unknown
) {
	requireRunner(actor);
	const edit = phaseEditSchema.parse(rawInput);
	return applyChange(db, concertationId, actor, 'phase.update', async (tx, concertation) => {
		assertPhaseTitle(edit.title, parseContentLanguages(concertation.languages));
		const updated = await tx
			.updateTable('phase')
			.set({
				title_fr: edit.title.fr,
				title_nl: edit.title.nl,
				title_en: edit.title.en,
				body_fr: edit.body.fr,
				body_nl: edit.body.nl,
				body_en: edit.body.en,
				duration_minutes: edit.durationMinutes,
				// Left as they are when the edit does not carry them.
				...(edit.notes === undefined ? {} : { notes: edit.notes })
			})
			.where('id', '=', phaseId)
			.where('concertation_id', '=', concertationId)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) throw new DomainError('not_found');
		return { result: null, changed: ['programme'] };
	});
}

/**
 * Where a phase moves in the programme: one step up or down (the buttons, also for keyboard
 * and screen-reader users), or to a place in the list, 0 being first (drag and drop).
 */
export type PhaseMove = 'up' | 'down' | { toIndex: number };

/** Moves a phase in the programme; positions stay 1..n without gaps. */
export async function movePhase(
	db: Db,
	actor: Actor,
	concertationId: number,
	phaseId: number,
	move: PhaseMove
) {
	requireRunner(actor);
	return applyChange(db, concertationId, actor, 'phase.move', async (tx) => {
		const phases = await listPhases(tx, concertationId);
		const index = phases.findIndex((phase) => phase.id === phaseId);
		if (index < 0) throw new DomainError('not_found');
		const target = move === 'up' ? index - 1 : move === 'down' ? index + 1 : move.toIndex;
		if (
			typeof move === 'object' &&
			!(Number.isInteger(target) && target >= 0 && target < phases.length)
		)
			throw new DomainError('invalid', { detail: `0 ≤ position < ${phases.length}` });
		if (target >= 0 && target < phases.length) {
			const [moved] = phases.splice(index, 1);
			if (moved) phases.splice(target, 0, moved);
		}
		await renumber(
			tx,
			phases.map((phase) => phase.id)
		);
		return { result: null, changed: ['programme'] };
	});
}

export async function addPhase(db: Db, actor: Actor, concertationId: number, rawInput: unknown) {
	requireRunner(actor);
	const phase = phaseTemplateSchema.parse(rawInput);
	return applyChange(db, concertationId, actor, 'phase.add', async (tx, concertation) => {
		assertPhaseTitle(phase.title, parseContentLanguages(concertation.languages));
		const phases = await listPhases(tx, concertationId);
		if (phases.length >= LIMITS.phases)
			throw new DomainError('invalid', { detail: `≤ ${LIMITS.phases}` });
		const added = await tx
			.insertInto('phase')
			.values({
				concertation_id: concertationId,
				kind: phase.kind,
				position: phases.length + 1,
				title_fr: phase.title.fr,
				title_nl: phase.title.nl,
				title_en: phase.title.en,
				body_fr: phase.body.fr,
				body_nl: phase.body.nl,
				body_en: phase.body.en,
				duration_minutes: phase.durationMinutes,
				notes: phase.notes ?? ''
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return { result: { id: added.id }, changed: ['programme'] };
	});
}

export async function removePhase(db: Db, actor: Actor, concertationId: number, phaseId: number) {
	requireRunner(actor);
	return applyChange(db, concertationId, actor, 'phase.remove', async (tx, concertation) => {
		const phases = await listPhases(tx, concertationId);
		if (!phases.some((phase) => phase.id === phaseId)) throw new DomainError('not_found');
		if (phases.length <= 1) throw new DomainError('last_phase');
		if (concertation.current_phase_id === phaseId) {
			await tx
				.updateTable('concertation')
				.set({ current_phase_id: null })
				.where('id', '=', concertationId)
				.execute();
		}
		await tx.deleteFrom('phase').where('id', '=', phaseId).execute();
		await renumber(
			tx,
			phases.filter((phase) => phase.id !== phaseId).map((phase) => phase.id)
		);
		return { result: null, changed: ['programme', 'session'] };
	});
}

async function renumber(tx: Tx, orderedIds: number[]): Promise<void> {
	for (const [index, id] of orderedIds.entries()) {
		await tx
			.updateTable('phase')
			.set({ position: index + 1 })
			.where('id', '=', id)
			.execute();
	}
}

export async function exportProgramme(db: Db, concertationId: number): Promise<ProgrammeTemplate> {
	const concertation = await db
		.selectFrom('concertation')
		.selectAll()
		.where('id', '=', concertationId)
		.executeTakeFirst();
	if (!concertation) throw new DomainError('not_found');
	const phases = await listPhases(db, concertationId);
	const languages = parseContentLanguages(concertation.languages);
	return {
		format: 'concertation-programme',
		formatVersion: 1,
		// Written only when not French and Dutch, so the files of fr–nl programmes stay as they were.
		...(sameLanguages(languages, DEFAULT_CONTENT_LANGUAGES) ? {} : { languages }),
		sectors: parseSectors(concertation),
		phases: phases.map((phase) => {
			const view = phaseView(phase, true);
			return {
				kind: view.kind,
				title: view.title,
				body: view.body,
				durationMinutes: view.durationMinutes,
				// Written only when there are some, so templates without notes stay as they were.
				...(view.notes ? { notes: view.notes } : {})
			};
		})
	};
}

/**
 * Replaces the programme with an imported one. Only before the session starts: a live
 * session's phases are referenced by everything captured during it.
 */
export async function importProgramme(db: Db, actor: Actor, concertationId: number, json: unknown) {
	requireRunner(actor);
	const result = programmeTemplateSchema.safeParse(json);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new DomainError('bad_programme', {
			detail: issue ? `${issue.path.join('.') || '/'}: ${issue.message}` : ''
		});
	}
	const programme = result.data as ProgrammeTemplate;
	return applyChange(db, concertationId, actor, 'programme.import', async (tx, concertation) => {
		if (concertation.status !== 'draft') throw new DomainError('phase_closed');
		await tx.deleteFrom('phase').where('concertation_id', '=', concertationId).execute();
		await insertPhases(tx, concertationId, programme);
		await tx
			.updateTable('concertation')
			.set({ sectors_json: JSON.stringify(programme.sectors), current_phase_id: null })
			.where('id', '=', concertationId)
			.execute();
		return { result: null, changed: ['programme', 'session', 'presence'] };
	});
}

/**
 * Deletes a concertation and everything recorded in it — its programme, participants,
 * submissions, ballots, tables, restitution edits and share links, command and audit logs —
 * through the foreign keys' cascades, in one statement (so all or nothing). Its live
 * connections are ended once that has committed. The account that deleted it is logged on
 * the server, since the concertation's own audit log goes with it.
 */
export async function deleteConcertation(
	db: Db,
	actor: Actor,
	concertationId: number
): Promise<void> {
	requireRunner(actor);
	const deleted = await db
		.deleteFrom('concertation')
		.where('id', '=', concertationId)
		.returning(['id', 'join_code'])
		.executeTakeFirst();
	if (!deleted) throw new DomainError('not_found');
	console.info(
		`concertation ${deleted.id} (code ${deleted.join_code}) deleted by facilitator ${actor.facilitatorId}`
	);
	announceRemoval(concertationId);
}

/**
 * What the facilitator types to confirm a deletion: the join code shown on the page, in any
 * case and with any spacing, so that a deletion is never one slip of the mouse.
 */
export function confirmsDeletion(concertation: Pick<Concertation, 'join_code'>, typed: string) {
	return typed.replace(/\s+/g, '').toUpperCase() === concertation.join_code;
}

export async function listConcertations(db: Db) {
	return db
		.selectFrom('concertation')
		.select([
			'id',
			'title_fr',
			'title_nl',
			'title_en',
			'languages',
			'number',
			'date',
			'start_time',
			'place',
			'status',
			'join_code',
			'series_id',
			'screen_key_nonce'
		])
		.orderBy('date', 'desc')
		.orderBy('id', 'desc')
		.execute();
}
