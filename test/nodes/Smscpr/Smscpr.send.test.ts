import { SANDBOX_KEYS } from '../../../sandbox/keys';
import { SMSCPR_SANDBOX_PLANS } from '../../../sandbox/providers/smscpr';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runSmscprSend, SEND, sendRequests, SPEC_FICTIONAL_NUMBERS, SPEC_SEND } from './smscpr-fixtures';

describe('SMSCPR › SMS › Send, in n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('sends the spec’s example and outputs the message, its shared status and what it costs', async () => {
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND] });

		expect(result.status).toBe('success');
		const [output] = result.outputOf(SEND);
		const [request] = sendRequests(sandbox);
		const accepted = request.response as { msgId: string };
		expect(output.json).toEqual({
			messageId: accepted.msgId,
			status: 'accepted',
			providerStatus: 'QUEUED',
			to: '+12025551234',
			from: '+12025550199',
			encoding: 'GSM-7',
			segments: 1,
			characters: 32,
			// SMSCPR's record has a price, null until the message is delivered, and no currency.
			price: null,
			currency: null,
			accountId: '111111111111111111111111',
			servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId,
			channel: 'SMS',
			direction: 'MT',
			body: 'Your verification code is 123456',
			errorCode: null,
			errorMessage: null,
			country: 'US',
			mccmnc: null,
			ptf: null,
			createdAt: expect.any(String),
			sentAt: null,
			callbackUrl: null,
			statusUrl: `/smscpr/messages/sms/${accepted.msgId}`,
		});
		expect(output.pairedItem).toEqual({ item: 0 });

		expect(request.status).toBe(202);
		expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_KEYS.smscpr.token}`);
		expect(request.body).toEqual({ servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId, channel: 'SMS', ...SPEC_SEND });
	});

	it('refuses the spec’s fictional +1 555 numbers before sending, naming the field', async () => {
		const result = await runSmscprSend(sandbox, { items: [SPEC_FICTIONAL_NUMBERS] });
		expect(result.error?.message).toBe(
			'The field "From" of item 0 is neither a short code (3–8 digits) nor a valid phone number: it is not a valid number for country code +1',
		);
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it('sends each sender form as SMSCPR wants it and the recipient as E.164', async () => {
		const result = await runSmscprSend(sandbox, {
			items: [
				{ ...SPEC_SEND, from: '12345' },
				{ ...SPEC_SEND, from: 'MyShop2' },
				{ ...SPEC_SEND, from: '+1 (202) 555-0199', to: '0044 20 7946 0958' },
				{ ...SPEC_SEND, from: 12345678, to: '020 7946 0958' },
			],
			parameters: { options: { defaultCountry: 'GB', concurrency: 1 } },
		});

		expect(result.status).toBe('success');
		const sent = sendRequests(sandbox).map((request) => request.body as { from: string; to: string });
		expect(sent.map(({ from, to }) => [from, to])).toEqual([
			['12345', '+12025551234'],
			['MyShop2', '+12025551234'],
			['+12025550199', '+442079460958'],
			['12345678', '+442079460958'],
		]);
	});

	it.each([
		['12', '("12") is too short for a short code'],
		['My Shop', '("My Shop") is a sender ID with characters other than letters and digits'],
		['ABCDEFGHIJKL', '("ABCDEFGHIJKL") is a sender ID of 12 characters'],
		['', 'is empty'],
	])('refuses the sender %p before sending anything', async (from, reason) => {
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND, { ...SPEC_SEND, from }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`The field "From" of item 1 ${reason}`);
		expect(result.error?.description).toContain('Nothing was sent for this item');
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it('refuses a recipient without a country code and a message over 1600 characters, sending nothing', async () => {
		const noCountry = await runSmscprSend(sandbox, { items: [{ ...SPEC_SEND, to: '020 7946 0958' }] });
		expect(noCountry.error?.message).toBe('The field "To" of item 0 has no country code');

		const tooLong = await runSmscprSend(sandbox, { items: [{ ...SPEC_SEND, body: 'x'.repeat(1601) }] });
		expect(tooLong.error?.message).toBe('The field "Message" of item 0 is 1601 characters long; the provider accepts at most 1600');
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it.each([
		['http://n8n.example.com/webhook/x/events', 'uses http: instead of https:'],
		['https://my_n8n.example.com/webhook/x/events', 'has an underscore in the host name (my_n8n.example.com)'],
		['not a url', 'is not a URL'],
	])('refuses the Delivery Receipt URL %s before sending', async (callbackUrl, reason) => {
		const result = await runSmscprSend(sandbox, { items: [{ ...SPEC_SEND, callbackUrl }] });
		expect(result.error?.message).toBe(`The field "Delivery Receipt URL" of item 0 ${reason}`);
		expect(sendRequests(sandbox)).toHaveLength(0);
	});

	it('sends an https Delivery Receipt URL, and plain http only to this machine', async () => {
		sandbox.setCallbackDelay(60_000);
		const result = await runSmscprSend(sandbox, {
			items: [
				{ ...SPEC_SEND, callbackUrl: 'https://n8n.example.com/webhook/x/events' },
				{ ...SPEC_SEND, callbackUrl: 'http://127.0.0.1:5678/webhook/x/events' },
			],
			parameters: { options: { concurrency: 1 } },
		});
		expect(result.status).toBe('success');
		expect(sendRequests(sandbox).map((request) => (request.body as { callbackUrl: string }).callbackUrl)).toEqual([
			'https://n8n.example.com/webhook/x/events',
			'http://127.0.0.1:5678/webhook/x/events',
		]);
	});

	it('checks the Service Plan ID of the credential before sending, naming the field', async () => {
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND], servicePlanId: 'my-plan' });
		expect(result.error?.message).toBe('The Service Plan ID in the SMSCPR API credential is 7 characters long or not hexadecimal');
		expect(result.error?.description).toContain('exactly 24 characters');
		expect(sandbox.requests({ provider: 'smscpr' })).toHaveLength(0);
	});

	it('fails with a clear message when SMSCPR refuses the token, and shows no token', async () => {
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND], token: 'wrong-token-123' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('SMSCPR refused the Bearer token');
		expect(result.error?.description).toContain('Check the Bearer Token in the SMSCPR API credential');
		expect(JSON.stringify(result.error)).not.toContain('wrong-token-123');
		expect(sendRequests(sandbox).every((request) => request.status === 401)).toBe(true);
	});

	it.each([
		[
			'400 (plan configuration incomplete)',
			{ servicePlanId: SMSCPR_SANDBOX_PLANS.incomplete },
			'SMSCPR refused the request as invalid: Service plan configuration is incomplete',
			'complete the plan',
		],
		['401 (plan not active)', { servicePlanId: SMSCPR_SANDBOX_PLANS.inactive }, 'SMSCPR says the service plan is not active: Service plan is not active', 'activate the plan'],
		[
			'403 (sender not authorised)',
			{ item: { from: 'DENIED' } },
			'SMSCPR does not allow this sender for the account: Sender DENIED is not authorized for this account and service plan',
			'Use a sender SMSCPR has authorised',
		],
		[
			'404 (plan not provisioned)',
			{ servicePlanId: '0123456789abcdef01234567' },
			'SMSCPR has no such service plan for this account: Service plan is not provisioned for this account',
			'Check the Service Plan ID',
		],
		['409 (sender pending)', { item: { from: 'PENDING' } }, "The sender is still waiting for SMSCPR's approval: Sender PENDING subscription is pending approval", 'already approved'],
		[
			'422 (sender status unknown)',
			{ item: { from: 'UNKNOWN' } },
			'SMSCPR does not recognise the approval status of this sender: Sender UNKNOWN subscription status is not recognized',
			'Contact SMSCPR support',
		],
	])('explains a %s and what to fix', async (_name, change: { servicePlanId?: string; item?: object }, message, fix) => {
		const result = await runSmscprSend(sandbox, { items: [{ ...SPEC_SEND, ...change.item }], servicePlanId: change.servicePlanId });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain(fix);
		expect(sendRequests(sandbox)).toHaveLength(1);
	});

	it('gives the item an error, not a sent message, when SMSCPR answers 202 with a record already FAILED', async () => {
		sandbox.injectFault({
			provider: 'smscpr',
			kind: 'status',
			status: 202,
			body: { msgId: '019f0000-aaaa-bbbb-cccc-0000000000f1', status: 'FAILED', errorCode: '005', errorMessage: 'Rejected by the carrier', ...SPEC_SEND },
		});
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND, SPEC_SEND], continueOnFail: true, parameters: { options: { concurrency: 1 } } });

		const outputs = result.outputOf(SEND);
		expect(outputs[0].json).toMatchObject({
			error: 'SMSCPR took the message but reports it FAILED: Rejected by the carrier',
			description: expect.stringContaining('will not be delivered'),
		});
		expect(outputs[0].json.messageId).toBeUndefined();
		expect(outputs[1].json).toMatchObject({ status: 'accepted', providerStatus: 'QUEUED' });
	});

	it('explains a 400 validation list and a 413 from SMSCPR', async () => {
		sandbox.injectFault({
			provider: 'smscpr',
			kind: 'status',
			status: 400,
			body: { statusCode: 400, message: ['to must be a phone number in E.164 format'], error: 'Bad Request' },
		});
		sandbox.injectFault({
			provider: 'smscpr',
			kind: 'status',
			status: 413,
			body: { statusCode: 413, message: 'The message record exceeds the maximum allowed size', error: 'Payload Too Large' },
		});
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND, SPEC_SEND], continueOnFail: true, parameters: { options: { concurrency: 1 } } });
		expect(result.outputOf(SEND).map((item) => [item.json.error, item.json.httpCode])).toEqual([
			['SMSCPR refused the request as invalid: to must be a phone number in E.164 format', '400'],
			['SMSCPR refused the message as too large: The message record exceeds the maximum allowed size', '413'],
		]);
		expect(result.outputOf(SEND)[1].json.description).toContain('Shorten the message');
	});

	it('waits out a 429 with Retry-After and then sends once', async () => {
		sandbox.injectFault({ provider: 'smscpr', kind: 'status', status: 429, retryAfter: 1, body: { statusCode: 429, message: 'Too Many Requests' } });
		const started = Date.now();
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND] });

		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(sendRequests(sandbox).map((request) => request.status)).toEqual([429, 202]);
	});

	it('never resends after a 500: the provider may have accepted the message', async () => {
		sandbox.injectFault({ provider: 'smscpr', kind: 'status', status: 500 });
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND] });
		expect(result.error?.message).toBe('SMSCPR had a server error (HTTP 500)');
		expect(result.error?.description).toContain('may have reached the provider');
		expect(sendRequests(sandbox)).toHaveLength(1);
	});

	it('with continue-on-fail, gives each failed item its own error and sends the others, in order', async () => {
		const result = await runSmscprSend(sandbox, {
			continueOnFail: true,
			items: [SPEC_SEND, { ...SPEC_SEND, from: 'DENIED' }, { ...SPEC_SEND, from: 'My Shop' }, { ...SPEC_SEND, body: 'Merci, garçon 👍' }],
		});

		expect(result.status).toBe('success');
		const outputs = result.outputOf(SEND);
		expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(outputs[0].json.messageId).toBeDefined();
		expect(outputs[1].json).toMatchObject({ error: expect.stringContaining('does not allow this sender'), httpCode: '403' });
		expect(outputs[2].json.error).toBe('The field "From" of item 2 ("My Shop") is a sender ID with characters other than letters and digits');
		expect(outputs[3].json).toMatchObject({ encoding: 'UCS-2', segments: 1, characters: 15 });
		expect(sendRequests(sandbox)).toHaveLength(3);
	});

	it('treats a 202 without msgId as unconfirmed, never as a success', async () => {
		sandbox.injectFault({ provider: 'smscpr', kind: 'status', status: 202, body: { status: 'QUEUED' } });
		const result = await runSmscprSend(sandbox, { items: [SPEC_SEND], continueOnFail: true });
		expect(result.outputOf(SEND)[0].json.error).toBe('SMSCPR did not confirm the message');
	});
});
