// What the discussion tables produced, for the other phases and the restitution: each table's four
// lists (key items first), its justification and its rapporteur, published through the ports
// (tables → restitution).
import type { TableItemView } from '../../protocol';
import { provideTableOutcomes, type TableOutcomeItem } from '../ports';
import { tableViews } from './store';

provideTableOutcomes(async (db, concertationId) => {
	const tables = await tableViews(db, concertationId, { withContent: true });
	return tables.map((table) => {
		const list = (category: TableItemView['category']): TableOutcomeItem[] => {
			const items = table.items.filter((item) => item.category === category);
			return [...items.filter((i) => i.key), ...items.filter((i) => !i.key)].map((item) => ({
				id: item.id,
				text: item.text,
				key: item.key,
				language: item.language
			}));
		};
		return {
			id: table.id,
			name: table.name,
			candidateId: table.candidateId,
			priority: table.priority,
			barriers: list('barrier'),
			levers: list('lever'),
			collaborations: list('collaboration'),
			actors: list('actor'),
			// Named in the report only with their consent to be named as rapporteur (see
			// TableSummaryView.rapporteur); the restitution also checks the attendance consent.
			rapporteur: table.rapporteur?.showName ? table.rapporteur.displayName : null,
			rapporteurParticipantId: table.rapporteur?.id ?? null,
			justification: table.justification
		};
	});
});
