import { describe, expect, it } from 'vitest';
import {
	joinBlockMode,
	restitutionOnScreen,
	restitutionOverviewFits,
	type TableDetailView,
	type TableItemCategory
} from '../../src/lib/protocol';

let nextId = 1;
function table(items: [TableItemCategory, string][], justification = ''): TableDetailView {
	const id = nextId++;
	return {
		id,
		name: String(id),
		position: id,
		candidateId: null,
		priority: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
		capacity: null,
		memberCount: 0,
		rapporteur: null,
		counts: { barrier: 0, lever: 0, collaboration: 0, actor: 0 },
		total: items.length,
		keyCount: 0,
		lastActivityAt: null,
		members: [],
		justification,
		justificationRevision: 1,
		items: items.map(([category, text]) => ({
			id: nextId++,
			tableId: id,
			category,
			text,
			key: false,
			revision: 1,
			authorName: '',
			language: 'fr',
			createdAt: '',
			updatedAt: ''
		}))
	};
}

describe('the join block on the projector', () => {
	it('is whole while people arrive, a strip afterwards, whole again on request, gone once closed', () => {
		const mode = (
			status: 'draft' | 'live' | 'closed',
			phaseKind: string | null,
			joinFull = false
		) => joinBlockMode({ status, phaseKind: phaseKind as never, joinFull });
		expect(mode('draft', null)).toBe('full');
		expect(mode('live', 'introduction')).toBe('full');
		expect(mode('live', 'tour')).toBe('full');
		for (const kind of ['news', 'needs', 'topics', 'vote', 'tables', 'restitution'])
			expect(mode('live', kind)).toBe('strip');
		expect(mode('live', 'vote', true)).toBe('full');
		expect(mode('closed', 'restitution')).toBe('none');
		expect(mode('closed', 'restitution', true)).toBe('none');
	});
});

describe('the restitution on the projector', () => {
	const light = () =>
		table(
			[
				['barrier', 'Loyers'],
				['actor', 'CPAS']
			],
			'Parce que.'
		);
	const heavy = () =>
		table(
			Array.from({ length: 8 }, (_, n) => [
				'lever' as const,
				`Un référent unique par famille, connu de tous les services du quartier (${n})`
			])
		);

	it('shows two or three light tables side by side, never one alone nor four', () => {
		expect(restitutionOverviewFits([light(), light()])).toBe(true);
		expect(restitutionOverviewFits([light(), light(), light()])).toBe(true);
		expect(restitutionOverviewFits([light()])).toBe(false);
		expect(restitutionOverviewFits([light(), light(), light(), light()])).toBe(false);
		expect(restitutionOverviewFits([light(), heavy()])).toBe(false);
	});

	it('shows the chosen table, else the overview when it fits, else the first table', () => {
		const lights = [light(), light()];
		expect(restitutionOnScreen(lights, null)).toEqual({
			index: null,
			steps: [null, lights[0]!.id, lights[1]!.id]
		});
		expect(restitutionOnScreen(lights, lights[1]!.id).index).toBe(1);
		const mixed = [heavy(), light(), light()];
		expect(restitutionOnScreen(mixed, null)).toEqual({
			index: 0,
			steps: mixed.map((t) => t.id)
		});
		// A table deleted meanwhile: back to the default.
		expect(restitutionOnScreen(mixed, 999_999).index).toBe(0);
		expect(restitutionOnScreen([], null)).toEqual({ index: null, steps: [] });
	});
});
