import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, ENVELOPE, MESSAGE_ID, sendMessages, SPEC_SEND_EXAMPLE } from './clicksend-client';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
});

afterEach(() => sandbox.reset());

afterAll(async () => {
	await sandbox.close();
});

const PAGINATOR_KEYS = ['current_page', 'data', 'from', 'last_page', 'next_page_url', 'per_page', 'prev_page_url', 'to', 'total'];

describe('ClickSend authentication', () => {
	it.each([
		['no Authorization header', null],
		['a wrong API key', `Basic ${Buffer.from('sandbox-user:wrong').toString('base64')}`],
		['a wrong username', `Basic ${Buffer.from('someone:sandbox-clicksend-key').toString('base64')}`],
		['a bearer token', 'Bearer sandbox-clicksend-key'],
	])('answers 401 UNAUTHORIZED in the envelope for %s, before looking at the body', async (_case, authorization) => {
		const response = await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE, authorization);
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ http_code: 401, response_code: 'UNAUTHORIZED', response_msg: expect.any(String), data: null });
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([]);
	});

	it('checks the credential at GET /account', async () => {
		const response = await call(sandbox, 'GET', '/account');
		expect(response.status).toBe(200);
		expect(response.body).toEqual({ ...ENVELOPE, data: expect.objectContaining({ username: 'sandbox-user', user_id: expect.any(Number) }) });
	});

	it('answers 404 NOT_FOUND and 405 METHOD_NOT_FOUND in the envelope', async () => {
		expect((await call(sandbox, 'GET', '/nothing-here')).body).toEqual(expect.objectContaining({ http_code: 404, response_code: 'NOT_FOUND' }));
		const wrongMethod = await call(sandbox, 'GET', '/sms/send');
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
		expect(wrongMethod.body.response_code).toBe('METHOD_NOT_FOUND');
	});

	it('answers 400 BAD_REQUEST to JSON that does not parse', async () => {
		const response = await call(sandbox, 'POST', '/sms/send', '{"messages": [');
		expect(response.status).toBe(400);
		expect(response.body.response_code).toBe('BAD_REQUEST');
	});
});

describe('ClickSend POST /sms/send', () => {
	it('queues the spec example and answers the spec shape', async () => {
		const response = await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Messages queued for delivery.',
			data: {
				total_price: 0.1584,
				total_count: 2,
				queued_count: 2,
				messages: [
					expect.objectContaining({ to: '+61411111111', status: 'SUCCESS', message_id: MESSAGE_ID, message_parts: 1, message_price: '0.0792', country: 'AU' }),
					expect.objectContaining({ to: '+61422222222', status: 'SUCCESS', message_id: MESSAGE_ID, message_parts: 1, message_price: '0.0792' }),
				],
				_currency: expect.objectContaining({ currency_name_short: 'AUD' }),
				blocked_count: 0,
			},
		});
		expect(sandbox.inspect('clicksend', 'messages')).toHaveLength(2);
	});

	it('gives each message its own status in one 200', async () => {
		const response = await sendMessages(sandbox, [
			{ to: '+61411111111', body: 'ok', custom_string: 'order-1' },
			{ to: '+61411119999', body: 'invalid recipient' },
			{ to: '+61411119998', body: 'no credit' },
			{ to: 'not a number', body: 'invalid too' },
			{ to: '+61411111112', body: '' },
		]);
		expect(response.status).toBe(200);
		expect(response.body.data.messages.map((message: { status: string }) => message.status)).toEqual([
			'SUCCESS',
			'INVALID_RECIPIENT',
			'INSUFFICIENT_CREDIT',
			'INVALID_RECIPIENT',
			'MISSING_REQUIRED_FIELDS',
		]);
		expect(response.body.data).toEqual(expect.objectContaining({ total_count: 5, queued_count: 1, total_price: 0.0792 }));
		expect(response.body.data.messages[0]).toEqual(expect.objectContaining({ custom_string: 'order-1', message_price: '0.0792' }));
		expect(response.body.data.messages[1].message_price).toBe('0.0000');
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([expect.objectContaining({ to: '+61411111111', custom_string: 'order-1' })]);
	});

	it('normalises a local number with the message country (default AU) and counts parts', async () => {
		const response = await sendMessages(sandbox, [
			{ to: '0411111111', body: 'a'.repeat(161) },
			{ to: '2025550123', country: 'US', body: 'Ünïcödé ✓' },
			{ to: '+61411111111', body: '✓'.repeat(71) },
		]);
		const [local, american, unicode] = response.body.data.messages;
		expect(local).toEqual(expect.objectContaining({ to: '+61411111111', message_parts: 2, message_price: '0.1584' }));
		expect(american).toEqual(expect.objectContaining({ to: '+12025550123', country: 'US', message_parts: 1 }));
		expect(unicode.message_parts).toBe(2);
	});

	it('expands the sandbox contact list and refuses an unknown list', async () => {
		const response = await sendMessages(sandbox, [{ list_id: 428, body: 'to the list' }, { list_id: 999, body: 'nobody' }]);
		expect(response.body.data.messages).toEqual([
			expect.objectContaining({ to: '+61411111111', list_id: 428, contact_id: 1001, status: 'SUCCESS' }),
			expect.objectContaining({ to: '+61422222222', list_id: 428, contact_id: 1002, status: 'SUCCESS' }),
			expect.objectContaining({ list_id: 999, status: 'INVALID_RECIPIENT' }),
		]);
	});

	it('accepts 1000 messages and refuses 1001 with 400, sending nothing', async () => {
		const messages = (count: number) => Array.from({ length: count }, (_, index) => ({ to: `+614${String(index).padStart(8, '1')}`, body: 'bulk' }));
		const tooMany = await sendMessages(sandbox, messages(1001));
		expect(tooMany.status).toBe(400);
		expect(tooMany.body).toEqual({ http_code: 400, response_code: 'BAD_REQUEST', response_msg: expect.stringContaining('1000'), data: null });
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([]);

		const allowed = await sendMessages(sandbox, messages(1000));
		expect(allowed.status).toBe(200);
		expect(allowed.body.data.total_count).toBe(1000);
	});

	it.each([[{}], [{ messages: [] }], [{ messages: 'hi' }]])('refuses %j with 400 BAD_REQUEST', async (body) => {
		const response = await call(sandbox, 'POST', '/sms/send', body);
		expect(response.status).toBe(400);
		expect(response.body.response_code).toBe('BAD_REQUEST');
	});

	it('logs each request with its messages, so a test can count what was sent', async () => {
		await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE);
		await sendMessages(sandbox, [{ to: '+61433333333', body: 'third' }]);
		const sent = sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/send' });
		expect(sent.flatMap((entry) => (entry.body as { messages: unknown[] }).messages)).toHaveLength(3);
	});

	it('goes through the generic faults: a 429 and a 500 send nothing', async () => {
		sandbox.injectFault({ provider: 'clicksend', kind: 'status', status: 429, path: '/sms/send', retryAfter: 2 });
		sandbox.injectFault({ provider: 'clicksend', kind: 'status', status: 500, path: '/sms/send' });
		const limited = await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect((await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE)).status).toBe(500);
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([]);
		expect((await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE)).status).toBe(200);
	});
});

describe('ClickSend POST /sms/price', () => {
	it('prices the spec example without sending anything', async () => {
		const response = await call(sandbox, 'POST', '/sms/price', SPEC_SEND_EXAMPLE);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Here is some pricing.',
			data: expect.objectContaining({ total_price: 0.1584, total_count: 2, queued_count: 2, _currency: expect.any(Object), _summary: expect.any(Object), blocked_count: 0 }),
		});
		expect(response.body.data.messages[0]).toEqual(expect.objectContaining({ message_parts: 1, message_price: '0.0792', status: 'SUCCESS' }));
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([]);
		expect(sandbox.callbacks()).toEqual([]);
	});
});

describe('ClickSend scheduled messages and cancelling', () => {
	const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

	it('holds a message scheduled for later, and cancels it by id', async () => {
		const sent = await sendMessages(sandbox, [{ to: '+61411111111', body: 'later', schedule: inAnHour() }]);
		const messageId = sent.body.data.messages[0].message_id;
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([expect.objectContaining({ message_id: messageId, status: 'Scheduled' })]);
		expect(sandbox.inspect('clicksend', 'receipts')).toEqual([]);

		const cancelled = await call(sandbox, 'PUT', `/sms/${messageId}/cancel`);
		expect(cancelled.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Scheduled sms message has been cancelled.', data: null });
		expect((await call(sandbox, 'PUT', `/sms/${messageId}/cancel`)).status).toBe(400);
		expect((await call(sandbox, 'PUT', '/sms/00000000-0000-0000-0000-000000000000/cancel')).status).toBe(404);
	});

	it('cancels all scheduled messages, or only those with a custom_string', async () => {
		await sendMessages(sandbox, [
			{ to: '+61411111111', body: 'a', schedule: inAnHour(), custom_string: 'campaign-1' },
			{ to: '+61422222222', body: 'b', schedule: inAnHour(), custom_string: 'campaign-1' },
			{ to: '+61433333333', body: 'c', schedule: inAnHour(), custom_string: 'campaign-2' },
			{ to: '+61444444444', body: 'now' },
		]);
		const byCustomString = await call(sandbox, 'PUT', '/sms/cancel-all', { custom_string: 'campaign-1' });
		expect(byCustomString.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: '2 sms messages have been cancelled.', data: { count: 2 } });
		const rest = await call(sandbox, 'PUT', '/sms/cancel-all');
		expect(rest.body.data).toEqual({ count: 1 });
	});
});

describe('ClickSend GET /sms/history', () => {
	it('pages through 40 messages in 3 pages of 15, page URLs keeping the other parameters', async () => {
		await sendMessages(sandbox, Array.from({ length: 40 }, (_, index) => ({ to: '+61411111111', body: `message ${index}` })));
		const first = await call(sandbox, 'GET', '/sms/history');
		expect(first.body.response_msg).toBe('Here are your history.');
		expect(Object.keys(first.body.data).sort()).toEqual(PAGINATOR_KEYS);
		expect(first.body.data).toEqual(expect.objectContaining({ total: 40, per_page: 15, current_page: 1, last_page: 3, prev_page_url: null, from: 1, to: 15 }));
		expect(first.body.data.next_page_url).toBe(`${sandbox.providerUrl('clicksend')}/sms/history?page=2`);

		const second = await call(sandbox, 'GET', new URL(first.body.data.next_page_url).pathname.replace('/clicksend', '') + '?page=2');
		expect(second.body.data).toEqual(expect.objectContaining({ current_page: 2, from: 16, to: 30 }));
		const third = await call(sandbox, 'GET', '/sms/history?page=3');
		expect(third.body.data).toEqual(expect.objectContaining({ current_page: 3, from: 31, to: 40, next_page_url: null }));
		expect(third.body.data.data).toHaveLength(10);
		const filtered = await call(sandbox, 'GET', '/sms/history?order_by=date:desc&limit=20');
		expect(filtered.body.data.next_page_url).toBe(`${sandbox.providerUrl('clicksend')}/sms/history?order_by=date%3Adesc&limit=20&page=2`);
		const bodies = [first, second, third].flatMap((page) => page.body.data.data.map((message: { body: string }) => message.body));
		expect(new Set(bodies).size).toBe(40);
	});

	it('gives each entry the spec history fields', async () => {
		await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE);
		const [entry] = (await call(sandbox, 'GET', '/sms/history')).body.data.data;
		expect(Object.keys(entry).sort()).toEqual(
			[
				'direction', 'date', 'to', 'body', 'status', 'from', 'schedule', 'status_code', 'status_text', 'message_id', 'message_parts', 'message_price',
				'from_email', 'list_id', 'custom_string', 'contact_id', 'user_id', 'subaccount_id', 'country', 'carrier', 'first_name', 'last_name', '_api_username',
			].sort(),
		);
		expect(entry).toEqual(expect.objectContaining({ direction: 'out', status: 'Sent', status_code: '201', to: '+61411111111' }));
	});

	it('filters with q, order_by, date_from and date_to', async () => {
		await sendMessages(sandbox, [
			{ to: '+61411110000', body: 'b failed' },
			{ to: '+61411111111', body: 'a delivered', from: 'SandboxCo' },
			{ to: '+61422222222', body: 'c later', schedule: Math.floor(Date.now() / 1000) + 3600 },
		]);
		const history = async (query: string) => (await call(sandbox, 'GET', `/sms/history?${query}`)).body.data;

		expect((await history('q=status:Failed')).data.map((message: { to: string }) => message.to)).toEqual(['+61411110000']);
		expect((await history('q=status:scheduled')).total).toBe(1);
		expect((await history(`q=${encodeURIComponent('to:+6142')}`)).total).toBe(1);
		expect((await history('q=from:SandboxCo')).total).toBe(1);
		expect((await history('order_by=body:desc')).data.map((message: { body: string }) => message.body)).toEqual(['c later', 'b failed', 'a delivered']);
		const now = Math.floor(Date.now() / 1000);
		expect((await history(`date_from=${now - 60}&date_to=${now + 60}`)).total).toBe(3);
		expect((await history(`date_from=${now + 60}`)).total).toBe(0);
	});

	it('exports a CSV behind a download URL that needs no credentials', async () => {
		await call(sandbox, 'POST', '/sms/send', SPEC_SEND_EXAMPLE);
		const exported = await call(sandbox, 'GET', '/sms/history/export?filename=sent.csv');
		expect(exported.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Download your file here.', data: { url: expect.any(String) } });
		const download = await fetch(exported.body.data.url);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
		const lines = (await download.text()).trim().split('\r\n');
		expect(lines).toHaveLength(3);
		expect(lines[1]).toContain('+61411111111');
		expect((await call(sandbox, 'GET', '/sms/history/export?filename=sent.txt')).status).toBe(400);
	});
});

describe('ClickSend sender lists', () => {
	it.each([
		['/numbers', 'dedicated_number'],
		['/own-numbers', 'phone_number'],
		['/alpha-tags', 'alpha_tag'],
	])('GET %s answers a paginated list with %s', async (path, field) => {
		const response = await call(sandbox, 'GET', path);
		expect(response.status).toBe(200);
		expect(Object.keys(response.body.data).sort()).toEqual(PAGINATOR_KEYS);
		expect(response.body.data.data[0]).toEqual(expect.objectContaining({ [field]: expect.any(String) }));
	});

	it('replaces the lists given by the senders action, pages them, and restores them on reset', async () => {
		const ownNumbers = Array.from({ length: 120 }, (_, index) => `+614001${String(index).padStart(5, '0')}`);
		expect(sandbox.act('clicksend', 'senders', { ownNumbers, alphaTags: [] })).toEqual({
			status: 200,
			body: { dedicatedNumbers: ['+61411000100', '+61411000200'], ownNumbers, alphaTags: [] },
		});

		const second = await call(sandbox, 'GET', '/own-numbers?page=2&limit=100');
		expect(second.body.data).toEqual(expect.objectContaining({ total: 120, current_page: 2, last_page: 2 }));
		expect(second.body.data.data.map((entry: { phone_number: string }) => entry.phone_number)).toEqual(ownNumbers.slice(100));
		expect((await call(sandbox, 'GET', '/alpha-tags')).body.data.total).toBe(0);
		expect((await call(sandbox, 'GET', '/numbers')).body.data.total).toBe(2);

		expect(sandbox.act('clicksend', 'senders', { ownNumbers: ['+61400111222', 7] }).status).toBe(400);
		sandbox.reset();
		expect((await call(sandbox, 'GET', '/own-numbers')).body.data.data).toEqual([expect.objectContaining({ phone_number: '+61400111222' })]);
	});
});
