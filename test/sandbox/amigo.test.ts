import { SANDBOX_KEYS } from '../../sandbox/keys';
import { AMIGO_REASONS, AMIGO_SANDBOX_USE_CASES } from '../../sandbox/providers/amigo';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readJson } from './read-json';

const API_KEY = SANDBOX_KEYS.amigo.apiKey;
const USE_CASE = SANDBOX_KEYS.amigo.useCaseId;

/** The spec's request, with values of our own: amigo.md documents the fields but gives no example values. */
const SPEC_REQUEST = {
	use_case_id: USE_CASE,
	to_phone_number: '+14155552671',
	message: 'Your appointment is confirmed for tomorrow at 10:00 AM.',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterEach(() => sandbox.reset());
afterAll(async () => {
	await sandbox.close();
});

function sendSms(
	body: unknown,
	headers: Record<string, string> = { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
	path = '/v1/sms/',
	method = 'POST',
) {
	return fetch(`${sandbox.providerUrl('amigo')}${path}`, {
		method,
		headers,
		body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
}

describe('Amigo send', () => {
	it('answers 201 with the message record of the spec, from_number and num_segments null', async () => {
		const response = await sendSms(SPEC_REQUEST);

		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const record = await readJson(response);
		expect(record).toEqual({
			id: expect.stringMatching(UUID),
			use_case_id: USE_CASE,
			message_sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
			from_number: null,
			to_number: '+14155552671',
			body: SPEC_REQUEST.message,
			num_segments: null,
			status: 'pending',
			handed_off_at: null,
			delivered_at: null,
			errored_at: null,
			error_code: null,
			created_at: expect.stringMatching(ISO_DATE),
			updated_at: record.created_at,
		});
		expect(sandbox.inspect('amigo', 'messages')).toEqual([record]);
	});

	it('gives every message its own id and message_sid', async () => {
		const records = [];
		for (let i = 0; i < 3; i++) records.push(await readJson(await sendSms({ ...SPEC_REQUEST, message: `n${i}` })));
		expect(new Set(records.map((record) => record.id)).size).toBe(3);
		expect(new Set(records.map((record) => record.message_sid)).size).toBe(3);
	});

	it('accepts the path without the trailing slash and a use case ID in upper case, answering it lower case', async () => {
		const response = await sendSms({ ...SPEC_REQUEST, use_case_id: USE_CASE.toUpperCase() }, undefined, '/v1/sms');
		expect(response.status).toBe(201);
		expect((await readJson(response)).use_case_id).toBe(USE_CASE);
	});

	it('accepts 1 and 1600 characters, counting an emoji as one', async () => {
		for (const message of ['x', 'x'.repeat(1600), '😀'.repeat(1600)]) {
			expect((await sendSms({ ...SPEC_REQUEST, message })).status).toBe(201);
		}
	});

	it('puts the X-RateLimit headers of Amigo’s rate-limit page on every answer', async () => {
		const first = await sendSms(SPEC_REQUEST);
		const second = await sendSms({ ...SPEC_REQUEST, use_case_id: AMIGO_SANDBOX_USE_CASES.noPhoneNumber });
		expect(first.headers.get('x-ratelimit-limit')).toBe('100');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
		expect(second.headers.get('x-ratelimit-remaining')).toBe('98');
		expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
	});
});

describe('Amigo refusals (spec error table)', () => {
	it.each<[string, Record<string, string>, number, string]>([
		['an unknown use case', { use_case_id: '0b9f6a4e-2c1d-4f8a-9e3b-5d7c1a2b3c4d' }, 404, AMIGO_REASONS.useCaseNotFound],
		['a use case without a phone number', { use_case_id: AMIGO_SANDBOX_USE_CASES.noPhoneNumber }, 422, AMIGO_REASONS.noPhoneNumber],
		['a US long-code pool without a verified A2P campaign', { use_case_id: AMIGO_SANDBOX_USE_CASES.noA2pCampaign }, 422, AMIGO_REASONS.noA2pCampaign],
		['a suspended brand', { use_case_id: AMIGO_SANDBOX_USE_CASES.brandSuspended }, 422, AMIGO_REASONS.brandSuspended],
		['a landline', { to_phone_number: '+442079460958' }, 422, AMIGO_REASONS.landline],
		['a number that is not real', { to_phone_number: '+19995551234' }, 422, AMIGO_REASONS.notARealNumber],
		['a number that opted out (ends in 7867)', { to_phone_number: '+14155557867' }, 422, AMIGO_REASONS.optedOut],
		['a region not permitted', { to_phone_number: '+33612345678' }, 422, AMIGO_REASONS.regionNotPermitted],
	])('refuses %s with {detail: reason} and keeps nothing', async (_case, change, status, reason) => {
		const response = await sendSms({ ...SPEC_REQUEST, ...change });
		expect(response.status).toBe(status);
		expect(await readJson(response)).toEqual({ detail: reason });
		expect(sandbox.inspect('amigo', 'messages')).toEqual([]);
	});

	it('checks the use case before the destination', async () => {
		const response = await sendSms({ ...SPEC_REQUEST, use_case_id: AMIGO_SANDBOX_USE_CASES.noPhoneNumber, to_phone_number: '+442079460958' });
		expect(await readJson(response)).toEqual({ detail: AMIGO_REASONS.noPhoneNumber });
	});

	it('allows Canada', async () => {
		expect((await sendSms({ ...SPEC_REQUEST, to_phone_number: '+16135550123' })).status).toBe(201);
	});
});

describe('Amigo validation (FastAPI / Pydantic 422)', () => {
	it.each<[string, unknown, Array<Record<string, unknown>>]>([
		['every field missing', {}, ['use_case_id', 'to_phone_number', 'message'].map((field) => ({ type: 'missing', loc: ['body', field], msg: 'Field required' }))],
		['a use case ID that is not a UUID', { ...SPEC_REQUEST, use_case_id: 'reminders' }, [{ type: 'uuid_parsing', loc: ['body', 'use_case_id'] }]],
		['a use case ID that is a number', { ...SPEC_REQUEST, use_case_id: 42 }, [{ type: 'uuid_type', loc: ['body', 'use_case_id'] }]],
		['a number not in E.164', { ...SPEC_REQUEST, to_phone_number: '(415) 555-2671' }, [{ type: 'value_error', loc: ['body', 'to_phone_number'] }]],
		['a number that is not a string', { ...SPEC_REQUEST, to_phone_number: 14155552671 }, [{ type: 'string_type', loc: ['body', 'to_phone_number'] }]],
		['an empty message', { ...SPEC_REQUEST, message: '' }, [{ type: 'string_too_short', loc: ['body', 'message'], ctx: { min_length: 1 } }]],
		['a 1,601-character message', { ...SPEC_REQUEST, message: 'x'.repeat(1601) }, [{ type: 'string_too_long', loc: ['body', 'message'], ctx: { max_length: 1600 } }]],
	])('answers %s with a detail list', async (_case, body, issues) => {
		const response = await sendSms(body);
		expect(response.status).toBe(422);
		const answer = await readJson(response);
		expect(answer.detail).toEqual(issues.map((issue) => expect.objectContaining({ ...issue, msg: issue.msg ?? expect.any(String) })));
		expect(sandbox.inspect('amigo', 'messages')).toEqual([]);
	});

	it('answers JSON that does not parse with json_invalid', async () => {
		const response = await sendSms('{"use_case_id": ');
		expect(response.status).toBe(422);
		expect((await readJson(response)).detail).toEqual([
			expect.objectContaining({ type: 'json_invalid', loc: ['body', expect.any(Number)], msg: 'JSON decode error' }),
		]);
	});

	it('answers an empty body and a body that is not an object', async () => {
		expect((await readJson(await sendSms(''))).detail).toEqual([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
		expect((await readJson(await sendSms('[1]'))).detail).toEqual([expect.objectContaining({ type: 'model_attributes_type', loc: ['body'] })]);
	});

	it('reads only JSON content types as JSON: text/plain and a form are not an object', async () => {
		const text = await sendSms(SPEC_REQUEST, { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'text/plain' });
		expect((await readJson(text)).detail).toEqual([expect.objectContaining({ type: 'model_attributes_type' })]);
		const form = await sendSms('use_case_id=x', { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' });
		expect((await readJson(form)).detail).toEqual([expect.objectContaining({ type: 'model_attributes_type' })]);
	});
});

describe('Amigo authentication', () => {
	it.each([
		['missing', { 'Content-Type': 'application/json' }, 'Not authenticated'],
		['not Bearer', { Authorization: `Basic ${API_KEY}`, 'Content-Type': 'application/json' }, 'Not authenticated'],
		['wrong', { Authorization: 'Bearer not-the-key', 'Content-Type': 'application/json' }, 'Invalid or expired API key'],
	])('answers 401 with WWW-Authenticate: Bearer when the key is %s', async (_case, headers, detail) => {
		const response = await sendSms(SPEC_REQUEST, headers);
		expect(response.status).toBe(401);
		expect(response.headers.get('www-authenticate')).toBe('Bearer');
		expect(await readJson(response)).toEqual({ detail });
		expect(sandbox.inspect('amigo', 'messages')).toEqual([]);
	});

	it('checks the key before the body', async () => {
		const response = await sendSms('{"use_case_id": ', { 'Content-Type': 'application/json' });
		expect(response.status).toBe(401);
	});
});

describe('Amigo routes', () => {
	it('answers an unknown path with FastAPI’s 404', async () => {
		const response = await sendSms(SPEC_REQUEST, undefined, '/v1/mms/');
		expect(response.status).toBe(404);
		expect(await readJson(response)).toEqual({ detail: 'Not Found' });
	});

	it('answers another method with 405 and Allow', async () => {
		const response = await sendSms(undefined, { Authorization: `Bearer ${API_KEY}` }, '/v1/sms/', 'GET');
		expect(response.status).toBe(405);
		expect(response.headers.get('allow')).toBe('POST');
		expect(await readJson(response)).toEqual({ detail: 'Method Not Allowed' });
	});
});

describe('Amigo rate limiting through fault injection', () => {
	it('a 429 fault carries Retry-After and X-RateLimit-* with nothing remaining', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 429, retryAfter: 7, body: { detail: 'Rate limit exceeded' } });
		const response = await sendSms(SPEC_REQUEST);

		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('7');
		expect(response.headers.get('x-ratelimit-limit')).toBe('100');
		expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
		const reset = Number(response.headers.get('x-ratelimit-reset'));
		expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 6);
		expect(await readJson(response)).toEqual({ detail: 'Rate limit exceeded' });
		expect(sandbox.inspect('amigo', 'messages')).toEqual([]);
	});

	it('a fault’s own headers win over the provider’s', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 429, headers: { 'X-RateLimit-Limit': '10' } });
		const response = await sendSms(SPEC_REQUEST);
		expect(response.headers.get('x-ratelimit-limit')).toBe('10');
	});

	it('refuses fault headers that are not strings', () => {
		expect(() => sandbox.injectFault({ provider: 'amigo', kind: 'status', headers: { a: 1 } as unknown as Record<string, string> })).toThrow(
			'headers must be an object',
		);
	});

	it('other faults get no rate-limit headers', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 500 });
		const response = await sendSms(SPEC_REQUEST);
		expect(response.status).toBe(500);
		expect(response.headers.get('x-ratelimit-limit')).toBeNull();
	});
});
