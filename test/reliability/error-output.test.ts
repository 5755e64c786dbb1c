/**
 * n8n's node setting On Error, for every action node in n8n's engine: with "Continue (using error
 * output)" a failed item goes to the error output (output 1) and the others to output 0; with
 * "Continue (using regular output)" every item stays on output 0, the failed one with its error
 * fields. n8n moves an item to the error output only when the item carries `error` or its json is
 * nothing but `error` (n8n-core handleNodeErrorOutput).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Fault } from '../../sandbox/types';
import type { NodeSettings, WorkflowRunResult } from '../harness';
import { runClearLineSend } from '../nodes/ClearLine/clearline-fixtures';
import { INVALID_RECIPIENT, runClickSendSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSmscprGetStatus, runSmscprSend } from '../nodes/Smscpr/smscpr-fixtures';
import { expectClearError } from './error-texts';
import { PROVIDER_SENDERS } from './provider-senders';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const ERROR_OUTPUT: NodeSettings = { onError: 'continueErrorOutput' };
const REGULAR_OUTPUT: NodeSettings = { onError: 'continueRegularOutput' };

const itemsOf = (outputs: INodeExecutionData[]) => outputs.map((output) => (output.pairedItem as { item: number }).item);

/** Output 0 holds `succeeded` without errors, output 1 holds `failed`, each with its error. */
function expectErrorOutput(result: WorkflowRunResult, node: string, succeeded: number[], failed: number[]): void {
	expect(result.error).toBeUndefined();
	const success = result.outputOf(node, 0);
	const errors = result.outputOf(node, 1);
	expect(itemsOf(success)).toEqual(succeeded);
	expect(success.map((output) => output.json.error)).toEqual(succeeded.map(() => undefined));
	expect(itemsOf(errors)).toEqual(failed);
	for (const output of errors) {
		// n8n shows an item that carries its error as `{ error: message }`; the whole error stays on the item.
		expect(typeof output.json.error).toBe('string');
		expect(output.error?.message).toBe(output.json.error);
		expect(output.error?.description).toEqual(expect.any(String));
		expectClearError(output.error);
	}
}

/** Every item on output 0 in input order, the failed ones with today's json fields; output 1 empty. */
function expectRegularOutput(result: WorkflowRunResult, node: string, count: number, failed: number[]): void {
	expect(result.error).toBeUndefined();
	const outputs = result.outputOf(node, 0);
	expect(itemsOf(outputs)).toEqual(Array.from({ length: count }, (_, index) => index));
	outputs.forEach((output, index) => {
		if (failed.includes(index)) {
			expect(typeof output.json.error).toBe('string');
			expect(typeof output.json.description).toBe('string');
			expectClearError(output.json);
		} else expect(output.json.error).toBeUndefined();
	});
	expect(result.outputOf(node, 1)).toEqual([]);
}

describe.each(PROVIDER_SENDERS.map((sender) => [sender.provider, sender] as const))('%s Send under On Error', (_name, sender) => {
	// The second request is refused (a 400: nothing was sent for it); ClickSend sends one request per item here.
	const refuseSecond = () =>
		sandbox.injectFault({ provider: sender.provider, path: sender.faultPath, method: 'POST', kind: 'status', status: 400, times: 1, after: 1 } as Fault);
	const options = sender.batched ? { concurrency: 1, batchMessages: false } : { concurrency: 1 };

	it('Continue (using error output): the refused item goes to the error output, the sent ones to the success output', async () => {
		refuseSecond();
		const result = await sender.send(sandbox, { recipients: sender.recipients(3), nodeSettings: ERROR_OUTPUT, options });
		expectErrorOutput(result, sender.node, [0, 2], [1]);
		expect((result.outputOf(sender.node, 1)[0].error as { httpCode?: string }).httpCode).toBe('400');
	});

	it('Continue (using regular output): every item on the one output, the refused one with its error fields', async () => {
		refuseSecond();
		const result = await sender.send(sandbox, { recipients: sender.recipients(3), nodeSettings: REGULAR_OUTPUT, options });
		expectRegularOutput(result, sender.node, 3, [1]);
		expect(result.outputOf(sender.node, 0)[1].json.httpCode).toBe('400');
	});
});

describe('other ways an item fails reach the error output too', () => {
	it('bad input found before sending (ClearLine, a number without country code)', async () => {
		const items = [{ phone: '+12025551234', message: 'fine' }, { phone: '020 7946 0958', message: 'not sent' }];
		expectErrorOutput(await runClearLineSend(sandbox, { items, nodeSettings: ERROR_OUTPUT }), 'Send SMS', [0], [1]);
		sandbox.reset();
		expectRegularOutput(await runClearLineSend(sandbox, { items, nodeSettings: REGULAR_OUTPUT }), 'Send SMS', 2, [1]);
	});

	it('one message refused inside an accepted ClickSend batch', async () => {
		const items = [{ to: '+61411111111', body: 'a' }, { to: INVALID_RECIPIENT, body: 'b' }, { to: '+61422222222', body: 'c' }];
		expectErrorOutput(await runClickSendSend(sandbox, items, { nodeSettings: ERROR_OUTPUT }), 'ClickSend', [0, 2], [1]);
		sandbox.reset();
		expectRegularOutput(await runClickSendSend(sandbox, items, { nodeSettings: REGULAR_OUTPUT }), 'ClickSend', 3, [1]);
	});

	it('a read: SMSCPR Get Status of an unknown message', async () => {
		const sent = await runSmscprSend(sandbox, { items: [{ from: '+12025550199', to: '+12025551234', body: 'hi' }] });
		const messageId = sent.outputOf('Send SMS')[0].json.messageId;
		const items = [{ messageId }, { messageId: '01a217a9-77f3-70f1-bede-f834870eb285' }];
		expectErrorOutput(await runSmscprGetStatus(sandbox, { items, nodeSettings: ERROR_OUTPUT }), 'Get Message Status', [0], [1]);
		expectRegularOutput(await runSmscprGetStatus(sandbox, { items, nodeSettings: REGULAR_OUTPUT }), 'Get Message Status', 2, [1]);
	});
});
