/**
 * Small helpers shared by the modules in this folder: running npm and other child processes
 * (with npm's own environment stripped), reading their output line by line, and formatting and
 * waiting.
 */
import { spawn, type ChildProcess } from 'node:child_process';

import type { CliResult } from './cli';

export async function runOrThrow(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanNpmEnv()): Promise<CliResult> {
	const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
export function cleanNpmEnv(): NodeJS.ProcessEnv {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (/^npm_(package|lifecycle)_/.test(name) || name === 'npm_config_local_prefix') delete env[name];
		if (name === 'INIT_CWD' || name === 'npm_package_json') delete env[name];
	}
	return env;
}

export function npmCommand(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (code) => resolve(code));
	});
}

export function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
	let pending = '';
	stream.on('data', (chunk: Buffer) => {
		pending += chunk.toString();
		const lines = pending.split('\n');
		pending = lines.pop() ?? '';
		for (const line of lines) onLine(line.replace(/\r$/, ''));
	});
	stream.on('end', () => pending && onLine(pending));
}

export function tail(lines: string[], count: number): string {
	return lines.slice(-count).join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
