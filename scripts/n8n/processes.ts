/**
 * Starting n8n as a server (`n8n start`) and keeping track of every n8n process this package's
 * scripts spawn, servers and CLI runs alike. Each runs in its own process group so that stopping
 * it also stops its task runner, and none may outlive the script that started it: there is a
 * stop-everything for Ctrl-C handlers and a last-resort kill when the script exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { ensureN8n, type N8nInstallation } from './install';
import type { N8nLine } from './lines';
import { runtimeEnv } from './node-runtime';
import { cleanNpmEnv, forEachLine, sleep, tail } from './util';

const EDITOR_READY_LINE = 'Editor is now accessible';

/**
 * The n8n commands that serve (queue mode adds a worker and webhook processors to the main
 * `start`), each with the line it prints once it takes work.
 */
const READY_LINES = {
	start: EDITOR_READY_LINE,
	worker: 'n8n worker is now ready',
	webhook: 'Webhook listener waiting for requests.',
} as const;

export type N8nServerCommand = keyof typeof READY_LINES;

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
	/** `start` (the default), or in queue mode `worker` or `webhook`. */
	command?: N8nServerCommand;
	port: number;
	brokerPort: number;
	env?: NodeJS.ProcessEnv;
	/** Echo n8n's output to this process's stdout (npm start) instead of only collecting it. */
	echo?: boolean;
	timeoutMs?: number;
	/** The n8n line to run (lines.ts); 2.8 unless given. */
	line?: N8nLine;
}

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

/**
 * What any n8n process of an installation runs with: this process's environment (minus npm's),
 * the runtime's bin folder first on PATH when it is not the running Node, and the line's quirks.
 */
export function installationEnv(installation: N8nInstallation): NodeJS.ProcessEnv {
	return { ...runtimeEnv(installation.runtime, cleanNpmEnv()), ...installation.line.env };
}

export async function startN8n(options: StartN8nOptions): Promise<RunningN8n> {
	const installation = await ensureN8n(options.line);
	const url = `http://127.0.0.1:${options.port}`;
	const env = {
		...installationEnv(installation),
		...n8nEnvironment(options.userFolder, options.port, options.brokerPort),
		// The wait below reads n8n's ready line, which n8n logs at info: a quieter level inherited
		// from this process (the engine harness sets silent, and the bench loads it) would hide it.
		N8N_LOG_LEVEL: 'info',
		...options.env,
	};
	const command = options.command ?? 'start';
	const readyLine = READY_LINES[command];
	const n8n = spawnN8nProcess(installation, [command], env);
	const logLines: string[] = [];
	const ready = new Promise<void>((resolve, reject) => {
		const onLine = (line: string) => {
			logLines.push(line);
			if (options.echo) console.log(line);
			if (line.includes(readyLine)) resolve();
		};
		forEachLine(n8n.child.stdout!, onLine);
		forEachLine(n8n.child.stderr!, onLine);
		void n8n.exited.then(() => reject(new Error('n8n exited before it was ready')));
		n8n.child.once('error', reject);
	});
	// n8n may still exit after a timeout has been reported: that late rejection is not news.
	ready.catch(() => undefined);
	try {
		await withTimeout(ready, options.timeoutMs ?? 120_000, `n8n ${command} did not print "${readyLine}"`);
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

export function spawnN8nProcess(installation: Pick<N8nInstallation, 'n8nBin' | 'runtime'>, args: string[], env: NodeJS.ProcessEnv): N8nProcess {
	// Its own process group, so that stopping it also stops the task runner it spawns; it also
	// means a Ctrl-C in the terminal does not reach it: stopAllN8nProcesses() has to.
	const child = spawn(installation.runtime.nodeBin, [installation.n8nBin, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
