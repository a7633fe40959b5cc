import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { ACTION_LIMITS, ACTION_STATUSES } from '../../src/lib/protocol/actions';
import { DomainError } from '../../src/lib/server/errors';
import {
	EMPTY_ACTION,
	actionChanges,
	actionPaths,
	actionsAccess,
	assertCurrentVersion,
	canChangeStatus,
	creationChanges,
	draftFromPriority,
	draftFromTable,
	validateAction,
	validateDueDate,
	validateOrganisations
} from '../../src/lib/server/actions/rules';
import { messageOf } from '../helpers/translations';

/** Thrown with `code`, translated in the three languages with every {{placeholder}} given. */
function expectCode(fn: () => unknown, code: string): DomainError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught, `expected ${code}`).toBeInstanceOf(DomainError);
	const error = caught as DomainError;
	expect(error.code).toBe(code);
	for (const locale of LOCALES) {
		const message = messageOf(error.messageKey, locale);
		expect(message, `${locale} ${error.messageKey}`).toBeTypeOf('string');
		expect(message, `${locale} ${error.messageKey}`).not.toBe(error.messageKey);
		for (const [, name] of String(message).matchAll(/\{\{(\w+)\}\}/g))
			expect(error.params, `${locale} {{${name}}}`).toHaveProperty(name as string);
	}
	return error;
}

const valid = { titleFr: 'Ateliers première ligne', titleNl: 'Workshops eerstelijn' };

describe('an action’s fields', () => {
	it('cleans what was typed and starts proposed', () => {
		const action = validateAction({
			...valid,
			titleFr: '  Ateliers\u202e   première ligne ',
			descriptionFr: 'Une ligne\r\n\r\n\r\nune autre',
			leadOrganisations: [' CPAS Schaerbeek ', '', 'cpas schaerbeek', 'SSM Nord'],
			dueDate: '2025-06-30'
		});
		expect(action).toEqual({
			...EMPTY_ACTION,
			...valid,
			descriptionFr: 'Une ligne\n\nune autre',
			leadOrganisations: ['CPAS Schaerbeek', 'SSM Nord'],
			dueDate: '2025-06-30',
			status: 'proposed'
		});
	});

	it('needs a title in French or Dutch, readable', () => {
		expect(validateAction({ titleNl: 'Alleen Nederlands' }).titleFr).toBe('');
		expect(
			expectCode(() => validateAction({ titleFr: ' ', titleNl: '' }), 'action_title_required')
				.params.field
		).toBe('titleFr');
		expect(
			expectCode(
				() => validateAction({ titleFr: '\u200b\u200b', titleNl: 'x' }),
				'action_unreadable'
			).params.field
		).toBe('titleFr');
	});

	it('refuses each field over its limit, naming it', () => {
		const long = (max: number) => 'é'.repeat(max + 1);
		for (const [field, max] of [
			['titleNl', ACTION_LIMITS.title],
			['descriptionFr', ACTION_LIMITS.description],
			['contact', ACTION_LIMITS.contact],
			['progressNote', ACTION_LIMITS.progressNote]
		] as const) {
			const error = expectCode(
				() => validateAction({ ...valid, [field]: long(max) }),
				'action_too_long'
			);
			expect(error.params).toEqual({ field, max });
		}
		// Exactly at the limit, counted as people count (an emoji is one character).
		const emoji = 'a' + '😀'.repeat(ACTION_LIMITS.title - 1);
		expect(validateAction({ ...valid, titleFr: emoji }).titleFr).toBe(emoji);
		expectCode(
			() => validateOrganisations(Array.from({ length: 11 }, (_, i) => `Org ${i}`)),
			'action_too_many_organisations'
		);
		expect(validateOrganisations('CPAS\nSSM\n\nCPAS')).toEqual(['CPAS', 'SSM']);
	});

	it('takes real calendar dates only', () => {
		expect(validateDueDate('')).toBeNull();
		expect(validateDueDate(null)).toBeNull();
		expect(validateDueDate('2024-02-29')).toBe('2024-02-29');
		for (const bad of ['2025-02-29', '2025-13-01', '30/06/2025', '2025-6-3', 'tomorrow'])
			expect(expectCode(() => validateDueDate(bad), 'action_bad_date').params.field).toBe(
				'dueDate'
			);
	});

	it('refuses a status that does not exist', () => {
		expectCode(
			() => validateAction({ ...valid, status: 'finished' as never }),
			'action_bad_status'
		);
	});

	it('keeps what a change does not give', () => {
		const before = validateAction({ ...valid, contact: 'anne@example.org', dueDate: '2025-01-01' });
		const after = validateAction({ status: 'in_progress' }, before);
		expect(after).toEqual({ ...before, status: 'in_progress' });
		expect(validateAction({ dueDate: '' }, before).dueDate).toBeNull();
	});
});

describe('statuses and the history', () => {
	it('lets any status go to any other, and records each change', () => {
		for (const from of ACTION_STATUSES)
			for (const to of ACTION_STATUSES) {
				expect(canChangeStatus(from, to)).toBe(true);
				const before = validateAction({ ...valid, status: from });
				const changes = actionChanges(before, validateAction({ status: to }, before));
				expect(changes).toEqual(from === to ? [] : [{ field: 'status', from, to }]);
			}
		expect(canChangeStatus('done', 'unknown' as never)).toBe(false);
	});

	it('names every field that changed, as stored', () => {
		const before = validateAction({ ...valid, leadOrganisations: ['CPAS'] });
		const after = validateAction(
			{
				leadOrganisations: ['CPAS', 'SSM'],
				progressNote: 'Deux ateliers faits',
				dueDate: '2025-03-01'
			},
			before
		);
		expect(actionChanges(before, after)).toEqual([
			{ field: 'leadOrganisations', from: 'CPAS', to: 'CPAS, SSM' },
			{ field: 'progressNote', from: null, to: 'Deux ateliers faits' },
			{ field: 'dueDate', from: null, to: '2025-03-01' }
		]);
		// Reordering organisations is a change too.
		expect(
			actionChanges(after, validateAction({ leadOrganisations: ['SSM', 'CPAS'] }, after))
		).toHaveLength(1);
	});

	it('records what an action starts with, its first status included', () => {
		expect(creationChanges(validateAction(valid))).toEqual([
			{ field: 'titleFr', from: null, to: valid.titleFr },
			{ field: 'titleNl', from: null, to: valid.titleNl },
			{ field: 'status', from: null, to: 'proposed' }
		]);
		expect(creationChanges(validateAction({ ...valid, status: 'paused' })).at(-1)).toEqual({
			field: 'status',
			from: 'proposed',
			to: 'paused'
		});
	});

	it('refuses an edit made from an older version', () => {
		expect(() => assertCurrentVersion(3, undefined)).not.toThrow();
		expect(() => assertCurrentVersion(3, 3)).not.toThrow();
		expect(expectCode(() => assertCurrentVersion(3, 2), 'action_conflict').params).toEqual({
			version: 3,
			based: 2
		});
	});
});

describe('an action from a priority or a table', () => {
	it('takes the priority’s words, each language as written', () => {
		expect(draftFromPriority({ fr: 'Crise sanitaire', nl: 'Gezondheidscrisis' })).toEqual({
			titleFr: 'Crise sanitaire',
			titleNl: 'Gezondheidscrisis',
			descriptionFr: '',
			descriptionNl: ''
		});
		// Typed in English only: both titles start from it, for the coordinator to translate.
		expect(draftFromPriority({ fr: '', nl: '', en: 'Case management' }).titleNl).toBe(
			'Case management'
		);
	});

	it('takes a table’s justification and key levers and ways to collaborate', () => {
		const draft = draftFromTable({
			priority: { fr: 'Case management', nl: 'Casemanagement' },
			justification: 'Les équipes sont seules.',
			levers: [
				{ text: 'Intervision', key: true },
				{ text: 'Formation', key: false }
			],
			collaborations: [{ text: 'Réseau 107', key: false }]
		});
		expect(draft.titleNl).toBe('Casemanagement');
		expect(draft.descriptionFr).toBe('Les équipes sont seules.\n– Intervision\n– Réseau 107');
		expect(draft.descriptionNl).toBe(draft.descriptionFr);
		// Within the limits whatever the table wrote.
		const long = draftFromTable({
			priority: { fr: 'x'.repeat(500), nl: '' },
			justification: 'y'.repeat(5000),
			levers: [],
			collaborations: []
		});
		expect(validateAction(long).titleFr).toHaveLength(ACTION_LIMITS.title);
	});
});

describe('who reads and edits a series’ actions', () => {
	it('lets facilitators and the series’ coordinators edit, share links read', () => {
		expect(actionsAccess({ kind: 'account', role: 'facilitator', followsSeries: false })).toEqual({
			canEdit: true
		});
		expect(actionsAccess({ kind: 'account', role: 'coordinator', followsSeries: true })).toEqual({
			canEdit: true
		});
		expect(actionsAccess({ kind: 'share', liveLinkInSeries: true })).toEqual({ canEdit: false });
	});

	it('refuses anyone else', () => {
		expectCode(
			() => actionsAccess({ kind: 'account', role: 'coordinator', followsSeries: false }),
			'forbidden'
		);
		expectCode(() => actionsAccess({ kind: 'share', liveLinkInSeries: false }), 'not_found');
		expectCode(() => actionsAccess({ kind: 'anonymous' }), 'unauthenticated');
	});
});

describe('an action’s path over the series', () => {
	// The Brussels day of a UTC timestamp, as the server computes it.
	const dayOf = (iso: string) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date(iso));
	const meetings = ['2024-03-12', '2024-06-11', '2024-09-24', '2024-12-10'];
	const history = [
		// Newest first, as the history is read: the order must not matter.
		{
			actionId: 1,
			at: '2024-09-24T13:00:00Z',
			changes: [{ field: 'status', from: 'paused', to: 'done' }]
		},
		{
			actionId: 1,
			at: '2024-07-01T08:00:00Z',
			changes: [{ field: 'progressNote', from: '', to: 'Note' }]
		},
		{
			actionId: 1,
			at: '2024-06-30T08:00:00Z',
			changes: [{ field: 'status', from: 'in_progress', to: 'paused' }]
		},
		{
			actionId: 1,
			at: '2024-04-02T08:00:00Z',
			changes: [{ field: 'status', from: 'proposed', to: 'in_progress' }]
		},
		{
			actionId: 1,
			at: '2024-03-12T15:00:00Z',
			changes: [{ field: 'status', from: null, to: 'proposed' }]
		},
		{
			actionId: 2,
			at: '2024-09-23T22:30:00Z',
			changes: [{ field: 'status', from: null, to: 'in_progress' }]
		}
	] as const;

	it('gives the status each action had on each meeting’s day, null before it existed', () => {
		const paths = actionPaths(
			[
				{ id: 1, status: 'done', createdAt: '2024-03-12T15:00:00Z' },
				// Created at 00:30 in Brussels on the third meeting's day: it counts there.
				{ id: 2, status: 'in_progress', createdAt: '2024-09-23T22:30:00Z' }
			],
			history.map((entry) => ({ ...entry, changes: [...entry.changes] })),
			meetings,
			dayOf
		);
		expect(paths).toEqual([
			{ actionId: 1, statuses: ['proposed', 'in_progress', 'done', 'done'] },
			{ actionId: 2, statuses: [null, null, 'in_progress', 'in_progress'] }
		]);
	});

	it('gives nothing for a series without meetings, and an action without history its status', () => {
		expect(
			actionPaths([{ id: 3, status: 'paused', createdAt: '2024-01-01T00:00:00Z' }], [], [], dayOf)
		).toEqual([{ actionId: 3, statuses: [] }]);
		expect(
			actionPaths(
				[{ id: 3, status: 'paused', createdAt: '2024-01-01T00:00:00Z' }],
				[],
				['2024-02-01'],
				dayOf
			)
		).toEqual([{ actionId: 3, statuses: ['paused'] }]);
	});
});
