import { SANDBOX_KEYS } from '../../sandbox/keys';
import { SMSCPR_SANDBOX_PLANS } from '../../sandbox/providers/smscpr';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';
import { startReceiver, type Receiver } from './receiver';

const TOKEN = SANDBOX_KEYS.smscpr.token;
const PLAN = SANDBOX_KEYS.smscpr.servicePlanId;

/** The Send SMS example of smscpr.md, with the sandbox's service plan. */
const SPEC_SEND = {
	servicePlanId: PLAN,
	channel: 'SMS',
	from: '+15550001111',
	to: '+15550002222',
	body: 'Your verification code is 123456',
	callbackUrl: 'https://client.example.com/sms/status',
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
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

const url = (path: string) => `${sandbox.providerUrl('smscpr')}${path}`;

function send(body: unknown, headers: Record<string, string> = {}, path = '/sendsms') {
	return fetch(url(path), {
		method: 'POST',
		headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

function get(path: string, query: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
	const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]));
	return fetch(`${url(path)}?${search.toString()}`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers } });
}

/** Sends without a callback (the spec example's callback host is not ours). */
const sendQuietly = (fields: Record<string, unknown> = {}) => send({ ...SPEC_SEND, callbackUrl: undefined, ...fields });

describe('SMSCPR send', () => {
	it('accepts the spec example: 202, the DeliveryReceipt in QUEUED and a Location header', async () => {
		sandbox.setCallbackDelay(60_000);
		const response = await send(SPEC_SEND);

		expect(response.status).toBe(202);
		const body = await readJson(response);
		expect(body).toEqual({
			accountId: '111111111111111111111111',
			servicePlanId: PLAN,
			msgId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
			channel: 'SMS',
			direction: 'MT',
			from: '+15550001111',
			to: '+15550002222',
			body: 'Your verification code is 123456',
			status: 'QUEUED',
			errorCode: null,
			errorMessage: null,
			country: null,
			mccmnc: null,
			price: null,
			ptf: null,
			createdAt: expect.any(String),
			sentAt: null,
			callbackUrl: 'https://client.example.com/sms/status',
		});
		expect(response.headers.get('location')).toBe(`/smscpr/messages/sms/${body.msgId}`);
	});

	it('also takes the path of the spec’s local-mock example (POST /messages/sms)', async () => {
		const response = await send({ ...SPEC_SEND, callbackUrl: undefined }, {}, '/messages/sms');
		expect(response.status).toBe(202);
	});

	it.each([
		['short code', '12345'],
		['8-digit short code', '12345678'],
		['alphanumeric ID', 'MyShop2'],
		['11-character ID', 'ABCDEFGHIJK'],
		['E.164 number', '+442079460958'],
	])('accepts a %s as sender', async (_kind, from) => {
		expect((await sendQuietly({ from })).status).toBe(202);
	});

	it.each([
		['2 digits', '12'],
		['9 digits, no +', '123456789'],
		['12-character ID', 'ABCDEFGHIJKL'],
		['ID with a space', 'My Shop'],
	])('refuses a sender of %s with 400', async (_kind, from) => {
		const response = await sendQuietly({ from });
		expect(response.status).toBe(400);
		expect((await readJson(response)).message).toEqual([expect.stringMatching(/^from must be a 3-8 digit short code/)]);
	});

	it.each([
		['servicePlanId not 24 hex', { servicePlanId: 'abc' }, 'servicePlanId must be a 24-character hex identifier'],
		['channel not SMS', { channel: 'MMS' }, 'channel must be one of the following values: SMS'],
		['to not E.164', { to: '5550002222' }, 'to must be a phone number in E.164 format'],
		['body over 1600 characters', { body: 'x'.repeat(1601) }, 'body must be shorter than or equal to 1600 characters'],
		['body missing', { body: undefined }, 'body must be a non-empty string'],
		['callbackUrl over http', { callbackUrl: 'http://client.example.com/dlr' }, expect.stringMatching(/^callbackUrl must use https/)],
		['callbackUrl with an underscore', { callbackUrl: 'https://my_host.example.com/dlr' }, 'callbackUrl must have a valid hostname without underscores'],
	])('answers 400 for %s (NestJS validation body)', async (_name, change, problem) => {
		const response = await send({ ...SPEC_SEND, ...change });
		expect(response.status).toBe(400);
		expect(await readJson(response)).toEqual({ statusCode: 400, message: [problem], error: 'Bad Request' });
	});

	it('answers 400 to a list of messages and to JSON that does not parse', async () => {
		const list = await send([SPEC_SEND]);
		expect(list.status).toBe(400);
		expect((await readJson(list)).message).toEqual(['Request body must be a single message object, not a list']);
		const broken = await send('{"servicePlanId": ');
		expect(broken.status).toBe(400);
		expect((await readJson(broken)).message).toBe('Request body is not valid JSON');
	});

	it.each([
		['no Authorization header', {}, 'Missing Bearer token'],
		['a token without Bearer', { authorization: TOKEN }, 'Malformed Authorization header: expected "Bearer <token>"'],
		['a wrong token', { authorization: 'Bearer nope' }, 'Invalid token'],
	])('answers 401 to %s, before looking at the body', async (_name, headers, message) => {
		const response = await fetch(url('/sendsms'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: '{"not": "checked"}',
		});
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer');
		expect(await readJson(response)).toEqual({ statusCode: 401, message, error: 'Unauthorized' });
	});

	it.each([
		['an inactive plan', SMSCPR_SANDBOX_PLANS.inactive, 401, 'Service plan is not active'],
		['a plan with incomplete configuration', SMSCPR_SANDBOX_PLANS.incomplete, 400, 'Service plan configuration is incomplete'],
		['a plan not provisioned', '0123456789abcdef01234567', 404, 'Service plan is not provisioned for this account'],
	])('refuses %s', async (_name, servicePlanId, status, message) => {
		const response = await sendQuietly({ servicePlanId });
		expect(response.status).toBe(status);
		expect((await readJson(response)).message).toBe(message);
	});

	it.each([
		['DENIED', 403, 'Sender DENIED is not authorized for this account and service plan'],
		['Pending', 409, 'Sender Pending subscription is pending approval'],
		['UNKNOWN', 422, 'Sender UNKNOWN subscription status is not recognized'],
	])('answers sender %s with %i', async (from, status, message) => {
		const response = await sendQuietly({ from });
		expect(response.status).toBe(status);
		expect(await readJson(response)).toMatchObject({ statusCode: status, message });
	});

	it('answers 413 when the message record is over 16 KiB', async () => {
		const response = await sendQuietly({ body: 'x'.repeat(1600), callbackUrl: `https://example.com/${'a'.repeat(16 * 1024)}` });
		expect(response.status).toBe(413);
		expect((await readJson(response)).error).toBe('Payload Too Large');
	});

	it('answers an unknown path as NestJS does', async () => {
		const response = await get('/nope');
		expect(response.status).toBe(404);
		expect(await readJson(response)).toEqual({ statusCode: 404, message: 'Cannot GET /nope', error: 'Not Found' });
	});
});

describe('SMSCPR delivery receipts and inbound messages', () => {
	it.each([
		['+12025551234', 'DELIVERED', '000', 'No error'],
		['+12025550000', 'FAILED', '005', expect.stringContaining('Rejected')],
		['+12025550001', 'UNKNOWN', '999', expect.stringContaining('No final status')],
	])('POSTs a JSON DLR for %s with status %s', async (to, status, errorCode, errorMessage) => {
		const response = await sendQuietly({ to, callbackUrl: receiver.url('/sms/status') });
		const { msgId } = await readJson(response);
		const [callback] = await receiver.waitFor(1);

		expect(callback.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(callback.rawBody)).toEqual({
			accountId: '111111111111111111111111',
			servicePlanId: PLAN,
			msgId,
			channel: 'SMS',
			direction: 'MT',
			from: SPEC_SEND.from,
			to,
			body: SPEC_SEND.body,
			status,
			errorCode,
			errorMessage,
		});
		const record = await readJson(await get(`/messages/sms/${msgId}`, { servicePlanId: PLAN }));
		expect(record).toMatchObject({ msgId, status, errorCode });
	});

	it('posts an inbound (MO) message in the spec’s shape when asked through the control API', async () => {
		const answer = await fetch(`${sandbox.baseUrl}/_sandbox/smscpr/inbound`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url: receiver.url('/sms/inbound'), from: '+15550002222', to: '+15550001111', body: 'Need status update for order 12345' }),
		});
		expect(answer.status).toBe(202);
		const [posted] = await receiver.waitFor(1);
		expect(posted.path).toBe('/sms/inbound');
		expect(JSON.parse(posted.rawBody)).toEqual({
			servicePlanId: PLAN,
			msgId: expect.any(String),
			channel: 'SMS',
			direction: 'MO',
			from: '+15550002222',
			to: '+15550001111',
			keyword: 'Need',
			body: 'Need status update for order 12345',
			receivedAt: expect.any(String),
		});
	});
});

describe('SMSCPR message status and list', () => {
	it('answers the DeliveryReceipt of a known message and 404 for an unknown one', async () => {
		const { msgId } = await readJson(await sendQuietly());
		expect(await readJson(await get(`/messages/sms/${msgId}`, { servicePlanId: PLAN }))).toMatchObject({ msgId, to: SPEC_SEND.to });

		const unknown = await get('/messages/sms/019ee2da-e515-7322-805f-1ac6ce82f20f', { servicePlanId: PLAN });
		expect(unknown.status).toBe(404);
		expect((await readJson(unknown)).message).toBe('Message 019ee2da-e515-7322-805f-1ac6ce82f20f not found');
	});

	it('needs the servicePlanId on reads', async () => {
		const response = await get('/messages/sms', { status: 'DELIVERED' });
		expect(response.status).toBe(400);
		expect((await readJson(response)).message).toEqual(['servicePlanId should not be empty']);
	});

	it('needs at least one filter besides servicePlanId', async () => {
		const response = await get('/messages/sms', { servicePlanId: PLAN, limit: 10 });
		expect(response.status).toBe(400);
		expect((await readJson(response)).message).toEqual([
			'Provide at least one filter in addition to servicePlanId: from, to, status, country, mccmnc, fromDate, toDate, or cursor',
		]);
	});

	it('refuses a date window over 31 days and accepts one of 31', async () => {
		const tooLong = await get('/messages/sms', { servicePlanId: PLAN, fromDate: '2026-01-01T00:00:00Z', toDate: '2026-02-01T00:00:01Z' });
		expect(tooLong.status).toBe(400);
		expect((await readJson(tooLong)).message).toEqual(['The window between fromDate and toDate may not exceed 31 days']);
		const allowed = await get('/messages/sms', { servicePlanId: PLAN, fromDate: '2026-01-01T00:00:00Z', toDate: '2026-02-01T00:00:00Z' });
		expect(allowed.status).toBe(200);
	});

	it.each([
		['status', { status: 'READ' }, 'status must be one of the following values: QUEUED, SENT, DELIVERED, FAILED, UNKNOWN'],
		['mccmnc', { mccmnc: '3102' }, 'mccmnc must be 5 or 6 digits'],
		['country', { country: 'usa' }, 'country must be an ISO 3166-1 alpha-2 code'],
		['cursor', { cursor: 'not-a-cursor' }, 'cursor is not valid'],
	])('refuses an invalid %s filter', async (_name, filter, message) => {
		const response = await get('/messages/sms', { servicePlanId: PLAN, ...filter });
		expect(response.status).toBe(400);
		expect((await readJson(response)).message).toEqual([message]);
	});

	it('pages newest first with pagination.nextCursor, the cursor alone continuing the search', async () => {
		const seeded = sandbox.act('smscpr', 'seed', { count: 5 }).body as { msgIds: string[] };
		const pages: string[][] = [];
		let cursor: string | null = null;
		do {
			const query: Record<string, string | number> = cursor ? { servicePlanId: PLAN, cursor, limit: 2 } : { servicePlanId: PLAN, status: 'DELIVERED', limit: 2 };
			const body = await readJson(await get('/messages/sms', query));
			expect(body.pagination.limit).toBe(2);
			pages.push(body.data.map((record: { msgId: string }) => record.msgId));
			cursor = body.pagination.nextCursor;
		} while (cursor);

		expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
		expect(pages.flat()).toEqual(seeded.msgIds);
	});

	it('defaults to 20 a page and caps the limit at 100', async () => {
		sandbox.act('smscpr', 'seed', { count: 130 });
		const byDefault = await readJson(await get('/messages/sms', { servicePlanId: PLAN, status: 'DELIVERED' }));
		expect(byDefault.data).toHaveLength(20);
		const capped = await readJson(await get('/messages/sms', { servicePlanId: PLAN, status: 'DELIVERED', limit: 500 }));
		expect(capped.data).toHaveLength(100);
		expect(capped.pagination).toEqual({ limit: 100, nextCursor: expect.any(String) });
	});

	it('filters by recipient, status and country', async () => {
		await sendQuietly({ to: '+12025551234' });
		await sendQuietly({ to: '+12025550000' });
		await sendQuietly({ to: '+442079460958' });
		const failed = await readJson(await get('/messages/sms', { servicePlanId: PLAN, status: 'FAILED' }));
		expect(failed.data.map((record: { to: string }) => record.to)).toEqual(['+12025550000']);
		const british = await readJson(await get('/messages/sms', { servicePlanId: PLAN, country: 'GB' }));
		expect(british.data.map((record: { to: string }) => record.to)).toEqual(['+442079460958']);
		const one = await readJson(await get('/messages/sms', { servicePlanId: PLAN, to: '+12025551234' }));
		expect(one.data).toHaveLength(1);
		expect(one.pagination.nextCursor).toBeNull();
	});
});
