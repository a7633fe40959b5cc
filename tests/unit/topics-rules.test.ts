import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/lib/i18n/locales';
import { messageOf } from '../helpers/translations';
import { PHASE_KINDS } from '../../src/lib/protocol';
import type { Actor } from '../../src/lib/server/auth/actor';
import { DomainError } from '../../src/lib/server/errors';
import {
	PARTICIPANT_ACTION_PHASES,
	assertCanEditProposal,
	assertParticipantActionOpen,
	assertTopicModeration,
	canTransitionTopic,
	candidateList,
	isParticipantActionOpen,
	mergeTopics,
	validateQuestion,
	validateTopicProposal,
	type ParticipantAction,
	type TopicStatus
} from '../../src/lib/server/topics/rules';

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
		for (const [, name] of String(message).matchAll(/\{\{(\w+)\}\}/g)) {
			expect(error.params, `${locale} {{${name}}}`).toHaveProperty(name as string);
		}
	}
	return error;
}

const facilitator: Actor = { kind: 'facilitator', facilitatorId: 1, role: 'facilitator' };
const coordinator: Actor = { kind: 'facilitator', facilitatorId: 2, role: 'coordinator' };
const alice: Actor = { kind: 'participant', participantId: 10, concertationId: 1 };
const bob: Actor = { kind: 'participant', participantId: 11, concertationId: 1 };
const screen: Actor = { kind: 'screen', concertationId: 1 };

describe('validateQuestion', () => {
	it('accepts French, Dutch or both, on one line', () => {
		expect(
			validateQuestion({ textFr: ' Quels   besoins\nprioritaires ? ', textNl: 'Welke noden?' })
		).toEqual({
			textFr: 'Quels besoins prioritaires ?',
			textNl: 'Welke noden?',
			position: 0
		});
		expect(validateQuestion({ textNl: 'Enkel NL', position: 2 })).toEqual({
			textFr: '',
			textNl: 'Enkel NL',
			position: 2
		});
	});

	it('needs one language and at most 300 characters each', () => {
		expectCode(() => validateQuestion({}), 'topics_question_required');
		expectCode(
			() => validateQuestion({ textFr: '\u2066\u2069', textNl: '  ' }),
			'topics_question_required'
		);
		expect(validateQuestion({ textFr: 'x'.repeat(300) }).textFr).toHaveLength(300);
		expect(
			expectCode(
				() => validateQuestion({ textFr: 'ok', textNl: 'x'.repeat(301) }),
				'topics_question_too_long'
			).params
		).toMatchObject({
			field: 'textNl',
			max: 300
		});
	});

	it('refuses a bad position', () => {
		for (const position of [-1, 0.5, 10_001]) {
			expectCode(() => validateQuestion({ textFr: 'Q', position }), 'topics_bad_position');
		}
	});
});

describe('validateTopicProposal', () => {
	it('trims the text and keeps paragraphs in the details', () => {
		expect(
			validateTopicProposal({ text: '  Accès au logement  ', details: 'Un.\r\n\r\n\r\nDeux.  ' })
		).toEqual({
			text: 'Accès au logement',
			details: 'Un.\n\nDeux.'
		});
		expect(validateTopicProposal({ text: 'T' }).details).toBe('');
	});

	it('keeps hostile and unusual text as typed', () => {
		const text = '<script>alert("x")</script> 🏠 السكن';
		expect(validateTopicProposal({ text }).text).toBe(text);
	});

	it('requires a text of at most 300 characters and details of at most 1000', () => {
		expectCode(() => validateTopicProposal({ text: '   ' }), 'topics_text_required');
		expectCode(() => validateTopicProposal({}), 'topics_text_required');
		expect(validateTopicProposal({ text: '😀'.repeat(300) }).text).toHaveLength(600);
		expectCode(() => validateTopicProposal({ text: 'x'.repeat(301) }), 'topics_text_too_long');
		expectCode(() => validateTopicProposal({ text: 'x'.repeat(10_000) }), 'topics_text_too_long');
		expect(validateTopicProposal({ text: 'T', details: 'x'.repeat(1000) }).details).toHaveLength(
			1000
		);
		expectCode(
			() => validateTopicProposal({ text: 'T', details: 'x'.repeat(1001) }),
			'topics_details_too_long'
		);
	});
});

describe('moderation', () => {
	it('allows exactly the documented transitions; merged is final', () => {
		const statuses: TopicStatus[] = ['pending', 'approved', 'rejected', 'merged'];
		const allowed = statuses.flatMap((from) =>
			statuses.filter((to) => canTransitionTopic(from, to)).map((to) => `${from}→${to}`)
		);
		expect(allowed).toEqual([
			'pending→approved',
			'pending→rejected',
			'approved→rejected',
			'rejected→approved'
		]);
	});

	it('lets a facilitator moderate and refuses impossible transitions', () => {
		expect(() =>
			assertTopicModeration(facilitator, { status: 'pending' }, 'approved')
		).not.toThrow();
		expect(
			expectCode(
				() => assertTopicModeration(facilitator, { status: 'merged' }, 'approved'),
				'topics_bad_transition'
			).params
		).toEqual({
			from: 'merged',
			to: 'approved'
		});
		expectCode(
			() => assertTopicModeration(facilitator, { status: 'pending' }, 'merged'),
			'topics_bad_transition'
		);
	});

	it('never lets a participant approve, least of all their own proposal', () => {
		expectCode(() => assertTopicModeration(alice, { status: 'pending' }, 'approved'), 'forbidden');
		for (const actor of [bob, screen, coordinator]) {
			expectCode(
				() => assertTopicModeration(actor, { status: 'pending' }, 'approved'),
				'forbidden'
			);
		}
	});

	it('lets the author edit a pending proposal only', () => {
		expect(() =>
			assertCanEditProposal(alice, { authorParticipantId: 10, status: 'pending' })
		).not.toThrow();
		expectCode(
			() => assertCanEditProposal(alice, { authorParticipantId: 10, status: 'approved' }),
			'topics_locked'
		);
		expectCode(
			() => assertCanEditProposal(alice, { authorParticipantId: 10, status: 'merged' }),
			'topics_locked'
		);
		expectCode(
			() => assertCanEditProposal(bob, { authorParticipantId: 10, status: 'pending' }),
			'forbidden'
		);
		expectCode(
			() => assertCanEditProposal(alice, { authorParticipantId: null, status: 'pending' }),
			'forbidden'
		);
		expectCode(
			() => assertCanEditProposal(screen, { authorParticipantId: 10, status: 'pending' }),
			'forbidden'
		);
		expectCode(
			() => assertCanEditProposal(coordinator, { authorParticipantId: 10, status: 'pending' }),
			'forbidden'
		);
		expect(() =>
			assertCanEditProposal(facilitator, { authorParticipantId: 10, status: 'approved' })
		).not.toThrow();
	});
});

describe('mergeTopics', () => {
	const topic = (id: number, status: TopicStatus, position = id) => ({ id, status, position });

	it('plans one approved topic at the earlier position, and both sources merged', () => {
		expect(
			mergeTopics(
				topic(7, 'pending', 5),
				topic(3, 'approved', 2),
				'  Logement abordable ',
				'Détails'
			)
		).toEqual({
			topic: { text: 'Logement abordable', details: 'Détails', status: 'approved', position: 2 },
			mergedIds: [7, 3]
		});
		expect(mergeTopics(topic(1, 'pending'), topic(2, 'pending'), 'T').topic.details).toBe('');
	});

	it('refuses merging a topic with itself, or a rejected or merged one', () => {
		expect(
			expectCode(
				() => mergeTopics(topic(1, 'pending'), topic(1, 'pending'), 'T'),
				'topics_bad_merge'
			).params
		).toEqual({
			reason: 'same'
		});
		expectCode(
			() => mergeTopics(topic(1, 'rejected'), topic(2, 'pending'), 'T'),
			'topics_bad_merge'
		);
		expectCode(
			() => mergeTopics(topic(1, 'approved'), topic(2, 'merged'), 'T'),
			'topics_bad_merge'
		);
	});

	it('validates the merged text like a proposal', () => {
		expectCode(
			() => mergeTopics(topic(1, 'pending'), topic(2, 'pending'), ' '),
			'topics_text_required'
		);
		expectCode(
			() => mergeTopics(topic(1, 'pending'), topic(2, 'pending'), 'x'.repeat(301)),
			'topics_text_too_long'
		);
		expectCode(
			() => mergeTopics(topic(1, 'pending'), topic(2, 'pending'), 'T', 'x'.repeat(1001)),
			'topics_details_too_long'
		);
	});
});

describe('candidateList', () => {
	it('lists approved questions then approved topics, each by position then id', () => {
		const questions = [
			{ id: 20, position: 1, status: 'approved' as const },
			{ id: 21, position: 0, status: 'approved' as const },
			{ id: 22, position: 2, status: 'rejected' as const }
		];
		const topics = [
			{ id: 5, position: 1, status: 'approved' as const },
			{ id: 3, position: 1, status: 'approved' as const },
			{ id: 4, position: 0, status: 'merged' as const },
			{ id: 6, position: 0, status: 'pending' as const },
			{ id: 7, position: 0, status: 'rejected' as const },
			{ id: 8, position: 9, status: 'approved' as const }
		];
		const expected = [
			{ source: 'question', sourceId: 21, position: 0 },
			{ source: 'question', sourceId: 20, position: 1 },
			{ source: 'topic', sourceId: 3, position: 2 },
			{ source: 'topic', sourceId: 5, position: 3 },
			{ source: 'topic', sourceId: 8, position: 4 }
		];
		expect(candidateList(questions, topics)).toEqual(expected);
		// Stable whatever order the database returns rows in.
		expect(candidateList([...questions].reverse(), [...topics].reverse())).toEqual(expected);
	});

	it('is empty when nothing is approved', () => {
		expect(candidateList([], [{ id: 1, position: 0, status: 'pending' }])).toEqual([]);
	});
});

describe('participant actions by phase', () => {
	it('opens each action in its own phase only', () => {
		expect(isParticipantActionOpen('propose_topic', 'topics')).toBe(true);
		expect(isParticipantActionOpen('submit_news', 'news')).toBe(true);
		expect(isParticipantActionOpen('share_expectations', 'tour')).toBe(true);
		expect(isParticipantActionOpen('share_expectations', 'introduction')).toBe(true);
		expect(isParticipantActionOpen('propose_topic', 'news')).toBe(false);
		expect(isParticipantActionOpen('submit_news', 'topics')).toBe(false);
		expect(isParticipantActionOpen('edit_topic', 'vote')).toBe(false);
		expect(isParticipantActionOpen('propose_topic', null)).toBe(false);
	});

	it('refuses with phase_closed outside the phase', () => {
		expect(() => assertParticipantActionOpen('propose_topic', 'topics')).not.toThrow();
		expect(
			expectCode(() => assertParticipantActionOpen('propose_topic', 'vote'), 'phase_closed').params
		).toEqual({
			action: 'propose_topic'
		});
		expectCode(() => assertParticipantActionOpen('edit_news', 'needs'), 'phase_closed');
		expectCode(() => assertParticipantActionOpen('submit_news', null), 'phase_closed');
	});

	it('only names real phase kinds, and nothing stays open during the vote or after', () => {
		for (const [action, phases] of Object.entries(PARTICIPANT_ACTION_PHASES)) {
			for (const phase of phases) expect(PHASE_KINDS).toContain(phase);
			for (const late of ['vote', 'tables', 'restitution'] as const) {
				expect(isParticipantActionOpen(action as ParticipantAction, late)).toBe(false);
			}
		}
	});
});
