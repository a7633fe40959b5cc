/**
 * Limits are defined once, in the protocol, which forms read; the server's rules must refuse
 * exactly past them, and say the protocol's number in their message.
 */
import { describe, expect, it } from 'vitest';
import {
	NEEDS_LIMITS,
	NEWS_LIMITS,
	TABLE_LIMITS,
	TOPIC_LIMITS,
	TOUR_LIMITS
} from '../../src/lib/protocol';
import { DomainError } from '../../src/lib/server/errors';
import { validateTheme } from '../../src/lib/server/needs/rules';
import { validateNewsSubmission } from '../../src/lib/server/news/rules';
import { validateExpectations } from '../../src/lib/server/tour/rules';
import {
	normalizeItemText,
	normalizeJustification,
	validateCapacity
} from '../../src/lib/server/tables/rules';
import { validateTopicProposal } from '../../src/lib/server/topics/rules';

function refusal(run: () => unknown): DomainError {
	try {
		run();
	} catch (caught) {
		if (caught instanceof DomainError) return caught;
		throw caught;
	}
	throw new Error('expected a refusal');
}

const text = (length: number) => 'é'.repeat(length);

describe('the server enforces the protocol’s limits', () => {
	it.each([
		['table item', TABLE_LIMITS.item, (n: number) => normalizeItemText(text(n))],
		['justification', TABLE_LIMITS.justification, (n: number) => normalizeJustification(text(n))],
		[
			'news title',
			NEWS_LIMITS.title,
			(n: number) => validateNewsSubmission({ title: text(n) }, 'fr')
		],
		[
			'news text',
			NEWS_LIMITS.submissionText,
			(n: number) => validateNewsSubmission({ title: 'T', text: text(n) }, 'fr')
		],
		['topic', TOPIC_LIMITS.text, (n: number) => validateTopicProposal({ text: text(n) })],
		[
			'topic details',
			TOPIC_LIMITS.details,
			(n: number) => validateTopicProposal({ text: 'T', details: text(n) })
		],
		[
			'needs theme',
			NEEDS_LIMITS.themeLabel,
			(n: number) => validateTheme({ labelFr: text(n), labelNl: 'x', count: 1 })
		],
		['expectations', TOUR_LIMITS.expectations, (n: number) => validateExpectations(text(n))]
	])('%s: %i characters pass, one more is refused with that number', (_name, max, run) => {
		expect(() => run(max)).not.toThrow();
		expect(refusal(() => run(max + 1)).params).toMatchObject({ max });
	});

	it('seats tables between the protocol’s bounds', () => {
		expect(validateCapacity(TABLE_LIMITS.minCapacity)).toBe(TABLE_LIMITS.minCapacity);
		expect(validateCapacity(TABLE_LIMITS.maxCapacity)).toBe(TABLE_LIMITS.maxCapacity);
		for (const capacity of [TABLE_LIMITS.minCapacity - 1, TABLE_LIMITS.maxCapacity + 1])
			expect(refusal(() => validateCapacity(capacity)).params).toEqual({
				min: TABLE_LIMITS.minCapacity,
				max: TABLE_LIMITS.maxCapacity
			});
	});
});
