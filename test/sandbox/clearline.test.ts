import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';
import { startReceiver, type Receiver } from './receiver';

const API_KEY = SANDBOX_KEYS.clearline.apiKey;

/** The example request from clearline.md. */
const SPEC_EXAMPLE = {
	phone: '+12025551234',
	message: 'Hello! Your order is ready for pickup.',
	callbackUrl: 'https://yourapp.example.com/webhooks/sms-delivery',
};

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	receiver = await startReceiver();
});

afterEach(() => {
	sandbox.reset();
	sandbox.setCallbackDelay(10);
	receiver.received.length = 0;
	receiver.answerWith(200);
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

function sendSms(body: unknown, headers: Record<string, string> = { ApiKey: API_KEY, 'Content-Type': 'application/json' }, path = '/MessageSender/sms') {
	return fetch(`${sandbox.providerUrl('clearline')}${path}`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

function withKey(contentType: string) {
	return { ApiKey: API_KEY, 'Content-Type': contentType };
}

describe('ClearLine send', () => {
	it('accepts the spec example and answers succeed + messageId', async () => {
		// The example's callback host is not ours: keep its callback from ever being sent.
		sandbox.setCallbackDelay(60_000);
		const response = await sendSms(SPEC_EXAMPLE);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await readJson(response);
		expect(body).toEqual({ succeed: true, messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		expect(sandbox.inspect('clearline', 'messages')).toEqual([
			expect.objectContaining({ ...SPEC_EXAMPLE, messageId: body.messageId }),
		]);
	});

	it('gives every message its own id', async () => {
		const ids = new Set<string>();
		for (let i = 0; i < 3; i++) ids.add((await readJson(await sendSms({ phone: '+12025551234', message: `n${i}` }))).messageId);
		expect(ids.size).toBe(3);
	});

	it('matches the route in any case, like ASP.NET routing', async () => {
		const response = await sendSms({ phone: '+12025551234', message: 'hi' }, undefined, '/messagesender/SMS');
		expect(response.status).toBe(200);
	});

	it('lists accepted messages at GET /_sandbox/clearline/messages', async () => {
		await sendSms({ phone: '+447911123456', message: 'hi' });
		const messages = await readJson(await fetch(`${sandbox.baseUrl}/_sandbox/clearline/messages`));
		expect(messages).toEqual([expect.objectContaining({ phone: '+447911123456', message: 'hi', callbackUrl: null })]);
	});
});

describe('ClearLine authentication', () => {
	it.each([
		['missing', { 'Content-Type': 'application/json' }],
		['wrong', { ApiKey: 'not-the-key', 'Content-Type': 'application/json' }],
		['empty', { ApiKey: '', 'Content-Type': 'application/json' }],
	])('answers 401 with an empty body when the key is %s', async (_case, headers) => {
		const response = await sendSms(SPEC_EXAMPLE, headers);
		expect(response.status).toBe(401);
		expect(await response.text()).toBe('');
		expect(sandbox.inspect('clearline', 'messages')).toEqual([]);
	});

	it('checks the key before the body', async () => {
		const response = await sendSms('{"phone":', { 'Content-Type': 'application/json' });
		expect(response.status).toBe(401);
	});
});

describe('ClearLine validation', () => {
	it.each<[string, unknown, string]>([
		['phone missing', { message: 'hi' }, 'Phone'],
		['phone empty', { phone: '', message: 'hi' }, 'Phone'],
		['phone without +', { phone: '12025551234', message: 'hi' }, 'Phone'],
		['phone with spaces', { phone: '+1 202 555 1234', message: 'hi' }, 'Phone'],
		['phone too short', { phone: '+1202555123', message: 'hi' }, 'Phone'],
		['phone not a number', { phone: 'hello', message: 'hi' }, 'Phone'],
		['message missing', { phone: '+12025551234' }, 'Message'],
		['message blank', { phone: '+12025551234', message: '   ' }, 'Message'],
		['callbackUrl relative', { phone: '+12025551234', message: 'hi', callbackUrl: '/webhooks/sms' }, 'CallbackUrl'],
		['callbackUrl ftp', { phone: '+12025551234', message: 'hi', callbackUrl: 'ftp://example.com/x' }, 'CallbackUrl'],
		['callbackUrl plain http to a public host', { phone: '+12025551234', message: 'hi', callbackUrl: 'http://example.com/x' }, 'CallbackUrl'],
	])('answers 400 ProblemDetails when %s', async (_case, body, field) => {
		const response = await sendSms(body);

		expect(response.status).toBe(400);
		expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
		const problem = await readJson(response);
		expect(problem).toEqual({
			type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
			title: 'One or more validation errors occurred.',
			status: 400,
			errors: { [field]: [expect.any(String)] },
			traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/),
		});
		expect(sandbox.inspect('clearline', 'messages')).toEqual([]);
	});

	it('reports every invalid field at once', async () => {
		const problem = await readJson(await sendSms({ phone: 'x', message: '', callbackUrl: 'nope' }));
		expect(Object.keys(problem.errors).sort()).toEqual(['CallbackUrl', 'Message', 'Phone']);
	});

	it.each(['http://127.0.0.1:5678/webhook/x', 'http://localhost:5678/webhook/x', 'https://example.com/hook', ''])(
		'accepts callbackUrl %j',
		async (callbackUrl) => {
			sandbox.setCallbackDelay(60_000);
			const response = await sendSms({ phone: '+12025551234', message: 'hi', callbackUrl });
			expect(response.status).toBe(200);
		},
	);

	it('reads property names in any case, like System.Text.Json in ASP.NET', async () => {
		const response = await sendSms({ Phone: '+12025551234', MESSAGE: 'hi' });
		expect(response.status).toBe(200);
	});

	it('answers a value of the wrong type with a JSON-path error', async () => {
		const response = await sendSms({ phone: 12025551234, message: 'hi' });
		expect(response.status).toBe(400);
		expect((await readJson(response)).errors).toEqual({ '$.phone': [expect.stringContaining('System.String')] });
	});

	it('answers malformed JSON with a 400 ProblemDetails', async () => {
		const response = await sendSms('{"phone": "+12025551234", ');
		expect(response.status).toBe(400);
		expect((await readJson(response)).errors).toEqual({ $: [expect.stringContaining('could not be parsed')] });
	});

	it('answers an empty body with a 400 ProblemDetails', async () => {
		const response = await sendSms('');
		expect(response.status).toBe(400);
		expect((await readJson(response)).errors).toEqual({ '': ['A non-empty request body is required.'] });
	});

	it('answers a body that is not an object with a 400 ProblemDetails', async () => {
		const response = await sendSms('[1, 2]');
		expect(response.status).toBe(400);
		expect(Object.keys((await readJson(response)).errors)).toEqual(['$']);
	});

	it('answers a form body with 415', async () => {
		const response = await sendSms('phone=%2B12025551234&message=hi', withKey('application/x-www-form-urlencoded'));
		expect(response.status).toBe(415);
		expect(await readJson(response)).toEqual(expect.objectContaining({ title: 'Unsupported Media Type', status: 415 }));
	});
});

describe('ClearLine routes', () => {
	it('answers an unknown path with 404', async () => {
		const response = await sendSms(SPEC_EXAMPLE, undefined, '/MessageSender/mms');
		expect(response.status).toBe(404);
		expect(await response.text()).toBe('');
	});

	it('answers another method on the send path with 405 and Allow', async () => {
		const response = await fetch(`${sandbox.providerUrl('clearline')}/MessageSender/sms`, { headers: { ApiKey: API_KEY } });
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
	});
});

describe('ClearLine delivery callback', () => {
	it('POSTs the spec callback shape as JSON to callbackUrl', async () => {
		const response = await sendSms({ phone: '+12025551234', message: 'hi', callbackUrl: receiver.url() });
		const { messageId } = await readJson(response);

		const [request] = await receiver.waitFor(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/webhooks/sms-delivery');
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.rawBody)).toEqual({
			messageId,
			deliveryStatus: 'Delivered',
			externalDeliveryStatus: 'Delivered',
			reasonText: 'Delivered to handset',
		});

		const [logged] = await sandbox.waitForCallbacks(1, 2000);
		expect(logged).toEqual(expect.objectContaining({ origin: 'clearline', url: receiver.url(), status: 200, error: null }));
	});

	it.each([
		['+12025550000', 'Rejected', 'Rejected by the carrier (sandbox rule: number ends in 0000)'],
		['+12025550001', 'Expired', expect.stringContaining('0001')],
	])('reports %s as DeliveredFailed / %s', async (phone, externalDeliveryStatus, reasonText) => {
		const { messageId } = await readJson(await sendSms({ phone, message: 'hi', callbackUrl: receiver.url() }));
		const [request] = await receiver.waitFor(1);
		expect(JSON.parse(request.rawBody)).toEqual({ messageId, deliveryStatus: 'DeliveredFailed', externalDeliveryStatus, reasonText });
	});

	it('logs a receiver that does not answer 200, and does not retry', async () => {
		receiver.answerWith(500);
		await sendSms({ phone: '+12025551234', message: 'hi', callbackUrl: receiver.url() });
		const [logged] = await sandbox.waitForCallbacks(1, 2000);
		expect(logged.status).toBe(500);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.received).toHaveLength(1);
	});

	it('logs an unreachable receiver as an error', async () => {
		await sendSms({ phone: '+12025551234', message: 'hi', callbackUrl: 'http://127.0.0.1:1/unreachable' });
		const [logged] = await sandbox.waitForCallbacks(1, 2000);
		expect(logged).toEqual(expect.objectContaining({ status: null, error: expect.stringContaining('ECONNREFUSED') }));
	});

	it('sends nothing without a callbackUrl', async () => {
		await sendSms({ phone: '+12025551234', message: 'hi' });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(sandbox.callbacks()).toEqual([]);
	});

	it('waits callbackDelayMs before sending', async () => {
		sandbox.setCallbackDelay(300);
		const sentAt = Date.now();
		await sendSms({ phone: '+12025551234', message: 'hi', callbackUrl: receiver.url() });
		await receiver.waitFor(1);
		expect(Date.now() - sentAt).toBeGreaterThanOrEqual(250);
	});
});
