import { startSandbox, type Sandbox } from '../../../sandbox/server';
import {
	GET_MANY,
	GET_STATUS,
	listRequests,
	runSmscprGetMany,
	runSmscprGetStatus,
	runSmscprSend,
	SEND,
	SPEC_SEND,
} from './smscpr-fixtures';

/** The id of the spec's DLR example: unknown to the sandbox. */
const UNKNOWN_MSG_ID = '019ee2da-e515-7322-805f-1ac6ce82f20f';

describe('SMSCPR › SMS › Get Status and Get Many, in n8n’s engine against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	describe('Get Status', () => {
		it('reads each sent message by its ID, with the shared status next to SMSCPR’s', async () => {
			const sent = await runSmscprSend(sandbox, {
				items: [SPEC_SEND, { ...SPEC_SEND, to: '+12025550000' }],
				parameters: { options: { concurrency: 1 } },
			});
			const ids = sent.outputOf(SEND).map((item) => item.json.messageId as string);

			const result = await runSmscprGetStatus(sandbox, { items: ids.map((messageId) => ({ messageId })) });
			expect(result.status).toBe('success');
			const outputs = result.outputOf(GET_STATUS);
			expect(outputs.map((item) => item.json)).toEqual([
				expect.objectContaining({ messageId: ids[0], status: 'delivered', isFailure: false, providerStatus: 'DELIVERED', errorCode: '000', to: '+12025551234' }),
				expect.objectContaining({ messageId: ids[1], status: 'failed', isFailure: true, providerStatus: 'FAILED', errorCode: '005', to: '+12025550000' }),
			]);
			expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const [request] = sandbox.requests({ provider: 'smscpr', method: 'GET', path: ids[0] });
			expect(request.query).toEqual({ servicePlanId: expect.stringMatching(/^[0-9a-f]{24}$/) });
		});

		it('says plainly that a message ID is unknown (404)', async () => {
			const result = await runSmscprGetStatus(sandbox, { items: [{ messageId: UNKNOWN_MSG_ID }] });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Unknown message: SMSCPR has no message with this ID for this service plan');
			expect(result.error?.description).toContain('Check the Message ID');
		});

		it('with continue-on-fail, an unknown ID fails only its own item', async () => {
			const sent = await runSmscprSend(sandbox, { items: [SPEC_SEND] });
			const id = sent.outputOf(SEND)[0].json.messageId as string;
			const result = await runSmscprGetStatus(sandbox, { items: [{ messageId: UNKNOWN_MSG_ID }, { messageId: id }, { messageId: '' }], continueOnFail: true });
			const outputs = result.outputOf(GET_STATUS).map((item) => item.json);
			expect(outputs[0]).toMatchObject({ error: 'Unknown message: SMSCPR has no message with this ID for this service plan', httpCode: '404' });
			expect(outputs[1]).toMatchObject({ messageId: id, status: 'delivered' });
			expect(outputs[2].error).toBe('The field "Message ID" of item 2 is empty');
		});

		it('says the base URL is wrong when the path does not exist', async () => {
			const result = await runSmscprGetStatus(sandbox, { items: [{ messageId: UNKNOWN_MSG_ID }], baseUrl: `${sandbox.providerUrl('smscpr')}/v9` });
			expect(result.error?.message).toBe('SMSCPR does not know this address');
		});
	});

	describe('Get Many', () => {
		const delivered = { filters: { status: 'DELIVERED' } };

		it('returns all messages across three pages of 100, newest first', async () => {
			const seeded = sandbox.act('smscpr', 'seed', { count: 250 }).body as { msgIds: string[] };
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { ...delivered, returnAll: true } });

			expect(result.status).toBe('success');
			const outputs = result.outputOf(GET_MANY);
			expect(outputs.map((item) => item.json.messageId)).toEqual(seeded.msgIds);
			expect(outputs[0].json).toMatchObject({ status: 'delivered', providerStatus: 'DELIVERED', isFailure: false });
			const requests = listRequests(sandbox);
			expect(requests.map((request) => [request.query.limit, request.query.cursor === undefined])).toEqual([
				['100', true],
				['100', false],
				['100', false],
			]);
			expect(requests[0].query).toMatchObject({ status: 'DELIVERED', servicePlanId: expect.any(String) });
		});

		it('stops at the limit, asking only for what is still missing on the last page', async () => {
			const seeded = sandbox.act('smscpr', 'seed', { count: 250 }).body as { msgIds: string[] };
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { ...delivered, returnAll: false, limit: 230 } });

			expect(result.outputOf(GET_MANY).map((item) => item.json.messageId)).toEqual(seeded.msgIds.slice(0, 230));
			expect(listRequests(sandbox).map((request) => request.query.limit)).toEqual(['100', '100', '30']);
		});

		it('returns a small limit from one page', async () => {
			sandbox.act('smscpr', 'seed', { count: 10 });
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { ...delivered, limit: 3 } });
			expect(result.outputOf(GET_MANY)).toHaveLength(3);
			expect(listRequests(sandbox)).toHaveLength(1);
		});

		it('sends every filter in SMSCPR’s form', async () => {
			sandbox.act('smscpr', 'seed', { count: 3, to: '+12025551234' });
			const result = await runSmscprGetMany(sandbox, {
				items: [{}],
				parameters: {
					filters: {
						to: '(202) 555-1234',
						from: '+1 202 555 0199',
						status: 'delivered',
						country: 'us',
						mccmnc: '310260',
						fromDate: '2026-06-01T00:00:00.000Z',
						toDate: '2026-07-01T00:00:00.000Z',
					},
					options: { defaultCountry: 'US' },
				},
			});
			expect(result.status).toBe('success');
			expect(listRequests(sandbox)[0].query).toEqual({
				servicePlanId: expect.any(String),
				to: '+12025551234',
				from: '+12025550199',
				status: 'DELIVERED',
				country: 'US',
				mccmnc: '310260',
				fromDate: '2026-06-01T00:00:00.000Z',
				toDate: '2026-07-01T00:00:00.000Z',
				limit: '50',
			});
		});

		it('reads the To and From filters like a Send: digits without + need Default Country or the opt-in', async () => {
			const refused = await runSmscprGetMany(sandbox, { items: [{}], parameters: { filters: { to: '3215551234' } } });
			expect(refused.error?.message).toBe('The field "Filters › To" of item 0 has no country code');
			expect(refused.error?.description).toContain('Start it with + and the country code');
			expect(listRequests(sandbox)).toHaveLength(0);

			const optedIn = await runSmscprGetMany(sandbox, {
				items: [{}],
				parameters: { filters: { to: '3215551234', from: '16462223333' }, options: { readNumbersWithoutPlusAsInternational: true } },
			});
			expect(optedIn.status).toBe('success');
			expect(listRequests(sandbox)[0].query).toMatchObject({ to: '+3215551234', from: '+16462223333' });
		});

		it('refuses to list without a filter, asking for nothing', async () => {
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { filters: {} } });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('Get Many needs at least one filter');
			expect(result.error?.description).toContain('add one under Filters');
			expect(listRequests(sandbox)).toHaveLength(0);
		});

		it('refuses a date range over 31 days, asking for nothing', async () => {
			const result = await runSmscprGetMany(sandbox, {
				items: [{}],
				parameters: { filters: { fromDate: '2026-01-01T00:00:00Z', toDate: '2026-03-01T00:00:00Z' } },
			});
			expect(result.error?.message).toBe('The date range of Get Many is 59 days long; SMSCPR allows at most 31');
			expect(listRequests(sandbox)).toHaveLength(0);
		});

		it.each([
			[{ mccmnc: '3102' }, 'The field "Filters › Mobile Network (MCC-MNC)" of item 0 ("3102") is not 5 or 6 digits'],
			[{ country: 'XX' }, 'The field "Filters › Country" of item 0 ("XX") is not a known country code'],
			[{ fromDate: 'yesterday' }, 'The field "Filters › From Date" of item 0 ("yesterday") is not a date'],
			// An expression that gives an object or a list is refused as such, never read as text.
			[{ country: '={{ { "code": "US" } }}' }, 'The field "Filters › Country" of item 0 is an object, not text'],
			[{ status: '={{ ["FAILED"] }}' }, 'The field "Filters › Status" of item 0 is a list, not text'],
		])('refuses the filter %p before asking', async (filters, message) => {
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { filters } });
			expect(result.error?.message).toBe(message);
			expect(listRequests(sandbox)).toHaveLength(0);
		});

		it('shows SMSCPR’s own refusal of a list request', async () => {
			sandbox.injectFault({
				provider: 'smscpr',
				kind: 'status',
				status: 400,
				body: { statusCode: 400, message: ['The window between fromDate and toDate may not exceed 31 days'], error: 'Bad Request' },
			});
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: delivered });
			expect(result.error?.message).toBe('SMSCPR refused the request as invalid: The window between fromDate and toDate may not exceed 31 days');
		});

		it('waits out a 429 on a page and carries on', async () => {
			sandbox.act('smscpr', 'seed', { count: 150 });
			sandbox.injectFault({ provider: 'smscpr', kind: 'status', status: 429, retryAfter: 1, after: 1 });
			const result = await runSmscprGetMany(sandbox, { items: [{}], parameters: { ...delivered, returnAll: true } });
			expect(result.outputOf(GET_MANY)).toHaveLength(150);
			expect(listRequests(sandbox).map((request) => request.status)).toEqual([200, 429, 200]);
		});
	});
});
