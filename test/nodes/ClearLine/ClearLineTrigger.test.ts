import { ClearLineTrigger } from '../../../nodes/ClearLine/ClearLineTrigger.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { eventFingerprint } from '../../../lib/event-memory';
import type { TriggerWebhook } from '../../harness';
import { eventsOf, postToWebhook as post, startProviderTrigger } from '../trigger-helpers';
import { runClearLineSend, SEND } from './clearline-fixtures';

/** The spec's callback body. */
const SPEC_RECEIPT = {
	messageId: 'a3f1c2d4-0000-4000-8000-000000000001',
	deliveryStatus: 'DeliveredFailed',
	externalDeliveryStatus: 'Rejected',
	reasonText: 'Rejected by the carrier',
};

const startTrigger = async (parameters: Record<string, unknown> = {}) =>
	await startProviderTrigger(ClearLineTrigger, 'ClearLine Trigger', { ...parameters }, 'clearline');

describe('ClearLine Trigger', () => {
	let webhook: TriggerWebhook;
	afterEach(async () => {
		await webhook.close();
	});

	it('turns the spec’s receipt into one execution with the shared status next to the raw one', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, SPEC_RECEIPT);

		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ received: true });
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'deliveryReceipt',
					eventKey: `${SPEC_RECEIPT.messageId}:DeliveredFailed`,
					provider: 'clearline',
					messageId: SPEC_RECEIPT.messageId,
					status: 'failed',
					isFailure: true,
					providerStatus: 'DeliveredFailed',
					failureReason: 'Rejected by the carrier',
					gatewayStatus: 'Rejected',
					reason: 'Rejected by the carrier',
					receivedAt: expect.any(String),
					raw: SPEC_RECEIPT,
				},
			],
		]);
	});

	it.each([
		['Delivered', 'Delivered', 'delivered', false],
		['DeliveredFailed', 'Failed', 'failed', true],
		['DeliveredFailed', 'Expired', 'undelivered', true],
		['SomethingNew', 'Queued', 'unknown', false],
	])('maps %s / %s to %s', async (deliveryStatus, externalDeliveryStatus, status, isFailure) => {
		webhook = await startTrigger();
		await post(webhook.url, { ...SPEC_RECEIPT, deliveryStatus, externalDeliveryStatus });
		// The reason is kept for failures only.
		const failureReason = isFailure ? SPEC_RECEIPT.reasonText : null;
		expect(eventsOf(webhook)[0][0]).toMatchObject({ status, isFailure, providerStatus: deliveryStatus, failureReason });
	});

	it('accepts a form-encoded receipt too', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, new URLSearchParams(SPEC_RECEIPT).toString(), {
			'content-type': 'application/x-www-form-urlencoded',
		});
		expect(response.status).toBe(200);
		expect(eventsOf(webhook)[0][0]).toMatchObject({ messageId: SPEC_RECEIPT.messageId, status: 'failed' });
	});

	it.each([
		['a body that is not a receipt', { hello: 'world' }, 'Not a ClearLine delivery receipt: messageId is missing'],
		['a receipt without a status', { messageId: 'abc' }, 'Not a ClearLine delivery receipt: deliveryStatus is missing'],
		['a receipt with an empty message ID', { ...SPEC_RECEIPT, messageId: '  ' }, 'Not a ClearLine delivery receipt: messageId is missing'],
		['an empty body', '', 'The body is empty or not JSON'],
	])('answers 400 to %s and starts nothing', async (_name, body, message) => {
		webhook = await startTrigger();
		const response = await post(webhook.url, body);
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body)).toEqual({ message });
		expect(webhook.executions).toHaveLength(0);
	});

	it('starts nothing for malformed JSON (n8n itself answers 422 before the node runs)', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, '{"messageId": "abc", ');
		expect(response.status).toBe(422);
		expect(webhook.executions).toHaveLength(0);
	});

	it('starts one execution when the same receipt arrives twice, and remembers it in static data', async () => {
		webhook = await startTrigger();
		const first = await post(webhook.url, SPEC_RECEIPT);
		const second = await post(webhook.url, SPEC_RECEIPT);

		expect(first.status).toBe(200);
		expect(second.status).toBe(200);
		expect(JSON.parse(second.body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(webhook.executions).toHaveLength(1);
		expect(webhook.nodeStaticData().recentEventFingerprints).toBe([`${SPEC_RECEIPT.messageId}:DeliveredFailed`].map(eventFingerprint).join(''));

		// A new status for the same message is a new event.
		await post(webhook.url, { ...SPEC_RECEIPT, deliveryStatus: 'Delivered' });
		expect(webhook.executions).toHaveLength(2);
	});

	it('lets duplicates through when Ignore Duplicates is off', async () => {
		webhook = await startTrigger({ options: { ignoreDuplicates: false } });
		await post(webhook.url, SPEC_RECEIPT);
		await post(webhook.url, SPEC_RECEIPT);
		expect(webhook.executions).toHaveLength(2);
	});

	it('with Only Failures, acknowledges a delivered receipt without starting the workflow', async () => {
		webhook = await startTrigger({ options: { onlyFailures: true } });
		const delivered = await post(webhook.url, { ...SPEC_RECEIPT, messageId: 'm-1', deliveryStatus: 'Delivered' });
		const failed = await post(webhook.url, { ...SPEC_RECEIPT, messageId: 'm-2' });

		expect(delivered.status).toBe(200);
		expect(JSON.parse(delivered.body)).toEqual({ received: true, ignored: 'not a failure' });
		expect(failed.status).toBe(200);
		expect(eventsOf(webhook).map((events) => events[0].messageId)).toEqual(['m-2']);
	});

	describe('webhook protection', () => {
		it('Header Auth: 401 without or with a wrong header, 200 with the right one', async () => {
			webhook = await startTrigger({ authentication: 'headerAuth' });
			const missing = await post(webhook.url, SPEC_RECEIPT);
			const wrong = await post(webhook.url, SPEC_RECEIPT, { 'x-webhook-secret': 'open-sesame!' });
			expect(missing.status).toBe(401);
			expect(wrong.status).toBe(401);
			expect(webhook.executions).toHaveLength(0);

			const right = await post(webhook.url, SPEC_RECEIPT, { 'x-webhook-secret': 'open-sesame' });
			expect(right.status).toBe(200);
			expect(webhook.executions).toHaveLength(1);
		});

		it('Basic Auth: 401 with a challenge for wrong credentials, 200 for the right ones', async () => {
			webhook = await startTrigger({ authentication: 'basicAuth' });
			const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

			const wrong = await post(webhook.url, SPEC_RECEIPT, { authorization: basic('clearline', 'nope') });
			expect(wrong.status).toBe(401);
			expect(wrong.headers.get('www-authenticate')).toContain('Basic');
			expect(wrong.body).not.toContain('pa55word');
			expect(webhook.executions).toHaveLength(0);

			const right = await post(webhook.url, SPEC_RECEIPT, { authorization: basic('clearline', 'pa55word') });
			expect(right.status).toBe(200);
			expect(webhook.executions).toHaveLength(1);
		});

		it('checks the protection before reading the body: a bad body with no auth is 401, not 400', async () => {
			webhook = await startTrigger({ authentication: 'headerAuth' });
			const response = await post(webhook.url, { nonsense: true });
			expect(response.status).toBe(401);
		});
	});
});

describe('ClearLine Send → sandbox → ClearLine Trigger', () => {
	let sandbox: Sandbox;
	let webhook: TriggerWebhook;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	afterEach(async () => {
		await webhook.close();
	});

	it('delivers each message’s receipt to the trigger, matched by message ID, failures marked', async () => {
		webhook = await startTrigger();
		const result = await runClearLineSend(sandbox, {
			items: [
				{ phone: '+12025551234', message: 'will be delivered', callbackUrl: webhook.url },
				{ phone: '+12025550000', message: 'will be rejected', callbackUrl: webhook.url },
				{ phone: '+12025550001', message: 'will expire', callbackUrl: webhook.url },
			],
		});
		expect(result.status).toBe('success');
		await sandbox.waitForCallbacks(3, 5000);

		const ids = result.outputOf(SEND).map((item) => item.json.messageId);
		const statusById = new Map(eventsOf(webhook).map((events) => [events[0].messageId, events[0].status]));
		expect(statusById).toEqual(
			new Map([
				[ids[0], 'delivered'],
				[ids[1], 'failed'],
				[ids[2], 'undelivered'],
			]),
		);
		expect(sandbox.callbacks().map((callback) => callback.status)).toEqual([200, 200, 200]);
	});
});
