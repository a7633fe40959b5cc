// What the restitution prints of the needs monitoring: the survey's themes, published through
// the ports (needs → restitution).
import { provideNeedThemes, type SourceNeed } from '../ports';
import type { NeedsDb } from './schema';

/** The needs survey's themes (the builder puts the most named first). */
async function loadNeeds(db: NeedsDb, concertationId: number): Promise<SourceNeed[]> {
	const rows = await db
		.selectFrom('need_theme')
		.select(['id', 'label_fr', 'label_nl', 'count'])
		.where('concertation_id', '=', concertationId)
		.orderBy('id')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		label: { fr: row.label_fr, nl: row.label_nl },
		count: row.count
	}));
}

provideNeedThemes((db, concertationId) => loadNeeds(db as NeedsDb, concertationId));
