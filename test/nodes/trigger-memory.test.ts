/**
 * The triggers' duplicate memory where users meet it: many receipts at once (n8n works on a stale
 * copy of the static data per request), an n8n restart (a fresh process with what was saved), a
 * test URL listening next to the production URL, and thousands of receipts (what is saved per
 * receipt must not grow). Real HTTP into n8n-core's WebhookContext through the harness.
 */
import type { IDataObject, INodeType } from 'n8n-workflow';

import { eventFingerprint, PERSISTED_EVENTS } from '../../lib/event-memory';
import { ClearLineTrigger } from '../../nodes/ClearLine/ClearLineTrigger.node';
import { startTriggerWebhook, type TriggerWebhook } from '../harness';
import { eventsOf, postToWebhook as post } from './trigger-helpers';

const NODE_ID = '9f1c2a7e-0d4b-4c55-8e21-3b6a7d9c0e11';
const receipt = (index: number) => ({
	messageId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
	deliveryStatus: 'Delivered',
	externalDeliveryStatus: 'Delivered',
});

async function serve(
	nodeType: new () => INodeType,
	options: { url?: 'production' | 'test'; staticData?: IDataObject } = {},
): Promise<TriggerWebhook> {
	return await startTriggerWebhook({
		nodeType,
		node: { id: NODE_ID, name: 'ClearLine Trigger', parameters: { authentication: 'none', options: {} } },
		...options,
	});
}

/** The trigger as a freshly started n8n process loads it: nothing of this process's memory. */
function triggerOfNewProcess(): new () => INodeType {
	let fresh: new () => INodeType = ClearLineTrigger;
	jest.isolateModules(() => {
		fresh = (require('../../nodes/ClearLine/ClearLineTrigger.node') as { ClearLineTrigger: new () => INodeType })
			.ClearLineTrigger;
	});
	return fresh;
}

async function postAll(url: string, indexes: number[], inFlight = 20): Promise<number[]> {
	const statuses: number[] = new Array(indexes.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: inFlight }, async () => {
			while (next < indexes.length) {
				const position = next++;
				statuses[position] = (await post(url, receipt(indexes[position]))).status;
			}
		}),
	);
	return statuses;
}

const range = (count: number, from = 0) => Array.from({ length: count }, (_, index) => from + index);

describe('Trigger duplicate memory', () => {
	const opened: TriggerWebhook[] = [];
	const open = async (...args: Parameters<typeof serve>) => {
		const webhook = await serve(...args);
		opened.push(webhook);
		return webhook;
	};
	afterEach(async () => {
		await Promise.all(opened.splice(0).map(async (webhook) => await webhook.close()));
	});

	it('outputs each event with its eventKey, the key the memory uses', async () => {
		const webhook = await open(triggerOfNewProcess());
		await post(webhook.url, receipt(1));
		expect(eventsOf(webhook)[0][0].eventKey).toBe(`${receipt(1).messageId}:Delivered`);
	});

	it('after a restart, starts nothing for 200 receipts that came at 20 at once before it', async () => {
		const before = await open(triggerOfNewProcess());
		expect(new Set(await postAll(before.url, range(200)))).toEqual(new Set([200]));
		expect(before.executions).toHaveLength(200);

		const after = await open(triggerOfNewProcess(), { staticData: before.staticData() });
		const statuses = await postAll(after.url, range(200));
		expect(new Set(statuses)).toEqual(new Set([200]));
		expect(after.executions).toHaveLength(0);

		// A receipt it never saw still runs.
		await post(after.url, receipt(500));
		expect(after.executions).toHaveLength(1);
	});

	it('saves every accepted receipt even though each request saves its own stale copy', async () => {
		const webhook = await open(triggerOfNewProcess());
		await postAll(webhook.url, range(300), 30);
		const saved = String(webhook.nodeStaticData().recentEventFingerprints);
		const expected = new Set(range(300).map((index) => eventFingerprint(`${receipt(index).messageId}:Delivered`)));
		const savedSet = new Set(saved.match(/.{8}/g));
		expect([...expected].filter((fingerprint) => !savedSet.has(fingerprint))).toEqual([]);
	});

	it('keeps what one receipt saves small however many came before (5,000 receipts)', async () => {
		const webhook = await open(triggerOfNewProcess());
		await postAll(webhook.url, range(5000), 50);
		expect(webhook.executions).toHaveLength(5000);
		const saved = JSON.stringify(webhook.staticData());
		expect(saved.length).toBeLessThanOrEqual(4096);
		expect(String(webhook.nodeStaticData().recentEventFingerprints)).toHaveLength(PERSISTED_EVENTS * 8);

		// The process still remembers all 5,000, not only the saved ones.
		await postAll(webhook.url, [0, 2500, 4999]);
		expect(webhook.executions).toHaveLength(5000);
		// 5,000 requests through n8n-core's WebhookContext outlast jest's default timeout on a loaded machine.
	}, 120_000);

	it('runs a receipt again when n8n could not start its execution (answered 500), also after a restart', async () => {
		const fingerprint = (index: number) => eventFingerprint(`${receipt(index).messageId}:Delivered`);
		const webhook = await open(triggerOfNewProcess());
		await postAll(webhook.url, range(5));
		webhook.failExecutionStarts(1);
		expect((await post(webhook.url, receipt(5))).status).toBe(500);
		// Receipts after it save the process's memory: the failed one must not be in it.
		await postAll(webhook.url, range(5, 6));
		expect(webhook.executions).toHaveLength(10);
		expect(String(webhook.nodeStaticData().recentEventFingerprints).match(/.{8}/g)).not.toContain(fingerprint(5));

		const restarted = await open(triggerOfNewProcess(), { staticData: webhook.staticData() });
		expect((await post(restarted.url, receipt(5))).status).toBe(200);
		expect(restarted.executions).toHaveLength(1);

		// The provider's retry reaches the same process: it runs once, and its repeat is ignored.
		await post(webhook.url, receipt(5));
		await post(webhook.url, receipt(5));
		expect(webhook.executions).toHaveLength(11);
	});

	it('runs a receipt again after a failed start even when another request saved it meanwhile', async () => {
		const webhook = await open(triggerOfNewProcess());
		webhook.failExecutionStarts(1, 300);
		const failing = post(webhook.url, receipt(1));
		await new Promise((resolve) => setTimeout(resolve, 50));
		// Saved while the first one's start is still pending: the saved memory holds receipt 1.
		await post(webhook.url, receipt(2));
		expect((await failing).status).toBe(500);

		expect((await post(webhook.url, receipt(1))).status).toBe(200);
		expect(webhook.executions).toHaveLength(2);
		await post(webhook.url, receipt(1));
		expect(webhook.executions).toHaveLength(2);
	});

	it('keeps a test URL and the production URL of the same node apart', async () => {
		const nodeType = triggerOfNewProcess();
		const production = await open(nodeType);
		const test = await open(nodeType, { url: 'test' });

		// ClickSend posts each event to both rules while the editor listens: each URL runs once.
		await post(test.url, receipt(7));
		await post(production.url, receipt(7));
		await post(production.url, receipt(8));
		await post(test.url, receipt(8));
		expect(production.executions).toHaveLength(2);
		expect(test.executions).toHaveLength(2);

		// Each still ignores its own repeats, and the test URL saves nothing.
		await post(test.url, receipt(7));
		await post(production.url, receipt(7));
		expect(production.executions).toHaveLength(2);
		expect(test.executions).toHaveLength(2);
		expect(test.nodeStaticData()).toEqual({});
	});

	it('reads the memory an earlier version saved (the keys themselves) and replaces it', async () => {
		const legacyKeys = range(3).map((index) => `${receipt(index).messageId}:Delivered`);
		const webhook = await open(triggerOfNewProcess(), {
			staticData: { 'node:ClearLine Trigger': { recentEvents: legacyKeys } },
		});
		await postAll(webhook.url, range(4));
		expect(webhook.executions).toHaveLength(1);
		expect(webhook.nodeStaticData().recentEvents).toBeUndefined();
		expect(String(webhook.nodeStaticData().recentEventFingerprints)).toHaveLength(4 * 8);
	});
});
