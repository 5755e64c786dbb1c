/**
 * The workflows of the queue-mode run: the bulk send (a Webhook node, so that it runs as a
 * production execution on the worker, 10,000 ClickSend and then 1,000 ClearLine messages), the
 * ClickSend campaign that the worker kill interrupts and that is run again, and the trigger
 * workflows of the e2e burst.
 */
import type { IDataObject } from 'n8n-workflow';

import { WORKLOADS, type Workload } from '../bench/workloads';
import { providerFixture, type ImportableWorkflow, type SandboxProviderName } from '../n8n-fixtures';

export const BULK_WORKFLOW_ID = 'queueBulkSend001';
export const BULK_WEBHOOK_ID = '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a01';
/** The Webhook node's production URL is `<WEBHOOK_URL>webhook/<path>`. */
export const BULK_WEBHOOK_PATH = 'bulk-send';
/** The execution record's custom data key that names the process that ran it. */
export const RAN_ON_KEY = 'ranOn';

export const CLICKSEND_SEND_NODE = 'ClickSend Send';
export const CLEARLINE_SEND_NODE = 'ClearLine Send';

export function workload(provider: SandboxProviderName): Workload {
	const found = WORKLOADS.find((candidate) => candidate.provider === provider);
	if (!found) throw new Error(`scripts/bench/workloads.ts has no ${provider} workload`);
	return found;
}

/** The items of a send: a Code node returns them, as a user's spreadsheet or database node would. */
function itemsCode(sendWorkload: Workload): string {
	const items: IDataObject[] = Array.from({ length: sendWorkload.messages }, (_, index) => sendWorkload.item(index));
	return `return ${JSON.stringify(items.map((json) => ({ json })))};`;
}

export const CAMPAIGN_WORKFLOW_ID = 'queueCampaign0001';
export const CAMPAIGN_WEBHOOK_ID = '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a02';
export const CAMPAIGN_WEBHOOK_PATH = 'campaign';
export const CAMPAIGN_SEND_NODE = 'ClickSend Campaign Send';
/** The campaign send's Options › Skip Messages Sent in the Last (Hours). */
export const CAMPAIGN_SKIP_HOURS = 24;

type WorkflowNode = Record<string, unknown> & { name: string };

function nodeOf(workflowId: string, name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): WorkflowNode {
	return { id: `${workflowId}-${x}`, name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

function sendNodeOf(workflowId: string, name: string, sendWorkload: Workload, x: number, parameters: Record<string, unknown> = {}): WorkflowNode {
	return nodeOf(workflowId, name, providerFixture(sendWorkload.provider).nodeType, 1, x, { ...sendWorkload.parameters, ...parameters }, {
		credentials: { [sendWorkload.credentialType]: { ...providerFixture(sendWorkload.provider).credential } },
	});
}

/** The first nodes of both workflows: a production webhook, then Execution Data saving which process runs it ($env.SMS_QUEUE_PROCESS). */
function webhookStart(workflowId: string, path: string, webhookId: string): WorkflowNode[] {
	return [
		nodeOf(workflowId, 'Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, { webhookId }),
		nodeOf(workflowId, 'Note Process', 'n8n-nodes-base.executionData', 1.1, 200, {
			dataToSave: { values: [{ key: RAN_ON_KEY, value: '={{ $env.SMS_QUEUE_PROCESS }}' }] },
		}),
	];
}

/** The nodes one after another, as n8n's connections. */
function chainOf(nodes: WorkflowNode[]): Record<string, unknown> {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

/** Webhook → Note Process → ClickSend Items → ClickSend Send → ClearLine Items → ClearLine Send. */
export function bulkSendWorkflow(): ImportableWorkflow {
	const clickSend = workload('clicksend');
	const clearLine = workload('clearline');
	const nodes = [
		...webhookStart(BULK_WORKFLOW_ID, BULK_WEBHOOK_PATH, BULK_WEBHOOK_ID),
		nodeOf(BULK_WORKFLOW_ID, 'ClickSend Items', 'n8n-nodes-base.code', 2, 400, { jsCode: itemsCode(clickSend) }),
		sendNodeOf(BULK_WORKFLOW_ID, CLICKSEND_SEND_NODE, clickSend, 600),
		nodeOf(BULK_WORKFLOW_ID, 'ClearLine Items', 'n8n-nodes-base.code', 2, 800, { jsCode: itemsCode(clearLine) }),
		sendNodeOf(BULK_WORKFLOW_ID, CLEARLINE_SEND_NODE, clearLine, 1000),
	];
	return { id: BULK_WORKFLOW_ID, name: 'queue: bulk send (10,000 ClickSend, 1,000 ClearLine)', active: false, nodes, connections: chainOf(nodes), settings: { executionOrder: 'v1' }, pinData: {} };
}

/**
 * A campaign that is safe to run again: Webhook ({ campaign }) → Note Process → the 10,000
 * ClickSend items, each with the Custom String `<campaign>-<row>` → ClickSend Send with Skip
 * Messages Sent in the Last (Hours) on. Run again with the same campaign after a crash, it sends
 * only what ClickSend does not have.
 */
export function campaignWorkflow(): ImportableWorkflow {
	const clickSend = workload('clicksend');
	const items = Array.from({ length: clickSend.messages }, (_, index) => clickSend.item(index));
	const jsCode = `const campaign = $('Webhook').first().json.body.campaign;\nreturn ${JSON.stringify(items)}.map((json, row) => ({ json: { ...json, ref: campaign + '-' + row } }));`;
	const nodes = [
		...webhookStart(CAMPAIGN_WORKFLOW_ID, CAMPAIGN_WEBHOOK_PATH, CAMPAIGN_WEBHOOK_ID),
		nodeOf(CAMPAIGN_WORKFLOW_ID, 'Campaign Items', 'n8n-nodes-base.code', 2, 400, { jsCode }),
		sendNodeOf(CAMPAIGN_WORKFLOW_ID, CAMPAIGN_SEND_NODE, clickSend, 600, {
			additionalFields: { customString: '={{ $json.ref }}' },
			options: { skipSentWithinHours: CAMPAIGN_SKIP_HOURS },
		}),
	];
	return { id: CAMPAIGN_WORKFLOW_ID, name: 'queue: ClickSend campaign, safe to run again', active: false, nodes, connections: chainOf(nodes), settings: { executionOrder: 'v1' }, pinData: {} };
}
