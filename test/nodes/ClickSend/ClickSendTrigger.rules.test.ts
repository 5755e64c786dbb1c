import { startSandbox, type Sandbox } from '../../../sandbox/server';
import type { TriggerWebhook } from '../../harness';
import { call, simulateInbound } from '../../sandbox/clicksend-client';
import { byNumber, eventsOf, rulesIn, RULE_NAME, startClickSendTrigger, waitForExecutions } from './clicksend-trigger-fixtures';

let sandbox: Sandbox;
let webhook: TriggerWebhook;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 5 });
});

afterEach(async () => {
	await webhook.close();
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

describe('ClickSend Trigger automation rules', () => {
	it('creates both rules on activation, notices one deleted behind its back, and leaves none after deactivation', async () => {
		webhook = await startClickSendTrigger(sandbox);
		expect(await webhook.runWebhookMethod('checkExists')).toBe(false);

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		const { receipts, inbound } = rulesIn(sandbox);
		expect(receipts).toEqual([
			{ receipt_rule_id: expect.any(Number), rule_name: RULE_NAME, match_type: 0, action: 'URL', action_address: webhook.url, enabled: 1 },
		]);
		expect(inbound).toEqual([
			{
				inbound_rule_id: expect.any(Number),
				rule_name: RULE_NAME,
				dedicated_number: '*',
				message_search_type: 0,
				message_search_term: '',
				action: 'URL',
				action_address: webhook.url,
				enabled: 1,
				webhook_type: 'post',
			},
		]);
		expect(webhook.nodeStaticData()).toEqual({
			receiptRuleId: String(receipts[0].receipt_rule_id),
			inboundRuleId: String(inbound[0].inbound_rule_id),
		});
		expect(await webhook.runWebhookMethod('checkExists')).toBe(true);

		// Someone deletes the inbound rule in the ClickSend dashboard while the workflow is active.
		expect((await call(sandbox, 'DELETE', `/automations/sms/inbound/${String(inbound[0].inbound_rule_id)}`)).status).toBe(200);
		expect(await webhook.runWebhookMethod('checkExists')).toBe(false);

		// n8n then runs create again: the surviving receipt rule is replaced, not doubled.
		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(rulesIn(sandbox).receipts).toHaveLength(1);
		expect(rulesIn(sandbox).inbound).toHaveLength(1);
		expect(await webhook.runWebhookMethod('checkExists')).toBe(true);

		expect(await webhook.runWebhookMethod('delete')).toBe(true);
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
		expect(webhook.nodeStaticData()).toEqual({});

		// A second deactivation (or a rule already removed by hand) is no error.
		expect(await webhook.runWebhookMethod('delete')).toBe(true);
	});

	it('counts a rule that points at another URL as missing', async () => {
		webhook = await startClickSendTrigger(sandbox, { events: ['deliveryReceipt'] });
		await webhook.runWebhookMethod('create');
		const ruleId = String(rulesIn(sandbox).receipts[0].receipt_rule_id);
		await call(sandbox, 'PUT', `/automations/sms/receipts/${ruleId}`, { action_address: 'https://elsewhere.example.com/hook' });
		expect(await webhook.runWebhookMethod('checkExists')).toBe(false);
	});

	it('removes a kept rule of an event no longer selected', async () => {
		webhook = await startClickSendTrigger(sandbox, { events: ['deliveryReceipt'] });
		await webhook.runWebhookMethod('create');
		const receiptRuleId = webhook.nodeStaticData().receiptRuleId;

		await webhook.close();

		// The user changed Events to Inbound SMS only; n8n loads the static data kept so far.
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'] }, { receiptRuleId });
		expect(await webhook.runWebhookMethod('checkExists')).toBe(false);
		await webhook.runWebhookMethod('create');
		expect(rulesIn(sandbox)).toEqual({ receipts: [], inbound: [expect.objectContaining({ action_address: webhook.url })] });
		expect(Object.keys(webhook.nodeStaticData())).toEqual(['inboundRuleId']);
	});

	it('creates only the receipt rule when only Delivery Receipt is selected', async () => {
		webhook = await startClickSendTrigger(sandbox, { events: ['deliveryReceipt'] });
		await webhook.runWebhookMethod('create');
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [expect.objectContaining({ action_address: webhook.url })] });
		expect(Object.keys(webhook.nodeStaticData())).toEqual(['receiptRuleId']);
		expect(await webhook.runWebhookMethod('checkExists')).toBe(true);
	});

	it('puts the dedicated number, keyword filter and format in the inbound rule, and ClickSend filters by it', async () => {
		webhook = await startClickSendTrigger(sandbox, {
			events: ['inboundMessage'],
			dedicatedNumber: byNumber(' +61411000200 '),
			keywordFilter: 'startsWith',
			keyword: 'stop',
			inboundFormat: 'json',
		});
		await webhook.runWebhookMethod('create');
		expect(rulesIn(sandbox)).toEqual({
			receipts: [],
			inbound: [
				expect.objectContaining({
					dedicated_number: '+61411000200',
					message_search_type: 1,
					message_search_term: 'stop',
					webhook_type: 'json',
				}),
			],
		});

		const otherText = await simulateInbound(sandbox, { from: '+61422222222', to: '+61411000200', body: 'hello there' });
		const otherNumber = await simulateInbound(sandbox, { from: '+61422222222', to: '+61411000100', body: 'STOP please' });
		const matching = await simulateInbound(sandbox, { from: '+61422222222', to: '+61411000200', body: 'STOP now' });
		// ClickSend itself filters: only the matching SMS is posted to the node.
		expect([otherText, otherNumber, matching].map((result) => result.body.webhooks.length)).toEqual([0, 0, 1]);
		await waitForExecutions(webhook, 1);
		expect(eventsOf(webhook).map(([event]) => event.text)).toEqual(['STOP now']);
	});

	it.each([
		['contains', 2],
		['doesNotContain', 3],
	])('maps the keyword filter %s to message_search_type %d', async (keywordFilter, searchType) => {
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'], keywordFilter, keyword: 'info' });
		await webhook.runWebhookMethod('create');
		expect(rulesIn(sandbox).inbound[0]).toMatchObject({ message_search_type: searchType, message_search_term: 'info' });
	});

	it.each([
		['typed with spaces', ' +61 411 000 100 ', '+61411000100'],
		['with dashes and a trunk zero', '+61 (0)411-000-100', '+61411000100'],
		['with 00 for +', '0061 411 000 100', '+61411000100'],
		['as ClickSend’s own “all numbers”', '*', '*'],
	])('puts the dedicated number %s (%p) into the rule as ClickSend keeps it', async (_spelling, dedicatedNumber, stored) => {
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'], dedicatedNumber: byNumber(dedicatedNumber) });
		await webhook.runWebhookMethod('create');
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: stored })]);
	});

	it.each([
		[
			'a local number',
			'0411 000 100',
			'The Dedicated Number has no country code',
			'Write it with + and its country code, as ClickSend lists your dedicated numbers, e.g. +61 411 000 100, or leave the field empty for all the account’s numbers',
		],
		[
			'digits without +',
			'61411000100',
			'The Dedicated Number has no country code',
			'Write it with + and its country code, as ClickSend lists your dedicated numbers: +61411000100 if that is the number, or leave the field empty for all the account’s numbers',
		],
		[
			'a number missing a digit',
			'+61 411 000 10',
			'The Dedicated Number is not a valid number for country code +61',
			'Check the digits and the country code, or leave the field empty for all the account’s numbers',
		],
		[
			'a letter O for a zero',
			'+61 411 OOO 100',
			'The Dedicated Number is not a phone number',
			'Write it in international format, e.g. +16462223333, or leave the field empty for all the account’s numbers',
		],
	])('refuses %s before creating any rule, naming the field and how to fix it', async (_problem, dedicatedNumber, message, description) => {
		webhook = await startClickSendTrigger(sandbox, { dedicatedNumber: byNumber(dedicatedNumber) });
		const failure = await webhook.runWebhookMethod('create').then(
			() => undefined,
			(error: unknown) => error as { message: string; description: string },
		);
		expect(failure).toMatchObject({ message, description });
		expect(sandbox.requests({ provider: 'clicksend' })).toEqual([]);
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
		expect(webhook.nodeStaticData()).toEqual({});
	});

	it('refuses an empty keyword before creating anything', async () => {
		webhook = await startClickSendTrigger(sandbox, { keywordFilter: 'contains', keyword: '  ' });
		await expect(webhook.runWebhookMethod('create')).rejects.toThrow('The Keyword is empty');
		expect(sandbox.requests({ provider: 'clicksend' })).toEqual([]);
		expect(webhook.nodeStaticData()).toEqual({});
	});

	it('removes the receipt rule again when creating the inbound rule fails, and reports the failure', async () => {
		webhook = await startClickSendTrigger(sandbox);
		sandbox.injectFault({ provider: 'clicksend', method: 'POST', path: '/automations/sms/inbound', kind: 'status', status: 403 });
		await expect(webhook.runWebhookMethod('create')).rejects.toThrow('ClickSend does not allow this for the account');
		const ruleCalls = sandbox.requests({ provider: 'clicksend' }).map((request) => `${request.method} ${request.path}`);
		expect(ruleCalls).toEqual([
			'POST /clicksend/automations/sms/receipts',
			'POST /clicksend/automations/sms/inbound',
			expect.stringMatching(/^DELETE \/clicksend\/automations\/sms\/receipts\/\d+$/),
		]);
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
	});

	it('says which rule to delete by hand when neither the create nor the clean-up went through', async () => {
		webhook = await startClickSendTrigger(sandbox);
		sandbox.injectFault({ provider: 'clicksend', method: 'POST', path: '/automations/sms/inbound', kind: 'status', status: 403 });
		sandbox.injectFault({ provider: 'clicksend', method: 'DELETE', kind: 'status', status: 403 });
		const failure = await webhook.runWebhookMethod('create').then(
			() => undefined,
			(error: unknown) => error as { message: string; description: string },
		);
		expect(failure?.message).toBe('ClickSend does not allow this for the account');
		expect(failure?.description).toContain(`delete the rules named "${RULE_NAME}"`);
		expect(rulesIn(sandbox).receipts).toHaveLength(1);
	});

	it('throws when ClickSend refuses a delete, keeping the ids so that the next delete tries again', async () => {
		webhook = await startClickSendTrigger(sandbox);
		await webhook.runWebhookMethod('create');
		const receiptRuleId = String(rulesIn(sandbox).receipts[0].receipt_rule_id);
		sandbox.injectFault({ provider: 'clicksend', method: 'DELETE', path: `/automations/sms/receipts/${receiptRuleId}`, kind: 'status', status: 403 });

		await expect(webhook.runWebhookMethod('delete')).rejects.toThrow('ClickSend does not allow this for the account');
		expect(Object.keys(webhook.nodeStaticData()).sort()).toEqual(['inboundRuleId', 'receiptRuleId']);

		expect(await webhook.runWebhookMethod('delete')).toBe(true);
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
		expect(webhook.nodeStaticData()).toEqual({});
	});

	it('throws when ClickSend refuses the credentials on checkExists', async () => {
		webhook = await startClickSendTrigger(sandbox);
		await webhook.runWebhookMethod('create');
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', kind: 'status', status: 401 });
		await expect(webhook.runWebhookMethod('checkExists')).rejects.toThrow('ClickSend refused the username or API key');
	});
});
