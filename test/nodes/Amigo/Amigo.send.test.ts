import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runAmigoSend, SEND, sentRequests, SPEC_REQUEST } from './amigo-fixtures';

describe('Amigo › SMS › Send, in n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('sends the spec’s request and outputs Amigo’s message record plus what the text costs', async () => {
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });

		expect(result.status).toBe('success');
		const [request] = sentRequests(sandbox);
		expect(request.headers.authorization).toBe('Bearer sandbox-amigo-key');
		expect(request.body).toEqual(SPEC_REQUEST);
		expect(request.status).toBe(201);

		const [output] = result.outputOf(SEND);
		expect(output.pairedItem).toEqual({ item: 0 });
		const record = request.response as Record<string, unknown>;
		expect(output.json).toEqual({
			messageId: record.id,
			status: 'accepted',
			providerStatus: 'pending',
			to: '+14155552671',
			// Amigo picks the sender after the send (from_number null until the carrier hand-off).
			from: null,
			encoding: 'GSM-7',
			segments: 1,
			characters: 55,
			price: null,
			currency: null,
			use_case_id: SPEC_REQUEST.use_case_id,
			message_sid: record.message_sid,
			body: SPEC_REQUEST.message,
			num_segments: null,
			handed_off_at: null,
			delivered_at: null,
			errored_at: null,
			error_code: null,
			created_at: record.created_at,
			updated_at: record.updated_at,
		});
		expect(output.json.messageId).toMatch(/^[0-9a-f-]{36}$/);
		expect(output.json.message_sid).toMatch(/^SM[0-9a-f]{32}$/);
	});

	it('sends numbers as E.164 and the use case ID lower case, whatever way they were typed', async () => {
		const result = await runAmigoSend(sandbox, {
			items: [
				{ ...SPEC_REQUEST, to_phone_number: '(415) 555-2671' },
				{ ...SPEC_REQUEST, to_phone_number: '+1 415-555-2671' },
				{ ...SPEC_REQUEST, to_phone_number: 14155552671 },
				{ ...SPEC_REQUEST, use_case_id: ` ${SPEC_REQUEST.use_case_id.toUpperCase()} ` },
			],
			options: { defaultCountry: 'US' },
		});

		expect(result.status).toBe('success');
		expect(result.outputOf(SEND).map((item) => item.json.to)).toEqual(Array(4).fill('+14155552671'));
		for (const request of sentRequests(sandbox)) {
			expect(request.body).toEqual({ ...SPEC_REQUEST, message: SPEC_REQUEST.message });
		}
	});

	it('names its own segment count apart from Amigo’s num_segments (null until hand-off)', async () => {
		const result = await runAmigoSend(sandbox, {
			items: [
				{ ...SPEC_REQUEST, message: 'Merci, garçon 👍' },
				{ ...SPEC_REQUEST, message: 'x'.repeat(1600) },
			],
		});
		expect(result.outputOf(SEND).map(({ json }) => [json.encoding, json.segments, json.characters, json.num_segments])).toEqual([
			['UCS-2', 1, 15, null],
			['GSM-7', 11, 1600, null],
		]);
	});

	it('keeps output order and pairedItem equal to the input with many items in flight', async () => {
		sandbox.setLatency(15);
		const items = Array.from({ length: 60 }, (_, index) => ({ ...SPEC_REQUEST, message: `Message ${index}` }));
		const result = await runAmigoSend(sandbox, { items, options: { concurrency: 10 } });
		sandbox.setLatency(0);

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs).toHaveLength(60);
		const idsBySandbox = new Map(
			sentRequests(sandbox).map((request) => [(request.body as { message: string }).message, (request.response as { id: string }).id]),
		);
		outputs.forEach((output, index) => {
			expect(output.pairedItem).toEqual({ item: index });
			expect(output.json.body).toBe(`Message ${index}`);
			expect(output.json.messageId).toBe(idsBySandbox.get(`Message ${index}`));
		});
		expect(sentRequests(sandbox)).toHaveLength(60);
	});

	it('fails with a clear message when Amigo refuses the API key, and shows no key', async () => {
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST], apiKey: 'wrong-key-123' });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Amigo refused the API key');
		expect(result.error?.description).toContain('Check the API key in the Amigo API credential');
		expect(JSON.stringify(result.error)).not.toContain('wrong-key-123');
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([401]);
	});

	it.each<[string, Record<string, unknown>, string, string]>([
		['a use case ID that is not a UUID', { use_case_id: 'Appointment reminders' }, 'The field "Use Case ID" of item 1 is not a UUID ("Appointment reminders")', 'such as'],
		['an empty use case ID', { use_case_id: '' }, 'The field "Use Case ID" of item 1 is empty', 'Paste the ID'],
		['a number without a country code', { to_phone_number: '415 555 2671' }, 'The field "To" of item 1 has no country code', 'Default Country'],
		['an empty message', { message: '' }, 'The field "Message" of item 1 is empty', 'Type the message'],
		['a 1,601-character message', { message: 'x'.repeat(1601) }, 'The field "Message" of item 1 is 1601 characters long; the provider accepts at most 1600', 'Shorten'],
	])('checks every item before sending: %s stops the node with nothing sent', async (_case, change, message, hint) => {
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST, { ...SPEC_REQUEST, ...change }, SPEC_REQUEST] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(hint);
		expect(result.error?.description).toContain('Nothing was sent for this item');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	it('with continue-on-fail, gives each failing item its error in order and sends the others', async () => {
		const result = await runAmigoSend(sandbox, {
			continueOnFail: true,
			items: [
				SPEC_REQUEST,
				{ ...SPEC_REQUEST, use_case_id: 'not-a-uuid' },
				{ ...SPEC_REQUEST, to_phone_number: '+442079460958' },
				{ ...SPEC_REQUEST, message: 'x'.repeat(1601) },
				{ ...SPEC_REQUEST, message: 'last' },
			],
			options: { concurrency: 3 },
		});

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs.map((output) => output.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(outputs[0].json).toMatchObject({ status: 'accepted', providerStatus: 'pending' });
		expect(outputs[1].json.error).toBe('The field "Use Case ID" of item 1 is not a UUID ("not-a-uuid")');
		expect(outputs[2].json).toMatchObject({
			error: 'Amigo refused the message: Invalid destination phone number: the number is a landline',
			description: expect.stringContaining('not a landline'),
			httpCode: '422',
		});
		expect(outputs[3].json.error).toBe('The field "Message" of item 3 is 1601 characters long; the provider accepts at most 1600');
		expect(outputs[4].json).toMatchObject({ status: 'accepted', providerStatus: 'pending', body: 'last' });
		// Items 1 and 3 were refused before sending; item 2 reached Amigo and was refused there.
		expect(sentRequests(sandbox).map((request) => request.status).sort()).toEqual([201, 201, 422]);
	});

	it('waits out a 429 with Retry-After and then sends once', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 429, retryAfter: 1, body: { detail: 'Rate limit exceeded' } });
		const started = Date.now();
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });

		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([429, 201]);
		expect(result.outputOf(SEND)[0].json).toMatchObject({ status: 'accepted', providerStatus: 'pending' });
	});

	it('a 429 in the middle of a concurrent run pauses the pool and loses no item', async () => {
		sandbox.setLatency(10);
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 429, retryAfter: 1, after: 5 });
		const items = Array.from({ length: 30 }, (_, index) => ({ ...SPEC_REQUEST, message: `m${index}` }));
		const result = await runAmigoSend(sandbox, { items, options: { concurrency: 10 } });
		sandbox.setLatency(0);

		expect(result.status).toBe('success');
		expect(result.outputOf(SEND).map((item) => item.json.body)).toEqual(items.map((item) => item.message));
		const statuses = sentRequests(sandbox).map((request) => request.status);
		expect(statuses.filter((status) => status === 429)).toHaveLength(1);
		expect(statuses.filter((status) => status === 201)).toHaveLength(30);
	});

	it('never resends after a 500: Amigo may have accepted the message', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 500, body: { detail: 'Internal Server Error' } });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Amigo had a server error (HTTP 500)');
		expect(result.error?.description).toContain('may have reached the provider');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});

	it('resends after a 500 when the user switched Retry Sends After Server Errors on', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'status', status: 500 });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST], options: { retrySendOnServerError: true } });

		expect(result.status).toBe('success');
		expect(sentRequests(sandbox).map((request) => request.status)).toEqual([500, 201]);
	});

	it('never resends after a dropped connection', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'reset' });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST] });
		expect(result.error?.message).toBe('The connection to Amigo failed');
		expect(sentRequests(sandbox)).toHaveLength(1);
	});

	it('treats a 2xx it cannot read as a message that may have gone out, never as a success', async () => {
		sandbox.injectFault({ provider: 'amigo', kind: 'malformed-json' });
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST], continueOnFail: true });
		expect(result.outputOf(SEND)[0].json.error).toBe("Amigo's answer to the message could not be read");
		expect(result.outputOf(SEND)[0].json.description).toContain('may have reached the provider');
	});

	it('says the base URL is wrong when the path is unknown there', async () => {
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST], baseUrl: `${sandbox.providerUrl('amigo')}/api` });
		expect(result.error?.message).toBe('Amigo does not know this address');
		expect(result.error?.description).toContain('Base URL');
	});

	it('refuses a base URL that is not a web address before sending', async () => {
		const result = await runAmigoSend(sandbox, { items: [SPEC_REQUEST], baseUrl: 'api.platform.amigo.ai' });
		expect(result.error?.message).toBe('The Base URL in the Amigo API credential is not a web address');
		expect(sentRequests(sandbox)).toHaveLength(0);
	});

	it('stopping mid-run lists what was already sent, with message IDs', async () => {
		const items = ['one', 'two', { to_phone_number: '+14155557867' }, 'four'].map((change) =>
			typeof change === 'string' ? { ...SPEC_REQUEST, message: change } : { ...SPEC_REQUEST, ...change },
		);
		const result = await runAmigoSend(sandbox, { items, options: { concurrency: 1 } });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Amigo refused the message: Destination phone number has opted out of receiving messages');
		const accepted = sentRequests(sandbox)
			.filter((request) => request.status === 201)
			.map((request) => (request.response as { id: string }).id);
		expect(result.error?.description).toContain(
			`Already sent before the node stopped, do not send these again: item 0 (message ID ${accepted[0]}), item 1 (message ID ${accepted[1]})`,
		);
		expect(sentRequests(sandbox)).toHaveLength(3);
	});
});
