import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { TriggerWebhook } from '../../harness';
import { call, sendMessages, simulateInbound } from '../../sandbox/clicksend-client';
import { eventsOf, SPEC_RECEIPT, startClickSendTrigger, waitForExecutions } from './clicksend-trigger-fixtures';

let sandbox: Sandbox;
let webhook: TriggerWebhook;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 5 });
});

afterEach(async () => {
	await webhook.runWebhookMethod('delete');
	await webhook.close();
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

async function activeTrigger(parameters: Record<string, unknown> = {}): Promise<TriggerWebhook> {
	const trigger = await startClickSendTrigger(sandbox, parameters);
	await trigger.runWebhookMethod('create');
	return trigger;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
	const form = body instanceof URLSearchParams;
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
		body: form || typeof body === 'string' ? String(body) : JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

/** One message per receipt rule of the sandbox (last four digits), with a custom string each. */
const RECIPIENTS = [
	{ to: '+61411110003', custom_string: 'order-201' },
	{ to: '+61411110002', custom_string: 'order-200' },
	{ to: '+61411110001', custom_string: 'order-300' },
	{ to: '+61411110000', custom_string: 'order-301' },
];

async function sendToEveryReceiptRule(): Promise<string[]> {
	const sent = await sendMessages(sandbox, RECIPIENTS.map((recipient) => ({ ...recipient, body: 'Your order shipped' })));
	expect(sent.status).toBe(200);
	return (sent.body.data.messages as Array<{ message_id: string }>).map((message) => message.message_id);
}

describe('ClickSend Trigger events', () => {
	it('turns the receipts ClickSend posts (form-encoded) after a send into events with the shared status', async () => {
		webhook = await activeTrigger();
		const messageIds = await sendToEveryReceiptRule();
		// The sandbox logs a callback once it has our answer, just after the execution started.
		const receiptCallbacks = await sandbox.waitForCallbacks(4, 5000);
		expect(receiptCallbacks.map((callback) => [callback.contentType, callback.status])).toEqual(
			Array(4).fill(['form', 200]),
		);
		const byMessage = new Map(eventsOf(webhook).map(([event]) => [event.messageId, event]));
		expect(RECIPIENTS.map((_, index) => byMessage.get(messageIds[index]))).toEqual([
			expect.objectContaining({ status: 'delivered', providerStatus: '201', isFailure: false, customString: 'order-201', failureReason: null }),
			expect.objectContaining({ status: 'sent', providerStatus: '200', isFailure: false, customString: 'order-200', failureReason: null }),
			expect.objectContaining({ status: 'undelivered', providerStatus: '300', isFailure: true, customString: 'order-300', failureReason: expect.any(String) }),
			expect.objectContaining({ status: 'failed', providerStatus: '301', isFailure: true, customString: 'order-301', failureReason: expect.stringContaining('0000') }),
		]);
		expect(byMessage.get(messageIds[3])).toMatchObject({
			event: 'deliveryReceipt',
			provider: 'clicksend',
			errorText: expect.stringContaining('0000'),
			messageType: 'sms',
			raw: expect.objectContaining({ message_id: messageIds[3], status_code: '301' }),
		});
	});

	it('with Only Failures, starts the workflow for 300 and 301 only', async () => {
		webhook = await activeTrigger({ options: { onlyFailures: true } });
		await sendToEveryReceiptRule();
		await sandbox.waitForCallbacks(4, 5000);
		expect(eventsOf(webhook).map(([event]) => event.providerStatus).sort()).toEqual(['300', '301']);
	});

	it('reads the spec’s receipt posted as JSON, and the sandbox’s test receipt', async () => {
		webhook = await activeTrigger();
		expect((await post(webhook.url, SPEC_RECEIPT)).status).toBe(200);
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'deliveryReceipt',
					eventKey: 'receipt:2336751A-BBBE-4887-9D7C-CB7558F00208:201',
					provider: 'clicksend',
					messageId: '2336751A-BBBE-4887-9D7C-CB7558F00208',
					status: 'delivered',
					isFailure: false,
					providerStatus: '201',
					failureReason: null,
					statusText: 'Success: Message received on handset.',
					errorCode: null,
					errorText: null,
					customString: null,
					messageType: 'sms',
					subaccountId: '563840',
					timestampSend: '1722565411',
					timestamp: '1722565411',
					receivedAt: expect.any(String),
					raw: SPEC_RECEIPT,
				},
			],
		]);

		expect((await call(sandbox, 'POST', '/sms/receipts', { url: webhook.url })).status).toBe(200);
		await waitForExecutions(webhook, 2);
		expect(eventsOf(webhook)[1][0]).toMatchObject({ event: 'deliveryReceipt', status: 'delivered' });
	});

	it('maps a status code it does not know to unknown', async () => {
		webhook = await activeTrigger();
		await post(webhook.url, { ...SPEC_RECEIPT, status_code: '302' });
		expect(eventsOf(webhook)[0][0]).toMatchObject({ status: 'unknown', isFailure: false, providerStatus: '302' });
	});

	it.each(['post', 'json'])('turns an inbound SMS sent by the rule in %s mode into an inboundMessage event', async (inboundFormat) => {
		webhook = await activeTrigger({ inboundFormat });
		const [messageId] = await sendToEveryReceiptRule();
		await sandbox.waitForCallbacks(4, 5000);

		const simulated = await simulateInbound(sandbox, { from: '+61411110003', body: 'Yes, leave it at the door' });
		expect(simulated.body.webhooks).toEqual([expect.objectContaining({ url: webhook.url, webhook_type: inboundFormat })]);
		await sandbox.waitForCallbacks(5, 5000);
		const inbound = eventsOf(webhook)[4][0];
		expect(inbound).toMatchObject({
			event: 'inboundMessage',
			provider: 'clicksend',
			messageId: simulated.body.inbound.message_id,
			from: '+61411110003',
			to: simulated.body.inbound.to,
			text: 'Yes, leave it at the door',
			// YES is an opt-in keyword (issue #16's list): a flag to route on, not a verdict on the whole text.
			optOut: false,
			optIn: true,
			helpRequest: false,
			originalMessageId: messageId,
			originalBody: 'Your order shipped',
			customString: 'order-201',
		});
		expect(sandbox.callbacks().at(-1)?.contentType).toBe(inboundFormat === 'json' ? 'json' : 'form');
	});

	it('with Events = Inbound SMS only, creates no receipt rule and acknowledges a stray receipt without a run', async () => {
		webhook = await activeTrigger({ events: ['inboundMessage'] });
		await sendToEveryReceiptRule();
		const stray = await post(webhook.url, SPEC_RECEIPT);
		expect(JSON.parse(stray.body)).toEqual({ received: true, ignored: 'event not selected' });
		expect(webhook.executions).toHaveLength(0);
		expect(sandbox.callbacks()).toHaveLength(0);
	});

	it('starts one execution when ClickSend posts the same receipt or inbound SMS twice', async () => {
		webhook = await activeTrigger();
		const receipt = new URLSearchParams({ message_id: 'A1', status_code: '200', status_text: 'Sent' });
		const inbound = { message_id: 'B1', from: '+61422222222', to: '+61411000100', body: 'hi' };
		expect((await post(webhook.url, receipt)).status).toBe(200);
		const again = await post(webhook.url, receipt);
		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
		await post(webhook.url, inbound);
		await post(webhook.url, inbound);
		// The next status of the same message is a new event.
		await post(webhook.url, new URLSearchParams({ message_id: 'A1', status_code: '201' }));
		expect(eventsOf(webhook).map(([event]) => [event.event, event.messageId, event.status])).toEqual([
			['deliveryReceipt', 'A1', 'sent'],
			['inboundMessage', 'B1', undefined],
			['deliveryReceipt', 'A1', 'delivered'],
		]);
	});

	it('with Only Opt-Outs, an inbound STOP posted as a form starts the workflow, other inbound SMS and receipts as before', async () => {
		webhook = await activeTrigger({ options: { onlyOptOuts: true } });
		const inbound = (message_id: string, body: string) =>
			post(webhook.url, new URLSearchParams({ message_id, from: '+61422222222', to: '+61411000100', body }));
		const reply = await inbound('B1', 'Thanks, see you at 5');
		await inbound('B2', 'STOP');
		await post(webhook.url, new URLSearchParams({ message_id: 'A1', status_code: '201' }));
		expect(JSON.parse(reply.body)).toEqual({ received: true, ignored: 'not an opt-out' });
		expect(eventsOf(webhook).map(([event]) => [event.event, event.messageId, event.optOut])).toEqual([
			['inboundMessage', 'B2', true],
			['deliveryReceipt', 'A1', undefined],
		]);
	});

	it.each([
		['an empty body', ''],
		['a body with neither status_code nor from', { message_id: 'A1', body: 'hello' }],
		['a receipt without message_id', { status_code: '201' }],
		['a receipt with an empty status_code', new URLSearchParams({ message_id: 'A1', status_code: '' })],
		['an inbound SMS without text', { message_id: 'B1', from: '+61422222222' }],
		['an inbound SMS without message_id', new URLSearchParams({ from: '+61422222222', body: 'hi' })],
	])('answers 400 to %s and starts nothing', async (_case, body) => {
		webhook = await activeTrigger();
		const response = await post(webhook.url, body);
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body).message).toMatch(/^(Not a ClickSend|The body is empty)/);
		expect(webhook.executions).toHaveLength(0);
	});

	it('answers 401 without the protection header and starts nothing; with it, runs', async () => {
		webhook = await activeTrigger({ authentication: 'headerAuth' });
		expect((await post(webhook.url, SPEC_RECEIPT)).status).toBe(401);
		expect((await post(webhook.url, SPEC_RECEIPT, { 'X-Webhook-Secret': 'wrong' })).status).toBe(401);
		expect(webhook.executions).toHaveLength(0);
		expect((await post(webhook.url, SPEC_RECEIPT, { 'X-Webhook-Secret': 'open-sesame' })).status).toBe(200);
		expect(webhook.executions).toHaveLength(1);
	});

	it('answers 401 to wrong basic auth', async () => {
		webhook = await activeTrigger({ authentication: 'basicAuth' });
		const wrong = `Basic ${Buffer.from('clicksend:nope').toString('base64')}`;
		const response = await post(webhook.url, SPEC_RECEIPT, { authorization: wrong });
		expect(response.status).toBe(401);
		expect(webhook.executions).toHaveLength(0);
	});
});
