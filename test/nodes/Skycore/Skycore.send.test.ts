import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { failureAnswer, runSkycoreSend, SEND, sentRequests, SPEC_EXAMPLE, SPEC_EXAMPLE_2_FIELDS } from './skycore-fixtures';

describe('Skycore › SMS › Send, in n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('sends the spec’s example to the endpoint URL itself, the number as digits without +', async () => {
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('success');
		const [output] = result.outputOf(SEND);
		expect(output.json).toEqual({
			messageId: expect.stringMatching(/^[0-9a-f]{12}$/),
			status: 'accepted',
			providerStatus: 'Success',
			to: '+17743199144',
			from: '00000',
			encoding: 'GSM-7',
			segments: 1,
			characters: 47,
			price: null,
			currency: null,
			'status-details': 'SMS request accepted and queued for delivery',
		});
		expect(output.json.messageId).toBe((sentRequests(sandbox)[0].response as Record<string, unknown>)['tracking-id']);
		expect(output.pairedItem).toEqual({ item: 0 });

		const [request] = sentRequests(sandbox);
		expect(request.path).toBe('/skycore');
		expect(request.headers['x-api-key']).toBe('sandbox-skycore-key');
		expect(request.body).toEqual({
			action: 'sendsms',
			'message-text': 'This message is sent for testing purposes only.',
			to: '17743199144',
			from: '00000',
		});
	});

	it('sends every way of typing a number as international digits; a short code stays as typed', async () => {
		const result = await runSkycoreSend(sandbox, {
			items: [
				{ to: '0044 20 7946 0958', from: '00000', message: 'a' },
				{ to: '+44 (0)20 7946 0958', from: '+1 (833) 555-0199', message: 'b' },
				{ to: '020 7946 0958', from: '12345', message: 'c' },
				{ to: 4917612345678, from: 447911123456, message: 'd' },
			],
			// The last item's digits without + are international only because the user says so.
			options: { defaultCountry: 'GB', readNumbersWithoutPlusAsInternational: true },
		});

		expect(result.status).toBe('success');
		const sent = sentRequests(sandbox)
			.map((request) => request.body as { to: string; from: string; 'message-text': string })
			.sort((a, b) => a['message-text'].localeCompare(b['message-text']));
		expect(sent.map((body) => [body.to, body.from])).toEqual([
			['442079460958', '00000'],
			['442079460958', '18335550199'],
			['442079460958', '12345'],
			['4917612345678', '447911123456'],
		]);
		// The output gives the recipient in E.164 like every provider's Send; the sender as Skycore echoed it.
		expect(result.outputOf(SEND).map((item) => [item.json.to, item.json.from])).toEqual([
			['+442079460958', '00000'],
			['+442079460958', '18335550199'],
			['+442079460958', '12345'],
			['+4917612345678', '447911123456'],
		]);
	});

	it('refuses the spec’s Example 2 from-mask (14 characters) naming the field, and sends nothing', async () => {
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE], additionalFields: SPEC_EXAMPLE_2_FIELDS });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The field "From Mask" of item 0 is 14 characters long; Skycore keeps at most 11 and would cut the rest off',
		);
		expect(result.error?.description).toContain('Shorten it to 11 characters or fewer');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	it('sends Example 2’s other fields with an 11-character mask', async () => {
		const result = await runSkycoreSend(sandbox, {
			items: [{ ...SPEC_EXAMPLE, message: 'Visit https://www.fakeurl.com/ for more info.' }],
			additionalFields: { ...SPEC_EXAMPLE_2_FIELDS, fromMask: 'Dunder Miff' },
		});
		expect(result.status).toBe('success');
		expect(sentRequests(sandbox)[0].body).toEqual({
			action: 'sendsms',
			'message-text': 'Visit https://www.fakeurl.com/ for more info.',
			to: '17743199144',
			from: '00000',
			'from-mask': 'Dunder Miff',
			'campaign-ref': 'campaign2345',
			'click-tracking': true,
		});
	});

	it('refuses a sender name in From and points to From Mask', async () => {
		const result = await runSkycoreSend(sandbox, { items: [{ ...SPEC_EXAMPLE, from: 'Dunder' }] });
		expect(result.error?.message).toBe('The field "From" of item 0 is a name, not a short code or number');
		expect(result.error?.description).toContain('From Mask');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	describe('each Skycore error code gives a message that says what to fix, never a success', () => {
		it.each([
			['E112', '+1 774 319 9112', 'Skycore refused the IP address n8n sends from (E112)', 'IP whitelist'],
			['E114', '+1 774 319 9114', 'Skycore refused the receiver: the number is blacklisted (E114)', 'replying STOP'],
			['E713', '+1 774 319 9713', 'Skycore refused to send for a billing reason (E713)', 'balance'],
			['E715', '+1 774 319 9715', 'Skycore refused the receiver: the number is not subscribed to the campaign (E715)', 'Campaign Reference'],
		])('%s from the sandbox (HTTP 200, "status": "Failure")', async (code, to, message, fix) => {
			const result = await runSkycoreSend(sandbox, { items: [{ ...SPEC_EXAMPLE, to }], continueOnFail: true });

			const [output] = result.outputOf(SEND);
			// Skycore refuses inside a 200: no httpCode, which would read "200" next to "refused".
			expect(output.json).toEqual({ error: message, description: expect.stringContaining(fix) });
			expect(output.json.messageId).toBeUndefined();
			expect(sentRequests(sandbox).map((request) => (request.response as { 'error-code': string })['error-code'])).toEqual([code]);
		});

		it.each([
			['E110', 'Invalid Receiver.', 'Skycore refused the receiver number (E110)', 'Check the To field'],
			['E111', 'Invalid Sender.', 'Skycore refused the sender (E111)', 'Check the From field'],
			['E201', 'Receiver required.', 'Skycore says the receiver is missing (E201)', 'Map the To field'],
			['E712', 'Message text required.', 'Skycore says the message text is missing (E712)', 'Type the Message'],
			['E105', 'Account suspended.', 'Skycore refused the API key (E105)', 'Check the API Key in the Skycore credential'],
			['E999', 'Something new.', 'Skycore refused the message (E999)', 'Skycore said: “Something new.”'],
		])('%s (the node checks these itself, so a Failure answer is injected)', async (code, info, message, fix) => {
			sandbox.injectFault(failureAnswer(code, info));
			const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });

			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toContain(fix);
			expect(result.error?.description).toContain(`Skycore said: “${info}”`);
		});

		it('a wrong API key (E104): says so, shows no key, and with continue-on-fail sends no other item', async () => {
			const items = [SPEC_EXAMPLE, SPEC_EXAMPLE, SPEC_EXAMPLE];
			const result = await runSkycoreSend(sandbox, { items, apiKey: 'wrong-key-123', continueOnFail: true, options: { concurrency: 1 } });

			expect(result.status).toBe('success');
			const outputs = result.outputOf(SEND);
			expect(outputs.map((output) => output.json.error)).toEqual([
				'Skycore refused the API key (E104)',
				'Skycore refused the API key (E104)',
				'Skycore refused the API key (E104)',
			]);
			expect(outputs[0].json.description).toContain('Check the API Key in the Skycore credential');
			expect(outputs[1].json.description).toContain('Not sent: an earlier item got this answer');
			expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(JSON.stringify(result.runData)).not.toContain('wrong-key-123');
			expect(sentRequests(sandbox)).toHaveLength(1);
		});

		it('E113 (throughput exceeded) is waited out like a 429 and the message then sent once', async () => {
			sandbox.injectFault(failureAnswer('E113', 'Throughput exceeded.'));
			const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });

			expect(result.status).toBe('success');
			// The first answer is the injected Failure (HTTP 200), the second the sandbox's Success.
			const requests = sentRequests(sandbox);
			expect(requests.map((request) => [request.status, request.fault ?? null])).toEqual([
				[200, 'status'],
				[200, null],
			]);
			expect(requests[1].response).toMatchObject({ status: 'Success' });
		});

		it('E120 (request limit) is waited out like a 429 too', async () => {
			sandbox.injectFault(failureAnswer('E120', 'API request limit exceeded.'));
			const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });
			expect(result.status).toBe('success');
			expect(sentRequests(sandbox)).toHaveLength(2);
		});
	});

	it('waits out a 429 with Retry-After and then sends once', async () => {
		sandbox.injectFault({ provider: 'skycore', kind: 'status', status: 429, retryAfter: 1 });
		const started = Date.now();
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([429, 200]);
	});

	it('never resends after a 500: Skycore may have accepted the message', async () => {
		sandbox.injectFault({ provider: 'skycore', kind: 'status', status: 500 });
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Skycore had a server error (HTTP 500)');
		expect(result.error?.description).toContain('may have reached the provider');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});

	it('with continue-on-fail, each item gets its own result, in input order with pairedItem', async () => {
		const result = await runSkycoreSend(sandbox, {
			continueOnFail: true,
			options: { concurrency: 2 },
			items: [
				SPEC_EXAMPLE,
				{ ...SPEC_EXAMPLE, message: '' },
				{ ...SPEC_EXAMPLE, to: '+1 774 319 9114' },
				{ ...SPEC_EXAMPLE, to: '+1 774 319 9145' },
			],
		});

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(outputs[0].json).toMatchObject({ status: 'accepted', providerStatus: 'Success', to: '+17743199144' });
		expect(outputs[1].json.error).toBe('The field "Message" of item 1 is empty');
		expect(outputs[2].json.error).toBe('Skycore refused the receiver: the number is blacklisted (E114)');
		expect(outputs[3].json).toMatchObject({ status: 'accepted', providerStatus: 'Success', to: '+17743199145' });
		// The blacklisted number is the receiver's problem, not the account's: item 3 still went out.
		expect(sentRequests(sandbox)).toHaveLength(3);
	});

	it('treats an answer that is neither Success nor Failure as unconfirmed, never as a success', async () => {
		sandbox.injectFault({ provider: 'skycore', kind: 'malformed-json' });
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE], continueOnFail: true });
		const [output] = result.outputOf(SEND);
		expect(output.json.error).toBe("Skycore's answer to the message could not be read");
		expect(output.json.description).toContain('may have reached the provider: check its message log before sending this item again');
	});

	it('POSTs to the endpoint URL exactly as typed, trailing slash included', async () => {
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE], endpointUrl: `${sandbox.providerUrl('skycore')}/` });
		expect(result.status).toBe('success');
		expect(sentRequests(sandbox)[0].path).toBe('/skycore/');
	});

	it('refuses an API Endpoint URL that is not a web address before sending', async () => {
		const result = await runSkycoreSend(sandbox, { items: [SPEC_EXAMPLE], endpointUrl: 'skycore' });
		expect(result.error?.message).toBe('The API Endpoint URL in the Skycore API credential is not a web address');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});
});
