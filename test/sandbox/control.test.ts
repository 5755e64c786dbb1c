import { SANDBOX_KEYS } from '../../sandbox/keys';
import { PROVIDER_NAMES } from '../../sandbox/providers';
import { startSandbox, type Fault, type Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';
import { startReceiver, type Receiver } from './receiver';

const VALID_SEND = { phone: '+12025551234', message: 'hi' };

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	receiver = await startReceiver();
});

afterEach(() => {
	sandbox.reset();
	sandbox.setLatency(0);
	receiver.received.length = 0;
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

function sendSms(init: RequestInit = {}) {
	return fetch(`${sandbox.providerUrl('clearline')}/MessageSender/sms`, {
		method: 'POST',
		headers: { ApiKey: SANDBOX_KEYS.clearline.apiKey, 'Content-Type': 'application/json' },
		body: JSON.stringify(VALID_SEND),
		...init,
	});
}

function control(method: string, path: string, body?: unknown) {
	return fetch(`${sandbox.baseUrl}/_sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
}

async function injectFault(fault: Fault) {
	const response = await control('POST', '/faults', fault);
	expect(response.status).toBe(201);
}

describe('control API basics', () => {
	it('reports health and the providers', async () => {
		const response = await control('GET', '/health');
		// Every provider module registered, whatever providers are added later.
		expect(await readJson(response)).toEqual({ ok: true, providers: PROVIDER_NAMES });
		expect(PROVIDER_NAMES).toContain('clearline');
	});

	it('gives provider URLs under the base URL', () => {
		expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox.providerUrl('clearline')).toBe(`${sandbox.baseUrl}/clearline`);
	});

	it('answers an unknown control route with 404 and the list of routes', async () => {
		const response = await control('GET', '/nope');
		expect(response.status).toBe(404);
		expect((await readJson(response)).routes).toEqual(expect.arrayContaining([expect.stringContaining('/_sandbox/deliver')]));
	});
});

describe('request log', () => {
	it('records method, path, query, headers, parsed body, time and status', async () => {
		await fetch(`${sandbox.providerUrl('clearline')}/MessageSender/sms?trace=1`, {
			method: 'POST',
			headers: { ApiKey: SANDBOX_KEYS.clearline.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify(VALID_SEND),
		});
		const [entry] = sandbox.requests();
		expect(entry).toEqual({
			provider: 'clearline',
			method: 'POST',
			path: '/clearline/MessageSender/sms',
			query: { trace: '1' },
			headers: expect.objectContaining({ apikey: SANDBOX_KEYS.clearline.apiKey }),
			body: VALID_SEND,
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			status: 200,
			response: { succeed: true, messageId: expect.any(String) },
		});
	});

	it('is served filtered at GET /_sandbox/requests', async () => {
		await sendSms();
		await fetch(`${sandbox.baseUrl}/elsewhere/MessageSender/sms`, { method: 'POST' });

		const all = await readJson(await control('GET', '/requests'));
		const clearline = await readJson(await control('GET', '/requests?provider=clearline&method=post&path=/MessageSender/sms'));
		expect(all).toHaveLength(2);
		expect(clearline).toEqual([expect.objectContaining({ provider: 'clearline', status: 200 })]);
		expect(sandbox.requests({ provider: 'clearline', method: 'GET' })).toEqual([]);
	});

	it('answers and logs a path outside every provider with 404', async () => {
		const response = await fetch(`${sandbox.baseUrl}/MessageSender/sms`, { method: 'POST' });
		expect(response.status).toBe(404);
		expect((await readJson(response)).error).toContain('/clearline');
		expect(sandbox.requests()).toEqual([expect.objectContaining({ provider: null, status: 404 })]);
	});

	it('keeps a form body as an object', async () => {
		await fetch(`${sandbox.providerUrl('clearline')}/MessageSender/sms`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'phone=%2B12025551234&message=hi',
		});
		expect(sandbox.requests()[0].body).toEqual({ phone: '+12025551234', message: 'hi' });
	});
});

describe('fault injection', () => {
	it('answers 429 with Retry-After once, then lets the send through', async () => {
		await injectFault({ provider: 'clearline', method: 'POST', path: '/MessageSender/sms', kind: 'status', status: 429, retryAfter: 2 });

		const limited = await sendSms();
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(sandbox.inspect('clearline', 'messages')).toEqual([]);

		const accepted = await sendSms();
		expect(accepted.status).toBe(200);
		expect(sandbox.inspect('clearline', 'messages')).toHaveLength(1);
		expect(sandbox.requests().map((entry) => [entry.status, entry.fault])).toEqual([
			[429, 'status'],
			[200, undefined],
		]);
	});

	it('answers a status fault with its body', async () => {
		await injectFault({ provider: 'clearline', kind: 'status', status: 500, body: { error: 'boom' } });
		const response = await sendSms();
		expect(response.status).toBe(500);
		expect(await readJson(response)).toEqual({ error: 'boom' });
	});

	it('runs faults before authentication', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 503 });
		const response = await sendSms({ headers: {} });
		expect(response.status).toBe(503);
	});

	it('holds a timeout fault open until the client gives up', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'timeout' });
		await expect(sendSms({ signal: AbortSignal.timeout(300) })).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
		expect(sandbox.requests()).toEqual([expect.objectContaining({ status: null, fault: 'timeout' })]);
		expect((await sendSms()).status).toBe(200);
	});

	it('resets the connection', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'reset' });
		await expect(sendSms()).rejects.toThrow('fetch failed');
		expect(sandbox.requests()).toEqual([expect.objectContaining({ status: null, fault: 'reset' })]);
	});

	it('answers 200 with truncated JSON', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'malformed-json' });
		const response = await sendSms();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(await response.text()).toBe('{"succeed": tru');
	});

	it('answers an HTML error page, 502 by default', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'html' });
		sandbox.injectFault({ provider: 'clearline', kind: 'html', status: 503 });
		const first = await sendSms();
		expect(first.status).toBe(502);
		expect(first.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await first.text()).toContain('<h1>502 Bad Gateway</h1>');
		expect((await sendSms()).status).toBe(503);
	});

	it('uses faults up in the order they were added, each `times` times', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 500, times: 2 });
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 429 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await sendSms()).status);
		expect(statuses).toEqual([500, 500, 429, 200]);
	});

	it('keeps a times: -1 fault until cleared', async () => {
		await injectFault({ provider: 'clearline', kind: 'status', status: 500, times: -1 });
		for (let i = 0; i < 3; i++) expect((await sendSms()).status).toBe(500);
		expect(await readJson(await control('GET', '/faults'))).toHaveLength(1);
		expect((await control('DELETE', '/faults')).status).toBe(200);
		expect((await sendSms()).status).toBe(200);
	});

	it('only hits requests that match its method and path', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 500, path: '/other' });
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 500, method: 'GET' });
		expect((await sendSms()).status).toBe(200);
		expect(sandbox.faults()).toHaveLength(2);
	});

	it('rejects an invalid fault with 400', async () => {
		const unknownKind = await control('POST', '/faults', { provider: 'clearline', kind: 'explode' });
		const unknownProvider = await control('POST', '/faults', { provider: 'nope', kind: 'reset' });
		expect(unknownKind.status).toBe(400);
		expect(unknownProvider.status).toBe(400);
		expect(() => sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 42 })).toThrow('status');
		expect(() => sandbox.injectFault({ provider: 'clearline', kind: 'hold', holdMs: -1 })).toThrow('holdMs');
	});
});

describe('hold fault', () => {
	const HOLD_MS = 150;

	it('takes concurrent requests one at a time, each answered holdMs after the one before', async () => {
		await injectFault({ provider: 'clearline', kind: 'hold', holdMs: HOLD_MS, times: -1 });
		const started = Date.now();
		const answeredAfter = await Promise.all(
			[0, 1, 2].map(async () => {
				const response = await sendSms();
				expect(response.status).toBe(200);
				return Date.now() - started;
			}),
		);
		answeredAfter.sort((a, b) => a - b);
		// Timers may fire a little early or late; the staggering is what matters.
		expect(answeredAfter[0]).toBeGreaterThanOrEqual(HOLD_MS - 20);
		expect(answeredAfter[1] - answeredAfter[0]).toBeGreaterThanOrEqual(HOLD_MS - 20);
		expect(answeredAfter[2] - answeredAfter[1]).toBeGreaterThanOrEqual(HOLD_MS - 20);
		expect(sandbox.inspect('clearline', 'messages')).toHaveLength(3);
		expect(sandbox.requests().map((entry) => [entry.fault, entry.status])).toEqual([['hold', 200], ['hold', 200], ['hold', 200]]);
	});

	it('never takes a request whose client hung up before its turn, and takes the one in its turn', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'hold', holdMs: HOLD_MS, times: -1 });
		// The first is taken at once and answered after HOLD_MS; the second waits behind it.
		const taken = sendSms({ signal: AbortSignal.timeout(HOLD_MS / 3) });
		await new Promise((resolve) => setTimeout(resolve, 10));
		const waiting = sendSms({ signal: AbortSignal.timeout(HOLD_MS / 3) });
		await expect(taken).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
		await expect(waiting).rejects.toThrow(expect.objectContaining({ name: 'TimeoutError' }));
		await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
		// Taken before its client gave up: the message stands, its answer found nobody.
		expect(sandbox.inspect('clearline', 'messages')).toHaveLength(1);
		expect(sandbox.requests().map((entry) => [entry.fault, entry.status])).toEqual([['hold', 200], ['hold', null]]);
	});

	it('lets requests through unheld once cleared', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'hold', holdMs: 5_000, times: -1 });
		sandbox.clearFaults();
		const started = Date.now();
		expect((await sendSms()).status).toBe(200);
		expect(Date.now() - started).toBeLessThan(1_000);
	});
});

describe('latency and reset', () => {
	it('delays provider answers by latencyMs, set through PUT /_sandbox/config', async () => {
		const configured = await control('PUT', '/config', { latencyMs: 300 });
		expect(await readJson(configured)).toEqual({ latencyMs: 300, latencyJitterMs: 0, callbackDelayMs: 10 });

		const started = Date.now();
		expect((await sendSms()).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);

		const controlStarted = Date.now();
		await control('GET', '/health');
		expect(Date.now() - controlStarted).toBeLessThan(280);
	});

	it('varies each answer between latencyMs and latencyMs + latencyJitterMs', async () => {
		const configured = await control('PUT', '/config', { latencyMs: 20, latencyJitterMs: 200 });
		expect(await readJson(configured)).toMatchObject({ latencyMs: 20, latencyJitterMs: 200 });

		const took = await Promise.all(
			Array.from({ length: 12 }, async () => {
				const started = Date.now();
				expect((await sendSms()).status).toBe(200);
				return Date.now() - started;
			}),
		);
		// Timers fire up to a millisecond early; twelve answers all within 50 ms of each other would be no jitter.
		expect(Math.min(...took)).toBeGreaterThanOrEqual(19);
		expect(Math.max(...took) - Math.min(...took)).toBeGreaterThan(50);
	});

	it('rejects a negative latency', async () => {
		expect((await control('PUT', '/config', { latencyMs: -1 })).status).toBe(400);
		expect((await control('PUT', '/config', { latencyJitterMs: -1 })).status).toBe(400);
	});

	it('clears logs, faults, messages and pending callbacks on POST /_sandbox/reset', async () => {
		sandbox.setCallbackDelay(200);
		await sendSms({ body: JSON.stringify({ ...VALID_SEND, callbackUrl: receiver.url() }) });
		sandbox.injectFault({ provider: 'clearline', kind: 'reset' });

		expect((await control('POST', '/reset')).status).toBe(200);
		sandbox.setCallbackDelay(10);

		expect(sandbox.requests()).toEqual([]);
		expect(sandbox.faults()).toEqual([]);
		expect(await readJson(await control('GET', '/clearline/messages'))).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(receiver.received).toEqual([]);
		expect(await readJson(await control('GET', '/callbacks'))).toEqual([]);
	});

	it('keeps the config on reset', () => {
		sandbox.setLatency(5);
		sandbox.reset();
		expect(sandbox.config().latencyMs).toBe(5);
	});
});

describe('POST /_sandbox/deliver', () => {
	it('POSTs a JSON body to a webhook and answers the status', async () => {
		const payload = { messageId: 'm-1', deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered', reasonText: 'ok' };
		const response = await control('POST', '/deliver', { url: receiver.url(), body: payload, headers: { 'X-Token': 'secret' } });

		expect(await readJson(response)).toEqual({ statuses: [200], results: [{ status: 200, responseBody: 'ok', error: null }] });
		const [request] = receiver.received;
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers['x-token']).toBe('secret');
		expect(JSON.parse(request.rawBody)).toEqual(payload);
		expect(sandbox.callbacks()).toEqual([expect.objectContaining({ origin: 'deliver', status: 200 })]);
	});

	it('POSTs a form body, repeated', async () => {
		const response = await control('POST', '/deliver', {
			url: receiver.url('/webhook/clicksend'),
			body: { message_id: 'abc', status_code: '201' },
			contentType: 'form',
			repeat: 3,
		});

		expect((await readJson(response)).statuses).toEqual([200, 200, 200]);
		expect(receiver.received).toHaveLength(3);
		expect(receiver.received[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(receiver.received[0].rawBody).toBe('message_id=abc&status_code=201');
	});

	it('reports an unreachable webhook as an error result', async () => {
		const response = await control('POST', '/deliver', { url: 'http://127.0.0.1:1/x', body: {} });
		const [result] = (await readJson(response)).results;
		expect(result).toEqual({ status: null, responseBody: '', error: expect.stringContaining('ECONNREFUSED') });
	});

	it('rejects a request without an absolute URL', async () => {
		expect((await control('POST', '/deliver', { url: '/relative', body: {} })).status).toBe(400);
		expect((await control('POST', '/deliver', { url: receiver.url(), body: {}, contentType: 'xml' })).status).toBe(400);
	});
});

describe('waiting for callbacks', () => {
	it('rejects after its timeout when too few callbacks arrived', async () => {
		await expect(sandbox.waitForCallbacks(1, 50)).rejects.toThrow('Expected 1 callback(s) within 50 ms, got 0');
	});

	it('long-polls GET /_sandbox/callbacks?atLeast=', async () => {
		const polling = control('GET', `/callbacks?atLeast=1&timeoutMs=2000`);
		await sendSms({ body: JSON.stringify({ ...VALID_SEND, callbackUrl: receiver.url() }) });
		const response = await polling;
		expect(response.status).toBe(200);
		expect(await readJson(response)).toEqual([expect.objectContaining({ origin: 'clearline', status: 200 })]);
	});

	it('answers the long poll with 408 when it times out', async () => {
		const response = await control('GET', '/callbacks?atLeast=1&timeoutMs=50');
		expect(response.status).toBe(408);
		expect(await readJson(response)).toEqual({ error: expect.any(String), callbacks: [] });
	});
});

describe('close()', () => {
	it('ends a hanging request and pending callbacks so the process can exit', async () => {
		const own = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 60_000 });
		own.injectFault({ provider: 'clearline', kind: 'timeout' });
		// Caught at once: they reject during close(), before the expectations below look at them.
		const hanging = fetch(`${own.providerUrl('clearline')}/MessageSender/sms`, { method: 'POST', body: '{}' }).catch((error: Error) => error);
		while (own.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

		// A callback that would only fire in a minute, and a waiter for it.
		await fetch(`${own.providerUrl('clearline')}/MessageSender/sms`, {
			method: 'POST',
			headers: { ApiKey: SANDBOX_KEYS.clearline.apiKey, 'Content-Type': 'application/json' },
			body: JSON.stringify({ ...VALID_SEND, callbackUrl: receiver.url() }),
		});
		const waiting = own.waitForCallbacks(1, 60_000).catch((error: Error) => error);

		await own.close();
		expect(await hanging).toHaveProperty('message', 'fetch failed');
		expect(await waiting).toEqual(new Error('Sandbox closed'));
		await expect(own.close()).resolves.toBeUndefined();
	});
});
