import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { call, sendMessages, simulateInbound } from '../../sandbox/clicksend-client';
import { startReceiver, type Receiver } from '../../sandbox/receiver';
import { NODE, runClickSend } from './clicksend-fixtures';

let sandbox: Sandbox;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 0 });
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
	await sandbox.close();
});
beforeEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
});

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

/** Sends one message to each number; the sandbox makes a receipt for each (…0000 fails). */
async function sendTo(numbers: string[]): Promise<string[]> {
	const sent = await sendMessages(sandbox, numbers.map((to) => ({ to, body: 'Hello' })));
	return (sent.body.data.messages as Array<{ message_id: string }>).map((message) => message.message_id);
}

describe('ClickSend › Delivery Receipt', () => {
	it('lists the unread receipts with the shared status, over pages', async () => {
		const numbers = Array.from({ length: 40 }, (_, index) => `+61412${String(345_100 + index)}`);
		numbers[3] = '+61411110000';
		const ids = await sendTo(numbers);

		const result = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'getAll', parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		const receipts = result.outputOf(NODE).map((output) => output.json);
		expect(receipts.map((receipt) => receipt.message_id)).toEqual(ids);
		expect(receipts[0]).toEqual(expect.objectContaining({ status_code: '201', status: 'delivered', isFailure: false }));
		expect(receipts[3]).toEqual(expect.objectContaining({ status_code: '301', status: 'failed', isFailure: true }));
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/receipts' })).toHaveLength(1);

		const limited = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'getAll', parameters: { returnAll: false, limit: 2 } });
		expect(limited.outputOf(NODE).map((output) => output.json.message_id)).toEqual(ids.slice(0, 2));
	});

	it('gets one receipt by message ID, read or not', async () => {
		const [id] = await sendTo(['+61411111111']);
		await call(sandbox, 'PUT', '/sms/receipts-read', {});

		const result = await runClickSend(sandbox, {
			resource: 'deliveryReceipt',
			operation: 'get',
			items: [{ id }, { id: 'UNKNOWN' }],
			parameters: { messageId: '={{ $json.id }}' },
			continueOnFail: true,
		});

		const outputs = result.outputOf(NODE).map((output) => output.json);
		expect(outputs[0]).toEqual(expect.objectContaining({ message_id: id, status_code: '201', status: 'delivered' }));
		expect(outputs[1].error).toBe('ClickSend did not find it: Receipt not found.');
	});

	it('marks receipts as read, only those before the date when one is given', async () => {
		await sendTo(['+61411111111', '+61422222222']);
		const unread = async () => (await call(sandbox, 'GET', '/sms/receipts')).body.data.total;

		const before = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'markAllRead', parameters: { dateBefore: anHourAgo() } });
		expect(before.outputOf(NODE)[0].json).toEqual(expect.objectContaining({ marked_read: true, date_before: expect.any(Number) }));
		expect(await unread()).toBe(2);

		const all = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'markAllRead', parameters: { dateBefore: '' } });
		expect(all.outputOf(NODE)[0].json).toEqual({ marked_read: true, date_before: null, response_msg: 'Receipts have been marked as read.' });
		expect(await unread()).toBe(0);
	});

	it('refuses a cutoff that is not a date', async () => {
		const result = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'markAllRead', parameters: { dateBefore: 'yesterday-ish' } });
		expect(result.error?.message).toBe('The field "Received Before" of item 0 ("yesterday-ish") is not a date');
		expect(sandbox.requests({ provider: 'clicksend', method: 'PUT' })).toHaveLength(0);
	});

	it('sends a test receipt to a webhook URL, once', async () => {
		const result = await runClickSend(sandbox, { resource: 'deliveryReceipt', operation: 'sendTest', parameters: { url: receiver.url('/dlr') } });

		expect(result.error).toBeUndefined();
		const receipt = result.outputOf(NODE)[0].json;
		expect(receipt).toEqual(expect.objectContaining({ status_code: '201', message_type: 'sms' }));
		const [posted] = await receiver.waitFor(1);
		expect(posted.path).toBe('/dlr');
		expect(new URLSearchParams(posted.rawBody).get('message_id')).toBe(receipt.message_id);
	});

	it('refuses a webhook URL that is not one, naming the field', async () => {
		const result = await runClickSend(sandbox, {
			resource: 'deliveryReceipt',
			operation: 'sendTest',
			items: [{ url: 'ftp://example.com' }, { url: '' }, { url: 'POLL' }],
			parameters: { url: '={{ $json.url }}' },
			continueOnFail: true,
		});
		expect(result.outputOf(NODE).map((output) => output.json.error ?? 'sent')).toEqual([
			'The field "Webhook URL" of item 0 uses ftp: instead of https:',
			'The field "Webhook URL" of item 1 is empty',
			'sent',
		]);
		expect(sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/receipts' }).map((request) => request.body)).toEqual([{ url: 'poll' }]);
	});
});

describe('ClickSend › Inbound SMS', () => {
	it('lists unread replies, gets one by the original message ID, and marks one as read', async () => {
		const [original] = await sendTo(['+61411111111']);
		await simulateInbound(sandbox, { from: '+61411111111', body: 'Yes please' });
		await simulateInbound(sandbox, { from: '+61422222222', body: 'STOP' });

		const listed = await runClickSend(sandbox, { resource: 'inbound', operation: 'getAll', parameters: { returnAll: true } });
		const replies = listed.outputOf(NODE).map((output) => output.json);
		expect(replies.map((reply) => reply.body)).toEqual(['Yes please', 'STOP']);
		expect(replies[0]).toEqual(expect.objectContaining({ from: '+61411111111', original_message_id: original, original_body: 'Hello' }));

		const one = await runClickSend(sandbox, { resource: 'inbound', operation: 'get', parameters: { originalMessageId: original } });
		expect(one.outputOf(NODE)[0].json).toEqual(expect.objectContaining({ message_id: replies[0].message_id, body: 'Yes please' }));

		const marked = await runClickSend(sandbox, { resource: 'inbound', operation: 'markRead', parameters: { inboundMessageId: replies[1].message_id } });
		expect(marked.outputOf(NODE)[0].json).toEqual({ message_id: replies[1].message_id, marked_read: true, response_msg: 'Receipt have been marked as read.' });

		const after = await runClickSend(sandbox, { resource: 'inbound', operation: 'getAll', parameters: { returnAll: true } });
		expect(after.outputOf(NODE).map((output) => output.json.body)).toEqual(['Yes please']);
	});

	it('marks all inbound SMS as read', async () => {
		await simulateInbound(sandbox, { from: '+61411111111', body: 'One' });
		await simulateInbound(sandbox, { from: '+61411111111', body: 'Two' });

		const result = await runClickSend(sandbox, { resource: 'inbound', operation: 'markAllRead', parameters: { dateBefore: inAnHour() } });

		expect(result.outputOf(NODE)[0].json).toEqual(expect.objectContaining({ marked_read: true, response_msg: 'Inbound messages have been marked as read.' }));
		expect((await call(sandbox, 'GET', '/sms/inbound')).body.data.data).toEqual([]);
	});

	it('says which item named an inbound SMS ClickSend does not have', async () => {
		const result = await runClickSend(sandbox, {
			resource: 'inbound',
			operation: 'markRead',
			items: [{ id: 'NOPE' }, { id: null }],
			parameters: { inboundMessageId: '={{ $json.id }}' },
			continueOnFail: true,
		});
		expect(result.outputOf(NODE).map((output) => output.json.error)).toEqual([
			'ClickSend did not find it: Inbound message not found.',
			'The field "Inbound Message ID" of item 1 is empty',
		]);
	});

	it.each([
		['post', 'application/x-www-form-urlencoded'],
		['json', 'application/json'],
	])('sends a test inbound SMS as %s', async (webhookType, contentType) => {
		const result = await runClickSend(sandbox, { resource: 'inbound', operation: 'sendTest', parameters: { url: receiver.url('/mo'), webhookType } });

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE)[0].json).toEqual(expect.objectContaining({ from: '+61487722156', custom_string: 'Test custom string' }));
		const [posted] = await receiver.waitFor(1);
		expect(posted.headers['content-type']).toContain(contentType);
	});

	it('sends a test inbound SMS as a GET with the fields in the query string', async () => {
		await runClickSend(sandbox, { resource: 'inbound', operation: 'sendTest', parameters: { url: receiver.url('/mo'), webhookType: 'get' } });
		const [received] = await receiver.waitFor(1);
		expect(received.method).toBe('GET');
		expect(new URL(received.path, 'http://x').searchParams.get('from')).toBe('+61487722156');
	});

	it('refuses an unknown webhook type before sending', async () => {
		const result = await runClickSend(sandbox, { resource: 'inbound', operation: 'sendTest', parameters: { url: receiver.url('/mo'), webhookType: 'xml' } });
		expect(result.error?.message).toBe('The field "Webhook Type" of item 0 is "xml"');
		expect(sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/inbound' })).toHaveLength(0);
	});
});
