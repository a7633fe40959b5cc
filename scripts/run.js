// Runs one of the project's TypeScript command-line scripts (`npm run facilitator`, `npm run
// backup`, `npm run bench:restitution`) through Vite's module runner, so that it loads the
// app's modules exactly as the server does: TypeScript, JSON, and `import.meta.glob` (the
// locale files, the migrations and each phase kind's modules are found that way).
//   node scripts/run.js <script.ts> [arguments…]
import path from 'node:path';
import { createServer, createServerModuleRunner } from 'vite';

const [entry] = process.argv.splice(2, 1);
if (!entry) {
	console.error('Usage: node scripts/run.js <script.ts> [arguments…]');
	process.exit(2);
}
const root = path.resolve(import.meta.dirname, '..');
const server = await createServer({
	configFile: false,
	root,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, ws: false },
	optimizeDeps: { noDiscovery: true, include: [] }
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
// The script reads its own arguments from process.argv.slice(2), as when run directly.
process.argv[1] = path.resolve(entry);
try {
	await runner.import(`/${path.relative(root, path.resolve(entry))}`);
} catch (error) {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
} finally {
	await runner.close();
	await server.close();
}
