import { SANDBOX_KEYS } from '../../sandbox/keys';
import { SKYCORE_ACCOUNT_REFUSALS } from '../../sandbox/providers/skycore';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';
import { startReceiver, type Receiver } from './receiver';

const API_KEY = SANDBOX_KEYS.skycore.apiKey;

/** Example 1 of skycore.md, as its curl sends it. */
const SPEC_EXAMPLE_1 = {
	action: 'sendsms',
	'message-text': 'This message is sent for testing purposes only.',
	to: '+10000000001',
	from: '00000',
};

/** Example 2 of skycore.md. */
const SPEC_EXAMPLE_2 = {
	action: 'sendsms',
	'message-text': 'Visit https://www.fakeurl.com/ for more info.',
	to: '+10000000001',
	from: '00000',
	'from-mask': 'Dunder Mifflin',
	'campaign-ref': 'campaign2345',
	'click-tracking': true,
};

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	receiver = await startReceiver();
});

afterEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
	receiver.answerWith(200);
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

function post(body: unknown, headers: Record<string, string> = { 'x-api-key': API_KEY, 'content-type': 'application/json' }, path = '') {
	return fetch(`${sandbox.providerUrl('skycore')}${path}`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/skycore/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: await readJson(response) };
}

const failureBody = (code: string, info: string, to = '10000000001') => ({ status: 'Failure', 'error-code': code, 'error-info': info, to });

describe('Skycore sendsms', () => {
	it('accepts the spec’s Example 1 at the endpoint URL itself and answers its Success body', async () => {
		const response = await post(SPEC_EXAMPLE_1);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await readJson(response);
		expect(body).toEqual({
			status: 'Success',
			'tracking-id': expect.stringMatching(/^[0-9a-f]{12}$/),
			to: '+10000000001',
			from: '00000',
			'status-details': 'SMS request accepted and queued for delivery',
		});
		expect(sandbox.inspect('skycore', 'messages')).toEqual([
			expect.objectContaining({ trackingId: body['tracking-id'], to: '+10000000001', from: '00000', messageText: SPEC_EXAMPLE_1['message-text'] }),
		]);
	});

	it('accepts Example 2 and cuts its 14-character from-mask to 11, as the spec says Skycore does', async () => {
		const body = await readJson(await post(SPEC_EXAMPLE_2));
		expect(body.status).toBe('Success');
		expect(sandbox.inspect('skycore', 'messages')).toEqual([
			expect.objectContaining({ fromMask: 'Dunder Miff', campaignRef: 'campaign2345', clickTracking: true }),
		]);
	});

	it('takes international digits without + (the README’s format), and a trailing slash on the endpoint', async () => {
		const response = await post({ ...SPEC_EXAMPLE_1, to: '17743199144' }, undefined, '/');
		expect(await readJson(response)).toMatchObject({ status: 'Success', to: '17743199144' });
	});

	it('gives every message its own tracking-id', async () => {
		const ids = new Set<string>();
		for (let index = 0; index < 3; index++) ids.add((await readJson(await post(SPEC_EXAMPLE_1)))['tracking-id']);
		expect(ids.size).toBe(3);
	});
});

describe('Skycore refusals: the spec’s Failure body, always with HTTP 200', () => {
	it.each([
		['no x-api-key', 'E103', { 'content-type': 'application/json' }, failureBody('E103', 'API key required.')],
		['a wrong x-api-key', 'E104', { 'x-api-key': 'nope', 'content-type': 'application/json' }, failureBody('E104', 'Invalid API key.')],
	])('%s → %s', async (_name, _code, headers, expected) => {
		const response = await post(SPEC_EXAMPLE_1, headers);
		expect(response.status).toBe(200);
		expect(await readJson(response)).toEqual(expected);
		expect(sandbox.inspect('skycore', 'messages')).toEqual([]);
	});

	it.each([
		['JSON that does not parse', 'E100', '{"action": "sendsms", ', ''],
		['a JSON list', 'E100', [SPEC_EXAMPLE_1], ''],
		['no action', 'E100', { ...SPEC_EXAMPLE_1, action: undefined }, '10000000001'],
		['another action', 'E100', { ...SPEC_EXAMPLE_1, action: 'sendmms' }, '10000000001'],
		['click-tracking not a boolean', 'E100', { ...SPEC_EXAMPLE_1, 'click-tracking': 'yes' }, '10000000001'],
		['no receiver', 'E201', { ...SPEC_EXAMPLE_1, to: undefined }, ''],
		['a receiver with 00 instead of +', 'E110', { ...SPEC_EXAMPLE_1, to: '0010000000001' }, '0010000000001'],
		['a receiver with spaces', 'E110', { ...SPEC_EXAMPLE_1, to: '1 774 319 9144' }, '1 774 319 9144'],
		['no sender', 'E111', { ...SPEC_EXAMPLE_1, from: undefined }, '10000000001'],
		['a sender name in from', 'E111', { ...SPEC_EXAMPLE_1, from: 'Dunder' }, '10000000001'],
		['no message text', 'E712', { ...SPEC_EXAMPLE_1, 'message-text': '  ' }, '10000000001'],
	])('%s → %s', async (_name, code, body, to) => {
		const response = await post(body);
		expect(response.status).toBe(200);
		expect(await readJson(response)).toEqual({ status: 'Failure', 'error-code': code, 'error-info': expect.any(String), to });
	});

	it('answers E100 to a body that is not JSON', async () => {
		const response = await post('action=sendsms', { 'x-api-key': API_KEY, 'content-type': 'application/x-www-form-urlencoded' });
		expect((await readJson(response))['error-code']).toBe('E100');
	});

	const accountRefusals = Object.entries(SKYCORE_ACCOUNT_REFUSALS).map(([lastFour, { code, info }]) => [lastFour, code, info]);
	it.each(accountRefusals)('a receiver ending in %s gets %s', async (lastFour, code, info) => {
		const to = `1774319${lastFour}`;
		const response = await post({ ...SPEC_EXAMPLE_1, to });
		expect(response.status).toBe(200);
		expect(await readJson(response)).toEqual(failureBody(code, info, to));
		expect(sandbox.inspect('skycore', 'messages')).toEqual([]);
	});

	it('checks the key before the body', async () => {
		expect((await readJson(await post('{broken', { 'content-type': 'application/json' })))['error-code']).toBe('E103');
	});

	it('has nothing below the endpoint URL', async () => {
		const response = await post(SPEC_EXAMPLE_1, undefined, '/other');
		expect(response.status).toBe(404);
	});
});

describe('Skycore postbacks', () => {
	async function setPostbackUrl(url: string | null) {
		return await control('POST', 'postback-url', { url });
	}

	it('has no postback URL until one is set, like a new account', async () => {
		expect(await control('GET', 'postback-url')).toEqual({ status: 200, body: { url: null } });
		await post(SPEC_EXAMPLE_1);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(sandbox.callbacks()).toEqual([]);
	});

	it('refuses a postback URL that is not a URL', async () => {
		expect((await setPostbackUrl('not a url')).status).toBe(400);
	});

	it.each([
		['17743199144', [['N201', 'Sent'], ['N202', 'Delivered']]],
		['17743190000', [['N201', 'Sent'], ['E202', 'Rejected']]],
		['17743190001', [['E201', 'Failed']]],
		['17743190002', [['N201', 'Sent'], ['E202', 'Expired']]],
	])('posts the v2 delivery postbacks of %s as JSON to the account’s URL', async (to, steps) => {
		expect(await setPostbackUrl(receiver.url('/skycore-postback'))).toEqual({ status: 200, body: { url: receiver.url('/skycore-postback') } });
		const trackingId = (await readJson(await post({ ...SPEC_EXAMPLE_2, to })))['tracking-id'];
		const received = await receiver.waitFor(steps.length);

		expect(received.every((request) => request.path === '/skycore-postback' && request.headers['content-type'] === 'application/json')).toBe(true);
		const postbacks = received.map((request) => JSON.parse(request.rawBody));
		expect(postbacks.map((postback) => [postback.code, postback.status]).sort()).toEqual([...steps].sort());
		for (const postback of postbacks) {
			expect(postback).toEqual({
				origin: 'SMS_MT',
				code: expect.any(String),
				'sent-as': 'SMS',
				status: expect.any(String),
				from: '00000',
				to,
				'tracking-id': trackingId,
				'operator-id': '0001470',
				'operator-name': 'Sandbox Carrier',
				timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$/),
				'campaign-ref': 'campaign2345',
				'from-mask': 'Dunder Miff',
			});
		}
	});

	it('simulates an inbound SMS (N211) to the postback URL', async () => {
		await setPostbackUrl(receiver.url('/skycore-postback'));
		const answer = await control('POST', 'inbound', { from: '+17743199144', to: '00000', text: 'DEMO' });
		expect(answer.status).toBe(202);
		const [request] = await receiver.waitFor(1);
		expect(JSON.parse(request.rawBody)).toEqual({
			origin: 'SMS_MO',
			code: 'N211',
			from: '17743199144',
			to: '00000',
			'message-text': 'DEMO',
			'tracking-id': expect.stringMatching(/^smsmo[0-9a-f]{10}$/),
			timestamp: expect.any(String),
		});
		expect(JSON.parse(request.rawBody)).toEqual(answer.body.postback);
	});

	it('refuses an inbound SMS while no postback URL is set', async () => {
		expect((await control('POST', 'inbound', { from: '17743199144', text: 'hi' })).status).toBe(409);
	});

	it('forgets the postback URL on reset', async () => {
		await setPostbackUrl(receiver.url());
		sandbox.reset();
		expect(sandbox.inspect('skycore', 'postback-url')).toEqual({ url: null });
	});
});
