// `npm start` runs this first. It builds the app only when its sources changed since the last
// build, and quietly: a facilitator starting the app before a session needs the two lines
// that say where to go, not two hundred lines of bundler output (shown only if the build fails).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stampPath = path.join(root, 'build', '.sources');
/** Everything the build reads: if none of it changed, the last build is still right. */
const INPUTS = [
	'src',
	'db',
	'static',
	'package-lock.json',
	'package.json',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json'
];

/** @param {string} entry @param {import('node:crypto').Hash} hash */
function addToHash(entry, hash) {
	const full = path.join(root, entry);
	if (!existsSync(full)) return;
	if (statSync(full).isDirectory()) {
		for (const name of readdirSync(full).sort()) addToHash(path.join(entry, name), hash);
		return;
	}
	hash.update(entry).update('\0').update(readFileSync(full)).update('\0');
}

function sourcesHash() {
	const hash = createHash('sha256');
	for (const entry of INPUTS) addToHash(entry, hash);
	return hash.digest('hex');
}

const wanted = sourcesHash();
const built = existsSync(path.join(root, 'build', 'handler.js'));
if (built && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === wanted) process.exit(0);

console.log('Preparing the app (the first start takes about half a minute)…');
const started = Date.now();
const child = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
	cwd: root,
	env: { ...process.env, NODE_ENV: 'production' },
	stdio: ['ignore', 'pipe', 'pipe']
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
child.on('exit', (code) => {
	if (code !== 0) {
		process.stderr.write(output);
		console.error(`The build failed (exit code ${code}): see above.`);
		process.exit(code ?? 1);
	}
	writeFileSync(stampPath, wanted);
	console.log(`Ready in ${Math.round((Date.now() - started) / 1000)} s.`);
});
