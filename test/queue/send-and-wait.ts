/**
 * Send and Wait in queue mode (issue #16, item 4): the execution starts on the worker, the node
 * signs its resume URL with WEBHOOK_URL (the round-robin proxy), and the call to that URL reaches
 * whichever webhook processor the proxy picks. n8n 2.8.4 serves `/webhook-waiting/` on its webhook
 * processors (abstract-server.js) and checks the signature there against the host the request was
 * sent to; the processor hands the resumed execution to the queue, so it ends on the worker.
 * Everything is read from n8n's PostgreSQL database.
 */

import type { Sandbox } from '../../sandbox/types';
import {
	APPROVAL_WAIT_NODES,
	approvalWaitWorkflow,
	DELIVERY_WAIT_NODES,
	DELIVERY_WAIT_SEND_NODE_ID,
	deliveryWaitWorkflow,
	providerFixture,
	type ImportableWorkflow,
	type SandboxProviderName,
} from '../../scripts/n8n-fixtures';
import { queryPostgres, type PostgresConnection } from '../../scripts/n8n/services';
import { sleep } from '../../scripts/n8n/util';
import { assert } from '../e2e/check-runner';
import { outputOf, resumeUrlOfSend, sendRequests, storedRunData, type RunData } from '../e2e/send-and-wait';
import type { ProxiedRequest } from '../../scripts/n8n/queue-cluster';

interface QueueWait {
	id: string;
	webhookId: string;
	path: string;
	provider: SandboxProviderName;
}

const DELIVERY: QueueWait = { id: 'queueClearLineWt', webhookId: '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a11', path: 'queue-clearline-send-and-wait', provider: 'clearline' };
const APPROVAL: QueueWait = { id: 'queueAmigoApprov', webhookId: '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a12', path: 'queue-amigo-approval', provider: 'amigo' };

/** Execution record keys (Execution Data nodes) naming the process that ran each part of the execution. */
const STARTED_ON_KEY = 'startedOn';
const RESUMED_ON_KEY = 'resumedOn';

/** Published before n8n starts, like every webhook-started workflow of the queue run. */
export const QUEUE_WAIT_WORKFLOW_IDS = [DELIVERY.id, APPROVAL.id];

export const QUEUE_WAIT_CHECKS = {
	delivery:
		'Send and Wait for Delivery in queue mode: started on the worker with the proxy\'s resume URL, the sandbox\'s receipts (delivered, failed) posted through the proxy resume the waiting executions on the worker, on the right branch',
	approval:
		'Send and Wait for Approval in queue mode: the page opened through the proxy keeps the execution waiting (the link sent to a processor\'s own address gets 401: the signature covers the host), Approve posted through the proxy resumes it on the worker on the Approved branch',
	bothProcessors: 'the calls to the resume URLs of these waits reached both webhook processors (the proxy\'s record)',
};

export interface QueueWaitEnvironment {
	connection: PostgresConnection;
	sandbox: Sandbox;
	proxyUrl: string;
	webhookUrls: string[];
	proxied(): ProxiedRequest[];
}

/**
 * The e2e wait workflows with the process noted in the execution record: an Execution Data node
 * between the Webhook and the send (startedOn), and the two branches replaced by Execution Data
 * nodes of the same names (resumedOn).
 */
export function queueWaitWorkflows(): ImportableWorkflow[] {
	const delivery = deliveryWaitWorkflow({
		id: DELIVERY.id,
		name: 'queue: ClearLine send and wait for delivery',
		provider: providerFixture(DELIVERY.provider),
		trigger: { webhookId: DELIVERY.webhookId, path: DELIVERY.path },
	});
	const approval = approvalWaitWorkflow({
		id: APPROVAL.id,
		name: 'queue: Amigo send and wait for approval',
		provider: providerFixture(APPROVAL.provider),
		trigger: { webhookId: APPROVAL.webhookId, path: APPROVAL.path },
	});
	return [
		noteProcesses(delivery, DELIVERY_WAIT_NODES.send, [DELIVERY_WAIT_NODES.delivered, DELIVERY_WAIT_NODES.notDelivered]),
		noteProcesses(approval, APPROVAL_WAIT_NODES.send, [APPROVAL_WAIT_NODES.approved, APPROVAL_WAIT_NODES.notApproved]),
	];
}

function noteProcessNode(key: string): Record<string, unknown> {
	return {
		type: 'n8n-nodes-base.executionData',
		typeVersion: 1.1,
		parameters: { dataToSave: { values: [{ key, value: '={{ $env.SMS_QUEUE_PROCESS }}' }] } },
	};
}

function noteProcesses(workflow: ImportableWorkflow, sendNode: string, branches: string[]): ImportableWorkflow {
	const nodes = workflow.nodes.map((node) => (branches.includes(String(node.name)) ? { ...node, ...noteProcessNode(RESUMED_ON_KEY) } : node));
	const noteStart = { id: `${workflow.id}-note-start`, name: 'Note Start', position: [120, 200], ...noteProcessNode(STARTED_ON_KEY) };
	const connections = workflow.connections;
	return {
		...workflow,
		nodes: [...nodes, noteStart],
		connections: {
			...connections,
			Webhook: { main: [[{ node: noteStart.name, type: 'main', index: 0 }]] },
			[noteStart.name]: { main: [[{ node: sendNode, type: 'main', index: 0 }]] },
		},
	};
}

interface WaitRow {
	id: string;
	status: string;
	data: string;
}


async function executionIds(connection: PostgresConnection, workflowId: string): Promise<string[]> {
	const rows = await queryPostgres(connection, 'SELECT id FROM execution_entity WHERE "workflowId" = $1 ORDER BY id', [workflowId]);
	return rows.map((row) => String(row.id));
}

async function executionRow(connection: PostgresConnection, executionId: string): Promise<WaitRow> {
	const [row] = await queryPostgres(
		connection,
		'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e.id = $1',
		[executionId],
	);
	assert(row, `n8n has no execution ${executionId}`);
	return { id: String(row.id), status: String(row.status), data: String(row.data ?? '') };
}

async function waitForStatus(connection: PostgresConnection, executionId: string, statuses: string[], timeoutMs: number): Promise<WaitRow> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const row = await executionRow(connection, executionId);
		if (statuses.includes(row.status)) return row;
		assert(Date.now() < deadline, `execution ${executionId} is "${row.status}" after ${timeoutMs / 1000} s, not ${statuses.join(' or ')}`);
		await sleep(250);
	}
}

/**
 * The processes the execution record names. n8n saves the record's custom data after the status
 * (execution-lifecycle-hooks.js 313-318), so it is read until both keys are there or time is up.
 */
async function processesOf(connection: PostgresConnection, executionId: string): Promise<Record<string, string>> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const rows = await queryPostgres(connection, 'SELECT key, value FROM execution_metadata WHERE "executionId" = $1', [executionId]);
		const processes: Record<string, string> = Object.fromEntries(rows.map((row) => [String(row.key), String(row.value)]));
		if ((processes[STARTED_ON_KEY] !== undefined && processes[RESUMED_ON_KEY] !== undefined) || Date.now() > deadline) return processes;
		await sleep(250);
	}
}

function runDataOf(row: WaitRow): RunData {
	return storedRunData(row.data);
}

/** Starts the workflow through the proxy and returns its execution, saved as waiting, and the resume URL the provider got. */
async function startWait(environment: QueueWaitEnvironment, wait: QueueWait, to: string): Promise<{ executionId: string; resumeUrl: string }> {
	const { connection, sandbox } = environment;
	const before = new Set(await executionIds(connection, wait.id));
	const sendsBefore = sendRequests(sandbox, wait.provider).length;
	const response = await fetch(`${environment.proxyUrl}/webhook/${wait.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to }),
	});
	assert(response.ok, `the Webhook node answered ${response.status}: ${await response.text()}`);
	const deadline = Date.now() + 60_000;
	for (;;) {
		const executionId = (await executionIds(connection, wait.id)).find((id) => !before.has(id));
		const sends = sendRequests(sandbox, wait.provider).slice(sendsBefore);
		if (executionId !== undefined && sends.length > 0) {
			assert(sends.length === 1, `the sandbox received ${sends.length} sends for execution ${executionId}, not 1`);
			const resumeUrl = resumeUrlOfSend(sends[0].body);
			const url = new URL(resumeUrl);
			assert(
				`${url.origin}${url.pathname}` === `${environment.proxyUrl}/webhook-waiting/${executionId}/${DELIVERY_WAIT_SEND_NODE_ID}`,
				`the resume URL is ${url.origin}${url.pathname}, not the proxy's (WEBHOOK_URL) for execution ${executionId}`,
			);
			const row = await waitForStatus(connection, executionId, ['waiting', 'success', 'error', 'crashed'], 20_000);
			assert(row.status === 'waiting', `execution ${executionId} is "${row.status}", not waiting`);
			return { executionId, resumeUrl };
		}
		assert(Date.now() < deadline, `after 60 s: ${executionId ? `execution ${executionId}` : 'no execution'}, ${sends.length} sends`);
		await sleep(250);
	}
}

/** The resumed execution: ended successfully, on `branch` and not the other, both parts on the worker. */
async function checkResumed(environment: QueueWaitEnvironment, executionId: string, send: string, branches: { taken: string; other: string }): Promise<Record<string, unknown>> {
	const done = await waitForStatus(environment.connection, executionId, ['success', 'error', 'crashed', 'canceled'], 60_000);
	assert(done.status === 'success', `the resumed execution ${executionId} ended "${done.status}"`);
	const runData = runDataOf(done);
	assert(runData[branches.taken]?.length === 1 && runData[branches.other] === undefined, `execution ${executionId} ran ${Object.keys(runData).join(', ')}; expected ${branches.taken}, not ${branches.other}`);
	const processes = await processesOf(environment.connection, executionId);
	assert(processes[STARTED_ON_KEY] === 'worker' && processes[RESUMED_ON_KEY] === 'worker', `execution ${executionId} records ${JSON.stringify(processes)}: both parts should run on the worker`);
	const [output] = outputOf(runData, send);
	assert(output, `the node ${send} has no output in execution ${executionId}`);
	return output;
}

/** The webhook processor the proxy gave each call to this resume URL, in order. */
function processorsServing(environment: QueueWaitEnvironment, resumeUrl: string): string[] {
	const { pathname, search } = new URL(resumeUrl);
	return environment.proxied().filter((request) => request.path === `${pathname}${search}`).map((request) => request.target);
}

/** Every processor that served a resume call in these checks (for QUEUE_WAIT_CHECKS.bothProcessors). */
const resumeProcessors = new Set<string>();

async function deliveryWait(environment: QueueWaitEnvironment, to: string, expected: { status: string; branch: string }): Promise<string> {
	const { sandbox } = environment;
	// Long enough to see the execution saved as waiting before the receipt arrives.
	sandbox.setCallbackDelay(3000);
	const callbacksBefore = sandbox.callbacks().length;
	try {
		const { executionId, resumeUrl } = await startWait(environment, DELIVERY, to);
		const other = expected.branch === DELIVERY_WAIT_NODES.delivered ? DELIVERY_WAIT_NODES.notDelivered : DELIVERY_WAIT_NODES.delivered;
		const receipt = await checkResumed(environment, executionId, DELIVERY_WAIT_NODES.send, { taken: expected.branch, other });
		const [callback] = sandbox.callbacks().slice(callbacksBefore);
		assert(callback?.status === 200, `the receipt posted to the resume URL got ${callback?.status ?? 'no answer'}: ${callback?.responseBody ?? callback?.error}`);
		assert(receipt.event === 'deliveryReceipt' && receipt.status === expected.status, `the node resumed with ${JSON.stringify(receipt)}`);
		const served = processorsServing(environment, resumeUrl);
		assert(served.length === 1, `the proxy passed on ${served.length} calls to the resume URL, not 1`);
		served.forEach((processor) => resumeProcessors.add(processor));
		return `execution ${executionId}: receipt (${receipt.status}) via ${served[0]} → ${expected.branch}`;
	} finally {
		sandbox.setCallbackDelay(50);
	}
}

export async function checkDeliveryWaitInQueue(environment: QueueWaitEnvironment): Promise<string> {
	const delivered = await deliveryWait(environment, '+12025551234', { status: 'delivered', branch: DELIVERY_WAIT_NODES.delivered });
	const failed = await deliveryWait(environment, '+12025550000', { status: 'failed', branch: DELIVERY_WAIT_NODES.notDelivered });
	return `${delivered}; ${failed}; both on the worker`;
}

export async function checkApprovalWaitInQueue(environment: QueueWaitEnvironment): Promise<string> {
	const { executionId, resumeUrl } = await startWait(environment, APPROVAL, '+12025551234');
	const page = await fetch(resumeUrl);
	const html = await page.text();
	assert(page.status === 200 && html.includes('value="approve"') && html.includes('Repair approval'), `the page answered ${page.status}: ${html.slice(0, 300)}`);
	// n8n signs the host with the path (n8n-core prepareUrlForSigning): the same link sent to a
	// processor's own address is refused, so a load balancer must pass the Host header on as it came.
	const { pathname, search } = new URL(resumeUrl);
	const direct = await fetch(`${environment.webhookUrls[0]}${pathname}${search}`);
	assert(direct.status === 401, `the link sent straight to a webhook processor (another host) got ${direct.status}: ${(await direct.text()).slice(0, 200)}`);
	await sleep(1000);
	assert((await executionRow(environment.connection, executionId)).status === 'waiting', 'opening the page resumed the execution');

	const answered = await fetch(resumeUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ decision: 'approve' }).toString(),
	});
	const answeredBody = await answered.text();
	assert(answered.status === 200 && answeredBody.includes('Got it, thanks'), `the answer got ${answered.status}: ${answeredBody.slice(0, 300)}`);
	const answer = await checkResumed(environment, executionId, APPROVAL_WAIT_NODES.send, { taken: APPROVAL_WAIT_NODES.approved, other: APPROVAL_WAIT_NODES.notApproved });
	assert(answer.event === 'approvalAnswer' && answer.status === 'approved' && answer.answeredBy === '+12025551234', `the node resumed with ${JSON.stringify(answer)}`);
	const [pageProcessor, answerProcessor] = processorsServing(environment, resumeUrl);
	resumeProcessors.add(pageProcessor).add(answerProcessor);
	return `execution ${executionId}: page via ${pageProcessor} (still waiting; straight to a processor's own address: 401), Approve via ${answerProcessor} → ${APPROVAL_WAIT_NODES.approved}, on the worker`;
}

export function checkBothProcessorsResumed(webhookUrls: string[]): string {
	const missing = webhookUrls.filter((url) => !resumeProcessors.has(url));
	assert(missing.length === 0, `no resume call reached ${missing.join(', ')} (served: ${[...resumeProcessors].join(', ')})`);
	return `resume calls served by ${[...resumeProcessors].join(' and ')}`;
}
