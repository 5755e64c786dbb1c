import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { CallbackSender } from './callbacks';
import { CONTROL_PREFIX, handleControl } from './control';
import { answerWithFault, DEFAULT_HOLD_MS, FaultStore } from './faults';
import { BodyTooLargeError, parseBody, plainHeaders, readBody, searchParamsToObject, send, sendJson } from './http';
import { DEFAULT_SANDBOX_PORT } from './keys';
import type { ProviderInstance, ProviderRequest, ProviderResponse } from './provider';
import { PROVIDER_NAMES, PROVIDERS } from './providers';
import { matchRoute } from './routing';
import { TimerSet } from './timers';
import type { ProviderName, RequestFilter, RequestLogEntry, Sandbox, SandboxConfig, SandboxOptions } from './types';

export type * from './types';

const DEFAULT_CALLBACK_DELAY_MS = 50;

/** Starts the provider sandbox: every provider under `/<name>`, the control API under `/_sandbox`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const config: SandboxConfig = {
		latencyMs: options.latencyMs ?? 0,
		latencyJitterMs: options.latencyJitterMs ?? 0,
		callbackDelayMs: options.callbackDelayMs ?? DEFAULT_CALLBACK_DELAY_MS,
	};
	const report = options.quiet ? () => undefined : (line: string) => console.log(`[sandbox] ${line}`);
	const timers = new TimerSet();
	const faults = new FaultStore(PROVIDER_NAMES);
	const holds = new HoldQueues();
	const callbacks = new CallbackSender(() => config.callbackDelayMs, report);
	const sockets = new Set<Socket>();
	let requestLog: RequestLogEntry[] = [];
	let instances = createInstances(callbacks);
	let closed: Promise<void> | undefined;

	const server = http.createServer((request, response) => {
		// A client that gives up mid-answer must not crash the sandbox.
		response.on('error', () => undefined);
		void route(request, response);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	const host = options.host ?? '127.0.0.1';
	await listen(server, options.port ?? DEFAULT_SANDBOX_PORT, host);
	const port = (server.address() as AddressInfo).port;
	const baseUrl = `http://${displayHost(host)}:${port}`;

	async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://sandbox.invalid');
		if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
			await handleControl(sandbox, request, response, url);
			return;
		}
		await handleProviderRequest(request, response, url);
	}

	async function handleProviderRequest(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
		const started = Date.now();
		const method = request.method ?? 'GET';
		const [, prefix = ''] = url.pathname.split('/');
		const provider = PROVIDER_NAMES.find((name) => name === prefix.toLowerCase()) ?? null;

		let rawBody: string;
		try {
			rawBody = await readBody(request);
		} catch (error) {
			if (error instanceof BodyTooLargeError) sendJson(response, 413, { error: error.message });
			return;
		}
		const contentType = request.headers['content-type'] ?? '';
		const parsed = parseBody(contentType, rawBody);
		const entry: RequestLogEntry = {
			provider,
			method,
			path: url.pathname,
			query: searchParamsToObject(url.searchParams),
			headers: plainHeaders(request),
			body: parsed.body,
			receivedAt: new Date(started).toISOString(),
			status: null,
		};
		requestLog.push(entry);

		if (provider === null) {
			const mounts = PROVIDER_NAMES.map((name) => `/${name}`).join(', ');
			const answer = { status: 404, body: { error: `No provider at ${url.pathname}; providers are mounted at ${mounts}` } };
			respond(response, entry, answer);
			return;
		}

		await timers.delay(config.latencyMs + Math.random() * config.latencyJitterMs);
		const path = url.pathname.slice(provider.length + 1) || '/';
		const fault = faults.take(provider, method, path);
		if (fault?.kind === 'hold') {
			entry.fault = 'hold';
			const release = await holds.waitForTurn(fault.id);
			try {
				// The client hung up while earlier requests held the line: the provider never took it.
				if (request.socket.destroyed || response.destroyed) {
					report(`${method} ${url.pathname} → held, client gone before its turn: not taken`);
					return;
				}
				const answer = await answerAsProvider(provider, instances[provider], providerRequestOf(request, path, entry, contentType, rawBody, parsed.body), parsed.jsonError);
				await timers.delay(fault.holdMs ?? DEFAULT_HOLD_MS);
				respond(response, entry, answer);
				report(`${method} ${url.pathname} → ${answer.status} held (${Date.now() - started} ms)`);
			} finally {
				release();
			}
			return;
		}
		if (fault) {
			entry.fault = fault.kind;
			entry.status = answerWithFault(response, fault, PROVIDERS[provider].faultHeaders?.(fault));
			report(`${method} ${url.pathname} → fault ${fault.kind}${entry.status ? ` ${entry.status}` : ''}`);
			return;
		}

		const answer = await answerAsProvider(provider, instances[provider], providerRequestOf(request, path, entry, contentType, rawBody, parsed.body), parsed.jsonError);
		respond(response, entry, answer);
		report(`${method} ${url.pathname} → ${answer.status} (${Date.now() - started} ms)`);
	}

	const sandbox: Sandbox = {
		baseUrl,
		port,
		providerUrl: (name) => `${baseUrl}/${name}`,
		requests: (filter) => requestLog.filter((entry) => matchesFilter(entry, filter)).map((entry) => ({ ...entry })),
		callbacks: () => callbacks.entries(),
		injectFault: (fault) => faults.add(fault),
		faults: () => faults.list(),
		clearFaults: () => {
			faults.clear();
			holds.clear();
		},
		setLatency: (ms, jitterMs = 0) => {
			config.latencyMs = ms;
			config.latencyJitterMs = jitterMs;
		},
		setCallbackDelay: (ms) => {
			config.callbackDelayMs = ms;
		},
		config: () => ({ ...config }),
		inspect: (provider, view) => {
			const read = instances[provider]?.views?.[view];
			if (!read) throw new Error(`Provider "${provider}" has no view "${view}"`);
			return read();
		},
		act: (provider, action, body) => {
			const run = instances[provider]?.actions?.[action];
			if (!run) throw new Error(`Provider "${provider}" has no action "${action}"`);
			return run(body);
		},
		deliver: (request) => callbacks.deliver(request),
		reset: () => {
			requestLog = [];
			faults.clear();
			holds.clear();
			callbacks.reset();
			instances = createInstances(callbacks);
		},
		waitForCallbacks: (count, timeoutMs = 5000) => callbacks.waitFor(count, timeoutMs),
		close: () => {
			closed ??= closeServer();
			return closed;
		},
	};

	function closeServer(): Promise<void> {
		callbacks.close();
		timers.cancelAll();
		return new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
			for (const socket of sockets) socket.destroy();
		});
	}

	return sandbox;
}

function providerRequestOf(request: IncomingMessage, path: string, entry: RequestLogEntry, contentType: string, rawBody: string, body: unknown): ProviderRequest {
	return { method: entry.method, path, params: {}, query: entry.query, headers: request.headers, contentType, rawBody, body };
}

/**
 * The line of each `hold` fault: its requests are taken one after another, each one's turn ending
 * when its held answer has gone out, so that a client sending many requests at once sees them
 * taken and answered in a staggered order, as from a provider that works through them in turn.
 */
class HoldQueues {
	private lines = new Map<number, Promise<void>>();

	/** Resolves when the request may be taken; call the returned function to end its turn. */
	async waitForTurn(faultId: number): Promise<() => void> {
		const previous = this.lines.get(faultId) ?? Promise.resolve();
		let release!: () => void;
		const turn = new Promise<void>((resolve) => (release = resolve));
		this.lines.set(faultId, previous.then(() => turn));
		await previous;
		return release;
	}

	clear(): void {
		this.lines = new Map();
	}
}

/** Routing, authentication, body checks, then the route: the order an API framework runs them in. */
async function answerAsProvider(
	provider: ProviderName,
	instance: ProviderInstance,
	request: ProviderRequest,
	jsonError: string | undefined,
): Promise<ProviderResponse> {
	const definition = PROVIDERS[provider];
	const match = matchRoute(instance.routes, request.method, request.path, definition.caseInsensitivePaths);
	if (match.kind === 'not-found') return definition.notFound(request);
	if (match.kind === 'wrong-method') {
		return definition.methodNotAllowed?.(request, match.allowed) ?? definition.notFound(request);
	}
	request.params = match.params;
	const rejection = definition.authenticate?.(request);
	if (rejection) return rejection;
	if (jsonError !== undefined) return definition.invalidJson(request, jsonError);
	try {
		return await match.route.handle(request);
	} catch (error) {
		// A bug in a provider module: say so loudly instead of hanging the client.
		return { status: 500, body: { error: `Sandbox bug in ${provider}: ${(error as Error).message}` } };
	}
}

function respond(response: ServerResponse, entry: RequestLogEntry, answer: ProviderResponse): void {
	send(response, answer);
	entry.status = answer.status;
	if (answer.body !== undefined && typeof answer.body !== 'string') entry.response = answer.body;
}

function createInstances(callbacks: CallbackSender): Record<ProviderName, ProviderInstance> {
	const instances = {} as Record<ProviderName, ProviderInstance>;
	for (const name of PROVIDER_NAMES) {
		instances[name] = PROVIDERS[name].create({
			scheduleCallback: (url, body, options) => callbacks.schedule(name, url, body, options),
		});
	}
	return instances;
}

function matchesFilter(entry: RequestLogEntry, filter: RequestFilter = {}): boolean {
	if (filter.provider && entry.provider !== filter.provider) return false;
	if (filter.method && entry.method.toUpperCase() !== filter.method.toUpperCase()) return false;
	if (filter.path && !entry.path.toLowerCase().endsWith(filter.path.toLowerCase())) return false;
	return true;
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

/** A wildcard address is not somewhere a client can connect to; loopback is. */
function displayHost(host: string): string {
	if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
	return host.includes(':') ? `[${host}]` : host;
}
