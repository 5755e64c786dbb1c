import { ClickSendTrigger } from '../../../nodes/ClickSend/ClickSendTrigger.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import { CLICKSEND_DEDICATED_NUMBERS } from '../../../sandbox/providers/clicksend/account';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runListSearch, type TriggerWebhook } from '../../harness';
import { byNumber, fromList, rulesIn, startClickSendTrigger } from './clicksend-trigger-fixtures';

let sandbox: Sandbox;
let webhook: TriggerWebhook | undefined;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 5 });
});

afterEach(async () => {
	await webhook?.close();
	webhook = undefined;
	sandbox.reset();
});

afterAll(async () => {
	await sandbox.close();
});

const numbersRead = () => sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/numbers' });
const ruleCalls = () => sandbox.requests({ provider: 'clicksend' }).map((request) => `${request.method} ${request.path}`);

/** ClickSend's answer to GET /numbers for an account with these dedicated numbers. */
function numbersAnswer(numbers: string[]) {
	const data = numbers.map((number) => ({ dedicated_number: number, country: 'AU' }));
	return { http_code: 200, response_code: 'SUCCESS', response_msg: 'Here are your dedicated numbers.', data: { total: data.length, per_page: 100, current_page: 1, last_page: 1, data } };
}

async function activationFailure(parameters: Record<string, unknown>, nodeStaticData?: Record<string, string>) {
	webhook = await startClickSendTrigger(sandbox, parameters, nodeStaticData);
	return await webhook.runWebhookMethod('create').then(
		() => undefined,
		(error: unknown) => error as { message: string; description: string },
	);
}

describe('ClickSend Trigger › Dedicated Number', () => {
	it('lists "any of the account’s numbers" and then only the account’s dedicated numbers From List, filtered by what is typed', async () => {
		const search = async (filter?: string) =>
			await runListSearch({
				nodeType: ClickSendTrigger,
				node: { name: 'ClickSend Trigger', parameters: {}, credentials: { clickSendApi: { id: '1', name: 'ClickSend' } } },
				credentials: { clickSendApi: { ...SANDBOX_KEYS.clicksend, baseUrl: sandbox.providerUrl('clicksend') } },
				method: 'searchDedicatedNumbers',
				filter,
			});

		// Own numbers (+61400111222) and alpha tags are senders, not numbers that receive SMS.
		expect((await search()).results).toEqual([
			{ name: 'Any of the Account’s Numbers', value: '*' },
			...CLICKSEND_DEDICATED_NUMBERS.map((number) => ({ name: number, value: number })),
		]);
		expect((await search('0200')).results).toEqual([{ name: '+61411000200', value: '+61411000200' }]);
		expect((await search(' 411 000 2')).results).toEqual([{ name: '+61411000200', value: '+61411000200' }]);
		expect((await search('any')).results).toEqual([{ name: 'Any of the Account’s Numbers', value: '*' }]);
	});

	it.each([
		['chosen From List', fromList('+61411000200')],
		['typed By Number with spaces', byNumber(' +61 411 000 200 ')],
		['typed By Number as an expression', byNumber('={{ "+61 411 " + "000 200" }}')],
		['saved as a plain string (a workflow written by hand)', '+61411000200'],
	])('activates with a number on the account %s, and checks it only when creating the rule', async (_how, dedicatedNumber) => {
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'], dedicatedNumber });

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: '+61411000200' })]);
		expect(ruleCalls()).toEqual(['GET /clicksend/numbers', 'POST /clicksend/automations/sms/inbound']);

		// checkExists runs at every n8n start: it reads the rule, not the list.
		expect(await webhook.runWebhookMethod('checkExists')).toBe(true);
		expect(numbersRead()).toHaveLength(1);
	});

	it('stops the activation for a number not on the account, naming the field and the account’s numbers, and creates no rule', async () => {
		const failure = await activationFailure({ dedicatedNumber: byNumber('+61 411 000 199') });

		expect(failure).toMatchObject({
			message: 'The Dedicated Number +61411000199 is not one of the account’s dedicated numbers',
			description:
				'Replies to it would never start this workflow. The account’s dedicated numbers: +61411000100, +61411000200. Pick one from the list, or choose Any of the Account’s Numbers From List (or empty the field By Number) to receive replies to any number',
		});
		expect(ruleCalls()).toEqual(['GET /clicksend/numbers']);
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
		expect(webhook?.nodeStaticData()).toEqual({});
	});

	it('names five of the account’s numbers and counts the rest', async () => {
		const numbers = ['+61411000101', '+61411000102', '+61411000103', '+61411000104', '+61411000105', '+61411000106', '+61411000107'];
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/numbers', kind: 'status', status: 200, body: numbersAnswer(numbers) });

		const failure = await activationFailure({ dedicatedNumber: byNumber('+61411000100') });

		expect(failure?.description).toContain(
			'The account’s dedicated numbers: +61411000101, +61411000102, +61411000103, +61411000104, +61411000105 and 2 more.',
		);
	});

	it('says so when the account has no dedicated numbers', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/numbers', kind: 'status', status: 200, body: numbersAnswer([]) });

		const failure = await activationFailure({ dedicatedNumber: byNumber('+61411000100') });

		expect(failure).toMatchObject({
			message: 'The Dedicated Number +61411000100 is not one of the account’s dedicated numbers',
			description:
				'Replies to it would never start this workflow, and the account has no dedicated numbers: choose Any of the Account’s Numbers From List (or empty the field By Number) to receive replies to any number',
		});
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
	});

	it('compares the listed numbers as E.164, however ClickSend spaces them', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/numbers', kind: 'status', status: 200, body: numbersAnswer(['+61 411 000 300']) });
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'], dedicatedNumber: fromList('+61 411 000 300') });

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: '+61411000300' })]);
	});

	it('leaves the rules kept from before in place when the check fails', async () => {
		webhook = await startClickSendTrigger(sandbox, { dedicatedNumber: fromList('+61411000100') });
		await webhook.runWebhookMethod('create');
		const kept = webhook.nodeStaticData() as Record<string, string>;
		await webhook.close();

		const failure = await activationFailure({ dedicatedNumber: byNumber('+61411000199') }, kept);

		expect(failure?.message).toBe('The Dedicated Number +61411000199 is not one of the account’s dedicated numbers');
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: '+61411000100' })]);
		expect(rulesIn(sandbox).receipts).toHaveLength(1);
	});

	it.each([403, 404])('activates as before when the account may not read its numbers (%d, e.g. a sub-account)', async (status) => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/numbers', kind: 'status', status, times: 0 });
		webhook = await startClickSendTrigger(sandbox, { events: ['inboundMessage'], dedicatedNumber: byNumber('+61411000199') });

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: '+61411000199' })]);
	});

	it('stops the activation when ClickSend refuses the key while reading the numbers', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/numbers', kind: 'status', status: 401, times: 0 });

		const failure = await activationFailure({ dedicatedNumber: byNumber('+61411000100') });

		expect(failure?.message).toBe('ClickSend refused the username or API key');
		expect(rulesIn(sandbox)).toEqual({ inbound: [], receipts: [] });
	});

	it.each([
		['left at its default', undefined],
		['empty From List', fromList('')],
		['empty By Number', byNumber('  ')],
		['ClickSend’s own “all numbers”', byNumber('*')],
		['“Any of the Account’s Numbers” chosen From List', fromList('*')],
	])('makes a rule for every number without reading the list when %s', async (_how, dedicatedNumber) => {
		webhook = await startClickSendTrigger(sandbox, dedicatedNumber === undefined ? {} : { dedicatedNumber });

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(rulesIn(sandbox).inbound).toEqual([expect.objectContaining({ dedicated_number: '*' })]);
		expect(numbersRead()).toEqual([]);
	});

	it('does not read the list when only delivery receipts are wanted', async () => {
		webhook = await startClickSendTrigger(sandbox, { events: ['deliveryReceipt'], dedicatedNumber: byNumber('+61411000199') });

		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(ruleCalls()).toEqual(['POST /clicksend/automations/sms/receipts']);
	});
});
