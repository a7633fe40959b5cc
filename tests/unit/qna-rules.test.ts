import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import {
	QNA_LIMITS,
	qnaBoard,
	qnaStep,
	type QnaQuestionView,
	type QnaView
} from '../../src/lib/protocol';
import type { Actor } from '../../src/lib/server/auth/actor';
import { DomainError } from '../../src/lib/server/errors';
import {
	assertCanAsk,
	assertCanChangeOwn,
	assertCanVote,
	assertShown,
	assertStepOpen,
	initialStatus,
	pinnedAfterClosing,
	qnaCycle,
	statusAfterEdit,
	validateQuestionText
} from '../../src/lib/server/qna/rules';
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

const anne: Actor = { kind: 'participant', participantId: 1, concertationId: 9 };
const bram: Actor = { kind: 'participant', participantId: 2, concertationId: 9 };
const facilitator: Actor = { kind: 'facilitator', facilitatorId: 1, role: 'facilitator' };
const coordinator: Actor = { kind: 'facilitator', facilitatorId: 2, role: 'coordinator' };
const screen: Actor = { kind: 'screen', concertationId: 9 };

describe('a question as typed', () => {
	it('keeps one line, trimmed, within the limit counted as people count', () => {
		expect(validateQuestionText('  Quel  budget\npour 2025 ?  ')).toBe('Quel budget pour 2025 ?');
		// Emoji count as one character each: the limit is met exactly.
		expect(validateQuestionText('🙂'.repeat(QNA_LIMITS.question))).toHaveLength(
			QNA_LIMITS.question * 2
		);
	});

	it('refuses an empty or too long question, with translated messages', () => {
		expectCode(() => validateQuestionText('   '), 'qna_text_required');
		expectCode(() => validateQuestionText(undefined), 'qna_text_required');
		const error = expectCode(
			() => validateQuestionText('x'.repeat(QNA_LIMITS.question + 1)),
			'qna_text_too_long'
		);
		expect(error.params).toMatchObject({ field: 'text', max: QNA_LIMITS.question });
	});

	it('limits how many questions one participant asks in a step', () => {
		expect(() => assertCanAsk(QNA_LIMITS.perParticipant - 1)).not.toThrow();
		expectCode(() => assertCanAsk(QNA_LIMITS.perParticipant), 'qna_too_many');
	});
});

describe('when participants may act', () => {
	it('only while a Q&A step is the current one, and on its questions', () => {
		expect(assertStepOpen({ id: 4, kind: 'qna' })).toBe(4);
		expect(assertStepOpen({ id: 4, kind: 'qna' }, 4)).toBe(4);
		expectCode(() => assertStepOpen(null), 'phase_closed');
		expectCode(() => assertStepOpen({ id: 3, kind: 'vote' }), 'phase_closed');
		// A question of an earlier Q&A step: that step is over.
		expectCode(() => assertStepOpen({ id: 4, kind: 'qna' }, 2), 'phase_closed');
	});
});

describe('moderation on or off', () => {
	it('holds a new question for approval when on, shows it at once when off', () => {
		expect(initialStatus(true)).toBe('pending');
		expect(initialStatus(false)).toBe('approved');
	});

	it('sends an approved question changed by its author back to the team only when on', () => {
		expect(statusAfterEdit('approved', true)).toBe('pending');
		expect(statusAfterEdit('approved', false)).toBe('approved');
		expect(statusAfterEdit('pending', true)).toBe('pending');
		expect(statusAfterEdit('pending', false)).toBe('pending');
	});

	it('lets only a running facilitator approve or hide, and change their mind', () => {
		qnaCycle.assertModeration(facilitator, 'pending', 'approved');
		qnaCycle.assertModeration(facilitator, 'approved', 'rejected');
		qnaCycle.assertModeration(facilitator, 'rejected', 'approved');
		expectCode(
			() => qnaCycle.assertModeration(facilitator, 'approved', 'approved'),
			'qna_bad_transition'
		);
		for (const actor of [anne, coordinator, screen])
			expectCode(() => qnaCycle.assertModeration(actor, 'pending', 'approved'), 'forbidden');
	});
});

describe('one’s own question', () => {
	const open = { authorId: 1, status: 'approved' as const, answered: false, pinned: false };

	it('can be changed or withdrawn by its author until it is pinned or answered', () => {
		assertCanChangeOwn(anne, open, 'edit');
		assertCanChangeOwn(anne, { ...open, status: 'pending' }, 'withdraw');
		for (const change of ['edit', 'withdraw'] as const) {
			expectCode(() => assertCanChangeOwn(anne, { ...open, pinned: true }, change), 'qna_locked');
			expectCode(() => assertCanChangeOwn(anne, { ...open, answered: true }, change), 'qna_locked');
		}
	});

	it('once hidden, can be withdrawn but not rewritten', () => {
		assertCanChangeOwn(anne, { ...open, status: 'rejected' }, 'withdraw');
		expectCode(
			() => assertCanChangeOwn(anne, { ...open, status: 'rejected' }, 'edit'),
			'qna_locked'
		);
	});

	it('is nobody else’s to change, not even the facilitators’', () => {
		for (const actor of [bram, facilitator, screen])
			expectCode(() => assertCanChangeOwn(actor, open, 'edit'), 'forbidden');
	});
});

describe('votes', () => {
	it('go to questions the room sees, never to one’s own', () => {
		assertCanVote(2, { authorId: 1, status: 'approved' }, true);
		expectCode(
			() => assertCanVote(1, { authorId: 1, status: 'approved' }, true),
			'qna_own_question'
		);
		expectCode(() => assertCanVote(2, { authorId: 1, status: 'pending' }, true), 'not_found');
		expectCode(() => assertCanVote(2, { authorId: 1, status: 'rejected' }, true), 'not_found');
	});

	it('can always be taken back, whatever became of the question', () => {
		for (const status of ['approved', 'pending', 'rejected'] as const)
			expect(() => assertCanVote(2, { authorId: 1, status }, false)).not.toThrow();
	});
});

describe('pinning and answering', () => {
	it('only for a question the room sees', () => {
		assertShown({ status: 'approved' });
		expectCode(() => assertShown({ status: 'pending' }), 'qna_not_approved');
		expectCode(() => assertShown({ status: 'rejected' }), 'qna_not_approved');
	});

	it('unpins the question answered or hidden, and only that one', () => {
		expect(pinnedAfterClosing(5, 5)).toBeNull();
		expect(pinnedAfterClosing(5, 6)).toBe(5);
		expect(pinnedAfterClosing(null, 6)).toBeNull();
	});
});

describe('what the room sees of a step', () => {
	const question = (id: number, votes: number, extra: Partial<QnaQuestionView> = {}) => ({
		id,
		phaseId: 7,
		text: `Question ${id}`,
		language: 'fr' as const,
		author: null,
		votes,
		status: 'approved' as const,
		answered: false,
		...extra
	});
	const view: QnaView = {
		steps: [{ phaseId: 7, moderated: false, pinnedId: 3 }],
		questions: [
			question(1, 2),
			question(2, 5),
			question(3, 1),
			question(4, 5),
			question(5, 9, { answered: true }),
			question(6, 20, { status: 'pending' }),
			question(7, 30, { phaseId: 8 })
		]
	};

	it('pins one, lists the open ones by votes then age, and the answered apart', () => {
		const board = qnaBoard(view, 7);
		expect(board.pinned?.id).toBe(3);
		expect(board.open.map((q) => q.id)).toEqual([2, 4, 1]);
		expect(board.answered.map((q) => q.id)).toEqual([5]);
		expect(qnaBoard(view, 7, 2).open.map((q) => q.id)).toEqual([2, 4]);
	});

	it('defaults to moderation on and nothing pinned for a step never set', () => {
		expect(qnaStep(view, 8)).toEqual({ phaseId: 8, moderated: true, pinnedId: null });
		expect(qnaBoard(view, 8)).toEqual({ pinned: null, open: [view.questions[6]], answered: [] });
		expect(qnaBoard(undefined, 8)).toEqual({ pinned: null, open: [], answered: [] });
	});

	it('pins nothing when the pinned question is not shown', () => {
		const hidden: QnaView = {
			steps: [{ phaseId: 7, moderated: true, pinnedId: 6 }],
			questions: view.questions
		};
		expect(qnaBoard(hidden, 7).pinned).toBeNull();
	});
});
