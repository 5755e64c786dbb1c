import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { call, sendMessages } from '../../sandbox/clicksend-client';
import { NODE, runClickSend, SPEC_MESSAGES } from './clicksend-fixtures';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function scheduleMessages(messages: Array<Record<string, unknown>>): Promise<string[]> {
	const sent = await sendMessages(sandbox, messages.map((message) => ({ schedule: inAnHour(), ...message })));
	return (sent.body.data.messages as Array<{ message_id: string }>).map((message) => message.message_id);
}

async function historyStatuses(): Promise<Record<string, string>> {
	const history = await call(sandbox, 'GET', '/sms/history?limit=100');
	return Object.fromEntries((history.body.data.data as Array<{ message_id: string; status: string }>).map((message) => [message.message_id, message.status]));
}

describe('ClickSend › SMS › Cancel', () => {
	it('cancels the scheduled message of each item', async () => {
		const [first, second] = await scheduleMessages(SPEC_MESSAGES);

		const result = await runClickSend(sandbox, { operation: 'cancel', items: [{ id: first }], parameters: { messageId: '={{ $json.id }}' } });

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE)[0].json).toEqual({ message_id: first, cancelled: true, response_msg: 'Scheduled sms message has been cancelled.' });
		expect(await historyStatuses()).toEqual({ [first]: 'Cancelled', [second]: 'Scheduled' });
	});

	it('says which item named a message ClickSend does not know', async () => {
		const result = await runClickSend(sandbox, {
			operation: 'cancel',
			items: [{ id: 'NOPE' }, { id: '' }],
			parameters: { messageId: '={{ $json.id }}' },
			continueOnFail: true,
		});

		const outputs = result.outputOf(NODE).map((output) => output.json);
		expect(outputs[0].error).toBe('ClickSend did not find it: Message not found.');
		expect(outputs[1].error).toBe('The field "Message ID" of item 1 is empty');
	});
});

describe('ClickSend › SMS › Cancel All', () => {
	it('cancels only the scheduled messages with the custom string, then all', async () => {
		const [tagged, other] = await scheduleMessages([
			{ ...SPEC_MESSAGES[0], custom_string: 'campaign-42' },
			{ ...SPEC_MESSAGES[1], custom_string: 'campaign-43' },
		]);

		const byString = await runClickSend(sandbox, { operation: 'cancelAll', parameters: { customString: 'campaign-42' } });
		expect(byString.outputOf(NODE)[0].json).toEqual({ cancelled_count: 1, custom_string: 'campaign-42' });
		expect(await historyStatuses()).toEqual({ [tagged]: 'Cancelled', [other]: 'Scheduled' });

		const all = await runClickSend(sandbox, { operation: 'cancelAll', parameters: { customString: '' } });
		expect(all.outputOf(NODE)[0].json).toEqual({ cancelled_count: 1, custom_string: null });
		expect(await historyStatuses()).toEqual({ [tagged]: 'Cancelled', [other]: 'Cancelled' });
	});
});

describe('ClickSend › SMS › Get History', () => {
	beforeEach(async () => {
		const messages = Array.from({ length: 120 }, (_, index) => ({ to: `+6141${String(1_000_000 + index)}`, body: `Message ${index}` }));
		await sendMessages(sandbox, [...messages, { to: '+61411119999', body: 'refused, never in history' }]);
	});

	it('returns all pages with Return All', async () => {
		const result = await runClickSend(sandbox, { operation: 'getHistory', parameters: { returnAll: true, orderBy: 'date:asc' } });

		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE)).toHaveLength(120);
		expect(new Set(result.outputOf(NODE).map((output) => output.json.message_id)).size).toBe(120);
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' }).map((request) => request.query.page)).toEqual(['1', '2']);
		expect(result.outputOf(NODE).every((output) => output.pairedItem && (output.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('stops at the limit, asking ClickSend for its smallest page', async () => {
		const result = await runClickSend(sandbox, { operation: 'getHistory', parameters: { returnAll: false, limit: 3 } });

		expect(result.outputOf(NODE)).toHaveLength(3);
		const requests = sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' });
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({ limit: '15', page: '1', order_by: 'date:desc' });
	});

	it('passes the search, the date range as Unix seconds and the order', async () => {
		const from = new Date(Date.now() - 3_600_000);
		const to = new Date(Date.now() + 3_600_000);
		const result = await runClickSend(sandbox, {
			operation: 'getHistory',
			parameters: { returnAll: true, orderBy: 'to:asc', filters: { q: 'to:+6141100000', dateFrom: from.toISOString(), dateTo: to.toISOString() } },
		});

		expect(result.outputOf(NODE).map((output) => output.json.to)).toEqual(Array.from({ length: 10 }, (_, index) => `+6141100000${index}`));
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' })[0].query).toMatchObject({
			q: 'to:+6141100000',
			order_by: 'to:asc',
			date_from: String(Math.floor(from.getTime() / 1000)),
			date_to: String(Math.floor(to.getTime() / 1000)),
		});
	});

	it('refuses a date range that ends before it starts, and a limit that is not a number', async () => {
		const result = await runClickSend(sandbox, {
			operation: 'getHistory',
			items: [{}, {}],
			continueOnFail: true,
			parameters: {
				returnAll: false,
				limit: '={{ $itemIndex === 0 ? 5 : "ten" }}',
				filters: { dateFrom: '={{ $itemIndex === 0 ? "2026-02-01T00:00:00Z" : "" }}', dateTo: '2026-01-01T00:00:00Z' },
			},
		});

		const outputs = result.outputOf(NODE).map((output) => output.json);
		expect(outputs[0].error).toBe('The field "Filters › Sent After" of item 0 is later than Filters › Sent Before');
		expect(outputs[1].error).toBe('The field "Limit" of item 1 is "ten"');
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' })).toHaveLength(0);
	});
});

describe('ClickSend › SMS › Export History', () => {
	it('returns a download link to a CSV of the filtered history', async () => {
		await sendMessages(sandbox, SPEC_MESSAGES);

		const result = await runClickSend(sandbox, { operation: 'exportHistory', parameters: { filename: 'june.csv', filters: { q: 'to:+61411111111' } } });

		expect(result.error).toBeUndefined();
		const { url, filename } = result.outputOf(NODE)[0].json as { url: string; filename: string };
		expect(filename).toBe('june.csv');
		const csv = await (await fetch(url)).text();
		expect(csv.split('\r\n').filter((line) => line !== '')).toHaveLength(2);
		expect(csv).toContain('+61411111111');
		expect(csv).not.toContain('+61422222222');
	});

	it('refuses a file name that is not .csv before asking', async () => {
		const result = await runClickSend(sandbox, { operation: 'exportHistory', parameters: { filename: 'june.xlsx' } });

		expect(result.error?.message).toBe('The field "File Name" of item 0 ("june.xlsx") does not end in .csv');
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history/export' })).toHaveLength(0);
	});
});
