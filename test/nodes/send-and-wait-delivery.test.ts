/**
 * Send and Wait for Delivery through n8n's engine: the node sends with the execution's signed
 * resume URL as the receipt address, the execution is saved as waiting, the sandbox posts the
 * receipt to that URL over real HTTP, and the execution resumes on the branch the receipt decides
 * (test/harness/waiting.ts serves /webhook-waiting as n8n 2.8.4 does).
 */
import {
	NodeConnectionTypes,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { ClearLine } from '../../nodes/ClearLine/ClearLine.node';
import { Smscpr } from '../../nodes/Smscpr/Smscpr.node';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runWaitingWorkflow, type WaitingWorkflow } from '../harness';
import type { WorkflowJson } from '../harness/workflow-json';
import { postToWebhook as post } from './trigger-helpers';

const TRIGGER = "When clicking 'Execute workflow'";
const SEND = 'Send and Wait';
const ROUTE = 'Route by Status';
const SEND_NODE_ID = '7e3f4c2a-1b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** Two outputs, delivered and everything else: the If node a user would put after the wait. */
class RouteByStatus implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Route by Status',
		name: 'routeByStatus',
		group: ['transform'],
		version: 1,
		description: 'Test fixture',
		defaults: { name: ROUTE },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		return [items.filter((item) => item.json.status === 'delivered'), items.filter((item) => item.json.status !== 'delivered')];
	}
}

type Provider = 'clearline' | 'smscpr';

function workflowFor(provider: Provider, items: IDataObject[], parameters: IDataObject = {}): WorkflowJson {
	const send =
		provider === 'clearline'
			? { type: 'n8n-nodes-sms-gateways.clearLine', credentials: { clearLineApi: { id: '1', name: 'ClearLine' } }, fields: {} }
			: {
					type: 'n8n-nodes-sms-gateways.smscpr',
					credentials: { smscprApi: { id: '1', name: 'SMSCPR' } },
					fields: { from: '+12025550199' },
				};
	return {
		name: 'Send and wait',
		nodes: [
			{ id: 'a1', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: SEND_NODE_ID,
				name: SEND,
				type: send.type,
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'sms', operation: 'sendAndWait', waitFor: 'delivery', to: '={{ $json.to }}', message: '={{ $json.message }}', options: {}, ...send.fields, ...parameters },
				credentials: send.credentials,
			},
			{ id: 'a3', name: ROUTE, type: 'n8n-nodes-sms-gateways.routeByStatus', typeVersion: 1, position: [400, 0], parameters: {} },
		],
		connections: {
			[TRIGGER]: { main: [[{ node: SEND, type: 'main', index: 0 }]] },
			[SEND]: { main: [[{ node: ROUTE, type: 'main', index: 0 }]] },
		},
		pinData: { [TRIGGER]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	} as unknown as WorkflowJson;
}

async function sendAndWait(sandbox: Sandbox, provider: Provider, items: IDataObject[], parameters: IDataObject = {}): Promise<WaitingWorkflow> {
	return await runWaitingWorkflow({
		workflow: workflowFor(provider, items, parameters),
		nodeTypes: [ClearLine, Smscpr, RouteByStatus],
		credentials: {
			clearLineApi: { apiKey: SANDBOX_KEYS.clearline.apiKey, environment: 'custom', baseUrl: sandbox.providerUrl('clearline') },
			smscprApi: { token: SANDBOX_KEYS.smscpr.token, servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId, baseUrl: sandbox.providerUrl('smscpr') },
		},
	});
}

const sentBodies = (sandbox: Sandbox, provider: Provider) =>
	sandbox
		.requests({ provider, method: 'POST', path: provider === 'clearline' ? '/MessageSender/sms' : '/sendsms' })
		.map((request) => request.body as IDataObject);

describe('Send and Wait for Delivery', () => {
	let sandbox: Sandbox;
	let waiting: WaitingWorkflow | undefined;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true, callbackDelayMs: 300 });
	});
	afterAll(async () => {
		await sandbox.close();
	});
	afterEach(async () => {
		sandbox.reset();
		sandbox.setCallbackDelay(300);
		await waiting?.close();
		waiting = undefined;
	});

	it.each([
		['clearline', '+12025551234', 'delivered', 0, 'Delivered'],
		['clearline', '+12025550000', 'failed', 1, 'DeliveredFailed'],
		['smscpr', '+12025551234', 'delivered', 0, 'DELIVERED'],
		['smscpr', '+12025550000', 'failed', 1, 'FAILED'],
	] as const)('%s to %s: waits, and the receipt posted to the resume URL resumes it as %s', async (provider, to, status, branch, providerStatus) => {
		const before = Date.now();
		waiting = await sendAndWait(sandbox, provider, [{ to, message: 'Your technician arrives at 10:00' }]);

		expect(waiting.first.status).toBe('waiting');
		expect(waiting.state()).toBe('waiting');
		// The default limit is one day.
		expect(waiting.waitTill()!.getTime() - before).toBeGreaterThanOrEqual(86_400_000);
		expect(waiting.waitTill()!.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
		const [sent] = sentBodies(sandbox, provider);
		const receiptUrl = new URL(String(sent.callbackUrl));
		expect(`${receiptUrl.origin}${receiptUrl.pathname}`).toBe(`${waiting.waitingBaseUrl}/${waiting.executionId}/${SEND_NODE_ID}`);
		expect(receiptUrl.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		// While waiting the node shows what was sent, without the resume URL (a key to the execution).
		const [shown] = waiting.first.outputOf(SEND);
		expect(shown.json).toMatchObject({ messageId: expect.any(String), status: 'accepted', to });
		expect(JSON.stringify(waiting.first.runData)).not.toContain('signature=');

		const resumed = await waiting.resumed;
		expect(resumed.status).toBe('success');
		expect(resumed.outputOf(SEND)).toEqual([
			{
				json: expect.objectContaining({ event: 'deliveryReceipt', provider, messageId: shown.json.messageId, status, providerStatus }),
				pairedItem: { item: 0 },
			},
		]);
		expect(resumed.outputOf(ROUTE, branch)).toHaveLength(1);
		expect(resumed.outputOf(ROUTE, 1 - branch)).toHaveLength(0);
		await sandbox.waitForCallbacks(1, 5000);
		expect(sandbox.callbacks().map((callback) => callback.status)).toEqual([200]);
	});

	it('SMSCPR: a SENT receipt is acknowledged and the execution keeps waiting for the final one', async () => {
		waiting = await sendAndWait(sandbox, 'smscpr', [{ to: '+12025551234', message: 'Your code is 123456' }]);
		const [sent] = sentBodies(sandbox, 'smscpr');
		const [shown] = waiting.first.outputOf(SEND);
		const notFinal = await post(String(sent.callbackUrl), { msgId: shown.json.messageId, direction: 'MT', status: 'SENT' });
		expect(notFinal.status).toBe(200);
		expect(JSON.parse(notFinal.body)).toEqual({ received: true, waiting: 'status sent is not final' });
		expect(waiting.state()).toBe('waiting');

		const resumed = await waiting.resumed;
		expect(resumed.outputOf(SEND)[0].json).toMatchObject({ status: 'delivered', providerStatus: 'DELIVERED' });
	});

	it('a forged or missing signature gets 401 and starts nothing; the limit then resumes it with status timedOut', async () => {
		sandbox.setCallbackDelay(60_000);
		waiting = await sendAndWait(sandbox, 'clearline', [{ to: '+12025551234', message: 'Confirm your visit' }], {
			resumeAmount: 5,
			resumeUnit: 'minutes',
		});
		const [sent] = sentBodies(sandbox, 'clearline');
		const url = new URL(String(sent.callbackUrl));
		const receipt = { messageId: waiting.first.outputOf(SEND)[0].json.messageId, deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered' };

		const forged = new URL(url);
		forged.searchParams.set('signature', 'f'.repeat(64));
		const unsigned = new URL(url);
		unsigned.searchParams.delete('signature');
		const otherExecution = String(url).replace(`/${waiting.executionId}/`, '/harness-999999/');
		for (const target of [forged, unsigned]) {
			const answer = await post(String(target), receipt);
			expect(answer.status).toBe(401);
			expect(JSON.parse(answer.body)).toEqual({ error: 'Invalid token' });
		}
		expect((await post(otherExecution, receipt)).status).toBe(404);
		expect(waiting.state()).toBe('waiting');
		expect(waiting.waitTill()!.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);

		const timedOut = await waiting.resumeAfterLimit();
		expect(timedOut.status).toBe('success');
		expect(timedOut.outputOf(SEND)).toEqual([
			{
				json: {
					event: 'deliveryWaitTimedOut',
					provider: 'clearline',
					messageId: receipt.messageId,
					status: 'timedOut',
					isFailure: false,
					providerStatus: null,
					to: '+12025551234',
					waitedUntil: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(timedOut.outputOf(ROUTE, 1)).toHaveLength(1);

		// The receipt arriving after the limit finds a finished execution: answered, nothing runs.
		const late = await post(String(url), receipt);
		expect(late.status).toBe(200);
		expect(waiting.state()).toBe('finished');
	});

	it('a receipt after the limit, before n8n resumes the execution by time, still resumes it with the receipt', async () => {
		sandbox.setCallbackDelay(60_000);
		waiting = await sendAndWait(sandbox, 'clearline', [{ to: '+12025550000', message: 'Confirm your visit' }], {
			resumeAmount: 0.01,
			resumeUnit: 'minutes',
		});
		const [sent] = sentBodies(sandbox, 'clearline');
		const messageId = waiting.first.outputOf(SEND)[0].json.messageId;
		const waitTill = waiting.waitTill()!.getTime();
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, waitTill - Date.now()) + 50));
		expect(waiting.state()).toBe('waiting');

		// n8n's main has not yet polled for due waits: a real result beats the timeout.
		const late = await post(String(sent.callbackUrl), { messageId, deliveryStatus: 'DeliveredFailed', externalDeliveryStatus: 'Rejected' });
		expect(late.status).toBe(200);
		const resumed = await waiting.resumed;
		expect(resumed.outputOf(SEND)[0].json).toMatchObject({ event: 'deliveryReceipt', messageId, status: 'failed' });
		expect(resumed.outputOf(ROUTE, 1)).toHaveLength(1);
		// When n8n's poll comes, the execution has finished: the limit resumes nothing.
		await expect(waiting.resumeAfterLimit()).rejects.toThrow('not waiting');
	});

	it('without a limit the execution waits indefinitely (n8n never resumes it by time)', async () => {
		waiting = await sendAndWait(sandbox, 'clearline', [{ to: '+12025551234', message: 'Hi' }], { limitWaitTime: false });
		expect(waiting.waitTill()).toEqual(WAIT_INDEFINITELY);
		await expect(waiting.resumeAfterLimit()).rejects.toThrow('without a limit');
		await waiting.resumed;
	});

	it('refuses several items before sending anything, naming Loop Over Items', async () => {
		waiting = await sendAndWait(sandbox, 'clearline', [
			{ to: '+12025551234', message: 'One' },
			{ to: '+12025551235', message: 'Two' },
		]);
		expect(waiting.first.status).toBe('error');
		expect(waiting.first.error?.message).toBe('Send and Wait sends one SMS per execution, and this node received 2 items');
		expect(waiting.first.error?.description).toContain('Loop Over Items');
		expect(sentBodies(sandbox, 'clearline')).toHaveLength(0);
	});

	it('SMSCPR refuses a resume URL it could not post to (http to a public host) before sending', async () => {
		waiting = await runWaitingWorkflow({
			workflow: workflowFor('smscpr', [{ to: '+12025551234', message: 'Hi' }]),
			nodeTypes: [ClearLine, Smscpr, RouteByStatus],
			credentials: { smscprApi: { token: SANDBOX_KEYS.smscpr.token, servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId, baseUrl: sandbox.providerUrl('smscpr') } },
			webhookWaitingBaseUrl: 'http://n8n.example.com/webhook-waiting',
		});
		expect(waiting.first.status).toBe('error');
		expect(waiting.first.error?.message).toContain('uses http: instead of https:');
		expect(sentBodies(sandbox, 'smscpr')).toHaveLength(0);
	});
});
