/**
 * Times every restitution export for the typical large session: `npm run bench:restitution`
 * (optionally followed by `-- <iterations>`, default 20).
 *
 * First the model build from a real SQLite database seeded with that session (every query of
 * the loader, the consent filter, the edits and the builder), then the exports.
 *
 * Each iteration builds the four exports one after the other, as a download of all of them
 * would; after a warm-up (fonts read, code paths compiled) it prints median and p95 per format
 * and for the whole set. Target: all four well under one second together.
 */
// Every phase kind's server module: the providers of the ports its part of the summary reads.
import '../src/lib/server/phases';
import { findConcertation } from '../src/lib/server/concertation/store';
import { typicalRestitutionFixture } from '../tests/fixtures/restitution';
import { loadRestitution } from '../src/lib/server/restitution/source';
import { seedTypicalSession } from './seed-restitution';
import { renderDocx } from '../src/lib/server/restitution/render-docx';
import { renderJson } from '../src/lib/server/restitution/render-json';
import { renderMarkdown } from '../src/lib/server/restitution/render-markdown';
import { describePdfLayout, renderPdf } from '../src/lib/server/restitution/render-pdf';

const WARM_UP = 3;
const ITERATIONS = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const FORMATS = ['pdf', 'docx', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

const model = typicalRestitutionFixture();

// Model build from SQLite ----------------------------------------------------------------------
const seeded = await seedTypicalSession();
const stored = await findConcertation(seeded.db, seeded.concertationId);
if (!stored) throw new Error('seeding failed');
for (let i = 0; i < WARM_UP; i++) await loadRestitution(seeded.db, stored);
const buildSamples: number[] = [];
let built = await loadRestitution(seeded.db, stored);
for (let i = 0; i < ITERATIONS; i++) {
	const start = performance.now();
	built = await loadRestitution(seeded.db, stored);
	buildSamples.push(performance.now() - start);
}
await seeded.db.destroy();
const fromDb = built.restitution;

async function time(run: () => unknown): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

function percentile(sorted: readonly number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? NaN;
}

async function iteration(): Promise<Record<Format | 'total', number>> {
	const pdf = await time(() => renderPdf(model));
	const docx = await time(() => renderDocx(model));
	const markdown = await time(() => renderMarkdown(model));
	const json = await time(() => renderJson(model));
	return { pdf, docx, markdown, json, total: pdf + docx + markdown + json };
}

const sizes = {
	pdf: (await renderPdf(model)).length,
	docx: (await renderDocx(model)).length,
	markdown: Buffer.byteLength(renderMarkdown(model)),
	json: Buffer.byteLength(renderJson(model))
};
for (let i = 0; i < WARM_UP; i++) await iteration();

const samples: Record<Format | 'total', number[]> = {
	pdf: [],
	docx: [],
	markdown: [],
	json: [],
	total: []
};
for (let i = 0; i < ITERATIONS; i++) {
	const result = await iteration();
	for (const key of Object.keys(samples) as (Format | 'total')[]) samples[key].push(result[key]);
}

const layout = await describePdfLayout(model);
console.log(
	`restitution bench: typical large session, ${ITERATIONS} iterations after ${WARM_UP} warm-up`
);
console.log(
	`pdf layout: body ${layout.bodySize} pt, ${layout.cut.length === 0 ? 'nothing cut' : `cut: ${layout.cut.join(', ')}`}`
);
const sortedBuild = [...buildSamples].sort((a, b) => a - b);
console.log(
	`model build from SQLite: median ${percentile(sortedBuild, 50).toFixed(1)} ms, p95 ${percentile(sortedBuild, 95).toFixed(1)} ms` +
		` (${fromDb.attendance.participants} consenting participants, ${fromDb.attendance.sectors.length} sectors,` +
		` ${fromDb.context.needs.length} needs, ${fromDb.context.news.length} news, ${fromDb.tables.length} tables,` +
		` ${fromDb.tables.reduce((sum, t) => sum + t.barriers.length + t.levers.length + t.collaborations.length + t.actors.length, 0)} items,` +
		` vote: ${fromDb.vote ? `${fromDb.vote.priorities.length} entries` : 'none stored'})`
);
const fromDbPdf = await describePdfLayout(fromDb);
console.log(
	`pdf of the SQLite model: ${(await renderPdf(fromDb)).length} bytes, body ${fromDbPdf.bodySize} pt, ${fromDbPdf.cut.length === 0 ? 'nothing cut' : `cut: ${fromDbPdf.cut.join(', ')}`}`
);
for (const key of [...FORMATS, 'total'] as const) {
	const sorted = [...samples[key]].sort((a, b) => a - b);
	const size = key === 'total' ? '' : `, ${(sizes[key] / 1024).toFixed(1)} KiB`;
	console.log(
		`${key}: median ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms${size}`
	);
}
