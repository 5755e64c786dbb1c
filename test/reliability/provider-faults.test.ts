/**
 * Provider faults, injected in the sandbox, against every Send node: whatever the fault, no
 * message reaches the provider twice, every input item has exactly one output (with
 * continueOnFail) in its place, and the error says which item and why. Reads may retry.
 */
import type { Fault } from '../../sandbox/types';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { providerFixture } from '../../scripts/n8n-fixtures';
import { providersWith, requireEntryForEveryProvider } from '../harness/registered-providers';
import { runClickSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSmscprGetStatus } from '../nodes/Smscpr/smscpr-fixtures';
import { expectClearError } from './error-texts';
import { secretsIn } from './no-secrets';
import { deliveriesByRecipient, PROVIDER_SENDERS, sendRequestsOf, type ProviderSender } from './provider-senders';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** Faults after which the message may have reached the provider: never sent again. */
const UNSAFE_FAULTS: Array<{ name: string; fault: Omit<Fault, 'provider'>; says: RegExp }> = [
	{ name: '500', fault: { kind: 'status', status: 500 }, says: /500|server error/i },
	{ name: '503', fault: { kind: 'status', status: 503 }, says: /503|unavailable|server error/i },
	{ name: 'a timeout', fault: { kind: 'timeout' }, says: /did not answer within 1 s/ },
	{ name: 'a connection reset', fault: { kind: 'reset' }, says: /connection .* failed|did not complete/i },
	{ name: 'a malformed JSON answer', fault: { kind: 'malformed-json' }, says: /^\w+'s answer to the message could not be read$/ },
	{ name: 'an empty 200 answer', fault: { kind: 'malformed-json', body: '' }, says: /^\w+'s answer to the message could not be read$/ },
	{ name: 'an HTML error page', fault: { kind: 'html', status: 502 }, says: /502|bad gateway|server error/i },
];

/** One second so that the timeout case takes one second, not thirty. */
const OPTIONS = { concurrency: 1, timeout: 1 };

function faultOnSecondRequest(sender: ProviderSender, fault: Omit<Fault, 'provider'>, oneRequestPerItem = !sender.batched): void {
	// Batched: every item is in the one request, so the fault hits that request.
	sandbox.injectFault({ provider: sender.provider, path: sender.faultPath, method: 'POST', times: 1, after: oneRequestPerItem ? 1 : 0, ...fault } as Fault);
}

requireEntryForEveryProvider(
	{ name: 'PROVIDER_SENDERS', file: 'test/reliability/provider-senders.ts' },
	PROVIDER_SENDERS.map(({ provider }) => provider),
	providersWith('action'),
);

describe.each(PROVIDER_SENDERS.map((sender) => [sender.provider, sender] as const))('%s under provider faults', (_name, sender) => {
	it.each(UNSAFE_FAULTS.map((entry) => [entry.name, entry] as const))(
		'after %s: nothing is sent twice and each item keeps its own output',
		async (_fault, { fault, says }) => {
			const recipients = sender.recipients(3);
			faultOnSecondRequest(sender, fault);

			const result = await sender.send(sandbox, { recipients, continueOnFail: true, options: OPTIONS });

			const outputs = result.outputOf(sender.node);
			expect(outputs).toHaveLength(3);
			expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const failed = sender.batched ? [0, 1, 2] : [1];
			outputs.forEach((output, index) => {
				if (failed.includes(index)) {
					expect(String(output.json.error)).toMatch(says);
					expectClearError(output.json);
				} else expect(output.json.error).toBeUndefined();
			});
			// Every request the sandbox got, faulted or not, carried each recipient once at most.
			for (const delivery of deliveriesByRecipient(sandbox, sender, recipients)) {
				expect(delivery.processed + delivery.faulted).toBe(1);
			}
			expect(secretsIn(outputs)).toEqual([]);
		},
	);

	it.each([
		['cut short', '{"succeed": tru'],
		['empty', ''],
		['not JSON', 'OK'],
	])('a 2xx answer that is %s: the message may have gone out, it is never called refused, and it is not sent again', async (_label, body) => {
		const recipients = sender.recipients(1);
		sandbox.injectFault({ provider: sender.provider, path: sender.faultPath, method: 'POST', kind: 'malformed-json', body, times: 1 } as Fault);

		// Retry Sends After Server Errors on: a cut answer is still not sent again.
		const result = await sender.send(sandbox, { recipients, continueOnFail: true, options: { ...OPTIONS, retrySendOnServerError: true } });

		const [output] = result.outputOf(sender.node);
		expect(output.json.error).toBe(`${providerFixture(sender.provider).title}'s answer to the message could not be read`);
		expect(output.json.description).toContain('The message may have reached the provider: check its message log before sending this item again.');
		expect(`${String(output.json.error)} ${String(output.json.description)}`).not.toMatch(/did not accept|refused|try again later/i);
		expect(output.json.httpCode).toBeUndefined();
		expectClearError(output.json);
		expect(sendRequestsOf(sandbox, sender)).toHaveLength(1);
	});

	it.each([
		['307', 307],
		['301', 301],
	])('after a %s redirect: reports it, follows it nowhere, and sends nothing twice', async (_name, status) => {
		const recipients = sender.recipients(3);
		// Back to the same address: a 307 that was followed would post the message again, a 301 would fetch it as a GET.
		faultOnSecondRequest(sender, { kind: 'status', status, headers: { location: '?redirected=1' } });

		const result = await sender.send(sandbox, { recipients, continueOnFail: true, options: OPTIONS });

		const outputs = result.outputOf(sender.node);
		const failed = sender.batched ? [0, 1, 2] : [1];
		outputs.forEach((output, index) => {
			if (failed.includes(index)) {
				expect(String(output.json.error)).toMatch(new RegExp(`^\\w+ redirected the request \\(HTTP ${status}\\)$`));
				expect(JSON.stringify(output.json)).toContain('to ?redirected=1');
				expectClearError(output.json);
			} else expect(output.json.error).toBeUndefined();
		});
		expect(sandbox.requests({ provider: sender.provider }).filter((request) => request.query.redirected !== undefined)).toEqual([]);
		for (const delivery of deliveriesByRecipient(sandbox, sender, recipients)) expect(delivery.processed + delivery.faulted).toBe(1);
	});

	it('without continueOnFail, stops at the faulted item and lists what was already sent', async () => {
		const recipients = sender.recipients(3);
		// ClickSend with batching off sends one request per item, so an item can fail after another was sent.
		faultOnSecondRequest(sender, { kind: 'status', status: 503 }, true);

		const result = await sender.send(sandbox, { recipients, options: sender.batched ? { ...OPTIONS, batchMessages: false } : OPTIONS });

		expect(result.error).toBeDefined();
		const said = `${result.error?.message} ${String((result.error as { description?: unknown }).description)}`;
		expect(said).toMatch(/item 1\b/);
		expect(said).toMatch(/item 0\b/); // the already-sent list
		expectClearError(result.error);
		expect(deliveriesByRecipient(sandbox, sender, recipients).map((delivery) => delivery.processed + delivery.faulted)).toEqual([1, 1, 0]);
		expect(secretsIn(result.error)).toEqual([]);
	});

	it.each([
		['with Retry-After', { retryAfter: 0 }],
		['without Retry-After', {}],
	])('after a 429 %s: waits, sends the message once, and every item succeeds', async (_label, extra) => {
		const recipients = sender.recipients(3);
		faultOnSecondRequest(sender, { kind: 'status', status: 429, ...extra });

		const result = await sender.send(sandbox, { recipients, options: OPTIONS });

		expect(result.error).toBeUndefined();
		expect(result.outputOf(sender.node).map((output) => output.json.error)).toEqual([undefined, undefined, undefined]);
		const deliveries = deliveriesByRecipient(sandbox, sender, recipients);
		expect(deliveries.map((delivery) => delivery.processed)).toEqual([1, 1, 1]);
		expect(sendRequestsOf(sandbox, sender)).toHaveLength((sender.batched ? 1 : 3) + 1);
	});
});

describe('a provider’s refusal inside a 200 is never a success', () => {
	it('Skycore: a Failure body is that item’s error', async () => {
		const skycore = PROVIDER_SENDERS.find((sender) => sender.provider === 'skycore')!;
		sandbox.injectFault({ provider: 'skycore', kind: 'status', status: 200, times: 1, after: 1, body: { status: 'Failure', 'error-code': 'E831', 'error-info': 'Invalid recipient', to: '12025551302' } });

		const result = await skycore.send(sandbox, { recipients: skycore.recipients(3), continueOnFail: true, options: OPTIONS });

		expect(result.outputOf(skycore.node).map((output) => (output.json.error === undefined ? 'ok' : 'error'))).toEqual(['ok', 'error', 'ok']);
	});

	it('ClickSend: a rejected message in an accepted batch is that item’s error, the others are sent', async () => {
		const result = await runClickSend(sandbox, {
			operation: 'send',
			items: [{ to: '+61411111111' }, { to: '+61411119999' }, { to: '+61422222222' }],
			parameters: { to: '={{ $json.to }}', messageSource: 'text', message: 'Hi', additionalFields: {}, options: {} },
			continueOnFail: true,
		});

		const outputs = result.outputOf('ClickSend').map((output) => output.json);
		expect(outputs.map((output) => output.status ?? 'error')).toEqual(['accepted', 'error', 'accepted']);
		expect(String(outputs[1].error)).toContain('INVALID_RECIPIENT');
	});
});

describe('reads retry after faults', () => {
	it('SMSCPR Get Status retries a 503 and a reset, and succeeds', async () => {
		const sent = await PROVIDER_SENDERS.find((sender) => sender.provider === 'smscpr')!.send(sandbox, { recipients: ['+12025551301'] });
		const messageId = sent.outputOf('Send SMS')[0].json.messageId;
		sandbox.injectFault({ provider: 'smscpr', method: 'GET', kind: 'status', status: 503, times: 1 });
		sandbox.injectFault({ provider: 'smscpr', method: 'GET', kind: 'reset', times: 1 });

		const result = await runSmscprGetStatus(sandbox, { items: [{ messageId }] });

		expect(result.error).toBeUndefined();
		expect(result.outputOf('Get Message Status')[0].json.messageId).toBe(messageId);
		expect(sandbox.requests({ provider: 'smscpr', method: 'GET' })).toHaveLength(3);
	});

	it('ClickSend Get History retries a malformed answer and an HTML page', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/sms/history', kind: 'html', status: 502, times: 1 });
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/sms/history', kind: 'status', status: 500, times: 1 });

		const result = await runClickSend(sandbox, { operation: 'getHistory', parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(sandbox.requests({ provider: 'clicksend', method: 'GET', path: '/sms/history' })).toHaveLength(3);
	});
});
