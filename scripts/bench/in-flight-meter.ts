/**
 * How many provider requests are open at a sandbox at once, with each request's start and end. The
 * request log only has the time a request arrived, so the meter watches Node's own HTTP server
 * events (diagnostics_channel `http.server.request.start` / `http.server.response.finish`): the
 * sandbox itself is not changed. Used by the benchmark's sandbox process and by tests that run the
 * sandbox in their own process.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

import { CONTROL_PREFIX } from '../../sandbox/control';
import type { MeterReading, ServedRequest } from './sandbox-protocol';

interface ServerEvent {
	request: IncomingMessage;
	response: ServerResponse;
}

const REQUEST_START = 'http.server.request.start';
const RESPONSE_FINISH = 'http.server.response.finish';

/** Milliseconds since the epoch, sub-millisecond: comparable with the benchmark process's clock. */
const epochMs = () => performance.timeOrigin + performance.now();

export class InFlightMeter {
	private open = 0;
	private max = 0;
	private served: ServedRequest[] = [];
	/** Connections that carried provider requests since the last reset: n8n's helper opens one per request. */
	private sockets = new WeakSet<object>();
	private connections = 0;
	private readonly byResponse = new WeakMap<ServerResponse, ServedRequest>();

	private readonly onStart = (message: unknown) => this.started(message as ServerEvent);
	private readonly onFinish = (message: unknown) => this.finished(message as ServerEvent);

	constructor(private readonly port: () => number) {
		subscribe(REQUEST_START, this.onStart);
		subscribe(RESPONSE_FINISH, this.onFinish);
	}

	stop(): void {
		unsubscribe(REQUEST_START, this.onStart);
		unsubscribe(RESPONSE_FINISH, this.onFinish);
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

/** Most of the given requests open at the sandbox at one moment (e.g. the requests of one path). */
export function mostInFlightAtOnce(served: ServedRequest[]): number {
	return Math.max(0, ...served.map(({ start }) => served.filter((other) => other.start <= start && (other.end === null || other.end > start)).length));
}
