/**
 * Installing an n8n line (2.8.4 unless asked for another, see lines.ts) into its own cache folder
 * outside the repository, once, and finding it there. n8n is far too big (2,000+ packages, over
 * 2 GB) to be a dependency of this package, so it is installed on first use and reused from then
 * on; a lock keeps two processes from installing at once, and the install only counts once
 * sqlite3 (which n8n cannot start without) loads under the Node.js that runs that line.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { acquireInstallLock, cacheRoot, readFileOr } from './cache';
import { DEFAULT_N8N_LINE, type N8nLine } from './lines';
import { ensureNodeRuntime, runtimeEnv, type NodeRuntime } from './node-runtime';
import { forEachLine, formatDuration, npmCommand, runOrThrow, waitForExit } from './util';

/** The n8n that `npm start` and `npm test` use. */
export const N8N_VERSION = DEFAULT_N8N_LINE.version;

/** n8n's own xlsx dependency points at a CDN that cannot be reached; the registry copy works. */
const XLSX_OVERRIDE = '0.18.5';

const INSTALL_MARKER = '.install-complete';

/**
 * The install scripts n8n's dependencies run (npm 11 lists them as "not yet covered by
 * allowScripts"; npm 12 skips unlisted ones). sqlite3 is the one n8n cannot start without;
 * the others build optional native speed-ups. Scarf only reports installs home.
 */
const NATIVE_BUILD_SCRIPTS: Record<string, boolean> = {
	sqlite3: true,
	'msgpackr-extract': true,
	'cpu-features': true,
	ssh2: true,
	protobufjs: true,
	'@parcel/watcher': true,
	'@sentry/node-native-stacktrace': true,
	'@sentry/node-cpu-profiler': true,
	oracledb: true,
	'@scarf/scarf': false,
};

export interface N8nInstallation {
	n8nBin: string;
	version: string;
	line: N8nLine;
	/** The Node.js every n8n process of this installation runs on. */
	runtime: NodeRuntime;
}

/** N8N_SMS_CACHE_DIR moves the default line's folder (CI caches it); the other lines live next to it. */
export function n8nCacheDir(line: N8nLine = DEFAULT_N8N_LINE): string {
	if (line === DEFAULT_N8N_LINE && process.env.N8N_SMS_CACHE_DIR) return path.resolve(process.env.N8N_SMS_CACHE_DIR);
	return path.join(cacheRoot(), `n8n-${line.version}`);
}

export function n8nPackageDir(line: N8nLine = DEFAULT_N8N_LINE): string {
	return path.join(n8nCacheDir(line), 'node_modules', 'n8n');
}

function n8nBinOf(line: N8nLine): string {
	return path.join(n8nPackageDir(line), 'bin', 'n8n');
}

/** The marker is written last, so its presence means a whole, successful install. */
export function isN8nInstalled(line: N8nLine = DEFAULT_N8N_LINE): boolean {
	const marker = readFileOr(path.join(n8nCacheDir(line), INSTALL_MARKER), '').trim();
	return marker === line.version && fs.existsSync(n8nBinOf(line));
}

export async function ensureN8n(line: N8nLine = DEFAULT_N8N_LINE): Promise<N8nInstallation> {
	const runtime = await ensureNodeRuntime(line);
	const installation: N8nInstallation = { n8nBin: n8nBinOf(line), version: line.version, line, runtime };
	if (isN8nInstalled(line)) return installation;
	const cacheDir = n8nCacheDir(line);
	fs.mkdirSync(cacheDir, { recursive: true });
	const releaseLock = await acquireInstallLock(cacheDir, `n8n ${line.version}`);
	try {
		// Another process may have finished the install while this one waited for the lock.
		if (isN8nInstalled(line)) return installation;
		await installN8nInto(cacheDir, line, runtime);
		return installation;
	} finally {
		releaseLock();
	}
}

async function installN8nInto(cacheDir: string, line: N8nLine, runtime: NodeRuntime): Promise<void> {
	console.log(`Installing n8n ${line.version} (Node.js ${runtime.version}) into ${cacheDir}`);
	console.log('This happens once and takes several minutes (2,000+ packages, sqlite3 is compiled).');
	// A folder without the marker holds a failed or interrupted install: start again from nothing,
	// because npm does not rerun the build of a native module it believes is installed.
	fs.rmSync(path.join(cacheDir, INSTALL_MARKER), { force: true });
	if (fs.existsSync(path.join(cacheDir, 'node_modules'))) {
		console.log('Removing an unfinished earlier install first (can take a minute or two)…');
		fs.rmSync(path.join(cacheDir, 'node_modules'), { recursive: true, force: true });
	}
	fs.rmSync(path.join(cacheDir, 'package-lock.json'), { force: true });
	fs.writeFileSync(path.join(cacheDir, 'package.json'), runtimePackageJson(line));

	const startedAt = Date.now();
	const env = runtimeEnv(runtime);
	const install = ['install', '--no-audit', '--no-fund', '--loglevel=http'];
	if (line.nativeBuilds === 'all-scripts') {
		await runNpmWithProgress(install, cacheDir, env);
	} else {
		await runNpmWithProgress([...install, '--ignore-scripts'], cacheDir, env);
		console.log(`  building ${line.nativeBuilds.join(', ')} for Node.js ${runtime.version}…`);
		await runNpmWithProgress(['rebuild', ...line.nativeBuilds, '--no-audit', '--no-fund'], cacheDir, env);
	}
	const installed = readJson<{ version?: string }>(path.join(n8nPackageDir(line), 'package.json'));
	if (installed.version !== line.version) {
		throw new Error(`npm installed n8n ${installed.version}, expected ${line.version}`);
	}
	await checkSqliteLoads(cacheDir, line, runtime);
	fs.writeFileSync(path.join(cacheDir, INSTALL_MARKER), `${line.version}\n`);
	console.log(`n8n ${line.version} installed in ${formatDuration(Date.now() - startedAt)}.`);
}

function runtimePackageJson(line: N8nLine): string {
	const manifest = {
		name: 'n8n-nodes-sms-gateways-n8n-runtime',
		private: true,
		description: `n8n ${line.version} for npm start and the e2e tests of n8n-nodes-sms-gateways`,
		dependencies: { n8n: line.version },
		overrides: { xlsx: XLSX_OVERRIDE },
		...(line.nativeBuilds === 'all-scripts' ? { allowScripts: NATIVE_BUILD_SCRIPTS } : {}),
	};
	return `${JSON.stringify(manifest, null, '\t')}\n`;
}

/** npm can finish "successfully" with a native module unbuilt; n8n would then fail at start. */
async function checkSqliteLoads(cacheDir: string, line: N8nLine, runtime: NodeRuntime): Promise<void> {
	const requireFromN8n = `require(require.resolve('sqlite3', { paths: [${JSON.stringify(n8nPackageDir(line))}] }))`;
	try {
		await runOrThrow(runtime.nodeBin, ['-e', requireFromN8n], cacheDir);
	} catch (error) {
		throw new Error(
			`n8n's sqlite3 did not build (it needs python3, make and a C++ compiler):\n${(error as Error).message}`,
		);
	}
}

/**
 * npm prints nothing useful without a terminal for minutes, which looks like a hang in CI.
 * Its http log is thousands of lines, so it is summarised every 15 s; errors pass through.
 */
async function runNpmWithProgress(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
	const startedAt = Date.now();
	const recentLines: string[] = [];
	let fetches = 0;
	const child = spawn(npmCommand(), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
	const onLine = (line: string) => {
		rememberLine(recentLines, line, 60);
		if (line.includes('http fetch')) fetches++;
		// Warnings are about n8n's own dependency tree (peer conflicts, engines): nothing to act on.
		else if (/^npm (error|ERR)/i.test(line)) console.log(`  ${line}`);
	};
	forEachLine(child.stdout!, onLine);
	forEachLine(child.stderr!, onLine);
	let fetchesAtLastBeat = -1;
	const quietPhase = args[0] === 'rebuild' ? 'building native modules' : args.includes('--ignore-scripts') ? 'unpacking' : 'unpacking, building native modules (sqlite3)';
	const heartbeat = setInterval(() => {
		const elapsed = formatDuration(Date.now() - startedAt);
		// After the downloads npm goes quiet for minutes while it unpacks and sqlite3 compiles.
		const phase = fetches === fetchesAtLastBeat ? quietPhase : `${fetches} registry requests`;
		fetchesAtLastBeat = fetches;
		console.log(`  … npm ${args[0]}: ${elapsed} elapsed, ${phase}`);
	}, 15_000);
	try {
		const exitCode = await waitForExit(child);
		if (exitCode !== 0) {
			console.log(recentLines.map((line) => `  ${line}`).join('\n'));
			throw new Error(`npm ${args.join(' ')} failed with exit code ${exitCode} in ${cwd}`);
		}
	} finally {
		clearInterval(heartbeat);
	}
}

function rememberLine(lines: string[], line: string, keep: number): void {
	lines.push(line);
	if (lines.length > keep) lines.shift();
}

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
