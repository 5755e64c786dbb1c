/**
 * Installing n8n 2.8.4 into a cache folder outside the repository, once, and finding it there.
 * n8n is far too big (2,000+ packages, 2.3 GB) to be a dependency of this package, so it is
 * installed on first use and reused from then on; a lock keeps two processes from installing
 * at once, and the install only counts once sqlite3 (which n8n cannot start without) loads.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { cleanNpmEnv, forEachLine, formatDuration, npmCommand, runOrThrow, sleep, waitForExit } from './util';

export const N8N_VERSION = '2.8.4';

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
}

export function n8nCacheDir(): string {
	if (process.env.N8N_SMS_CACHE_DIR) return path.resolve(process.env.N8N_SMS_CACHE_DIR);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-sms-gateways', `n8n-${N8N_VERSION}`);
}

export function n8nPackageDir(): string {
	return path.join(n8nCacheDir(), 'node_modules', 'n8n');
}

function installedN8n(): N8nInstallation {
	return { n8nBin: path.join(n8nPackageDir(), 'bin', 'n8n'), version: N8N_VERSION };
}

/** The marker is written last, so its presence means a whole, successful install. */
export function isN8nInstalled(): boolean {
	const markerPath = path.join(n8nCacheDir(), INSTALL_MARKER);
	if (!fs.existsSync(markerPath)) return false;
	if (fs.readFileSync(markerPath, 'utf8').trim() !== N8N_VERSION) return false;
	return fs.existsSync(installedN8n().n8nBin);
}

export async function ensureN8n(): Promise<N8nInstallation> {
	if (isN8nInstalled()) return installedN8n();
	const cacheDir = n8nCacheDir();
	fs.mkdirSync(cacheDir, { recursive: true });
	const releaseLock = await acquireInstallLock(cacheDir);
	try {
		// Another process may have finished the install while this one waited for the lock.
		if (isN8nInstalled()) return installedN8n();
		await installN8nInto(cacheDir);
		return installedN8n();
	} finally {
		releaseLock();
	}
}

async function installN8nInto(cacheDir: string): Promise<void> {
	console.log(`Installing n8n ${N8N_VERSION} into ${cacheDir}`);
	console.log('This happens once and takes about 5 minutes (2,000+ packages, sqlite3 is compiled).');
	// A folder without the marker holds a failed or interrupted install: start again from nothing,
	// because npm does not rerun the build of a native module it believes is installed.
	fs.rmSync(path.join(cacheDir, INSTALL_MARKER), { force: true });
	if (fs.existsSync(path.join(cacheDir, 'node_modules'))) {
		console.log('Removing an unfinished earlier install first (can take a minute or two)…');
		fs.rmSync(path.join(cacheDir, 'node_modules'), { recursive: true, force: true });
	}
	fs.rmSync(path.join(cacheDir, 'package-lock.json'), { force: true });
	fs.writeFileSync(path.join(cacheDir, 'package.json'), runtimePackageJson());

	const startedAt = Date.now();
	await runNpmWithProgress(['install', '--no-audit', '--no-fund', '--loglevel=http'], cacheDir);
	const installed = readJson<{ version?: string }>(path.join(n8nPackageDir(), 'package.json'));
	if (installed.version !== N8N_VERSION) {
		throw new Error(`npm installed n8n ${installed.version}, expected ${N8N_VERSION}`);
	}
	await checkSqliteLoads(cacheDir);
	fs.writeFileSync(path.join(cacheDir, INSTALL_MARKER), `${N8N_VERSION}\n`);
	console.log(`n8n ${N8N_VERSION} installed in ${formatDuration(Date.now() - startedAt)}.`);
}

function runtimePackageJson(): string {
	const manifest = {
		name: 'n8n-nodes-sms-gateways-n8n-runtime',
		private: true,
		description: `n8n ${N8N_VERSION} for npm start and the e2e tests of n8n-nodes-sms-gateways`,
		dependencies: { n8n: N8N_VERSION },
		overrides: { xlsx: XLSX_OVERRIDE },
		allowScripts: NATIVE_BUILD_SCRIPTS,
	};
	return `${JSON.stringify(manifest, null, '\t')}\n`;
}

/** npm can finish "successfully" with a native module unbuilt; n8n would then fail at start. */
async function checkSqliteLoads(cacheDir: string): Promise<void> {
	const requireFromN8n = `require(require.resolve('sqlite3', { paths: [${JSON.stringify(n8nPackageDir())}] }))`;
	try {
		await runOrThrow(process.execPath, ['-e', requireFromN8n], cacheDir);
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
async function runNpmWithProgress(args: string[], cwd: string): Promise<void> {
	const startedAt = Date.now();
	const recentLines: string[] = [];
	let fetches = 0;
	const child = spawn(npmCommand(), args, { cwd, env: cleanNpmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
	const onLine = (line: string) => {
		rememberLine(recentLines, line, 60);
		if (line.includes('http fetch')) fetches++;
		// Warnings are about n8n's own dependency tree (peer conflicts, engines): nothing to act on.
		else if (/^npm (error|ERR)/i.test(line)) console.log(`  ${line}`);
	};
	forEachLine(child.stdout!, onLine);
	forEachLine(child.stderr!, onLine);
	let fetchesAtLastBeat = -1;
	const heartbeat = setInterval(() => {
		const elapsed = formatDuration(Date.now() - startedAt);
		// After the downloads npm goes quiet for minutes while sqlite3 compiles.
		const phase = fetches === fetchesAtLastBeat ? 'building native modules (sqlite3)' : `${fetches} registry requests`;
		fetchesAtLastBeat = fetches;
		console.log(`  … npm install: ${elapsed} elapsed, ${phase}`);
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

/** Two processes (say `npm start` and the e2e run) must not install into one folder at once. */
async function acquireInstallLock(cacheDir: string): Promise<() => void> {
	const lockDir = path.join(cacheDir, '.install-lock');
	let announced = false;
	for (;;) {
		if (tryCreateLock(lockDir)) return () => fs.rmSync(lockDir, { recursive: true, force: true });
		const holder = Number(readFileOr(path.join(lockDir, 'pid'), '0'));
		if (!(holder > 0 && isProcessAlive(holder))) {
			// The holder died mid-install (Ctrl-C, a killed CI job): its install is redone anyway.
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) console.log(`Waiting for another process (pid ${holder}) that is installing n8n…`);
		announced = true;
		await sleep(2000);
	}
}

/** The lock appears with its owner's pid already inside it (a rename), never empty. */
function tryCreateLock(lockDir: string): boolean {
	const staging = `${lockDir}.${process.pid}`;
	fs.mkdirSync(staging, { recursive: true });
	fs.writeFileSync(path.join(staging, 'pid'), String(process.pid));
	try {
		fs.renameSync(staging, lockDir);
		return true;
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		if (['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
		throw error;
	}
}

function rememberLine(lines: string[], line: string, keep: number): void {
	lines.push(line);
	if (lines.length > keep) lines.shift();
}

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readFileOr(file: string, fallback: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

function readJson<T>(file: string): T {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
