import type { IncomingMessage, ServerResponse } from 'node:http';

import { InvalidFaultError } from './faults';
import { parseBody, readBody, sendJson } from './http';
import { PROVIDER_NAMES } from './providers';
import type { DeliverRequest, Fault, ProviderName, RequestFilter, Sandbox } from './types';

export const CONTROL_PREFIX = '/_sandbox';

/** Listed in the 404 answer and the cli banner. */
export const CONTROL_ROUTES = [
	'GET    /_sandbox/health',
	'GET    /_sandbox/requests?provider=&method=&path=',
	'GET    /_sandbox/callbacks?atLeast=&timeoutMs=   (waits for atLeast entries; 408 on timeout)',
	'GET    /_sandbox/faults',
	'POST   /_sandbox/faults        {provider, kind, method?, path?, status?, retryAfter?, headers?, body?, holdMs?, times?, after?}',
	'DELETE /_sandbox/faults',
	'POST   /_sandbox/reset',
	'GET    /_sandbox/config',
	'PUT    /_sandbox/config        {latencyMs?, latencyJitterMs?, callbackDelayMs?}',
	'POST   /_sandbox/deliver       {url, body, contentType?: json|form, headers?, repeat?}',
	'GET    /_sandbox/<provider>/<view>   e.g. /_sandbox/clearline/messages',
	'POST   /_sandbox/<provider>/<action> e.g. /_sandbox/clicksend/inbound {from, to, body}',
];

class BadRequest extends Error {}

/** The JSON control API: the Sandbox methods, for another process (the e2e run, the benchmark). */
export async function handleControl(sandbox: Sandbox, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
	try {
		const raw = await readBody(request);
		const parsed = parseBody(request.headers['content-type'] ?? 'application/json', raw);
		if (parsed.jsonError) throw new BadRequest(`Body is not valid JSON: ${parsed.jsonError}`);
		const answer = await route(sandbox, request.method ?? 'GET', url, parsed.body);
		if (answer === undefined) {
			sendJson(response, 404, { error: `No control route ${request.method} ${url.pathname}`, routes: CONTROL_ROUTES });
			return;
		}
		sendJson(response, answer.status ?? 200, answer.body);
	} catch (error) {
		const known = error instanceof BadRequest || error instanceof InvalidFaultError;
		sendJson(response, known ? 400 : 500, { error: (error as Error).message });
	}
}

async function route(sandbox: Sandbox, method: string, url: URL, body: unknown): Promise<{ status?: number; body: unknown } | undefined> {
	const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
	const query = url.searchParams;

	switch (`${method} ${path}`) {
		case 'GET /health':
			return { body: { ok: true, providers: PROVIDER_NAMES } };
		case 'GET /requests':
			return { body: sandbox.requests(requestFilter(query)) };
		case 'GET /callbacks':
			return callbacksAnswer(sandbox, query);
		case 'GET /faults':
			return { body: sandbox.faults() };
		case 'POST /faults':
			return { status: 201, body: sandbox.injectFault(requireObject(body) as unknown as Fault) };
		case 'DELETE /faults':
			sandbox.clearFaults();
			return { body: { ok: true } };
		case 'POST /reset':
			sandbox.reset();
			return { body: { ok: true } };
		case 'GET /config':
			return { body: sandbox.config() };
		case 'PUT /config':
			applyConfig(sandbox, requireObject(body));
			return { body: sandbox.config() };
		case 'POST /deliver': {
			const results = await sandbox.deliver(deliverRequest(body));
			return { body: { statuses: results.map((result) => result.status), results } };
		}
	}

	const view = /^\/([^/]+)\/([^/]+)$/.exec(path);
	if (method === 'GET' && view && PROVIDER_NAMES.includes(view[1] as ProviderName)) {
		try {
			return { body: sandbox.inspect(view[1] as ProviderName, view[2]) };
		} catch {
			return undefined;
		}
	}
	if (method === 'POST' && view && PROVIDER_NAMES.includes(view[1] as ProviderName)) {
		try {
			return sandbox.act(view[1] as ProviderName, view[2], body);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** With `atLeast`, a long poll: what waitForCallbacks does, for a process that is not jest. */
async function callbacksAnswer(sandbox: Sandbox, query: URLSearchParams): Promise<{ status?: number; body: unknown }> {
	const atLeast = query.get('atLeast');
	if (atLeast === null) return { body: sandbox.callbacks() };
	const count = Number(atLeast);
	const timeoutMs = Number(query.get('timeoutMs') ?? 5000);
	if (!Number.isInteger(count) || count < 0) throw new BadRequest('atLeast must be a whole number');
	if (!Number.isFinite(timeoutMs) || timeoutMs < 0 || timeoutMs > 600_000) throw new BadRequest('timeoutMs must be 0 to 600000');
	try {
		return { body: await sandbox.waitForCallbacks(count, timeoutMs) };
	} catch (error) {
		return { status: 408, body: { error: (error as Error).message, callbacks: sandbox.callbacks() } };
	}
}

function requestFilter(query: URLSearchParams): RequestFilter {
	return {
		provider: query.get('provider') ?? undefined,
		method: query.get('method') ?? undefined,
		path: query.get('path') ?? undefined,
	};
}

function requireObject(body: unknown): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequest('Body must be a JSON object');
	return body as Record<string, unknown>;
}

function applyConfig(sandbox: Sandbox, config: Record<string, unknown>): void {
	const latencyMs = optionalDelay(config.latencyMs, 'latencyMs');
	const latencyJitterMs = optionalDelay(config.latencyJitterMs, 'latencyJitterMs');
	const callbackDelayMs = optionalDelay(config.callbackDelayMs, 'callbackDelayMs');
	if (latencyMs !== undefined || latencyJitterMs !== undefined) {
		const current = sandbox.config();
		sandbox.setLatency(latencyMs ?? current.latencyMs, latencyJitterMs ?? current.latencyJitterMs);
	}
	if (callbackDelayMs !== undefined) sandbox.setCallbackDelay(callbackDelayMs);
}

function optionalDelay(value: unknown, name: string): number | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new BadRequest(`${name} must be a number of milliseconds ≥ 0`);
	return value;
}

function deliverRequest(body: unknown): DeliverRequest {
	const request = requireObject(body);
	const { url, contentType, headers, repeat } = request;
	if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw new BadRequest('url must be an absolute http(s) URL');
	if (contentType !== undefined && contentType !== 'json' && contentType !== 'form') throw new BadRequest('contentType must be "json" or "form"');
	if (repeat !== undefined && !(Number.isInteger(repeat) && (repeat as number) >= 1 && (repeat as number) <= 100)) {
		throw new BadRequest('repeat must be an integer from 1 to 100');
	}
	if (headers !== undefined && !isStringRecord(headers)) throw new BadRequest('headers must be an object of strings');
	return {
		url,
		body: request.body,
		contentType: contentType as DeliverRequest['contentType'],
		headers: headers as Record<string, string> | undefined,
		repeat: repeat as number | undefined,
	};
}

function isStringRecord(value: unknown): value is Record<string, string> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}
