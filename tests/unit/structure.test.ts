import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASE_KINDS } from '../../src/lib/protocol';

/**
 * The shape of the code, kept by a test (docs/architecture.md, "Layers"): each phase kind in
 * one place on every layer, found from the protocol's one list; layers that import only
 * downwards; no import cycle, type-only imports included.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const LIB = 'src/lib';
const EXTENSIONS = ['', '.ts', '.js', '.svelte', '.svelte.ts', '/index.ts'];
const IMPORT =
	/(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

function filesUnder(directory: string): string[] {
	return readdirSync(path.join(ROOT, directory)).flatMap((name) => {
		const relative = `${directory}/${name}`;
		if (statSync(path.join(ROOT, relative)).isDirectory()) return filesUnder(relative);
		return /\.(ts|js|svelte)$/.test(name) ? [relative] : [];
	});
}

/** The project file an import names, or null for a package. */
function resolve(specifier: string, from: string): string | null {
	let base: string;
	if (specifier.startsWith('$lib/')) base = path.posix.join(LIB, specifier.slice(5));
	else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
	else return null;
	for (const extension of EXTENSIONS) {
		const candidate = path.posix.normalize(base + extension);
		if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile())
			return candidate;
	}
	return null;
}

const files = filesUnder(LIB);
const imports = new Map(
	files.map((file) => {
		const text = readFileSync(path.join(ROOT, file), 'utf8');
		const targets = [...text.matchAll(IMPORT)]
			.map((match) => resolve(match[1] ?? match[2] ?? match[3] ?? '', file))
			.filter((target): target is string => target !== null);
		return [file, [...new Set(targets)]] as const;
	})
);

/** Strongly connected groups of more than one file: import cycles (Tarjan). */
function cycles(): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	let counter = 0;
	const visit = (file: string) => {
		index.set(file, counter);
		low.set(file, counter++);
		stack.push(file);
		onStack.add(file);
		for (const target of imports.get(file) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(file, Math.min(low.get(file)!, low.get(target)!));
			} else if (onStack.has(target)) low.set(file, Math.min(low.get(file)!, index.get(target)!));
		}
		if (low.get(file) === index.get(file)) {
			const group: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				group.push(member);
			} while (member !== file);
			if (group.length > 1) found.push(group.sort());
		}
	};
	for (const file of imports.keys()) if (!index.has(file)) visit(file);
	return found;
}

/** Every import from a file under `from` to a file under one of `to`, as "a → b". */
function importsBetween(from: string, to: (target: string) => boolean): string[] {
	return [...imports]
		.filter(([file]) => file.startsWith(from))
		.flatMap(([file, targets]) => targets.filter(to).map((target) => `${file} → ${target}`));
}

const phaseFolder = (target: string) =>
	PHASE_KINDS.some((kind) => target.startsWith(`${LIB}/server/${kind}/`));

/** What one phase kind's views may take from another's, and why. */
const PHASE_VIEW_DEPENDENCIES = new Set([
	// Phones write their expectations (the tour's) while people arrive.
	'introduction → tour',
	// The restitution step steps through the tables' results.
	'restitution → tables'
]);

describe('the structure of the code', () => {
	it('has no import cycle, type-only imports included', () => {
		expect(imports.size).toBeGreaterThan(100);
		expect(cycles()).toEqual([]);
	});

	it('keeps the shared layers free of the layers above them', () => {
		const server = (target: string) => target.startsWith(`${LIB}/server/`);
		const components = (target: string) => target.startsWith(`${LIB}/components/`);
		const client = (target: string) => target.startsWith(`${LIB}/client/`);
		expect(
			importsBetween(`${LIB}/protocol/`, (t) => server(t) || components(t) || client(t))
		).toEqual([]);
		expect(importsBetween(`${LIB}/i18n/`, (t) => !t.startsWith(`${LIB}/i18n/`))).toEqual([]);
		expect(importsBetween(`${LIB}/client/`, (t) => server(t) || components(t))).toEqual([]);
		// Components and pages share types with the server only through the protocol.
		expect(importsBetween(`${LIB}/components/`, server)).toEqual([]);
		const pages = filesUnder('src/routes').filter((file) => file.endsWith('.svelte'));
		expect(pages.length).toBeGreaterThan(10);
		expect(
			pages.filter((page) =>
				/from\s*['"]\$lib\/server\//.test(readFileSync(path.join(ROOT, page), 'utf8'))
			)
		).toEqual([]);
	});

	it('keeps the database, accounts and live channel free of every domain', () => {
		const domain = (target: string) =>
			target.startsWith(`${LIB}/server/`) &&
			!/^src\/lib\/server\/(db|auth|realtime)\//.test(target) &&
			!/^src\/lib\/server\/[\w-]+\.(ts|js)$/.test(target);
		expect(
			importsBetween(
				`${LIB}/server/db/`,
				(t) => domain(t) || t.includes('/server/auth/') || t.includes('/server/realtime/')
			)
		).toEqual([]);
		expect(
			importsBetween(`${LIB}/server/auth/`, (t) => domain(t) || t.includes('/server/realtime/'))
		).toEqual([]);
		// The live channel reads the core (the concertation, a participant's token) but no phase.
		expect(importsBetween(`${LIB}/server/realtime/`, phaseFolder)).toEqual([]);
	});

	it('lets phases hand results to each other only through the ports', () => {
		// Each kind's part of the restitution implements the interface the restitution declares
		// for it (and draws with its kits): that module is a layer below every part, not a phase.
		const partInterface = `${LIB}/server/restitution/part.ts`;
		const crossings = PHASE_KINDS.flatMap((kind) =>
			importsBetween(
				`${LIB}/server/${kind}/`,
				(target) =>
					phaseFolder(target) &&
					!target.startsWith(`${LIB}/server/${kind}/`) &&
					target !== partInterface
			)
		);
		expect(crossings).toEqual([]);
		const viewCrossings = PHASE_KINDS.flatMap((kind) =>
			importsBetween(`${LIB}/components/phases/${kind}/`, (target) => {
				const other = /^src\/lib\/components\/phases\/([\w-]+)\//.exec(target)?.[1];
				return (
					other !== undefined &&
					other !== kind &&
					!PHASE_VIEW_DEPENDENCIES.has(`${kind} → ${other}`)
				);
			})
		);
		expect(viewCrossings).toEqual([]);
	});

	it('finds each phase kind in one place on every layer, by its name', () => {
		const kinds = new Set<string>(PHASE_KINDS);
		const folders = (directory: string) =>
			readdirSync(path.join(ROOT, directory)).filter((name) =>
				statSync(path.join(ROOT, directory, name)).isDirectory()
			);
		// Every views folder is a phase kind's, with its index.
		for (const folder of folders(`${LIB}/components/phases`)) {
			expect(kinds.has(folder), `components/phases/${folder}`).toBe(true);
			expect(existsSync(path.join(ROOT, LIB, 'components/phases', folder, 'index.ts'))).toBe(true);
		}
		// Every server module registered from the list (`<kind>/phase.ts`) is a kind's.
		for (const folder of folders(`${LIB}/server`))
			if (existsSync(path.join(ROOT, LIB, 'server', folder, 'phase.ts')))
				expect(kinds.has(folder), `server/${folder}/phase.ts`).toBe(true);
		// Every kind has its protocol module and its strings, in each language.
		for (const kind of PHASE_KINDS) {
			expect(existsSync(path.join(ROOT, LIB, 'protocol', `${kind}.ts`)), kind).toBe(true);
			for (const language of ['fr', 'nl', 'en'])
				expect(
					existsSync(path.join(ROOT, LIB, 'i18n/locales', language, `${kind}.json`)),
					`${language}/${kind}`
				).toBe(true);
		}
		// Namespaces that are no phase kind's: the core's (`actions`: the series' actions, read by
		// the series page and the follow-up step alike; `parts`: a programme in several parts;
		// `remote`: taking part from afar).
		const core = ['common', 'errors', 'screen', 'submissions', 'actions', 'parts', 'remote'];
		for (const file of readdirSync(path.join(ROOT, LIB, 'i18n/locales/fr'))) {
			const name = file.replace(/\.json$/, '');
			expect(kinds.has(name) || core.includes(name), `locales/fr/${file}`).toBe(true);
		}
	});
});
