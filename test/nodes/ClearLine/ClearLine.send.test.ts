import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runClearLineSend, SEND, sentRequests, SPEC_EXAMPLE } from './clearline-fixtures';

describe('ClearLine › SMS › Send, in n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('sends the spec’s example and outputs the message ID and what it costs', async () => {
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('success');
		const [output] = result.outputOf(SEND);
		expect(output.json).toEqual({
			messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
			status: 'accepted',
			// ClearLine's answer has no status word, no sender and no price.
			providerStatus: null,
			to: '+12025551234',
			from: null,
			encoding: 'GSM-7',
			segments: 1,
			characters: 38,
			price: null,
			currency: null,
		});
		expect(output.pairedItem).toEqual({ item: 0 });

		const [request] = sentRequests(sandbox);
		expect(request.headers.apikey).toBe('sandbox-clearline-key');
		expect(request.body).toEqual(SPEC_EXAMPLE);
		expect(request.response).toEqual({ succeed: true, messageId: output.json.messageId });
	});

	it('sends numbers as E.164 whatever way they were typed', async () => {
		const result = await runClearLineSend(sandbox, {
			items: [
				{ phone: '0044 20 7946 0958', message: 'a' },
				{ phone: '+44 (0)20 7946 0958', message: 'b' },
				{ phone: '020 7946 0958', message: 'c' },
				{ phone: 4917612345678, message: 'd' },
			],
			// The last item's digits without + are international only because the user says so.
			options: { defaultCountry: 'GB', readNumbersWithoutPlusAsInternational: true },
		});

		expect(result.status).toBe('success');
		expect(result.outputOf(SEND).map((item) => item.json.to)).toEqual([
			'+442079460958',
			'+442079460958',
			'+442079460958',
			'+4917612345678',
		]);
		const phonesSent = sentRequests(sandbox).map((request) => (request.body as { phone: string }).phone);
		expect(phonesSent.sort()).toEqual(['+442079460958', '+442079460958', '+442079460958', '+4917612345678']);
	});

	it('reports UCS-2 and the part count for emoji and ç', async () => {
		const result = await runClearLineSend(sandbox, {
			items: [
				{ phone: '+12025551234', message: 'Merci, garçon 👍' },
				{ phone: '+12025551234', message: 'x'.repeat(161) },
			],
		});
		expect(result.outputOf(SEND).map(({ json }) => [json.encoding, json.segments, json.characters])).toEqual([
			['UCS-2', 1, 15],
			['GSM-7', 2, 161],
		]);
	});

	it('keeps output order and pairedItem equal to the input with many items in flight', async () => {
		sandbox.setLatency(15);
		const items = Array.from({ length: 60 }, (_, index) => ({
			phone: `+1202555${String(1000 + index)}`,
			message: `Message ${index}`,
		}));
		const result = await runClearLineSend(sandbox, { items, options: { concurrency: 10 } });
		sandbox.setLatency(0);

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs).toHaveLength(60);
		outputs.forEach((output, index) => {
			expect(output.pairedItem).toEqual({ item: index });
			expect(output.json.to).toBe(items[index].phone);
		});
		const idsBySandbox = new Map(
			sentRequests(sandbox).map((request) => [(request.body as { message: string }).message, (request.response as { messageId: string }).messageId]),
		);
		outputs.forEach((output, index) => expect(output.json.messageId).toBe(idsBySandbox.get(`Message ${index}`)));
		expect(sentRequests(sandbox)).toHaveLength(60);
	});

	it('starts requests apart once the round trip is known, instead of in bunches of Concurrency', async () => {
		sandbox.setLatency(100);
		const items = Array.from({ length: 20 }, (_, index) => ({ phone: `+1202555${String(1000 + index)}`, message: `m${index}` }));
		const result = await runClearLineSend(sandbox, { items, options: { concurrency: 5 } });
		sandbox.setLatency(0);

		expect(result.status).toBe('success');
		const arrivals = sentRequests(sandbox)
			.map((request) => Date.parse(request.receivedAt))
			.sort((a, b) => a - b);
		expect(arrivals).toHaveLength(20);
		// The first five go out together (no round trip known yet); after that the pool keeps
		// 0.8 × round trip (≥ 100 ms) ÷ 5 slots ≥ 16 ms between starts. Without it, the five answered
		// together would go out again within a millisecond or two of each other, round after round.
		// The median, not the least gap: the sandbox stamps arrivals on the event loop it shares with
		// the node, so a stall of that loop on a busy machine can stamp two spaced requests alike.
		const gapsAfterFirstRound = arrivals
			.slice(6)
			.map((arrival, index) => arrival - arrivals[5 + index])
			.sort((a, b) => a - b);
		expect(gapsAfterFirstRound[Math.floor(gapsAfterFirstRound.length / 2)]).toBeGreaterThanOrEqual(10);
	});

	it('fails with a clear message when ClearLine refuses the API key, and shows no key', async () => {
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], apiKey: 'wrong-key-123' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('ClearLine refused the API key');
		expect(result.error?.description).toContain('Check the API key in the ClearLine credential');
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-123');
		expect(sentRequests(sandbox).every((request) => request.status === 401)).toBe(true);
	});

	it('checks every item before sending: one bad number stops the node with nothing sent', async () => {
		const result = await runClearLineSend(sandbox, {
			items: [SPEC_EXAMPLE, SPEC_EXAMPLE, { phone: '020 7946 0958', message: 'no country' }],
		});

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The field "To" of item 2 has no country code');
		expect(result.error?.description).toContain('Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	it('with continue-on-fail, gives the bad item its error and sends the others', async () => {
		const result = await runClearLineSend(sandbox, {
			continueOnFail: true,
			items: [SPEC_EXAMPLE, { phone: '+12025551234', message: '' }, { phone: ['+1', '+2'], message: 'list' }, SPEC_EXAMPLE],
		});

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs).toHaveLength(4);
		expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(outputs[0].json.messageId).toBeDefined();
		expect(outputs[1].json.error).toBe('The field "Message" of item 1 is empty');
		expect(outputs[2].json.error).toBe('The field "To" of item 2 is a list, not text');
		expect(outputs[3].json.messageId).toBeDefined();
		expect(sentRequests(sandbox)).toHaveLength(2);
	});

	it('refuses a delivery receipt URL that is not a URL, naming the field', async () => {
		const result = await runClearLineSend(sandbox, { items: [{ ...SPEC_EXAMPLE, callbackUrl: 'not a url' }] });
		expect(result.error?.message).toBe('The field "Delivery Receipt URL" of item 0 is not a URL');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	it('waits out a 429 with Retry-After and then sends once', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 429, retryAfter: 1 });
		const started = Date.now();
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const requests = sentRequests(sandbox);
		expect(requests.map((request) => request.status)).toEqual([429, 200]);
	});

	it('never resends after a 500: the provider may have accepted the message', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 500 });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('ClearLine had a server error (HTTP 500)');
		expect(result.error?.description).toContain('may have reached the provider');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});

	it('resends after a 500 when the user switched Retry Sends After Server Errors on', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 500 });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], options: { retrySendOnServerError: true } });

		expect(result.status).toBe('success');
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([500, 200]);
	});

	it('a 429 in the middle of a concurrent run pauses the pool and loses no item', async () => {
		sandbox.setLatency(10);
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 429, retryAfter: 1, after: 5 });
		const items = Array.from({ length: 30 }, (_, index) => ({ phone: '+12025551234', message: `m${index}` }));
		const result = await runClearLineSend(sandbox, { items, options: { concurrency: 10 } });
		sandbox.setLatency(0);

		expect(result.status).toBe('success');
		expect(result.outputOf(SEND).map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const statuses = sentRequests(sandbox).map((request) => request.status);
		expect(statuses.filter((status) => status === 429)).toHaveLength(1);
		expect(statuses.filter((status) => status === 200)).toHaveLength(30);
	});

	it('retries a 429 without Retry-After after a backoff', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 429 });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });
		expect(result.status).toBe('success');
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([429, 200]);
	});

	it('never resends after a dropped connection: the message may have arrived', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'reset' });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The connection to ClearLine failed');
		expect(result.error?.description).toContain('may have reached the provider');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});

	it('treats a 200 without succeed: true as a refusal, never as a success', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 200, body: { succeed: false, message: 'Insufficient balance' } });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], continueOnFail: true });

		const [output] = result.outputOf(SEND);
		expect(output.json.error).toBe('ClearLine did not accept the message: Insufficient balance');
		expect(output.json.messageId).toBeUndefined();
	});

	it('explains an HTML error page from a gateway in front of ClearLine', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'html', status: 502 });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], continueOnFail: true });
		expect(result.outputOf(SEND)[0].json).toMatchObject({ error: 'ClearLine had a server error (HTTP 502)', httpCode: '502' });
	});

	it('calls a cut JSON answer a message that may have gone out, not a refusal', async () => {
		sandbox.injectFault({ provider: 'clearline', kind: 'malformed-json' });
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], continueOnFail: true });
		expect(result.outputOf(SEND)[0].json.error).toBe("ClearLine's answer to the message could not be read");
		expect(result.outputOf(SEND)[0].json.description).toContain('may have reached the provider');
	});

	it('says plainly when ClearLine cannot be reached, after retrying a refused connection', async () => {
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], baseUrl: 'http://127.0.0.1:9/clearline' });
		expect(result.error?.message).toBe('Could not connect to ClearLine');
		expect(result.error?.description).toContain('Nothing was sent');
	});

	it('refuses a custom base URL that is not a web address before sending', async () => {
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE], baseUrl: 'sandbox' });
		expect(result.error?.message).toBe('The Base URL in the ClearLine API credential is not a web address');
	});

	it('shows ClearLine’s validation message when it refuses a field', async () => {
		// The node already checks numbers; a message ClearLine refuses gets its ProblemDetails text.
		sandbox.injectFault({
			provider: 'clearline',
			kind: 'status',
			status: 400,
			body: { title: 'One or more validation errors occurred.', status: 400, errors: { Message: ['The Message field is required.'] } },
		});
		const result = await runClearLineSend(sandbox, { items: [SPEC_EXAMPLE] });
		expect(result.error?.message).toBe('ClearLine refused the message: Message: The Message field is required.');
		expect(result.error?.description).toBe('Stopped at item 0. Fix the field named above for this item and run it again. No other message had been sent.');
	});

	it('stopping mid-run lists what was already sent, with message IDs, so nothing is re-sent blindly', async () => {
		// Concurrency 1 makes the order certain: items 0 and 1 go out, item 2 is refused, item 3 never leaves.
		sandbox.injectFault({ provider: 'clearline', kind: 'status', status: 400, body: { errors: { Phone: ['Blocked number.'] } }, after: 2 });
		const items = ['one', 'two', 'three', 'four'].map((message) => ({ ...SPEC_EXAMPLE, message }));
		const result = await runClearLineSend(sandbox, { items, options: { concurrency: 1 } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('ClearLine refused the message: Phone: Blocked number.');
		const accepted = sentRequests(sandbox)
			.filter((request) => request.status === 200)
			.map((request) => (request.response as { messageId: string }).messageId);
		expect(accepted).toHaveLength(2);
		expect(result.error?.description).toContain(
			`Already sent before the node stopped, do not send these again: item 0 (message ID ${accepted[0]}), item 1 (message ID ${accepted[1]})`,
		);
		expect(sentRequests(sandbox)).toHaveLength(3);
	});
});
