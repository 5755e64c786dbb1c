/**
 * n8n's node setting Retry On Fail, in n8n's engine: n8n runs the node again with the same input
 * when a try fails. A retried try must not send again what an earlier try of the same execution
 * sent (the sandbox's request log is the proof), and the node's final output must hold every
 * item's output in order. A new execution sends again.
 */
import { retryMemory } from '../../lib/retry-memory';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Fault } from '../../sandbox/types';
import type { NodeSettings, WorkflowRunResult } from '../harness';
import { expectClearError } from './error-texts';
import { deliveriesByRecipient, PROVIDER_SENDERS, sendRequestsOf, type ProviderSender } from './provider-senders';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** n8n reads a wait of 0 as its default of 1 s: 10 ms keeps the test quick. */
const RETRY: NodeSettings = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };
const clearLine = PROVIDER_SENDERS.find((sender) => sender.provider === 'clearline')!;
const clickSend = PROVIDER_SENDERS.find((sender) => sender.provider === 'clicksend')!;

/** The message ID the sandbox gave each accepted request, in the order the requests came. */
function acceptedIds(sender: ProviderSender): string[] {
	return sendRequestsOf(sandbox, sender)
		.filter((request) => request.fault === undefined)
		.flatMap((request) => {
			const answer = request.response as { messageId?: string; data?: { messages?: Array<{ message_id: string }> } };
			return answer.messageId !== undefined ? [answer.messageId] : (answer.data?.messages ?? []).map((message) => message.message_id);
		});
}

function expectEachSentOnce(sender: ProviderSender, recipients: string[]): void {
	const deliveries = deliveriesByRecipient(sandbox, sender, recipients);
	expect(deliveries.filter((delivery) => delivery.processed !== 1)).toEqual([]);
}

function expectEveryOutputInOrder(result: WorkflowRunResult, sender: ProviderSender, count: number): void {
	expect(result.error).toBeUndefined();
	const outputs = result.outputOf(sender.node);
	expect(outputs.map((output) => (output.pairedItem as { item: number }).item)).toEqual(Array.from({ length: count }, (_, index) => index));
	expect(outputs.filter((output) => output.json.error !== undefined)).toEqual([]);
	// Each output is the provider's answer to that item's one request: its message ID, once.
	expect([...outputs.map((output) => String(output.json.messageId))].sort()).toEqual([...acceptedIds(sender)].sort());
}

describe('Retry On Fail does not send again what an earlier try sent', () => {
	it('ClearLine (one request per message): item 40 refused once, items 0–39 are not texted again', async () => {
		const recipients = clearLine.recipients(50);
		sandbox.injectFault({ provider: 'clearline', path: clearLine.faultPath, method: 'POST', kind: 'status', status: 400, after: 40, times: 1 } as Fault);

		const result = await clearLine.send(sandbox, { recipients, nodeSettings: RETRY, options: { concurrency: 1 } });

		expectEveryOutputInOrder(result, clearLine, 50);
		expectEachSentOnce(clearLine, recipients);
		expect(sendRequestsOf(sandbox, clearLine)).toHaveLength(51);
		expect(retryMemory.size).toBe(0);
	});

	it('ClickSend (many messages per request): the second batch refused once, the first batch is not sent again', async () => {
		const recipients = clickSend.recipients(1005);
		sandbox.injectFault({ provider: 'clicksend', path: clickSend.faultPath, method: 'POST', kind: 'status', status: 400, after: 1, times: 1 } as Fault);

		const result = await clickSend.send(sandbox, { recipients, nodeSettings: RETRY, options: { concurrency: 1 } });

		expectEveryOutputInOrder(result, clickSend, 1005);
		expectEachSentOnce(clickSend, recipients);
		// Batch 1 (items 0–999), batch 2 refused, batch 2 again; batch 1 is not sent again.
		expect(sendRequestsOf(sandbox, clickSend).map((request) => ((request.body as { messages: unknown[] }).messages ?? []).length)).toEqual([1000, 5, 5]);
		expect(retryMemory.size).toBe(0);
	});

	it('with Continue (using regular output): n8n retries because item 0 failed, and only item 0 is sent again', async () => {
		const recipients = clearLine.recipients(5);
		sandbox.injectFault({ provider: 'clearline', path: clearLine.faultPath, method: 'POST', kind: 'status', status: 400, times: 1 } as Fault);

		const result = await clearLine.send(sandbox, {
			recipients,
			nodeSettings: { ...RETRY, onError: 'continueRegularOutput' },
			options: { concurrency: 1 },
		});

		expectEveryOutputInOrder(result, clearLine, 5);
		expectEachSentOnce(clearLine, recipients);
		expect(retryMemory.size).toBe(0);
	});

	it('a message that may have gone out (a timeout) is not sent again: the retry gives its error again', async () => {
		const recipients = clearLine.recipients(3);
		sandbox.injectFault({ provider: 'clearline', path: clearLine.faultPath, method: 'POST', kind: 'timeout', after: 1, times: 1 } as Fault);

		const result = await clearLine.send(sandbox, { recipients, nodeSettings: { ...RETRY, maxTries: 2 }, options: { concurrency: 1, timeout: 1 } });

		expect(result.error?.message).toBe('ClearLine did not answer within 1 s');
		expect(String((result.error as { description?: unknown }).description)).toContain('n8n retried the node (Retry On Fail), and the node did not send this item again.');
		expectClearError(result.error);
		// Item 0 sent once, item 1 once (the timed-out request), item 2 never: the node stops at item 1.
		expect(deliveriesByRecipient(sandbox, clearLine, recipients).map((delivery) => delivery.processed + delivery.faulted)).toEqual([1, 1, 0]);
		expect(retryMemory.size).toBe(1);
	});

	it('ClickSend answering SUCCESS without a message_id (it may have gone out) is not sent again: the retry gives its error again', async () => {
		const recipients = clickSend.recipients(2);
		const answer = {
			http_code: 200,
			response_code: 'SUCCESS',
			response_msg: 'Messages queued for delivery.',
			data: { currency: { currency_name_short: 'USD' }, messages: recipients.map((to) => ({ to, status: 'SUCCESS' })) },
		};
		sandbox.injectFault({ provider: 'clicksend', path: clickSend.faultPath, method: 'POST', kind: 'status', status: 200, body: answer, times: 1 } as Fault);

		const result = await clickSend.send(sandbox, { recipients, nodeSettings: { ...RETRY, maxTries: 2 }, options: { concurrency: 1 } });

		expect(result.error?.message).toBe(`ClickSend did not confirm the message to ${recipients[0]}`);
		expect(String((result.error as { description?: unknown }).description)).toContain('the node did not send this item again');
		expectClearError(result.error);
		// One request: the retry answered both items from the first try's record.
		expect(sendRequestsOf(sandbox, clickSend)).toHaveLength(1);
	});

	it('a new execution sends again, even while the memory holds a failed one', async () => {
		const recipients = clearLine.recipients(3);
		// Refused in both tries of the first execution: it fails and its memory is kept.
		sandbox.injectFault({ provider: 'clearline', path: clearLine.faultPath, method: 'POST', kind: 'status', status: 400, after: 2, times: 2 } as Fault);
		const failed = await clearLine.send(sandbox, { recipients, nodeSettings: { ...RETRY, maxTries: 2 }, options: { concurrency: 1 } });
		expect(failed.error).toBeDefined();
		expect(deliveriesByRecipient(sandbox, clearLine, recipients).map((delivery) => delivery.processed)).toEqual([1, 1, 0]);

		const again = await clearLine.send(sandbox, { recipients, nodeSettings: RETRY, options: { concurrency: 1 } });

		expect(again.error).toBeUndefined();
		expect(deliveriesByRecipient(sandbox, clearLine, recipients).map((delivery) => delivery.processed)).toEqual([2, 2, 1]);
	});
});
