/**
 * A real n8n for `npm start` and the e2e run.
 *
 * n8n is far too big (2,000+ packages, 2.3 GB) to be a dependency of this package, so it is
 * installed on first use into a cache folder outside the repository and reused from there.
 * Everything here speaks to n8n only through its CLI and its files, as a user would.
 *
 * CLI: `tsx scripts/n8n-runtime.ts install` installs n8n into the cache (or says where it is);
 * `tsx scripts/n8n-runtime.ts where` prints the cache folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const N8N_VERSION = '2.8.4';

export const REPO_ROOT = path.resolve(__dirname, '..');

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

const EDITOR_READY_LINE = 'Editor is now accessible';

export interface N8nInstallation {
	n8nBin: string;
	version: string;
}

export interface RunningN8n {
	url: string;
	/** Everything n8n printed so far, for failure messages. */
	logs(): string;
	/** Settles when n8n exits, whoever stopped it. */
	exited: Promise<void>;
	stop(): Promise<void>;
	/** SIGKILL to n8n and its task runner, at once. */
	killNow(): void;
}

export interface StartN8nOptions {
	userFolder: string;
	port: number;
	brokerPort: number;
	env?: NodeJS.ProcessEnv;
	/** Echo n8n's output to this process's stdout (npm start) instead of only collecting it. */
	echo?: boolean;
	timeoutMs?: number;
}

export interface CliOptions {
	userFolder: string;
	/** The task runner broker of a CLI run must not share its port with a running n8n. */
	brokerPort?: number;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
}

export interface CliResult {
	exitCode: number | null;
	stdout: string;
	stderr: string;
}

// ---------------------------------------------------------------------------------------------
// Installing n8n into the cache

export function n8nCacheDir(): string {
	if (process.env.N8N_SMS_CACHE_DIR) return path.resolve(process.env.N8N_SMS_CACHE_DIR);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-sms-gateways', `n8n-${N8N_VERSION}`);
}

function n8nPackageDir(): string {
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

// ---------------------------------------------------------------------------------------------
// Running n8n

/** Settings that keep n8n on loopback and stop it from calling home; measured in N8N-NOTES. */
export function n8nEnvironment(userFolder: string, port: number, brokerPort: number): NodeJS.ProcessEnv {
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
	};
}

export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
	const { n8nBin } = await ensureN8n();
	const url = `http://127.0.0.1:${options.port}`;
	const env = {
		...cleanNpmEnv(),
		...n8nEnvironment(options.userFolder, options.port, options.brokerPort),
		...options.env,
	};
	const n8n = spawnN8nProcess(n8nBin, ['start'], env);
	const logLines: string[] = [];
	const ready = new Promise<void>((resolve, reject) => {
		const onLine = (line: string) => {
			logLines.push(line);
			if (options.echo) console.log(line);
			if (line.includes(EDITOR_READY_LINE)) resolve();
		};
		forEachLine(n8n.child.stdout!, onLine);
		forEachLine(n8n.child.stderr!, onLine);
		void n8n.exited.then(() => reject(new Error('n8n exited before it was ready')));
		n8n.child.once('error', reject);
	});
	// n8n may still exit after a timeout has been reported: that late rejection is not news.
	ready.catch(() => undefined);
	try {
		await withTimeout(ready, options.timeoutMs ?? 120_000, 'n8n did not print "Editor is now accessible"');
	} catch (error) {
		// n8n ignores SIGTERM while it is still starting up: no point waiting long for it.
		await n8n.stop(3_000);
		throw new Error(`${(error as Error).message}\n--- n8n output ---\n${tail(logLines, 40)}`);
	}
	return {
		url,
		logs: () => logLines.join('\n'),
		exited: n8n.exited,
		// n8n waits for running executions on SIGTERM; give it a while, then insist.
		stop: () => n8n.stop(20_000),
		killNow: n8n.killNow,
	};
}

/** Runs one n8n CLI command (import:workflow, publish:workflow, execute, …) to completion. */
export async function runN8nCli(args: string[], options: CliOptions): Promise<CliResult> {
	const { n8nBin } = await ensureN8n();
	const brokerPort = options.brokerPort ?? (await findFreePort());
	const env = {
		...cleanNpmEnv(),
		...n8nEnvironment(options.userFolder, 0, brokerPort),
		...options.env,
	};
	// CLI commands serve nothing, so they get no port of their own.
	delete env.N8N_PORT;
	delete env.WEBHOOK_URL;
	const n8n = spawnN8nProcess(n8nBin, args, env);
	let stdout = '';
	let stderr = '';
	n8n.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	n8n.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(n8n.killNow, options.timeoutMs ?? 120_000);
	try {
		const exitCode = await waitForExit(n8n.child);
		return { exitCode, stdout, stderr };
	} finally {
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------
// Every n8n process this module starts, so that none outlives the script that asked for it

interface N8nProcess {
	child: ChildProcess;
	exited: Promise<void>;
	/** SIGTERM to the process group, SIGKILL after graceMs. */
	stop(graceMs: number): Promise<void>;
	killNow(): void;
}

const liveN8nProcesses = new Set<N8nProcess>();

function spawnN8nProcess(n8nBin: string, args: string[], env: NodeJS.ProcessEnv): N8nProcess {
	// Its own process group, so that stopping it also stops the task runner it spawns; it also
	// means a Ctrl-C in the terminal does not reach it: stopAllN8nProcesses() has to.
	const child = spawn(process.execPath, [n8nBin, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', () => resolve());
	});
	const signalGroup = (signal: NodeJS.Signals) => {
		if (child.pid === undefined) return;
		try {
			process.kill(-child.pid, signal);
		} catch {
			// Already gone.
		}
	};
	let stopping: Promise<void> | undefined;
	const n8n: N8nProcess = {
		child,
		exited,
		stop: (graceMs) => {
			stopping ??= (async () => {
				signalGroup('SIGTERM');
				const stoppedInTime = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
				if (!stoppedInTime) signalGroup('SIGKILL');
				await exited;
				// The task runner may outlive its parent for a moment; make sure the group is gone.
				signalGroup('SIGKILL');
			})();
			return stopping;
		},
		killNow: () => signalGroup('SIGKILL'),
	};
	liveN8nProcesses.add(n8n);
	void exited.then(() => liveN8nProcesses.delete(n8n));
	return n8n;
}

/** For Ctrl-C handlers: stops whatever n8n is running, also one still starting up. */
export async function stopAllN8nProcesses(graceMs = 10_000): Promise<void> {
	await Promise.all([...liveN8nProcesses].map((n8n) => n8n.stop(graceMs)));
}

// Last resort when the script ends without stopping them (an uncaught error, process.exit).
process.on('exit', () => {
	for (const n8n of liveN8nProcesses) n8n.killNow();
});

/** Like runN8nCli, but a non-zero exit is an error that carries n8n's output. */
export async function runN8nCliOrThrow(args: string[], options: CliOptions): Promise<CliResult> {
	const result = await runN8nCli(args, options);
	if (result.exitCode !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${result.exitCode}\n${result.stdout}${result.stderr}`.trim());
	}
	return result;
}

/**
 * `n8n import:credentials` / `import:workflow` of `content`, written to `name` in the user folder
 * for the command and removed after it: a credentials file holds its secrets in plain text.
 */
export async function importJsonIntoN8n(command: 'import:credentials' | 'import:workflow', name: string, content: unknown, options: CliOptions): Promise<void> {
	const file = path.join(options.userFolder, name);
	writeJsonFile(file, content);
	try {
		await runN8nCliOrThrow([command, `--input=${file}`], options);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/** Readable by its owner only, since it may hold a credential. */
export function writeJsonFile(file: string, content: unknown): void {
	fs.writeFileSync(file, JSON.stringify(content, null, '\t'), { mode: 0o600 });
}

/**
 * `n8n execute --rawOutput` prints a couple of log lines and then the run data as JSON. A
 * failed execution exits 1 and still prints the run data (after "Execution error:").
 */
export function parseExecuteOutput(stdout: string): unknown {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) throw new Error(`n8n execute printed no JSON:\n${stdout}`);
	// After a failed execution the error is printed again below the JSON, so the JSON ends at
	// the first line that closes the top-level object (pretty-printed: a "}" at column 0).
	for (let end = start; end < lines.length; end++) {
		if (!lines[end].startsWith('}') && !(end === start && lines[end].trimEnd().endsWith('}'))) continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// A "}" inside a multi-line string value: keep looking.
		}
	}
	throw new Error(`n8n execute printed JSON that does not parse:\n${lines.slice(start, start + 20).join('\n')}`);
}

export async function executeWorkflow(workflowId: string, options: CliOptions): Promise<{ exitCode: number | null; output: unknown; raw: CliResult }> {
	const raw = await runN8nCli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
	return { exitCode: raw.exitCode, output: parseExecuteOutput(raw.stdout), raw };
}

// ---------------------------------------------------------------------------------------------
// Putting this package into n8n the way a user would: as a packed npm package

/** Builds, packs and installs the package into `<userFolder>/.n8n/nodes`; returns the tarball name. */
export async function installPackedPackage(userFolder: string, options: { quiet?: boolean } = {}): Promise<string> {
	const log = (message: string) => !options.quiet && console.log(message);
	log('Building the package (npm run build)…');
	await runOrThrow(npmCommand(), ['run', 'build'], REPO_ROOT);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-sms-gateways-pack-'));
	try {
		log('Packing it (npm pack)…');
		const packed = await runOrThrow(npmCommand(), ['pack', '--json', '--pack-destination', packDir], REPO_ROOT);
		const tarballName = parsePackJson(packed.stdout);
		const tarball = path.join(packDir, tarballName);

		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		// What n8n's community-package installer writes; rewritten each time so that an old
		// tarball path from a previous install (long deleted) is not resolved again.
		fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true }, null, '\t')}\n`);
		log(`Installing ${tarballName} into ${nodesDir}…`);
		// n8n itself provides n8n-workflow: a second copy from the peer dependency is not wanted.
		await runOrThrow(
			npmCommand(),
			['install', tarball, '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps', '--omit=dev'],
			nodesDir,
		);
		return tarballName;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

function parsePackJson(stdout: string): string {
	// `npm pack --json` prints the build's log lines first when a prepack script runs; take the array.
	const json = stdout.slice(stdout.indexOf('['));
	const packed = JSON.parse(json) as Array<{ filename: string }>;
	if (!packed[0]?.filename) throw new Error(`npm pack printed no file name:\n${stdout}`);
	return packed[0].filename.replace(/^@/, '').replace(/\//, '-');
}

// ---------------------------------------------------------------------------------------------
// Reading n8n's database (sqlite3 comes with n8n, so no dependency is needed for it)

export type SqliteRow = Record<string, unknown>;

/** Runs one read-only query against `<userFolder>/.n8n/database.sqlite`. */
export async function queryN8nDatabase(userFolder: string, sql: string, params: unknown[] = []): Promise<SqliteRow[]> {
	await ensureN8n();
	const requireFromN8n = createRequire(path.join(n8nPackageDir(), 'package.json'));
	const sqlite3 = requireFromN8n('sqlite3') as {
		Database: new (file: string, mode: number, callback: (error: Error | null) => void) => SqliteDatabase;
		OPEN_READONLY: number;
	};
	const file = path.join(userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(file)) throw new Error(`n8n has no database yet at ${file}`);
	const db = await new Promise<SqliteDatabase>((resolve, reject) => {
		const opened: SqliteDatabase = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(opened)));
	});
	try {
		return await new Promise<SqliteRow[]>((resolve, reject) => {
			db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows)));
		});
	} finally {
		await new Promise<void>((resolve) => db.close(() => resolve()));
	}
}

interface SqliteDatabase {
	all(sql: string, params: unknown[], callback: (error: Error | null, rows: SqliteRow[]) => void): void;
	close(callback: () => void): void;
}

// ---------------------------------------------------------------------------------------------
// Small process helpers

export async function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Distinct free ports: asking one at a time could hand out the same port twice. */
export async function findFreePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await findFreePort());
	return [...ports];
}

export async function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function runOrThrow(command: string, args: string[], cwd: string): Promise<CliResult> {
	const child = spawn(command, args, { cwd, env: cleanNpmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
	let stdout = '';
	let stderr = '';
	child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const exitCode = await waitForExit(child);
	if (exitCode !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (exit ${exitCode}) in ${cwd}\n${stdout}${stderr}`.trim());
	}
	return { exitCode, stdout, stderr };
}

/**
 * Under `npm run`, npm exports its settings for the current project (local prefix, package
 * fields); a nested npm in another folder must not inherit them.
 */
function cleanNpmEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (/^npm_(package|lifecycle)_/.test(name) || name === 'npm_config_local_prefix') delete env[name];
		if (name === 'INIT_CWD' || name === 'npm_package_json') delete env[name];
	}
	return env;
}

function npmCommand(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function waitForExit(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => resolve(code));
	});
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
	let pending = '';
	stream.on('data', (chunk: Buffer) => {
		pending += chunk.toString();
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) onLine(line.replace(/\r$/, ''));
	});
	stream.on('end', () => pending && onLine(pending));
}

function rememberLine(lines: string[], line: string, keep: number): void {
	lines.push(line);
	if (lines.length > keep) lines.shift();
}

export function tail(lines: string[], count: number): string {
	return lines.slice(-count).join('\n');
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${message} within ${ms / 1000} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
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

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

// ---------------------------------------------------------------------------------------------
// CLI

async function main(command: string | undefined): Promise<void> {
	if (command === 'where') {
		console.log(n8nCacheDir());
		return;
	}
	if (command === 'install' || command === undefined) {
		const { n8nBin, version } = await ensureN8n();
		console.log(`n8n ${version}: ${n8nBin}`);
		return;
	}
	console.error('usage: tsx scripts/n8n-runtime.ts [install|where]');
	process.exitCode = 2;
}

if (require.main === module) {
	main(process.argv[2]).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
