import { startSandbox, type Sandbox } from '../../sandbox/server';
import { call, ENVELOPE, MESSAGE_ID, sendMessages, simulateInbound } from './clicksend-client';
import { startReceiver, type Receiver } from './receiver';

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	receiver = await startReceiver();
});

afterEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
});

afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});

const RECEIPT_FIELDS = ['timestamp_send', 'timestamp', 'message_id', 'status_code', 'status_text', 'error_code', 'error_text', 'custom_string', 'subaccount_id', 'message_type'];
const INBOUND_FIELDS = ['originalsenderid', 'body', 'message', 'sms', 'from', 'to', 'timestamp', 'message_id', 'original_message_id', 'original_body', 'user_id', 'subaccount_id', 'custom_string'];

function receiptRule(path = '/dlr', extra: Record<string, unknown> = {}) {
	return { rule_name: 'All receipts', match_type: 0, action: 'URL', action_address: receiver.url(path), enabled: 1, ...extra };
}

function inboundRule(extra: Record<string, unknown> = {}) {
	return { rule_name: 'Replies', dedicated_number: '*', message_search_type: 0, message_search_term: '', action: 'URL', action_address: receiver.url('/inbound'), enabled: 1, ...extra };
}

function formOf(rawBody: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(rawBody));
}

describe('ClickSend automation rules', () => {
	it.each([
		['/automations/sms/receipts', 'receipt_rule_id', receiptRule],
		['/automations/sms/inbound', 'inbound_rule_id', inboundRule],
	] as const)('%s: full CRUD with the envelope', async (path, idName, makeRule) => {
		const created = await call(sandbox, 'POST', path, makeRule());
		expect(created.status).toBe(200);
		expect(created.body).toEqual({ ...ENVELOPE, data: expect.objectContaining({ ...makeRule(), [idName]: expect.any(Number) }) });
		const id = created.body.data[idName];

		const listed = await call(sandbox, 'GET', path);
		expect(listed.body.data).toEqual(expect.objectContaining({ total: 1, current_page: 1, data: [created.body.data] }));
		expect((await call(sandbox, 'GET', `${path}/${id}`)).body.data).toEqual(created.body.data);

		const updated = await call(sandbox, 'PUT', `${path}/${id}`, { rule_name: 'Renamed', enabled: 0 });
		expect(updated.body.data).toEqual({ ...created.body.data, rule_name: 'Renamed', enabled: 0 });

		const deleted = await call(sandbox, 'DELETE', `${path}/${id}`);
		expect(deleted.body).toEqual({ ...ENVELOPE, data: null });
		expect((await call(sandbox, 'GET', `${path}/${id}`)).status).toBe(404);
		expect((await call(sandbox, 'DELETE', `${path}/${id}`)).status).toBe(404);
		expect((await call(sandbox, 'GET', path)).body.data.total).toBe(0);
	});

	it('defaults an inbound rule to the post webhook type and refuses bad fields', async () => {
		// inboundRule() leaves webhook_type out.
		expect((await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule())).body.data.webhook_type).toBe('post');
		const refusals = [
			inboundRule({ webhook_type: 'xml' }),
			inboundRule({ message_search_type: 7 }),
			inboundRule({ message_search_type: 1, message_search_term: '' }),
			inboundRule({ action_address: 'not a url' }),
			inboundRule({ dedicated_number: undefined }),
			inboundRule({ enabled: 2 }),
		];
		for (const rule of refusals) {
			const response = await call(sandbox, 'POST', '/automations/sms/inbound', rule);
			expect([response.status, response.body.response_code]).toEqual([400, 'BAD_REQUEST']);
		}
		const noMatchType = await call(sandbox, 'POST', '/automations/sms/receipts', receiptRule('/dlr', { match_type: undefined }));
		expect(noMatchType.status).toBe(400);
		expect(sandbox.inspect('clicksend', 'rules')).toEqual({ inbound: [expect.objectContaining({ webhook_type: 'post' })], receipts: [] });
	});
});

describe('ClickSend delivery receipts', () => {
	it('posts a form-encoded receipt to every enabled receipt rule after a send', async () => {
		await call(sandbox, 'POST', '/automations/sms/receipts', receiptRule('/dlr-a'));
		await call(sandbox, 'POST', '/automations/sms/receipts', receiptRule('/dlr-b'));
		await call(sandbox, 'POST', '/automations/sms/receipts', receiptRule('/dlr-off', { enabled: 0 }));
		await call(sandbox, 'POST', '/automations/sms/receipts', { ...receiptRule('/dlr-poll'), action: 'POLL' });
		const sent = await sendMessages(sandbox, [{ to: '+61411111111', body: 'hi', custom_string: 'order-42' }]);
		const messageId = sent.body.data.messages[0].message_id;

		const received = await receiver.waitFor(2);
		await sandbox.waitForCallbacks(2);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(received.map((request) => request.path).sort()).toEqual(['/dlr-a', '/dlr-b']);
		for (const request of received) {
			expect(request.method).toBe('POST');
			expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
			const form = formOf(request.rawBody);
			expect(Object.keys(form)).toEqual(RECEIPT_FIELDS);
			expect(form).toEqual(expect.objectContaining({ message_id: messageId, status_code: '201', custom_string: 'order-42', message_type: 'sms', error_code: '' }));
		}
		expect(sandbox.callbacks().map((callback) => callback.origin)).toEqual(['clicksend', 'clicksend']);
	});

	it.each([
		['+61411110000', '301', 'Failed'],
		['+61411110001', '300', 'Sent'],
		['+61411110002', '200', 'Sent'],
		['+61411111111', '201', 'Sent'],
	])('decides the outcome by the last digits: %s → %s', async (to, statusCode, historyStatus) => {
		await call(sandbox, 'POST', '/automations/sms/receipts', receiptRule());
		await sendMessages(sandbox, [{ to, body: 'outcome' }]);
		const [request] = await receiver.waitFor(1);
		const form = formOf(request.rawBody);
		expect(form.status_code).toBe(statusCode);
		if (statusCode.startsWith('3')) expect(form.error_text).toContain('sandbox rule');
		expect(sandbox.inspect('clicksend', 'messages')).toEqual([expect.objectContaining({ status: historyStatus, status_code: statusCode })]);
	});

	it('keeps receipts for polling: unread list, one by id, mark read with and without date_before', async () => {
		const sent = await sendMessages(sandbox, [{ to: '+61411111111', body: 'one' }, { to: '+61422222222', body: 'two' }]);
		const [first] = sent.body.data.messages;

		const unread = await call(sandbox, 'GET', '/sms/receipts');
		expect(unread.body).toEqual({ ...ENVELOPE, response_msg: 'Here are your delivery receipts.', data: expect.objectContaining({ total: 2, per_page: 15 }) });
		expect(Object.keys(unread.body.data.data[0])).toEqual([...RECEIPT_FIELDS, 'digits']);

		const markedBefore = await call(sandbox, 'PUT', '/sms/receipts-read', { date_before: 1441958441 });
		expect(markedBefore.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Receipts have been marked as read.', data: null });
		expect((await call(sandbox, 'GET', '/sms/receipts')).body.data.total).toBe(2);

		await call(sandbox, 'PUT', '/sms/receipts-read');
		expect((await call(sandbox, 'GET', '/sms/receipts')).body.data).toEqual(expect.objectContaining({ total: 0, data: [], from: null, to: null }));
		const one = await call(sandbox, 'GET', `/sms/receipts/${first.message_id}`);
		expect(one.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Your receipt.', data: expect.objectContaining({ message_id: first.message_id, status_code: '201' }) });
		expect((await call(sandbox, 'GET', '/sms/receipts/UNKNOWN')).status).toBe(404);
	});

	it('sends a test receipt to a URL (POST /sms/receipts), or keeps it with url "poll"', async () => {
		const test = await call(sandbox, 'POST', '/sms/receipts', { url: receiver.url('/test-dlr') });
		expect(test.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Receipt has been added',
			data: expect.objectContaining({ message_id: MESSAGE_ID, status_code: '201', status_text: 'Success: Message received on handset.', message_type: 'sms', digits: null }),
		});
		const [request] = await receiver.waitFor(1);
		expect(formOf(request.rawBody).message_id).toBe(test.body.data.message_id);
		expect(sandbox.inspect('clicksend', 'receipts')).toEqual([]);

		await call(sandbox, 'POST', '/sms/receipts', { url: 'poll' });
		expect((await call(sandbox, 'GET', '/sms/receipts')).body.data.total).toBe(1);
		expect((await call(sandbox, 'POST', '/sms/receipts', {})).status).toBe(400);
	});
});

describe('ClickSend inbound SMS', () => {
	async function sendOriginal(): Promise<{ message_id: string }> {
		const sent = await sendMessages(sandbox, [{ to: '+61411111111', body: 'Reply YES to confirm', from: '+61411000200', custom_string: 'booking-7' }]);
		return sent.body.data.messages[0];
	}

	it('posts a simulated reply form-encoded to a post rule, linked to the message it answers', async () => {
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ webhook_type: 'post' }));
		const original = await sendOriginal();
		const simulated = await simulateInbound(sandbox, { from: '+61411111111', body: 'YES please' });
		expect(simulated.status).toBe(200);
		expect(simulated.body.webhooks).toEqual([expect.objectContaining({ url: receiver.url('/inbound'), webhook_type: 'post' })]);

		const [request] = await receiver.waitFor(1);
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		const form = formOf(request.rawBody);
		expect(Object.keys(form)).toEqual(INBOUND_FIELDS);
		expect(form).toEqual(
			expect.objectContaining({
				from: '+61411111111',
				originalsenderid: '+61411111111',
				to: '+61411000200',
				body: 'YES please',
				message: 'YES please',
				sms: 'YES please',
				original_message_id: original.message_id,
				original_body: 'Reply YES to confirm',
				custom_string: 'booking-7',
			}),
		);
	});

	it('sends JSON to a json rule and the query string to a get rule', async () => {
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ webhook_type: 'json', action_address: receiver.url('/json') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ webhook_type: 'get', action_address: receiver.url('/get?token=abc') }));
		await simulateInbound(sandbox, { from: '+61433333333', to: '+61411000100', body: 'hello there', custom_string: 'c-1' });

		const received = await receiver.waitFor(2);
		const json = received.find((request) => request.path === '/json');
		expect(json?.headers['content-type']).toBe('application/json');
		const payload = JSON.parse(json?.rawBody ?? '{}');
		expect(Object.keys(payload)).toEqual(INBOUND_FIELDS);
		expect(payload).toEqual(expect.objectContaining({ from: '+61433333333', to: '+61411000100', body: 'hello there', custom_string: 'c-1', timestamp: expect.any(Number), user_id: expect.any(Number) }));

		const get = received.find((request) => request.path.startsWith('/get'));
		expect(get?.method).toBe('GET');
		expect(get?.rawBody).toBe('');
		const query = new URL(get?.path ?? '', 'http://x').searchParams;
		expect(query.get('token')).toBe('abc');
		expect(query.get('body')).toBe('hello there');
		const logged = await sandbox.waitForCallbacks(2);
		expect(logged.find((callback) => callback.method === 'GET')?.url).toContain('body=hello+there');
	});

	it.each([
		[0, '', ['STOP now', 'yes please', 'maybe later']],
		[1, 'stop', ['STOP now']],
		[2, 'please', ['yes please']],
		[3, 'please', ['STOP now', 'maybe later']],
	])('search type %i with term "%s" matches %j', async (searchType, term, expected) => {
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ message_search_type: searchType, message_search_term: term, webhook_type: 'json' }));
		for (const body of ['STOP now', 'yes please', 'maybe later']) await simulateInbound(sandbox, { from: '+61433333333', body });
		await sandbox.waitForCallbacks(expected.length);
		// Long enough for a webhook that should not have been sent to show up.
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver.received.map((request) => JSON.parse(request.rawBody).body).sort()).toEqual([...expected].sort());
	});

	it('sends only to enabled URL rules on the number the reply arrived at', async () => {
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ dedicated_number: '+61411000100', action_address: receiver.url('/first') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ dedicated_number: '+61411000200', action_address: receiver.url('/second') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ enabled: 0, action_address: receiver.url('/off') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ action: 'POLL', action_address: '' }));
		const simulated = await simulateInbound(sandbox, { from: '+61433333333', to: '+61 411 000 200', body: 'hi' });
		expect(simulated.body.webhooks.map((webhook: { url: string }) => webhook.url)).toEqual([receiver.url('/second')]);
		expect((await receiver.waitFor(1)).map((request) => request.path)).toEqual(['/second']);
	});

	it('matches a rule only on the number as ClickSend lists it (E.164), and reports the number a reply arrived at that way', async () => {
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ dedicated_number: '+61 411 000 200', action_address: receiver.url('/spaced') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ dedicated_number: '61411000200', action_address: receiver.url('/no-plus') }));
		await call(sandbox, 'POST', '/automations/sms/inbound', inboundRule({ dedicated_number: '+61411000200', action_address: receiver.url('/listed') }));

		const simulated = await simulateInbound(sandbox, { from: '+61433333333', to: '0411 000 200', body: 'hi' });

		expect(simulated.body.inbound.to).toBe('+61411000200');
		expect(simulated.body.webhooks.map((webhook: { url: string }) => webhook.url)).toEqual([receiver.url('/listed')]);
		expect(formOf((await receiver.waitFor(1))[0].rawBody).to).toBe('+61411000200');
	});

	it('refuses a simulation without from or body', async () => {
		expect((await simulateInbound(sandbox, { body: 'hi' })).status).toBe(400);
		expect((await simulateInbound(sandbox, { from: '+61433333333' })).status).toBe(400);
		expect((await fetch(`${sandbox.baseUrl}/_sandbox/clicksend/nothing`, { method: 'POST', body: '{}' })).status).toBe(404);
	});

	it('keeps inbound messages for polling, one by original message id, and read marking', async () => {
		const original = await sendOriginal();
		const first = (await simulateInbound(sandbox, { from: '+61411111111', body: 'first reply' })).body.inbound;
		const second = (await simulateInbound(sandbox, { from: '+61411111111', body: 'second reply' })).body.inbound;
		await simulateInbound(sandbox, { from: '+61499999990', body: 'unrelated' });

		const unread = await call(sandbox, 'GET', '/sms/inbound');
		expect(unread.body).toEqual({ ...ENVELOPE, response_msg: 'Here are your data.', data: expect.objectContaining({ total: 3 }) });
		expect(unread.body.data.data[0]).toEqual(
			expect.objectContaining({ from: '+61411111111', body: 'first reply', original_message_id: original.message_id, message_id: MESSAGE_ID, _keyword: 'first' }),
		);

		const byOriginal = await call(sandbox, 'GET', `/sms/inbound/${original.message_id}`);
		expect(byOriginal.body).toEqual({ ...ENVELOPE, response_msg: 'Here are your result.', data: expect.objectContaining({ message_id: first.message_id }) });

		const markOne = await call(sandbox, 'PUT', `/sms/inbound-read/${second.message_id}`);
		expect(markOne.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Receipt have been marked as read.', data: 1 });
		expect((await call(sandbox, 'GET', '/sms/inbound')).body.data.total).toBe(2);
		expect((await call(sandbox, 'PUT', '/sms/inbound-read/UNKNOWN')).status).toBe(404);

		await call(sandbox, 'PUT', '/sms/inbound-read', { date_before: 1442398100 });
		expect((await call(sandbox, 'GET', '/sms/inbound')).body.data.total).toBe(2);
		const markAll = await call(sandbox, 'PUT', '/sms/inbound-read');
		expect(markAll.body).toEqual({ http_code: 200, response_code: 'SUCCESS', response_msg: 'Inbound messages have been marked as read.', data: null });
		expect((await call(sandbox, 'GET', '/sms/inbound')).body.data.total).toBe(0);
		expect((await call(sandbox, 'GET', `/sms/inbound/${original.message_id}`)).status).toBe(200);
		expect(sandbox.inspect('clicksend', 'inbound')).toEqual(expect.arrayContaining([expect.objectContaining({ read: true })]));
	});

	it('sends a test inbound SMS to a URL in the webhook type asked for (POST /sms/inbound)', async () => {
		const test = await call(sandbox, 'POST', '/sms/inbound', { url: receiver.url('/test-inbound'), webhook_type: 'json' });
		expect(test.body).toEqual({
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Test inbound message has been added.',
			data: expect.objectContaining({ from: expect.any(String), body: expect.any(String), message_id: MESSAGE_ID, to: expect.any(String) }),
		});
		const [request] = await receiver.waitFor(1);
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.rawBody).message_id).toBe(test.body.data.message_id);
		expect((await call(sandbox, 'POST', '/sms/inbound', { url: receiver.url(), webhook_type: 'xml' })).status).toBe(400);
		expect((await call(sandbox, 'POST', '/sms/inbound', {})).status).toBe(400);
	});
});
