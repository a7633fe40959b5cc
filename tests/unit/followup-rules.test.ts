import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { FOLLOWUP_LIMITS } from '../../src/lib/protocol';
import type { Actor } from '../../src/lib/server/auth/actor';
import { DomainError } from '../../src/lib/server/errors';
import {
	assertActionOfSeries,
	assertRoomForOpinion,
	followupCycle,
	validateDisplay,
	validateOpinion
} from '../../src/lib/server/followup/rules';
import {
	DEFAULT_PHASES,
	PROPOSED_PHASES,
	defaultProgramme,
	proposeWhen,
	withProposedSteps
} from '../../src/lib/server/concertation/programme';
import type { Queryable } from '../../src/lib/server/db';
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

const facilitator: Actor = { kind: 'facilitator', facilitatorId: 1, role: 'facilitator' };
const coordinator: Actor = { kind: 'facilitator', facilitatorId: 2, role: 'coordinator' };
const author: Actor = { kind: 'participant', participantId: 7, concertationId: 1 };
const other: Actor = { kind: 'participant', participantId: 8, concertationId: 1 };

describe('an opinion on an action', () => {
	it('is some readable text within the limit, with a mark or none', () => {
		expect(
			validateOpinion({ text: '  Très utile\r\n\r\n\r\npour nous ', mark: 'support' })
		).toEqual({
			text: 'Très utile\n\npour nous',
			mark: 'support'
		});
		expect(validateOpinion({ text: 'Goed', mark: null }).mark).toBeNull();
		expect(validateOpinion({ text: 'Goed' }).mark).toBeNull();
		for (const text of ['', '   ', '\u200b\u200b', undefined])
			expect(
				expectCode(() => validateOpinion({ text }), 'followup_text_required').params.field
			).toBe('text');
		const atLimit = 'é'.repeat(FOLLOWUP_LIMITS.opinion);
		expect(validateOpinion({ text: atLimit }).text).toBe(atLimit);
		expect(
			expectCode(() => validateOpinion({ text: `${atLimit}é` }), 'followup_text_too_long').params
		).toEqual({ field: 'text', max: FOLLOWUP_LIMITS.opinion });
		expectCode(() => validateOpinion({ text: 'x', mark: 'maybe' }), 'followup_bad_mark');
	});

	it('is on one of the series’ actions', () => {
		expect(() => assertActionOfSeries(3, [1, 3])).not.toThrow();
		expect(
			expectCode(() => assertActionOfSeries(4, [1, 3]), 'followup_unknown_action').params.field
		).toBe('actionId');
		expectCode(() => assertActionOfSeries(1, []), 'followup_unknown_action');
	});

	it('comes a few at a time per phone and action, rejected ones not counted', () => {
		const given = (n: number, status: 'pending' | 'approved' | 'rejected' = 'pending') =>
			Array.from({ length: n }, () => ({ status }));
		expect(() => assertRoomForOpinion(given(FOLLOWUP_LIMITS.perAction - 1))).not.toThrow();
		expect(() =>
			assertRoomForOpinion([...given(FOLLOWUP_LIMITS.perAction - 1), ...given(3, 'rejected')])
		).not.toThrow();
		expect(
			expectCode(
				() => assertRoomForOpinion(given(FOLLOWUP_LIMITS.perAction, 'approved')),
				'followup_too_many'
			).params
		).toEqual({ max: FOLLOWUP_LIMITS.perAction });
	});
});

describe('reading opinions again', () => {
	it('follows the submissions’ cycle: only a running facilitator decides, and may change their mind', () => {
		expect(() => followupCycle.assertModeration(facilitator, 'pending', 'approved')).not.toThrow();
		expect(() => followupCycle.assertModeration(facilitator, 'approved', 'rejected')).not.toThrow();
		expect(() => followupCycle.assertModeration(facilitator, 'rejected', 'approved')).not.toThrow();
		expectCode(
			() => followupCycle.assertModeration(facilitator, 'approved', 'approved'),
			'followup_bad_transition'
		);
		expectCode(
			() => followupCycle.assertModeration(facilitator, 'pending', 'pending'),
			'followup_bad_transition'
		);
		expectCode(
			() => followupCycle.assertModeration(coordinator, 'pending', 'approved'),
			'forbidden'
		);
		expectCode(() => followupCycle.assertModeration(author, 'pending', 'approved'), 'forbidden');
	});

	it('lets the author change their opinion until it is read, and nobody else', () => {
		expect(() =>
			followupCycle.assertCanEditOwn(author, { authorId: 7, status: 'pending' })
		).not.toThrow();
		expectCode(
			() => followupCycle.assertCanEditOwn(author, { authorId: 7, status: 'approved' }),
			'followup_locked'
		);
		expectCode(
			() => followupCycle.assertCanEditOwn(other, { authorId: 7, status: 'pending' }),
			'forbidden'
		);
	});
});

describe('the projector', () => {
	it('shows one of the series’ actions at a time, or the list', () => {
		expect(validateDisplay('single', 3, [1, 3])).toEqual({ mode: 'single', currentId: 3 });
		expect(validateDisplay('list', null, [])).toEqual({ mode: 'list', currentId: null });
		expectCode(() => validateDisplay('single', 9, [1, 3]), 'followup_unknown_action');
	});
});

describe('the follow-up in a new concertation’s programme', () => {
	const db = {} as Queryable;
	const hasActions = new Set<number>([1]);
	proposeWhen('followup', async (_db, seriesId) => hasActions.has(seriesId));

	it('is proposed after the news when the series has actions', async () => {
		const programme = await withProposedSteps(db, defaultProgramme(), 1);
		const kinds = programme.phases.map((phase) => phase.kind);
		expect(kinds.slice(0, 5)).toEqual(['introduction', 'tour', 'news', 'followup', 'needs']);
		expect(programme.phases[3]!.title).toEqual(PROPOSED_PHASES[0]!.title);
		expect(programme.phases[3]).not.toHaveProperty('after');
		expect(DEFAULT_PHASES.some((phase) => phase.kind === 'followup')).toBe(false);
	});

	it('is not proposed without a series, without actions, or twice', async () => {
		expect((await withProposedSteps(db, defaultProgramme(), null)).phases).toEqual(DEFAULT_PHASES);
		expect((await withProposedSteps(db, defaultProgramme(), 2)).phases).toEqual(DEFAULT_PHASES);
		const once = await withProposedSteps(db, defaultProgramme(), 1);
		const again = await withProposedSteps(db, once, 1);
		expect(again.phases.filter((phase) => phase.kind === 'followup')).toHaveLength(1);
		// A programme without news nor tour: first.
		const bare = { ...defaultProgramme(), phases: DEFAULT_PHASES.filter((p) => p.kind === 'vote') };
		expect((await withProposedSteps(db, bare, 1)).phases.map((p) => p.kind)).toEqual([
			'followup',
			'vote'
		]);
	});
});
