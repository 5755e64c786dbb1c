/**
 * Cold load of the built package: a fresh Node process requires every file of package.json's
 * "n8n" section from dist/ and constructs each exported class (what n8n's loader does to read a
 * node's description). Measured twice: from nothing, and with n8n-workflow already loaded, as it
 * always is inside n8n, so the second number is what the package itself adds to n8n's start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './workloads';

export interface ColdLoad {
	files: number;
	/** Median of the runs, ms: require + construct, nothing loaded before. */
	fromNothingMs: number;
	/** Median, ms: the same with n8n-workflow loaded first (as inside n8n). */
	packageOnlyMs: number;
	runs: number;
	/** Why the build ran, if it did. */
	buildNote?: string;
}

function packageFiles(): string[] {
	const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	return [...manifest.n8n.credentials, ...manifest.n8n.nodes].map((file) => join(REPO_ROOT, file));
}

function newestSource(folder: string): number {
	let newest = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
		else if (/\.(ts|json|svg)$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
	}
	return newest;
}

/** Builds when dist/ lacks a listed file or is older than a source; returns what it did. */
export function ensureBuilt(): { ok: true; note?: string } | { ok: false; note: string } {
	const files = packageFiles();
	const missing = files.filter((file) => !existsSync(file));
	const sources = Math.max(...['nodes', 'credentials', 'lib'].map((folder) => newestSource(join(REPO_ROOT, folder))));
	const stale = missing.length === 0 && Math.min(...files.map((file) => statSync(file).mtimeMs)) < sources;
	if (missing.length === 0 && !stale) return { ok: true };
	const reason = missing.length > 0 ? `${missing.length} listed files missing in dist/` : 'dist/ older than the sources';
	const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
	if (build.status !== 0) {
		const output = `${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-5).join(' | ');
		return { ok: false, note: `npm run build failed (${reason}): ${output}` };
	}
	const stillMissing = files.filter((file) => !existsSync(file));
	if (stillMissing.length > 0) return { ok: false, note: `after npm run build, still missing: ${stillMissing.join(', ')}` };
	return { ok: true, note: `ran npm run build first (${reason})` };
}

// Plain JavaScript for the child: it loads dist/ exactly as n8n would, without tsx.
const CHILD = `
const { performance } = require('node:perf_hooks');
const files = JSON.parse(process.argv[1]);
if (process.env.BENCH_PRELOAD) require(process.env.BENCH_PRELOAD);
const started = performance.now();
for (const file of files) {
	for (const value of Object.values(require(file))) if (typeof value === 'function') new value();
}
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
`;

function loadOnce(files: string[], preload?: string): number {
	const child = spawnSync(process.execPath, ['-e', CHILD, JSON.stringify(files)], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		env: { ...process.env, NODE_OPTIONS: '', BENCH_PRELOAD: preload ?? '' },
	});
	if (child.status !== 0) throw new Error(`loading dist/ failed: ${child.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
	return (JSON.parse(child.stdout) as { ms: number }).ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function measureColdLoad(runs = 7): ColdLoad {
	const files = packageFiles();
	const workflowEntry = require.resolve('n8n-workflow', { paths: [REPO_ROOT] });
	const fromNothing: number[] = [];
	const packageOnly: number[] = [];
	for (let run = 0; run < runs; run++) {
		fromNothing.push(loadOnce(files));
		packageOnly.push(loadOnce(files, workflowEntry));
	}
	return { files: files.length, fromNothingMs: median(fromNothing), packageOnlyMs: median(packageOnly), runs };
}
