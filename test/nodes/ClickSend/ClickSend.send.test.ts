import { InFlightMeter, mostInFlightAtOnce } from '../../../scripts/bench/in-flight-meter';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import {
	INVALID_RECIPIENT,
	NO_CREDIT_RECIPIENT,
	NODE,
	runClickSend,
	runClickSendSend,
	sendRequests,
	SPEC_MESSAGES,
} from './clicksend-fixtures';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** Distinct valid Australian mobiles, +61 4xx xxx xxx. */
function recipients(count: number): string[] {
	return Array.from({ length: count }, (_, index) => `+614${String(10_000_000 + index).padStart(8, '0')}`);
}

function sentMessages(): Array<Record<string, unknown>> {
	return sendRequests(sandbox).flatMap((request) => (request.body as { messages: Array<Record<string, unknown>> }).messages);
}

describe('ClickSend › SMS › Send', () => {
	it('sends the spec example in one request and gives each item its own message ID, status, price and parts', async () => {
		const result = await runClickSendSend(sandbox, SPEC_MESSAGES);

		expect(result.error).toBeUndefined();
		const outputs = result.outputOf(NODE);
		expect(outputs).toHaveLength(2);
		const answered = (sendRequests(sandbox)[0].response as { data: { messages: Array<Record<string, unknown>> } }).data.messages;
		outputs.forEach((output, index) => {
			expect(output.pairedItem).toEqual({ item: index });
			// The fields the shared ones carry (message_id, status, to, from, message_price) are not repeated.
			const { message_id: messageId, status: _status, to: _to, from, message_price: _price, ...clickSendOwn } = answered[index];
			expect(output.json).toEqual({
				messageId,
				status: 'accepted',
				providerStatus: 'SUCCESS',
				to: SPEC_MESSAGES[index].to,
				from,
				encoding: 'GSM-7',
				segments: 1,
				characters: SPEC_MESSAGES[index].body.length,
				price: 0.0792,
				currency: 'AUD',
				...clickSendOwn,
			});
			expect(output.json).toMatchObject({ body: SPEC_MESSAGES[index].body, message_parts: 1, is_shared_system_number: true });
			expect(output.json.messageId).toMatch(/^[0-9A-F-]{36}$/);
			// No From set: ClickSend names the shared number it sends from.
			expect(output.json.from).toMatch(/^\+61/);
		});
		expect(sendRequests(sandbox)).toHaveLength(1);
		expect(sentMessages()).toEqual(SPEC_MESSAGES.map((message) => ({ ...message, source: 'n8n' })));
	});

	it('sends 2,500 items in 3 requests of 1000, 1000 and 500, with 2,500 outputs in input order', async () => {
		const numbers = recipients(2500);
		const items = numbers.map((to, index) => ({ to, body: `Row ${index}` }));

		const result = await runClickSendSend(sandbox, items);

		expect(result.error).toBeUndefined();
		const outputs = result.outputOf(NODE);
		expect(outputs).toHaveLength(2500);
		outputs.forEach((output, index) => {
			expect(output.pairedItem).toEqual({ item: index });
			expect(output.json.to).toBe(numbers[index]);
			expect(output.json.body).toBe(`Row ${index}`);
		});
		expect(sendRequests(sandbox).map((request) => (request.body as { messages: unknown[] }).messages.length)).toEqual([1000, 1000, 500]);
		expect(new Set(outputs.map((output) => output.json.messageId)).size).toBe(2500);
		expect(new Set(sentMessages().map((message) => message.to)).size).toBe(2500);
	});

	it('sends one request per item when Send in Batches is off', async () => {
		const result = await runClickSendSend(sandbox, SPEC_MESSAGES, { parameters: { options: { batchMessages: false } } });

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE).map((output) => output.json.to)).toEqual(SPEC_MESSAGES.map((message) => message.to));
		expect(sendRequests(sandbox).map((request) => (request.body as { messages: unknown[] }).messages.length)).toEqual([1, 1]);
	});

	describe('a message ClickSend refuses inside a 200', () => {
		const items = [
			{ to: '+61411111111', body: 'first' },
			{ to: INVALID_RECIPIENT, body: 'second' },
			{ to: '+61422222222', body: 'third' },
			{ to: NO_CREDIT_RECIPIENT, body: 'fourth' },
		];

		it('with Continue On Fail: that item carries its error, the others are reported as sent', async () => {
			const result = await runClickSendSend(sandbox, items, { continueOnFail: true });

			expect(result.error).toBeUndefined();
			const outputs = result.outputOf(NODE);
			expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			expect(outputs[0].json).toMatchObject({ status: 'accepted', providerStatus: 'SUCCESS', to: '+61411111111' });
			expect(outputs[2].json).toMatchObject({ status: 'accepted', providerStatus: 'SUCCESS', to: '+61422222222' });
			expect(outputs[1].json.error).toBe(`ClickSend refused the message to ${INVALID_RECIPIENT}: INVALID_RECIPIENT`);
			expect(outputs[1].json.description).toMatch(/mobile number.*not sent/);
			expect(outputs[3].json.error).toBe(`ClickSend refused the message to ${NO_CREDIT_RECIPIENT}: INSUFFICIENT_CREDIT`);
			expect(outputs[3].json.description).toMatch(/credit/);
			expect(outputs[1].json.status).toBeUndefined();
			expect(sendRequests(sandbox)).toHaveLength(1);
		});

		it('without it: the node fails naming the first refused item and lists the items already sent with their message ids', async () => {
			const result = await runClickSendSend(sandbox, items);

			expect(result.error?.message).toBe(`ClickSend refused the message to ${INVALID_RECIPIENT}: INVALID_RECIPIENT`);
			expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
			const description = String((result.error as { description?: string }).description);
			expect(description).toMatch(/Already sent before the node stopped, do not send these again: item 0 \(message ID [0-9A-F-]{36}\), item 2 \(message ID [0-9A-F-]{36}\)\./);
			expect(sendRequests(sandbox)).toHaveLength(1);
		});
	});

	it('checks every item before the first request: a bad number in the last item sends nothing', async () => {
		const items = [...recipients(30).map((to) => ({ to, body: 'hello' })), { to: '+61 4', body: 'hello' }];

		const result = await runClickSendSend(sandbox, items);

		expect(result.error?.message).toBe('The field "To" of item 30 is too short');
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it('with Continue On Fail, an invalid number is that item’s error and is never sent; the rest go out together', async () => {
		const items = [{ to: '+61411111111', body: 'a' }, { to: 'call me', body: 'b' }, { to: '+61422222222', body: 'c' }];

		const result = await runClickSendSend(sandbox, items, { continueOnFail: true });

		const outputs = result.outputOf(NODE);
		expect(outputs).toHaveLength(3);
		expect(outputs[1].json.error).toMatch(/^The field "To" of item 1 /);
		expect(outputs[1].pairedItem).toEqual({ item: 1 });
		expect(sentMessages().map((message) => message.to)).toEqual(['+61411111111', '+61422222222']);
	});

	it('does not send again after a server error, and says the message may have gone out', async () => {
		sandbox.injectFault({ provider: 'clicksend', path: '/sms/send', kind: 'status', status: 503, times: 1 });

		const result = await runClickSendSend(sandbox, SPEC_MESSAGES);

		expect(result.error?.message).toMatch(/server error/);
		expect(String((result.error as { description?: string }).description)).toMatch(/may have reached the provider/);
		expect(sendRequests(sandbox)).toHaveLength(1);
	});

	it('retries a batch after a 429: nothing of it was accepted', async () => {
		sandbox.injectFault({ provider: 'clicksend', path: '/sms/send', kind: 'status', status: 429, retryAfter: 0, times: 1 });

		const result = await runClickSendSend(sandbox, SPEC_MESSAGES);

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE)).toHaveLength(2);
		expect(sendRequests(sandbox)).toHaveLength(2);
	});
});

describe('ClickSend › SMS › Calculate Price', () => {
	it('prices each item without sending it', async () => {
		const result = await runClickSendSend(sandbox, [...SPEC_MESSAGES, { to: '+61433333333', body: 'ê'.repeat(71) }], { operation: 'calculatePrice' });

		expect(result.error).toBeUndefined();
		const outputs = result.outputOf(NODE);
		expect(outputs.map((output) => [output.json.message_parts, output.json.message_price])).toEqual([
			[1, '0.0792'],
			[1, '0.0792'],
			[2, '0.1584'],
		]);
		expect(sendRequests(sandbox)).toHaveLength(0);
		expect(sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/price' })).toHaveLength(1);
	});
});

describe('ClickSend › SMS › Send options', () => {
	it('sends from, schedule, custom string and country as the spec names them', async () => {
		const schedule = new Date(Date.now() + 3_600_000);
		const result = await runClickSend(sandbox, {
			operation: 'send',
			items: [{ to: '0411 111 111' }],
			parameters: {
				to: '={{ $json.to }}',
				message: 'Your table is ready',
				from: { __rl: true, mode: 'list', value: 'SandboxCo' },
				additionalFields: { schedule: schedule.toISOString(), customString: 'booking-7', country: 'AU' },
			},
		});

		expect(result.error).toBeUndefined();
		expect(sentMessages()).toEqual([
			{
				to: '+61411111111',
				body: 'Your table is ready',
				source: 'n8n',
				from: 'SandboxCo',
				schedule: Math.floor(schedule.getTime() / 1000),
				custom_string: 'booking-7',
				country: 'AU',
			},
		]);
		expect(result.outputOf(NODE)[0].json).toMatchObject({
			status: 'scheduled',
			providerStatus: 'SUCCESS',
			from: 'SandboxCo',
			custom_string: 'booking-7',
			schedule: String(Math.floor(schedule.getTime() / 1000)),
		});
	});

	it('refuses a schedule in the past before sending', async () => {
		const result = await runClickSend(sandbox, {
			operation: 'send',
			parameters: { to: '+61411111111', message: 'late', additionalFields: { schedule: '2020-01-01T00:00:00Z' } },
		});

		expect(result.error?.message).toBe('The field "Additional Fields › Schedule" of item 0 (2020-01-01T00:00:00.000Z) is in the past');
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it('sends the text of a template chosen from the list, reading the template once', async () => {
		const created = await runClickSend(sandbox, { operation: 'send', parameters: { to: '+61411111111', message: 'warm-up' } });
		expect(created.error).toBeUndefined();
		const template = await fetch(`${sandbox.providerUrl('clicksend')}/sms/templates`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from('sandbox-user:sandbox-clicksend-key').toString('base64')}` },
			body: JSON.stringify({ template_name: 'Shipped', body: 'Your order has shipped.' }),
		}).then(async (response) => (await response.json()) as { data: { template_id: number } });

		const result = await runClickSendSend(sandbox, SPEC_MESSAGES, {
			parameters: { messageSource: 'template', templateId: { __rl: true, mode: 'list', value: String(template.data.template_id) } },
		});

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE).map((output) => output.json.body)).toEqual(['Your order has shipped.', 'Your order has shipped.']);
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: `/sms/templates/${template.data.template_id}` })).toHaveLength(1);
	});
});

describe('ClickSend › SMS › Send › Skip Messages Sent in the Last (Hours)', () => {
	const campaign = (numbers: string[]) => numbers.map((to, index) => ({ to, body: 'Spring sale: 20 % off today', ref: `spring-${index}` }));
	const withReference = (skipSentWithinHours: number) => ({
		parameters: { additionalFields: { customString: '={{ $json.ref }}' }, options: { skipSentWithinHours } },
	});

	it('run again after a send that stopped half-way, sends only the items ClickSend does not have yet', async () => {
		const items = campaign(recipients(2500));
		// The run that stopped: its first 1,500 messages reached ClickSend.
		const stopped = await runClickSendSend(sandbox, items.slice(0, 1500), withReference(24));
		expect(stopped.error).toBeUndefined();
		const earlierIds = stopped.outputOf(NODE).map((output) => output.json.messageId);

		const again = await runClickSendSend(sandbox, items, withReference(24));

		expect(again.error).toBeUndefined();
		const outputs = again.outputOf(NODE);
		expect(outputs).toHaveLength(2500);
		expect(outputs.slice(0, 1500).map((output) => output.json.messageId)).toEqual(earlierIds);
		expect(outputs.slice(0, 1500).every((output) => output.json.alreadySent === true && output.json.to === items[outputs.indexOf(output)].to)).toBe(true);
		expect(outputs.slice(1500).some((output) => output.json.alreadySent !== undefined)).toBe(false);
		// Every recipient at ClickSend exactly once over both runs.
		const sentTo = sentMessages().map((message) => message.to);
		expect(sentTo).toHaveLength(2500);
		expect(new Set(sentTo).size).toBe(2500);
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' }).length).toBeGreaterThan(1);
	});

	describe('a history of many pages', () => {
		const HISTORY_PATH = '/clicksend/sms/history';
		// Every answer held a little, so that requests sent together are seen together at the sandbox.
		const LATENCY_MS = 20;
		let meter: InFlightMeter;
		beforeEach(() => {
			sandbox.setLatency(LATENCY_MS);
			meter = new InFlightMeter(() => sandbox.port);
		});
		afterEach(() => {
			meter.stop();
			sandbox.setLatency(0);
		});

		const historyRequests = () => sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' });

		it('reads the pages after the first several at once, each page once, sends nothing before the last, and skips what it holds', async () => {
			// 1,450 messages already at ClickSend: 15 history pages of 100. All the same message, so that
			// the entries pair with the items in the history's order, and a page out of place would show.
			const [number] = recipients(1);
			const items = Array.from({ length: 1600 }, () => ({ to: number, body: 'Your code is 1234', ref: 'login' }));
			expect((await runClickSendSend(sandbox, items.slice(0, 1450), withReference(0))).error).toBeUndefined();
			const historyIds = (sandbox.inspect('clicksend', 'messages') as Array<{ message_id: string }>).map((message) => message.message_id);
			expect(historyIds).toHaveLength(1450);
			meter.reset();

			const again = await runClickSendSend(sandbox, items, withReference(24));

			expect(again.error).toBeUndefined();
			const outputs = again.outputOf(NODE);
			expect(outputs.slice(0, 1450).map((output) => output.json.messageId)).toEqual(historyIds);
			expect(outputs.slice(0, 1450).every((output) => output.json.alreadySent === true)).toBe(true);
			expect(outputs.slice(1450).some((output) => output.json.alreadySent !== undefined)).toBe(false);
			expect(new Set(outputs.slice(1450).map((output) => output.json.messageId)).size).toBe(150);
			expect(sentMessages()).toHaveLength(1600);

			expect(historyRequests().map((request) => Number(request.query.page)).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
			const served = meter.read().served;
			const historyServed = served.filter((request) => request.path === HISTORY_PATH);
			expect(historyServed).toHaveLength(15);
			expect(mostInFlightAtOnce(historyServed)).toBeGreaterThan(1);
			const historyReadEnd = Math.max(...historyServed.map((request) => request.end ?? Infinity));
			const sends = served.filter((request) => request.path === '/clicksend/sms/send');
			expect(sends).toHaveLength(1);
			expect(sends.every((request) => request.start >= historyReadEnd)).toBe(true);
		});

		it('waits out a 429 on a page and still reads every page once', async () => {
			const items = campaign(recipients(600));
			await runClickSendSend(sandbox, items.slice(0, 450), withReference(0));
			sandbox.injectFault({ provider: 'clicksend', kind: 'status', method: 'GET', path: '/sms/history', status: 429, retryAfter: 1, after: 2, body: { http_code: 429, response_code: 'TOO_MANY_REQUESTS', response_msg: 'Too many requests.', data: null } });

			const again = await runClickSendSend(sandbox, items, withReference(24));

			expect(again.error).toBeUndefined();
			expect(again.outputOf(NODE).map((output) => output.json.alreadySent === true)).toEqual(items.map((_, index) => index < 450));
			expect(sentMessages()).toHaveLength(600);
			const answered = historyRequests().filter((request) => request.status === 200);
			expect(answered.map((request) => Number(request.query.page)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
			expect(historyRequests().filter((request) => request.status === 429)).toHaveLength(1);
		});

		it('fails the node before anything is sent when a page fails, with the error ClickSend gave for it', async () => {
			const items = campaign(recipients(600));
			await runClickSendSend(sandbox, items.slice(0, 450), withReference(0));
			const sentBefore = sendRequests(sandbox).length;
			sandbox.injectFault({ provider: 'clicksend', kind: 'status', method: 'GET', path: '/sms/history', status: 403, after: 2, body: { http_code: 403, response_code: 'FORBIDDEN', response_msg: 'You do not have access to this resource.', data: null } });

			const again = await runClickSendSend(sandbox, items, withReference(24));

			expect(again.error?.message).toBe('ClickSend refused the request: You do not have access to this resource.');
			expect(again.error?.description).toContain('No other message had been sent');
			expect(sendRequests(sandbox)).toHaveLength(sentBefore);
			expect(historyRequests().filter((request) => request.status === 403)).toHaveLength(1);
		});
	});

	it('tells items apart by Custom String, and sends a second identical item when the history holds one', async () => {
		const [number] = recipients(1);
		await runClickSendSend(sandbox, [{ to: number, body: 'Hi', ref: 'a' }], withReference(1));

		const again = await runClickSendSend(
			sandbox,
			[
				{ to: number, body: 'Hi', ref: 'a' },
				{ to: number, body: 'Hi', ref: 'a' },
				{ to: number, body: 'Hi', ref: 'b' },
			],
			withReference(1),
		);

		expect(again.error).toBeUndefined();
		expect(again.outputOf(NODE).map((output) => output.json.alreadySent ?? false)).toEqual([true, false, false]);
		expect(sentMessages().map((message) => message.custom_string)).toEqual(['a', 'a', 'b']);
	});

	it('sends every item again when the option is 0, and refuses a negative number of hours', async () => {
		const items = campaign(recipients(2));
		await runClickSendSend(sandbox, items, withReference(0));
		await runClickSendSend(sandbox, items, withReference(0));
		expect(sentMessages()).toHaveLength(4);
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' })).toHaveLength(0);

		const negative = await runClickSendSend(sandbox, items, withReference(-1));
		expect(negative.error?.message).toContain('Skip Messages Sent in the Last (Hours)');
		expect(sentMessages()).toHaveLength(4);
	});
});
