/** The benchmark's handle on its sandbox process (sandbox-process.ts). */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { ProviderName } from '../../sandbox/server';
import type { ReadyMessage, ReplyMessage, SandboxCallName, SandboxCalls } from './sandbox-protocol';

export interface RemoteSandbox {
	readonly baseUrl: string;
	readonly pid: number;
	providerUrl(name: ProviderName): string;
	call<Name extends SandboxCallName>(name: Name, ...args: SandboxCalls[Name]['args']): Promise<SandboxCalls[Name]['result']>;
	close(): Promise<void>;
}

export async function startRemoteSandbox(latencyMs: number): Promise<RemoteSandbox> {
	const child: ChildProcess = fork(join(__dirname, 'sandbox-process.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, BENCH_SANDBOX_LATENCY_MS: String(latencyMs) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
	let nextId = 1;

	const ready = await new Promise<ReadyMessage['ready']>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the sandbox process exited (code ${code}) before it was ready`)));
		child.on('message', (message: ReadyMessage | ReplyMessage) => {
			if ('ready' in message) {
				resolve(message.ready);
				return;
			}
			const waiting = pending.get(message.id);
			if (!waiting) return;
			pending.delete(message.id);
			if ('error' in message) waiting.reject(new Error(`sandbox: ${message.error}`));
			else waiting.resolve(message.result);
		});
	});
	child.removeAllListeners('exit');
	child.on('exit', () => {
		for (const waiting of pending.values()) waiting.reject(new Error('the sandbox process exited'));
		pending.clear();
	});

	const call = <Name extends SandboxCallName>(name: Name, ...args: SandboxCalls[Name]['args']) =>
		new Promise<SandboxCalls[Name]['result']>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			child.send({ id, call: name, args });
		});

	return {
		baseUrl: ready.baseUrl,
		pid: child.pid ?? -1,
		providerUrl: (name) => `${ready.baseUrl}/${name}`,
		call,
		close: async () => {
			if (child.exitCode !== null || !child.connected) return;
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			await call('close').catch(() => undefined);
			await exited;
		},
	};
}
