/**
 * The sandbox process of the benchmark: `startSandbox` on a free port of 127.0.0.1, driven over
 * IPC by remote-sandbox.ts, plus a meter of how many provider requests are open at once
 * (in-flight-meter.ts).
 */
import { startSandbox } from '../../sandbox/server';
import { InFlightMeter } from './in-flight-meter';
import type { CallMessage, ReplyMessage, SandboxCallName, SandboxCalls } from './sandbox-protocol';

type Handlers = { [Name in SandboxCallName]: (...args: SandboxCalls[Name]['args']) => SandboxCalls[Name]['result'] | Promise<SandboxCalls[Name]['result']> };

async function main(): Promise<void> {
	const latencyMs = Number(process.env.BENCH_SANDBOX_LATENCY_MS ?? 0);
	let port = 0;
	const meter = new InFlightMeter(() => port);
	const sandbox = await startSandbox({ port: 0, quiet: true, latencyMs });
	port = sandbox.port;

	const handlers: Handlers = {
		setLatency: (ms, jitterMs) => (sandbox.setLatency(ms, jitterMs), null),
		reset: () => (sandbox.reset(), null),
		requests: (filter) => sandbox.requests(filter),
		injectFault: (fault) => sandbox.injectFault(fault),
		clearFaults: () => (sandbox.clearFaults(), null),
		inspect: (provider, view) => sandbox.inspect(provider, view),
		resetMeter: () => (meter.reset(), null),
		readMeter: () => meter.read(),
		close: async () => (await sandbox.close(), null),
	};

	process.on('message', (message: CallMessage) => {
		void (async () => {
			let reply: ReplyMessage;
			try {
				const handler = handlers[message.call] as (...args: unknown[]) => unknown;
				reply = { id: message.id, result: await handler(...message.args) };
			} catch (error) {
				reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
			}
			process.send?.(reply);
			if (message.call === 'close') process.disconnect();
		})();
	});
	// The benchmark went away without closing: do not linger.
	process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
	process.send?.({ ready: { baseUrl: sandbox.baseUrl, port: sandbox.port } });
}

main().catch((error: Error) => {
	console.error(`Benchmark sandbox failed to start: ${error.message}`);
	process.exit(1);
});
