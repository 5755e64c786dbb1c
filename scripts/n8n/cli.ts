/**
 * Running n8n's own command line (import:workflow, import:credentials, publish:workflow,
 * execute, …) against a user folder, to completion, and reading what `n8n execute` prints.
 * Everything here speaks to n8n only through its CLI and its files, as a user would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureN8n } from './install';
import type { N8nLine } from './lines';
import { findFreePort } from './ports';
import { installationEnv, n8nEnvironment, spawnN8nProcess } from './processes';
import { waitForExit } from './util';

export interface CliOptions {
	userFolder: string;
	/** The task runner broker of a CLI run must not share its port with a running n8n. */
	brokerPort?: number;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** The n8n line to run (lines.ts); 2.8 unless given. */
	line?: N8nLine;
}

export interface CliResult {
	exitCode: number | null;
	/** The signal that ended n8n when exitCode is null (killed, or crashed on the way out). */
	signal?: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Runs one n8n CLI command (import:workflow, publish:workflow, execute, …) to completion. */
export async function runN8nCli(args: string[], options: CliOptions): Promise<CliResult> {
	const installation = await ensureN8n(options.line);
	const brokerPort = options.brokerPort ?? (await findFreePort());
	const env = {
		...installationEnv(installation),
		...n8nEnvironment(options.userFolder, 0, brokerPort),
		...options.env,
	};
	// CLI commands serve nothing, so they get no port of their own.
	delete env.N8N_PORT;
	delete env.WEBHOOK_URL;
	const n8n = spawnN8nProcess(installation, args, env);
	let stdout = '';
	let stderr = '';
	n8n.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	n8n.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const timer = setTimeout(n8n.killNow, options.timeoutMs ?? 120_000);
	try {
		let signal: NodeJS.Signals | null = null;
		n8n.child.once('exit', (_code, exitSignal) => (signal = exitSignal));
		const exitCode = await waitForExit(n8n.child);
		return { exitCode, signal, stdout, stderr };
	} finally {
		clearTimeout(timer);
	}
}

/** Like runN8nCli, but a non-zero exit is an error that carries n8n's output. */
export async function runN8nCliOrThrow(args: string[], options: CliOptions): Promise<CliResult> {
	const result = await runN8nCli(args, options);
	if (result.exitCode !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${result.exitCode ?? result.signal}\n${result.stdout}${result.stderr}`.trim());
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

/** One node's run as n8n records it in the run data. */
export interface NodeRun {
	startTime?: number;
	executionTime?: number;
	data?: { main?: Array<Array<{ json?: Record<string, unknown> }>> };
}

/** The first run of `nodeName` in what executeWorkflow parsed (`{ data: IRunExecutionData }`). */
export function firstNodeRun(output: unknown, nodeName: string): NodeRun | undefined {
	const runData = (output as { data?: { resultData?: { runData?: Record<string, NodeRun[]> } } } | undefined)?.data?.resultData?.runData;
	return runData?.[nodeName]?.[0];
}
