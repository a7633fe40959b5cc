import { describe, expect, it } from 'vitest';
import {
	nextPart,
	partsCommandSchemas,
	reachableStepIds,
	shownPart,
	type MeetingPartView,
	type PartsView
} from '../../src/lib/protocol';
import { DomainError } from '../../src/lib/server/errors';
import {
	checkPartFields,
	movedOrder,
	neighbourOf,
	partStatus,
	runningPart,
	stepScope,
	stepsByPart
} from '../../src/lib/server/parts/rules';

const part = (
	id: number,
	position: number,
	started: string | null = null,
	ended: string | null = null
) => ({
	id,
	position,
	started_at: started,
	ended_at: ended
});
const steps = [1, 2, 3, 4, 5, 6].map((id) => ({ id, position: id }));
// Steps 1–2 in part 10, 3–4 in part 20, 5 in part 30; 6 was added later (no row).
const assignment = new Map([
	[1, 10],
	[2, 10],
	[3, 20],
	[4, 20],
	[5, 30]
]);
const planned = [part(10, 1), part(20, 2), part(30, 3)];

describe('which part each step belongs to', () => {
	it('keeps the programme order inside a part and gives unassigned steps to the last part', () => {
		const byPart = stepsByPart(planned, steps, assignment);
		expect([...byPart.entries()].map(([id, list]) => [id, list.map((s) => s.id)])).toEqual([
			[10, [1, 2]],
			[20, [3, 4]],
			[30, [5, 6]]
		]);
	});

	it('follows the parts order, not their ids, and sends a step of a deleted part to the last', () => {
		const reordered = [part(10, 3), part(20, 1), part(30, 2)];
		const byPart = stepsByPart(reordered, steps, new Map([...assignment, [6, 99]]));
		expect([...byPart.keys()]).toEqual([20, 30, 10]);
		expect(byPart.get(10)!.map((s) => s.id)).toEqual([1, 2, 6]);
	});
});

describe('the steps the console may reach', () => {
	it('is every step without parts', () => {
		expect(stepScope([], steps, new Map())).toEqual({ kind: 'all', steps });
	});

	it('is the first part before any part ran, which the first step starts', () => {
		const scope = stepScope(planned, steps, assignment);
		expect(scope).toMatchObject({ kind: 'part', partId: 10, startFirst: true });
		expect(scope.kind === 'part' && scope.steps.map((s) => s.id)).toEqual([1, 2]);
	});

	it('is the running part only, and nothing between two parts', () => {
		const running = [part(10, 1, 'a', 'b'), part(20, 2, 'c'), part(30, 3)];
		const scope = stepScope(running, steps, assignment);
		expect(scope).toMatchObject({ kind: 'part', partId: 20, startFirst: false });
		expect(scope.kind === 'part' && scope.steps.map((s) => s.id)).toEqual([3, 4]);
		const between = [part(10, 1, 'a', 'b'), part(20, 2), part(30, 3)];
		expect(stepScope(between, steps, assignment)).toEqual({ kind: 'between' });
	});

	it('says each part’s status and which one runs', () => {
		expect(partStatus(part(1, 1))).toBe('planned');
		expect(partStatus(part(1, 1, 'a'))).toBe('running');
		expect(partStatus(part(1, 1, 'a', 'b'))).toBe('ended');
		expect(runningPart([part(1, 1, 'a', 'b'), part(2, 2, 'c')])?.id).toBe(2);
		expect(runningPart(planned)).toBeUndefined();
	});
});

describe('editing the parts', () => {
	it('sends a deleted part’s steps to the part before it, else the one after', () => {
		expect(neighbourOf(planned, 20)).toBe(10);
		expect(neighbourOf(planned, 10)).toBe(20);
		expect(neighbourOf([part(10, 1)], 10)).toBeNull();
		expect(neighbourOf(planned, 99)).toBeNull();
	});

	it('moves a part up or down, and not past either end', () => {
		expect(movedOrder(planned, 20, 'up')).toEqual([20, 10, 30]);
		expect(movedOrder(planned, 20, 'down')).toEqual([10, 30, 20]);
		expect(movedOrder(planned, 10, 'up')).toEqual([10, 20, 30]);
		expect(movedOrder(planned, 30, 'down')).toEqual([10, 20, 30]);
	});

	const fields = {
		title: { fr: ' Visite ', nl: '', en: '' },
		date: '2026-03-03',
		startTime: '09:30',
		endTime: '12:30',
		place: ' Bruxelles ',
		link: ''
	};

	it('needs a title in some language and an end after the start', () => {
		expect(checkPartFields(fields)).toMatchObject({
			title: { fr: 'Visite', nl: '', en: '' },
			place: 'Bruxelles'
		});
		const code = (input: typeof fields) => {
			try {
				checkPartFields(input);
				return null;
			} catch (error) {
				return error instanceof DomainError ? error.code : 'other';
			}
		};
		expect(code({ ...fields, title: { fr: ' ', nl: '', en: '' } })).toBe('title_required');
		expect(code({ ...fields, endTime: '09:00' })).toBe('end_before_start');
		expect(code({ ...fields, startTime: '' })).toBe('end_without_start');
	});

	it('takes only http and https video-call links', () => {
		const create = partsCommandSchemas['parts.create'];
		const base = { title: { fr: 'A', nl: 'B' }, date: '2026-03-03' };
		expect(create.safeParse({ ...base, link: 'https://meet.example.org/abc' }).success).toBe(true);
		expect(create.safeParse({ ...base, link: '' }).success).toBe(true);
		expect(create.safeParse({ ...base, link: 'javascript:alert(1)' }).success).toBe(false);
		expect(create.safeParse({ ...base, link: 'ftp://example.org' }).success).toBe(false);
		expect(create.safeParse({ ...base, date: '03/03/2026' }).success).toBe(false);
		expect(create.safeParse({ ...base, startTime: '25:00' }).success).toBe(false);
	});
});

describe('what the clients show', () => {
	const view = (
		currentPartId: number | null,
		statuses: MeetingPartView['status'][]
	): PartsView => ({
		currentPartId,
		parts: statuses.map((status, index) => ({
			id: (index + 1) * 10,
			number: index + 1,
			title: { fr: `P${index + 1}`, nl: `D${index + 1}`, en: '' },
			date: '2026-03-03',
			startTime: '',
			endTime: '',
			place: '',
			link: '',
			status,
			stepIds: index === 0 ? [1, 2] : index === 1 ? [3, 4] : [5]
		}))
	});

	it('shows the running part, else the next planned one', () => {
		expect(shownPart(view(20, ['ended', 'running', 'planned']))?.number).toBe(2);
		expect(shownPart(view(null, ['ended', 'planned', 'planned']))?.number).toBe(2);
		expect(shownPart(view(null, ['ended', 'ended', 'ended']))?.number).toBe(3);
		expect(shownPart({ parts: [], currentPartId: null })).toBeNull();
		expect(nextPart(view(20, ['ended', 'running', 'planned']))?.number).toBe(3);
		expect(nextPart(view(30, ['ended', 'ended', 'running']))).toBeNull();
	});

	it('reaches the same steps as the server', () => {
		const all = [1, 2, 3, 4, 5, 6];
		expect(reachableStepIds({ parts: [], currentPartId: null }, all)).toBeNull();
		expect([...reachableStepIds(view(null, ['planned', 'planned', 'planned']), all)!]).toEqual([
			1, 2
		]);
		expect([...reachableStepIds(view(30, ['ended', 'ended', 'running']), all)!]).toEqual([5, 6]);
		expect([...reachableStepIds(view(null, ['ended', 'planned', 'planned']), all)!]).toEqual([]);
	});
});
