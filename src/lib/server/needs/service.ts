import type { NeedsDb, NeedsTx, NeedsTables } from './schema';
import { localizedFromColumns, type NeedsView } from '../../protocol';
import { languagesOf } from '../content-languages';
import { requireRunner, type Actor } from '../auth/actor';

import { DomainError } from '../errors';
import { applyChange, registerCommands } from '../realtime/commands';
import { registerSection } from '../realtime/sections';
import {
	NEEDS_LIMITS,
	parseNeedsCsv,
	sortThemes,
	validateTargetGroups,
	validateTheme,
	type Theme
} from './rules';

/**
 * Needs monitoring: the survey's themes with their counts (typed in or imported from CSV)
 * and the target groups, shown on the projector as a sorted bar chart.
 */

export async function needsView(db: NeedsDb, concertationId: number): Promise<NeedsView> {
	const themes = await db
		.selectFrom('need_theme')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.execute();
	const groups = await db
		.selectFrom('target_group')
		.selectAll()
		.where('concertation_id', '=', concertationId)
		.orderBy('position')
		.execute();
	return {
		themes: sortThemes(
			themes.map((row) => ({
				id: row.id,
				labelFr: row.label_fr,
				labelNl: row.label_nl,
				labelEn: row.label_en,
				count: row.count
			}))
		).map((theme) => ({
			id: theme.id,
			label: localizedFromColumns(theme.labelFr, theme.labelNl, theme.labelEn),
			count: theme.count
		})),
		targetGroups: groups.map((row) => ({
			label: localizedFromColumns(row.label_fr, row.label_nl, row.label_en)
		}))
	};
}

async function replaceThemes(tx: NeedsTx, concertationId: number, themes: Theme[]) {
	await tx.deleteFrom('need_theme').where('concertation_id', '=', concertationId).execute();
	for (const theme of themes) {
		await tx
			.insertInto('need_theme')
			.values({
				concertation_id: concertationId,
				label_fr: theme.labelFr,
				label_nl: theme.labelNl,
				label_en: theme.labelEn ?? '',
				count: theme.count
			})
			.execute();
	}
}

/**
 * Replaces every theme with the file's. The file is read completely first: on any error a
 * CsvImportError lists every bad line and nothing is stored.
 */
export async function importNeedsCsv(
	db: NeedsDb,
	concertationId: number,
	actor: Actor,
	csv: string
): Promise<{ count: number; version: number }> {
	requireRunner(actor);
	const { result, version } = await applyChange(
		db,
		concertationId,
		actor,
		'needs.import',
		async (tx, concertation) => {
			// One column per content language: read once the concertation is known.
			const { themes } = parseNeedsCsv(csv, languagesOf(concertation));
			await replaceThemes(tx, concertation.id, themes);
			return { result: { count: themes.length }, changed: ['needs'] };
		}
	);
	return { count: result.count, version };
}

registerSection<'needs', NeedsTables>('needs', (db, concertation) =>
	needsView(db, concertation.id)
);

registerCommands<NeedsTables>({
	'needs.saveTheme': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { id, ...input }) {
			const theme = validateTheme(input, languagesOf(concertation));
			const columns = {
				label_fr: theme.labelFr,
				label_nl: theme.labelNl,
				// English left out (a script of before): what is stored stays.
				...(input.labelEn == null ? {} : { label_en: theme.labelEn ?? '' }),
				count: theme.count
			};
			if (id !== undefined) {
				const updated = await tx
					.updateTable('need_theme')
					.set(columns)
					.where('id', '=', id)
					.where('concertation_id', '=', concertation.id)
					.executeTakeFirst();
				if (updated.numUpdatedRows === 0n) throw new DomainError('not_found');
				return { result: { id }, changed: ['needs'] };
			}
			const { count } = await tx
				.selectFrom('need_theme')
				.select((eb) => eb.fn.countAll<number>().as('count'))
				.where('concertation_id', '=', concertation.id)
				.executeTakeFirstOrThrow();
			if (count >= NEEDS_LIMITS.themes) {
				throw new DomainError(
					'needs_too_many_themes',
					{ max: NEEDS_LIMITS.themes },
					'needs:errors.needs_too_many_themes'
				);
			}
			const row = await tx
				.insertInto('need_theme')
				.values({ ...columns, concertation_id: concertation.id })
				.returning('id')
				.executeTakeFirstOrThrow();
			return { result: { id: row.id }, changed: ['needs'] };
		}
	},
	'needs.deleteTheme': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { id }) {
			const deleted = await tx
				.deleteFrom('need_theme')
				.where('id', '=', id)
				.where('concertation_id', '=', concertation.id)
				.executeTakeFirst();
			if (deleted.numDeletedRows === 0n) throw new DomainError('not_found');
			return { result: {}, changed: ['needs'] };
		}
	},
	'needs.targetGroups': {
		allow: ['facilitator'],
		async run({ tx, concertation }, { groups }) {
			const valid = validateTargetGroups(groups);
			await tx.deleteFrom('target_group').where('concertation_id', '=', concertation.id).execute();
			for (const [position, group] of valid.entries()) {
				await tx
					.insertInto('target_group')
					.values({
						concertation_id: concertation.id,
						label_fr: group.labelFr,
						label_nl: group.labelNl,
						label_en: group.labelEn ?? '',
						position
					})
					.execute();
			}
			return { result: { count: valid.length }, changed: ['needs'] };
		}
	}
});
