import { SkycoreTrigger } from '../../../nodes/Skycore/SkycoreTrigger.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { eventFingerprint } from '../../../lib/event-memory';
import { parsePhoneNumber } from '../../../lib/phone';
import type { TriggerWebhook } from '../../harness';
import { eventsOf, postToWebhook as post, startProviderTrigger } from '../trigger-helpers';
import { runSkycoreSend, SEND, SPEC_DELIVERY, SPEC_INBOUND } from './skycore-fixtures';

const startTrigger = async (parameters: Record<string, unknown> = {}) =>
	await startProviderTrigger(SkycoreTrigger, 'Skycore Trigger', { ...parameters }, 'skycore');

describe('Skycore Trigger', () => {
	let webhook: TriggerWebhook;
	afterEach(async () => {
		await webhook.close();
	});

	it('turns the spec’s delivery postback into one execution, answering 200 at once', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, SPEC_DELIVERY);

		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ received: true });
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'deliveryReceipt',
					eventKey: 'xxxxxxxxxxxx:N201',
					provider: 'skycore',
					messageId: 'xxxxxxxxxxxx',
					status: 'sent',
					isFailure: false,
					providerStatus: 'N201',
					failureReason: null,
					statusText: 'Sent',
					from: '000000',
					to: '10000000000',
					operatorId: '0001470',
					operatorName: 'AT&T',
					campaignRef: null,
					fromMask: null,
					timestamp: '2021-01-26T18:00:07.990498+00:00',
					receivedAt: expect.any(String),
					raw: SPEC_DELIVERY,
				},
			],
		]);
	});

	it.each([
		['N201', 'Sent', 'sent', false],
		['N202', 'Delivered', 'delivered', false],
		['E201', 'Failed', 'failed', true],
		['E202', 'Rejected', 'failed', true],
		['E202', 'Expired', 'undelivered', true],
		['N999', 'Queued', 'unknown', false],
	])('maps %s (%s) to %s', async (code, statusText, status, isFailure) => {
		webhook = await startTrigger();
		await post(webhook.url, { ...SPEC_DELIVERY, code, status: statusText });
		// Skycore's status text is its only reason, kept for failures.
		const failureReason = isFailure ? statusText : null;
		expect(eventsOf(webhook)[0][0]).toMatchObject({ status, isFailure, providerStatus: code, statusText, failureReason });
	});

	it('turns the spec’s inbound SMS (N211) into an inboundMessage event', async () => {
		webhook = await startTrigger();
		const response = await post(webhook.url, SPEC_INBOUND);

		expect(response.status).toBe(200);
		expect(eventsOf(webhook)).toEqual([
			[
				{
					event: 'inboundMessage',
					eventKey: 'smsmo09ea1b9215:N211',
					provider: 'skycore',
					messageId: 'smsmo09ea1b9215',
					from: '10000000000',
					to: '00000',
					text: 'DEMO',
					optOut: false,
					optIn: false,
					helpRequest: false,
					timestamp: '2021-02-01T23:35:54+00:00',
					receivedAt: expect.any(String),
					raw: SPEC_INBOUND,
				},
			],
		]);
	});

	it('gives the numbers Skycore posts as international digits in E.164, so a reply can go to {{ $json.from }}; short codes and non-numbers stay as posted', async () => {
		webhook = await startTrigger();
		const inbound = { ...SPEC_INBOUND, 'tracking-id': 'smsmo-reply-1', from: '17743199144', to: '00000' };
		const delivery = { ...SPEC_DELIVERY, from: '00000', to: '447911123456' };
		await post(webhook.url, inbound);
		await post(webhook.url, delivery);

		const [[reply], [receipt]] = eventsOf(webhook);
		expect(reply).toMatchObject({ from: '+17743199144', to: '00000', raw: inbound });
		expect(parsePhoneNumber(reply.from)).toMatchObject({ valid: true, e164: '+17743199144' });
		expect(receipt).toMatchObject({ from: '00000', to: '+447911123456', raw: delivery });
		// The spec's own placeholder (10000000000) is no valid number: it stays as posted.
		await post(webhook.url, SPEC_INBOUND);
		expect(eventsOf(webhook)[2][0]).toMatchObject({ from: '10000000000' });
	});

	it('with Events = Inbound SMS only, acknowledges delivery postbacks without starting the workflow', async () => {
		webhook = await startTrigger({ events: ['inboundMessage'] });
		const delivery = await post(webhook.url, SPEC_DELIVERY);
		const inbound = await post(webhook.url, SPEC_INBOUND);

		expect(delivery.status).toBe(200);
		expect(JSON.parse(delivery.body)).toEqual({ received: true, ignored: 'event not selected' });
		expect(inbound.status).toBe(200);
		expect(eventsOf(webhook).map((events) => events[0].event)).toEqual(['inboundMessage']);
	});

	it('with Events = Delivery Receipt only, acknowledges inbound SMS without starting the workflow', async () => {
		webhook = await startTrigger({ events: ['deliveryReceipt'] });
		await post(webhook.url, SPEC_INBOUND);
		await post(webhook.url, SPEC_DELIVERY);
		expect(eventsOf(webhook).map((events) => events[0].event)).toEqual(['deliveryReceipt']);
	});

	it('starts one execution when Skycore retries a postback, keyed on tracking-id and code', async () => {
		webhook = await startTrigger();
		const answers = [];
		for (let attempt = 0; attempt < 3; attempt++) answers.push(await post(webhook.url, SPEC_DELIVERY));

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		expect(JSON.parse(answers[2].body)).toEqual({ received: true, ignored: 'duplicate' });
		expect(webhook.executions).toHaveLength(1);
		expect(webhook.nodeStaticData().recentEventFingerprints).toBe(['xxxxxxxxxxxx:N201'].map(eventFingerprint).join(''));

		// The delivery report of the same message is a new event.
		await post(webhook.url, { ...SPEC_DELIVERY, code: 'N202', status: 'Delivered' });
		await post(webhook.url, SPEC_INBOUND);
		await post(webhook.url, SPEC_INBOUND);
		expect(eventsOf(webhook).map((events) => events[0].status ?? events[0].event)).toEqual(['sent', 'delivered', 'inboundMessage']);
	});

	it('lets duplicates through when Ignore Duplicates is off', async () => {
		webhook = await startTrigger({ options: { ignoreDuplicates: false } });
		await post(webhook.url, SPEC_DELIVERY);
		await post(webhook.url, SPEC_DELIVERY);
		expect(webhook.executions).toHaveLength(2);
	});

	it('with Only Failures, drops sent and delivered receipts, keeps failures and inbound SMS', async () => {
		webhook = await startTrigger({ options: { onlyFailures: true } });
		const sent = await post(webhook.url, SPEC_DELIVERY);
		await post(webhook.url, { ...SPEC_DELIVERY, code: 'N202', status: 'Delivered' });
		await post(webhook.url, { ...SPEC_DELIVERY, code: 'E201', status: 'Failed' });
		await post(webhook.url, SPEC_INBOUND);

		expect(JSON.parse(sent.body)).toEqual({ received: true, ignored: 'not a failure' });
		expect(eventsOf(webhook).map((events) => events[0].providerStatus ?? events[0].event)).toEqual(['E201', 'inboundMessage']);
	});

	it('with Only Opt-Outs, starts for an opt-out keyword only, flags HELP and START on the events it lets through without the option', async () => {
		webhook = await startTrigger({ options: { onlyOptOuts: true } });
		const inbound = (id: string, text: string) => post(webhook.url, { ...SPEC_INBOUND, 'tracking-id': id, 'message-text': text });
		const help = await inbound('mo-1', 'help');
		await inbound('mo-2', 'STOPALL');
		await inbound('mo-3', 'Cancel my order please');
		expect(JSON.parse(help.body)).toEqual({ received: true, ignored: 'not an opt-out' });
		expect(eventsOf(webhook).map(([event]) => [event.messageId, event.optOut, event.optIn, event.helpRequest])).toEqual([
			['mo-2', true, false, false],
			['mo-3', true, false, false],
		]);
		await webhook.close();

		webhook = await startTrigger();
		await inbound('mo-4', 'help');
		await inbound('mo-5', 'Unstop');
		expect(eventsOf(webhook).map(([event]) => [event.messageId, event.optOut, event.optIn, event.helpRequest])).toEqual([
			['mo-4', false, false, true],
			['mo-5', false, true, false],
		]);
	});

	it.each([
		['an empty body', '', 'The body is empty or not JSON'],
		['a ClearLine receipt (the wrong shape)', { messageId: 'abc', deliveryStatus: 'Delivered' }, 'Not a Skycore postback: origin is missing or not SMS_MT or SMS_MO'],
		['an MMS postback', { ...SPEC_DELIVERY, origin: 'MMS_MT' }, 'Not a Skycore postback: origin is missing or not SMS_MT or SMS_MO'],
		['a delivery postback without tracking-id', { ...SPEC_DELIVERY, 'tracking-id': undefined }, 'Not a Skycore delivery postback: tracking-id is missing'],
		['a delivery postback without code', { ...SPEC_DELIVERY, code: ' ' }, 'Not a Skycore delivery postback: code is missing'],
		['an inbound postback without message-text', { ...SPEC_INBOUND, 'message-text': undefined }, 'Not a Skycore inbound postback: message-text is missing'],
		['an inbound postback without from', { ...SPEC_INBOUND, from: '' }, 'Not a Skycore inbound postback: from is missing'],
	])('answers 400 to %s and starts nothing', async (_name, body, message) => {
		webhook = await startTrigger();
		const response = await post(webhook.url, body);
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body)).toEqual({ message });
		expect(webhook.executions).toHaveLength(0);
	});

	it('Header Auth: 401 without the header, before the body is read; 200 with it', async () => {
		webhook = await startTrigger({ authentication: 'headerAuth' });
		const missing = await post(webhook.url, SPEC_DELIVERY);
		const wrongShape = await post(webhook.url, { nonsense: true });
		expect(missing.status).toBe(401);
		expect(wrongShape.status).toBe(401);
		expect(webhook.executions).toHaveLength(0);

		const right = await post(webhook.url, SPEC_DELIVERY, { 'x-webhook-secret': 'open-sesame' });
		expect(right.status).toBe(200);
		expect(webhook.executions).toHaveLength(1);
	});

	it('Basic Auth: 401 for a wrong password, 200 for the right one', async () => {
		webhook = await startTrigger({ authentication: 'basicAuth' });
		const basic = (password: string) => `Basic ${Buffer.from(`skycore:${password}`).toString('base64')}`;
		expect((await post(webhook.url, SPEC_INBOUND, { authorization: basic('nope') })).status).toBe(401);
		expect((await post(webhook.url, SPEC_INBOUND, { authorization: basic('pa55word') })).status).toBe(200);
		expect(webhook.executions).toHaveLength(1);
	});
});

describe('Skycore Send → sandbox postbacks → Skycore Trigger', () => {
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

	it('delivers every postback of each message to the trigger, matched by tracking-id, and an inbound reply', async () => {
		webhook = await startTrigger();
		// Skycore has no API for this: the user pastes the trigger's URL into Account › API Settings.
		expect(sandbox.act('skycore', 'postback-url', { url: webhook.url }).status).toBe(200);

		const result = await runSkycoreSend(sandbox, {
			items: [
				{ to: '+1 774 319 9144', from: '00000', message: 'will be delivered' },
				{ to: '+1 774 319 0000', from: '00000', message: 'will be rejected' },
				{ to: '+1 774 319 0001', from: '00000', message: 'will fail' },
			],
		});
		expect(result.status).toBe('success');
		await sandbox.waitForCallbacks(5, 5000);

		const ids = result.outputOf(SEND).map((item) => item.json.messageId);
		const statusesById = new Map<unknown, string[]>(ids.map((id) => [id, []]));
		for (const [event] of eventsOf(webhook)) statusesById.get(event.messageId)?.push(String(event.status));
		expect([...statusesById.values()].map((statuses) => statuses.sort())).toEqual([
			['delivered', 'sent'],
			['failed', 'sent'],
			['failed'],
		]);
		expect(sandbox.callbacks().map((callback) => callback.status)).toEqual([200, 200, 200, 200, 200]);

		sandbox.act('skycore', 'inbound', { from: '17743199144', to: '00000', text: 'STOP' });
		await sandbox.waitForCallbacks(6, 5000);
		const lastEvent = eventsOf(webhook).at(-1)?.[0];
		// Skycore posts the sender as digits; the event gives it in E.164, as every provider's does.
		expect(lastEvent).toMatchObject({ event: 'inboundMessage', from: '+17743199144', to: '00000', text: 'STOP' });
	});
});
