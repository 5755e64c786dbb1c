/**
 * The sandbox process of the benchmark: `startSandbox` on a free port of 127.0.0.1, driven over
 * IPC by remote-sandbox.ts, plus a meter of how many provider requests are open at once. The
 * request log only has the time a request arrived, so the meter watches Node's own HTTP server
 * events (diagnostics_channel `http.server.request.start` / `http.server.response.finish`): the
 * sandbox itself is not changed.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { startSandbox } from '../../sandbox/server';
import { CONTROL_PREFIX } from '../../sandbox/control';
import type { CallMessage, MeterReading, ReplyMessage, SandboxCallName, SandboxCalls, ServedRequest } from './sandbox-protocol';

type Handlers = { [Name in SandboxCallName]: (...args: SandboxCalls[Name]['args']) => SandboxCalls[Name]['result'] | Promise<SandboxCalls[Name]['result']> };

interface ServerEvent {
	request: IncomingMessage;
	response: ServerResponse;
}

/** Milliseconds since the epoch, sub-millisecond: comparable with the benchmark process's clock. */
const epochMs = () => performance.timeOrigin + performance.now();

class InFlightMeter {
	private open = 0;
	private max = 0;
	private served: ServedRequest[] = [];
	/** Connections that carried provider requests since the last reset: n8n's helper opens one per request. */
	private sockets = new WeakSet<object>();
	private connections = 0;
	private readonly byResponse = new WeakMap<ServerResponse, ServedRequest>();

	constructor(private readonly port: () => number) {
		subscribe('http.server.request.start', (message) => this.started(message as ServerEvent));
		subscribe('http.server.response.finish', (message) => this.finished(message as ServerEvent));
	}

	private counts(request: IncomingMessage): boolean {
		// Only provider requests to this sandbox: not its control API.
		return request.socket.localPort === this.port() && !(request.url ?? '').startsWith(CONTROL_PREFIX);
	}

	private started({ request, response }: ServerEvent): void {
		if (!this.counts(request)) return;
		const entry: ServedRequest = { path: (request.url ?? '').split('?')[0], start: epochMs(), end: null, status: null };
		this.served.push(entry);
		this.byResponse.set(response, entry);
		this.open++;
		this.max = Math.max(this.max, this.open);
		if (!this.sockets.has(request.socket)) {
			this.sockets.add(request.socket);
			this.connections++;
		}
	}

	private finished({ response }: ServerEvent): void {
		const entry = this.byResponse.get(response);
		if (!entry || entry.end !== null) return;
		entry.end = epochMs();
		entry.status = response.statusCode;
		this.open--;
	}

	reset(): void {
		this.served = [];
		this.max = this.open;
		this.sockets = new WeakSet();
		this.connections = 0;
	}

	read(): MeterReading {
		return { maxInFlight: this.max, connections: this.connections, served: this.served };
	}
}

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
