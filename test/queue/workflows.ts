/**
 * The workflows of the queue-mode run: the bulk send (a Webhook node, so that it runs as a
 * production execution on the worker, 10,000 ClickSend and then 1,000 ClearLine messages) and the
 * trigger workflows of the e2e burst.
 */
import type { IDataObject } from 'n8n-workflow';

import { WORKLOADS, type Workload } from '../../scripts/bench/workloads';
import { providerFixture, type ImportableWorkflow, type SandboxProviderName } from '../../scripts/n8n-fixtures';

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

/**
 * Webhook → Execution Data (saves which process runs it: $env.SMS_QUEUE_PROCESS) → ClickSend items
 * → ClickSend Send → ClearLine items → ClearLine Send.
 */
export function bulkSendWorkflow(): ImportableWorkflow {
	const clickSend = workload('clicksend');
	const clearLine = workload('clearline');
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `${BULK_WORKFLOW_ID}-${x}`,
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	const sendNode = (name: string, sendWorkload: Workload, x: number) =>
		node(name, providerFixture(sendWorkload.provider).nodeType, 1, x, { ...sendWorkload.parameters }, {
			credentials: { [sendWorkload.credentialType]: { ...providerFixture(sendWorkload.provider).credential } },
		});
	const nodes = [
		node('Webhook', 'n8n-nodes-base.webhook', 2, 0, { httpMethod: 'POST', path: BULK_WEBHOOK_PATH, responseMode: 'onReceived', options: {} }, { webhookId: BULK_WEBHOOK_ID }),
		node('Note Process', 'n8n-nodes-base.executionData', 1.1, 200, {
			dataToSave: { values: [{ key: RAN_ON_KEY, value: '={{ $env.SMS_QUEUE_PROCESS }}' }] },
		}),
		node('ClickSend Items', 'n8n-nodes-base.code', 2, 400, { jsCode: itemsCode(clickSend) }),
		sendNode(CLICKSEND_SEND_NODE, clickSend, 600),
		node('ClearLine Items', 'n8n-nodes-base.code', 2, 800, { jsCode: itemsCode(clearLine) }),
		sendNode(CLEARLINE_SEND_NODE, clearLine, 1000),
	];
	const chain = nodes.map((entry) => entry.name);
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < chain.length - 1; index++) {
		connections[chain[index]] = { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] };
	}
	return { id: BULK_WORKFLOW_ID, name: 'queue: bulk send (10,000 ClickSend, 1,000 ClearLine)', active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}
