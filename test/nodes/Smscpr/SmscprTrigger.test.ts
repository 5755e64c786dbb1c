import { SmscprTrigger } from '../../../nodes/Smscpr/SmscprTrigger.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { eventFingerprint } from '../../../lib/event-memory';
import type { TriggerWebhook } from '../../harness';
import { eventsOf, postToWebhook as post, startProviderTrigger } from '../trigger-helpers';
import { runSmscprSend, SEND, SPEC_DLR, SPEC_MO, SPEC_SEND } from './smscpr-fixtures';

const startTrigger = async (parameters: Record<string, unknown> = {}) =>
	await startProviderTrigger(SmscprTrigger, 'SMSCPR Trigger', { events: ['deliveryReceipt', 'inboundMessage'], ...parameters }, 'smscpr');

describe('SMSCPR Trigger', () => {
	let webhook: TriggerWebhook;
	afterEach(async () => {
		await webhook.close();
	});

	it('turns the spec’s delivery receipt into one execution with the shared status', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, SPEC_DLR);

		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ received: true });
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'deliveryReceipt',
					eventKey: `${SPEC_DLR.msgId}:DELIVERED`,
					provider: 'smscpr',
					messageId: SPEC_DLR.msgId,
					status: 'delivered',
					isFailure: false,
					providerStatus: 'DELIVERED',
					failureReason: null,
					from: '+15550001111',
					to: '+15550002222',
					errorCode: '000',
					errorMessage: 'No error',
					receivedAt: expect.any(String),
					raw: SPEC_DLR,
				},
			],
		]);
	});

	it('turns the spec’s inbound SMS into an inboundMessage event on the same URL', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, SPEC_MO);

		expect(response.status).toBe(200);
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'inboundMessage',
					eventKey: `MO:${SPEC_MO.msgId}`,
					provider: 'smscpr',
					messageId: SPEC_MO.msgId,
					from: '+15550002222',
					to: '+15550001111',
					text: 'Need status update for order 12345',
					optOut: false,
					optIn: false,
					helpRequest: false,
					keyword: 'Need',
					receivedAt: expect.any(String),
					raw: SPEC_MO,
				},
			],
		]);
	});

	it.each([
		['QUEUED', 'queued', false],
		['SENT', 'sent', false],
		['DELIVERED', 'delivered', false],
		['FAILED', 'failed', true],
		['UNKNOWN', 'unknown', false],
		['SOMETHING_NEW', 'unknown', false],
	])('maps %s to %s', async (providerStatus, status, isFailure) => {
		webhook = await startTrigger();
		await post(webhook.url, { ...SPEC_DLR, status: providerStatus, errorMessage: 'Handset unreachable' });
		// The reason is kept for failures only.
		const failureReason = isFailure ? 'Handset unreachable' : null;
		expect(eventsOf(webhook)[0][0]).toMatchObject({ status, isFailure, providerStatus, failureReason });
	});

	it('reads a receipt with only the guaranteed msgId and status', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, { msgId: 'm-1', status: 'FAILED' });
		expect(response.status).toBe(200);
		expect(eventsOf(webhook)[0][0]).toMatchObject({ event: 'deliveryReceipt', messageId: 'm-1', status: 'failed', from: null, errorCode: null });
	});

	it('starts only for the chosen events, acknowledging the others', async () => {
		webhook = await startTrigger({ events: ['inboundMessage'] });
		const receipt = await post(webhook.url, SPEC_DLR);
		const inbound = await post(webhook.url, SPEC_MO);

		expect(receipt.status).toBe(200);
		expect(JSON.parse(receipt.body)).toEqual({ received: true, ignored: 'event not selected' });
		expect(inbound.status).toBe(200);
		expect(eventsOf(webhook).map((events) => events[0].event)).toEqual(['inboundMessage']);
	});

	it.each([
		['a body that is no SMSCPR event', { hello: 'world' }, 'Not an SMSCPR event: direction is neither MT (delivery receipt) nor MO (inbound SMS)'],
		['a receipt without msgId', { ...SPEC_DLR, msgId: ' ' }, 'Not an SMSCPR delivery receipt: msgId is missing'],
		['a receipt without status', { ...SPEC_DLR, status: undefined }, 'Not an SMSCPR delivery receipt: status is missing'],
		['an inbound SMS without from', { ...SPEC_MO, from: undefined }, 'Not an SMSCPR inbound SMS: from is missing'],
		['an inbound SMS without body', { ...SPEC_MO, body: undefined }, 'Not an SMSCPR inbound SMS: body is missing'],
		['an empty body', '', 'The body is empty or not JSON'],
	])('answers 400 to %s and starts nothing', async (_name, body, message) => {
		webhook = await startTrigger();
		const response = await post(webhook.url, body);
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body)).toEqual({ message });
		expect(webhook.executions).toHaveLength(0);
	});

	it('starts one execution per receipt and status, and one per inbound message, when SMSCPR posts twice', async () => {
		webhook = await startTrigger();
		await post(webhook.url, SPEC_DLR);
		const again = await post(webhook.url, SPEC_DLR);
		await post(webhook.url, SPEC_MO);
		await post(webhook.url, SPEC_MO);

		expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(webhook.executions).toHaveLength(2);
		expect(webhook.nodeStaticData().recentEventFingerprints).toBe([`${SPEC_DLR.msgId}:DELIVERED`, `MO:${SPEC_MO.msgId}`].map(eventFingerprint).join(''));

		await post(webhook.url, { ...SPEC_DLR, status: 'FAILED' });
		expect(webhook.executions).toHaveLength(3);
	});

	it('lets duplicates through when Ignore Duplicates is off', async () => {
		webhook = await startTrigger({ options: { ignoreDuplicates: false } });
		await post(webhook.url, SPEC_DLR);
		await post(webhook.url, SPEC_DLR);
		expect(webhook.executions).toHaveLength(2);
	});

	it('with Only Failures, drops delivered receipts but still starts for failures and inbound SMS', async () => {
		webhook = await startTrigger({ options: { onlyFailures: true } });
		const delivered = await post(webhook.url, SPEC_DLR);
		await post(webhook.url, { ...SPEC_DLR, msgId: 'm-2', status: 'FAILED' });
		await post(webhook.url, SPEC_MO);

		expect(JSON.parse(delivered.body)).toEqual({ received: true, ignored: 'not a failure' });
		expect(eventsOf(webhook).map((events) => [events[0].event, events[0].messageId])).toEqual([
			['deliveryReceipt', 'm-2'],
			['inboundMessage', SPEC_MO.msgId],
		]);
	});

	it('with Only Opt-Outs, starts for STOP and its variants only, receipts unaffected', async () => {
		webhook = await startTrigger({ options: { onlyOptOuts: true } });
		const mo = (msgId: string, body: string) => post(webhook.url, { ...SPEC_MO, msgId, body });
		const notOptOut = await mo('mo-1', 'Need status update for order 12345');
		await mo('mo-2', 'Stop.');
		await mo('mo-3', 'HELP');
		await mo('mo-4', 'unsubscribe me please');
		await mo('mo-5', 'START');
		await post(webhook.url, SPEC_DLR);

		expect(JSON.parse(notOptOut.body)).toEqual({ received: true, ignored: 'not an opt-out' });
		expect(eventsOf(webhook).map(([event]) => [event.messageId, event.optOut ?? event.status])).toEqual([
			['mo-2', true],
			['mo-4', true],
			[SPEC_DLR.msgId, 'delivered'],
		]);
	});

	it('with Only Opt-Outs and Only Failures, each filters its own kind', async () => {
		webhook = await startTrigger({ options: { onlyOptOuts: true, onlyFailures: true } });
		await post(webhook.url, SPEC_DLR);
		await post(webhook.url, { ...SPEC_DLR, msgId: 'm-2', status: 'FAILED' });
		await post(webhook.url, { ...SPEC_MO, msgId: 'mo-1', body: 'thanks' });
		await post(webhook.url, { ...SPEC_MO, msgId: 'mo-2', body: 'QUIT' });
		expect(eventsOf(webhook).map(([event]) => event.messageId)).toEqual(['m-2', 'mo-2']);
	});

	describe('webhook protection (SMSCPR signs nothing)', () => {
		it('Header Auth: 401 without or with a wrong header, 200 with the right one', async () => {
			webhook = await startTrigger({ authentication: 'headerAuth' });
			expect((await post(webhook.url, SPEC_DLR)).status).toBe(401);
			expect((await post(webhook.url, SPEC_DLR, { 'x-webhook-secret': 'nope' })).status).toBe(401);
			expect(webhook.executions).toHaveLength(0);
			expect((await post(webhook.url, SPEC_DLR, { 'x-webhook-secret': 'open-sesame' })).status).toBe(200);
			expect(webhook.executions).toHaveLength(1);
		});

		it('Basic Auth: 401 with a challenge for wrong credentials, checked before the body', async () => {
			webhook = await startTrigger({ authentication: 'basicAuth' });
			const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
			const wrong = await post(webhook.url, { nonsense: true }, { authorization: basic('smscpr', 'nope') });
			expect(wrong.status).toBe(401);
			expect(wrong.headers.get('www-authenticate')).toContain('Basic');
			expect(webhook.executions).toHaveLength(0);
			const right = await post(webhook.url, SPEC_MO, { authorization: basic('smscpr', 'pa55word') });
			expect(right.status).toBe(200);
			expect(webhook.executions).toHaveLength(1);
		});
	});
});

describe('SMSCPR Send → sandbox → SMSCPR Trigger', () => {
	let sandbox: Sandbox;
	let webhook: TriggerWebhook;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 10 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	afterEach(async () => {
		sandbox.reset();
		await webhook.close();
	});

	it('delivers each message’s receipt to the trigger, matched by message ID, failures marked', async () => {
		webhook = await startTrigger();
		const result = await runSmscprSend(sandbox, {
			items: [
				{ ...SPEC_SEND, callbackUrl: webhook.url },
				{ ...SPEC_SEND, to: '+12025550000', callbackUrl: webhook.url },
				{ ...SPEC_SEND, to: '+12025550001', callbackUrl: webhook.url },
			],
		});
		expect(result.status).toBe('success');
		await sandbox.waitForCallbacks(3, 5000);

		const ids = result.outputOf(SEND).map((item) => item.json.messageId);
		const statusById = new Map(eventsOf(webhook).map((events) => [events[0].messageId, [events[0].status, events[0].isFailure]]));
		expect(statusById).toEqual(
			new Map([
				[ids[0], ['delivered', false]],
				[ids[1], ['failed', true]],
				[ids[2], ['unknown', false]],
			]),
		);
		expect(sandbox.callbacks().map((callback) => callback.status)).toEqual([200, 200, 200]);
	});

	it('starts the workflow for an inbound SMS the sandbox posts', async () => {
		webhook = await startTrigger({ events: ['inboundMessage'] });
		sandbox.act('smscpr', 'inbound', { url: webhook.url, from: '+12025551234', to: '12345', body: 'STOP' });
		await sandbox.waitForCallbacks(1, 5000);

		expect(eventsOf(webhook)).toEqual([
			[expect.objectContaining({ event: 'inboundMessage', provider: 'smscpr', from: '+12025551234', to: '12345', text: 'STOP', keyword: 'STOP', optOut: true, optIn: false, helpRequest: false })],
		]);
	});
});
