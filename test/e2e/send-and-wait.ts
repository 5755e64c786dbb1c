/**
 * Send and Wait for Delivery in a served n8n 2.8.4 (issue #16): a Webhook node starts the
 * workflow, the node sends with the execution's signed resume URL as the receipt address, n8n
 * saves the execution as waiting in its database, and the sandbox's receipt posted to that URL
 * resumes it on the branch the receipt decides. The limit is n8n's WaitTracker reading the
 * execution back from the database; a forged link must resume nothing.
 *
 * `n8n execute` is no use here: it runs the workflow in its own process, which exits while the
 * execution waits, so nobody would serve the resume URL it signed.
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
import { parseStoredExecutionData, queryN8nDatabase } from '../../scripts/n8n/database';
import { sleep } from '../../scripts/n8n/util';

interface WaitWorkflow {
	id: string;
	webhookId: string;
	path: string;
	provider: SandboxProviderName;
	/** Limit Wait Time in minutes; the node's default (one day) when absent. */
	limitMinutes?: number;
}

const DELIVERY: WaitWorkflow = { id: 'e2eClearLineWait', webhookId: '6e1d8a6f-3c2b-4d4e-8f9a-8b7c6d5e4f01', path: 'clearline-send-and-wait', provider: 'clearline' };
const SMSCPR: WaitWorkflow = { id: 'e2eSmscprWait000', webhookId: '6e1d8a6f-3c2b-4d4e-8f9a-8b7c6d5e4f02', path: 'smscpr-send-and-wait', provider: 'smscpr' };
/** n8n's WaitTracker looks for due executions once a minute: a one-minute limit resumes a minute after the send. */
const TIMEOUT: WaitWorkflow = { id: 'e2eClearLineWtTO', webhookId: '6e1d8a6f-3c2b-4d4e-8f9a-8b7c6d5e4f03', path: 'clearline-wait-limit', provider: 'clearline', limitMinutes: 1 };

/** Amigo: a provider that can only wait for an answer (no receipt address per message). */
const APPROVAL: WaitWorkflow = { id: 'e2eAmigoApproval', webhookId: '6e1d8a6f-3c2b-4d4e-8f9a-8b7c6d5e4f04', path: 'amigo-approval', provider: 'amigo' };

/** An approval nobody answers in time: its link after the limit. */
const EXPIRING_APPROVAL: WaitWorkflow = { id: 'e2eAmigoApprovTO', webhookId: '6e1d8a6f-3c2b-4d4e-8f9a-8b7c6d5e4f05', path: 'amigo-approval-limit', provider: 'amigo', limitMinutes: 1 };

const WAIT_WORKFLOWS = [DELIVERY, SMSCPR, TIMEOUT];
const APPROVAL_WORKFLOWS = [APPROVAL, EXPIRING_APPROVAL];
export const SEND_AND_WAIT_WORKFLOW_IDS = [...WAIT_WORKFLOWS, ...APPROVAL_WORKFLOWS].map((workflow) => workflow.id);
/** The workflows of checkDelivered and checkApproval, the waits `npm run test:compat` runs in every n8n line. */
export const BASIC_WAIT_WORKFLOW_IDS = [DELIVERY.id, APPROVAL.id];

export function sendAndWaitWorkflows(): ImportableWorkflow[] {
	const approvals = APPROVAL_WORKFLOWS.map((workflow) =>
		approvalWaitWorkflow({
			id: workflow.id,
			name: `e2e: Amigo send and wait for approval${workflow.limitMinutes ? `, ${workflow.limitMinutes} min limit` : ''}`,
			provider: providerFixture(workflow.provider),
			trigger: { webhookId: workflow.webhookId, path: workflow.path },
			limit: workflow.limitMinutes ? { amount: workflow.limitMinutes, unit: 'minutes' } : undefined,
		}),
	);
	return [...approvals, ...WAIT_WORKFLOWS.map((workflow) =>
		deliveryWaitWorkflow({
			id: workflow.id,
			name: `e2e: ${providerFixture(workflow.provider).title} send and wait for delivery${workflow.limitMinutes ? `, ${workflow.limitMinutes} min limit` : ''}`,
			provider: providerFixture(workflow.provider),
			trigger: { webhookId: workflow.webhookId, path: workflow.path },
			limit: workflow.limitMinutes ? { amount: workflow.limitMinutes, unit: 'minutes' } : undefined,
		}),
	)];
}

export const SEND_AND_WAIT_CHECKS = {
	delivered: 'ClearLine Send and Wait for Delivery in served n8n: the execution is saved as waiting (limit one day), the sandbox posts the receipt to the signed resume URL, and it resumes on the Delivered branch',
	failed: 'a number the sandbox fails (…0000): the receipt resumes the waiting execution on the Not Delivered branch with status failed',
	smscpr: 'SMSCPR Send and Wait for Delivery: waits, and the DELIVERED receipt resumes it on the Delivered branch',
	forged: 'a resume link with a forged, missing or another execution\'s signature gets 401 and resumes nothing',
	approval: 'Amigo Send and Wait for Approval: the SMS ends with the signed link, opening it shows the page and the execution keeps waiting, Approve submitted from the page resumes it on the Approved branch',
	timedOut: 'with a 1-minute limit and no receipt, n8n\'s WaitTracker resumes the saved execution with status timedOut on the Not Delivered branch; the late receipt then finds nothing to resume',
	expiringStarted: 'an Amigo approval with a 1-minute limit is sent and waits',
	expired: 'the approval nobody answered resumes with status timedOut on the Declined or No Answer branch; after that its link (opened, answered, or with a forged signature) gets n8n\'s "No action required" page and nothing runs',
};

export interface SendAndWaitEnvironment {
	n8nUrl: string;
	userFolder: string;
	sandbox: Sandbox;
}

interface ExecutionRow {
	id: number;
	status: string;
	waitTill: string | null;
	/** When the execution last ended (saved as waiting, or finished after a resume). */
	stoppedAt: string | null;
	data: string | null;
}

export type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

/** A wait started by posting to the workflow's Webhook node: its execution and the resume URL the provider got. */
interface StartedWait {
	executionId: number;
	resumeUrl: string;
}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

async function executionsOf(environment: SendAndWaitEnvironment, workflowId: string): Promise<ExecutionRow[]> {
	return (await queryN8nDatabase(
		environment.userFolder,
		`SELECT e.id, e.status, e.waitTill, e.stoppedAt, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	)) as unknown as ExecutionRow[];
}

async function executionRow(environment: SendAndWaitEnvironment, executionId: number): Promise<ExecutionRow> {
	const [row] = (await queryN8nDatabase(
		environment.userFolder,
		`SELECT e.id, e.status, e.waitTill, e.stoppedAt, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.id = ?`,
		[executionId],
	)) as unknown as ExecutionRow[];
	assert(row, `n8n has no execution ${executionId}`);
	return row;
}

/** A time n8n's SQLite database holds (`2026-12-05 05:58:07.123`, UTC) in milliseconds. */
function databaseTime(value: string | null): number {
	const text = String(value);
	return new Date(`${text.replace(' ', 'T')}${text.endsWith('Z') ? '' : 'Z'}`).getTime();
}

/** Polls the database until the execution's status is one of `statuses`. */
async function waitForStatus(environment: SendAndWaitEnvironment, executionId: number, statuses: string[], timeoutMs: number): Promise<ExecutionRow> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const row = await executionRow(environment, executionId);
		if (statuses.includes(row.status)) return row;
		assert(Date.now() < deadline, `execution ${executionId} is "${row.status}" after ${timeoutMs / 1000} s, not ${statuses.join(' or ')}`);
		await sleep(250);
	}
}

/** The run data of an execution's stored data (execution_data.data, in any database). */
export function storedRunData(data: unknown): RunData {
	return (parseStoredExecutionData(String(data)) as { resultData: { runData: RunData } }).resultData.runData;
}

function runDataOf(row: ExecutionRow): RunData {
	return storedRunData(row.data);
}

export function outputOf(runData: RunData, node: string): Array<Record<string, unknown>> {
	return (runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Posts `{ to }` to the workflow's Webhook node and returns the execution it started, saved as waiting. */
async function startWait(environment: SendAndWaitEnvironment, workflow: WaitWorkflow, to: string): Promise<StartedWait> {
	const before = new Set((await executionsOf(environment, workflow.id)).map((row) => row.id));
	const sendsBefore = sendRequests(environment.sandbox, workflow.provider).length;
	// n8n's Webhook node serves its path as it is (not under the webhook ID, as our triggers are).
	const response = await fetch(`${environment.n8nUrl}/webhook/${workflow.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ to }),
	});
	assert(response.ok, `the Webhook node answered ${response.status}: ${await response.text()}`);
	// n8n saves the execution before the node sends: wait for both.
	const deadline = Date.now() + 20_000;
	let started: ExecutionRow | undefined;
	let sends = sendRequests(environment.sandbox, workflow.provider).slice(sendsBefore);
	while (!started || sends.length === 0) {
		assert(Date.now() < deadline, `after 20 s: ${started ? `execution ${started.id} (${started.status})` : 'no execution'}, ${sends.length} sends`);
		await sleep(250);
		started = (await executionsOf(environment, workflow.id)).find((row) => !before.has(row.id));
		sends = sendRequests(environment.sandbox, workflow.provider).slice(sendsBefore);
	}
	assert(sends.length === 1, `the sandbox received ${sends.length} sends for execution ${started.id}, not 1`);
	return { executionId: started.id, resumeUrl: resumeUrlOfSend(sends[0].body) };
}

/** The send requests the sandbox logged for a provider (ClearLine, SMSCPR, Amigo). */
export function sendRequests(sandbox: Sandbox, provider: SandboxProviderName) {
	return sandbox.requests({ provider, method: 'POST' }).filter((request) => /MessageSender\/sms|\/sendsms$|\/v1\/sms\/?$/i.test(request.path));
}

/** The resume URL a Send and Wait put in its send: the receipt address (Delivery) or the text's last line (Approval). */
export function resumeUrlOfSend(sendBody: unknown): string {
	const body = sendBody as { callbackUrl?: unknown; message?: unknown };
	const resumeUrl = typeof body.callbackUrl === 'string' ? body.callbackUrl : String(body.message ?? '').split('\n').pop();
	assert(typeof resumeUrl === 'string' && resumeUrl.includes('/webhook-waiting/'), `the send carried no resume URL: ${JSON.stringify(sendBody)}`);
	return resumeUrl;
}

/** The resume URL n8n signed: `<WEBHOOK_URL>webhook-waiting/<execution ID>/<node ID>?signature=<64 hex>`. */
function checkResumeUrl(environment: SendAndWaitEnvironment, wait: StartedWait): void {
	const url = new URL(wait.resumeUrl);
	assert(
		`${url.origin}${url.pathname}` === `${environment.n8nUrl}/webhook-waiting/${wait.executionId}/${DELIVERY_WAIT_SEND_NODE_ID}`,
		`the receipt address is ${url.origin}${url.pathname}, not n8n's resume URL of execution ${wait.executionId}`,
	);
	assert(/^[0-9a-f]{64}$/.test(url.searchParams.get('signature') ?? ''), `the receipt address is not signed: ${url.search}`);
}

/**
 * One wait that a receipt ends: saved as waiting with the limit's waitTill, then resumed by the
 * sandbox's receipt, on the expected branch, with the receipt as the node's output.
 */
async function waitResumedByReceipt(
	environment: SendAndWaitEnvironment,
	workflow: WaitWorkflow,
	to: string,
	expected: { status: string; providerStatus: string; branch: string },
): Promise<string> {
	// Long enough to see the waiting execution in n8n's database before the receipt arrives.
	environment.sandbox.setCallbackDelay(4000);
	const callbacksBefore = environment.sandbox.callbacks().length;
	try {
		const sentAt = Date.now();
		const wait = await startWait(environment, workflow, to);
		checkResumeUrl(environment, wait);
		const waiting = await waitForStatus(environment, wait.executionId, ['waiting', 'success', 'error'], 10_000);
		assert(waiting.status === 'waiting', `execution ${wait.executionId} was "${waiting.status}" before the receipt was posted, not waiting`);
		const dayAhead = databaseTime(waiting.waitTill) - sentAt;
		assert(dayAhead > 86_000_000 && dayAhead < 86_500_000, `waitTill is ${waiting.waitTill}, not one day after the send`);
		const shownWhileWaiting = outputOf(runDataOf(waiting), DELIVERY_WAIT_NODES.send)[0];
		assert(shownWhileWaiting?.status === 'accepted', `while waiting the node shows ${JSON.stringify(shownWhileWaiting)}`);
		assert(!String(waiting.data).includes('signature='), 'the saved execution shows the signed resume URL');

		const done = await waitForStatus(environment, wait.executionId, ['success', 'error', 'crashed', 'canceled'], 30_000);
		const [callback] = environment.sandbox.callbacks().slice(callbacksBefore);
		assert(callback?.status === 200, `the receipt post to the resume URL got ${callback?.status ?? 'no answer'}: ${callback?.responseBody ?? callback?.error}`);
		assert(done.status === 'success', `the resumed execution ended "${done.status}"`);
		const runData = runDataOf(done);
		const [receipt] = outputOf(runData, DELIVERY_WAIT_NODES.send);
		assert(
			receipt?.event === 'deliveryReceipt' && receipt.status === expected.status && receipt.providerStatus === expected.providerStatus && receipt.messageId === shownWhileWaiting.messageId,
			`the node resumed with ${JSON.stringify(receipt)}`,
		);
		const other = expected.branch === DELIVERY_WAIT_NODES.delivered ? DELIVERY_WAIT_NODES.notDelivered : DELIVERY_WAIT_NODES.delivered;
		assert(runData[expected.branch]?.length === 1 && runData[other] === undefined, `ran ${Object.keys(runData).join(', ')}; expected ${expected.branch} and not ${other}`);
		return `execution ${wait.executionId}: waiting until ${waiting.waitTill}, resumed by the receipt (${receipt.providerStatus}) → ${expected.branch}`;
	} finally {
		environment.sandbox.setCallbackDelay(50);
	}
}

export async function checkDelivered(environment: SendAndWaitEnvironment): Promise<string> {
	return await waitResumedByReceipt(environment, DELIVERY, '+12025551234', { status: 'delivered', providerStatus: 'Delivered', branch: DELIVERY_WAIT_NODES.delivered });
}

export async function checkFailed(environment: SendAndWaitEnvironment): Promise<string> {
	return await waitResumedByReceipt(environment, DELIVERY, '+12025550000', { status: 'failed', providerStatus: 'DeliveredFailed', branch: DELIVERY_WAIT_NODES.notDelivered });
}

export async function checkSmscpr(environment: SendAndWaitEnvironment): Promise<string> {
	return await waitResumedByReceipt(environment, SMSCPR, '+12025551234', { status: 'delivered', providerStatus: 'DELIVERED', branch: DELIVERY_WAIT_NODES.delivered });
}

/**
 * The limit's wait: started first (n8n's WaitTracker takes up to a minute), checked for forged
 * links while it waits, and awaited last by checkTimedOut.
 */
export class LimitedWait {
	private wait?: StartedWait;
	private sentAt = 0;

	constructor(private readonly environment: SendAndWaitEnvironment) {}

	/** Sends with the receipt held back for ten minutes, so that only the limit can end the wait. */
	async start(): Promise<void> {
		this.environment.sandbox.setCallbackDelay(600_000);
		try {
			this.sentAt = Date.now();
			this.wait = await startWait(this.environment, TIMEOUT, '+12025551234');
		} finally {
			this.environment.sandbox.setCallbackDelay(50);
		}
		checkResumeUrl(this.environment, this.wait);
		const row = await waitForStatus(this.environment, this.wait.executionId, ['waiting', 'success', 'error'], 10_000);
		assert(row.status === 'waiting', `execution ${this.wait.executionId} is "${row.status}", not waiting`);
	}

	async checkForgedLinks(): Promise<string> {
		assert(this.wait, 'the limited wait did not start');
		const { executionId, resumeUrl } = this.wait;
		const messageId = outputOf(runDataOf(await executionRow(this.environment, executionId)), DELIVERY_WAIT_NODES.send)[0]?.messageId;
		const receipt = { messageId, deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered', reasonText: 'Forged' };
		const forged = new URL(resumeUrl);
		forged.searchParams.set('signature', 'f'.repeat(64));
		const unsigned = new URL(resumeUrl);
		unsigned.searchParams.delete('signature');
		// A signature n8n made for another URL: the delivered check's execution, signed by this n8n.
		const otherSignature = new URL(resumeUrl);
		otherSignature.searchParams.set('signature', new URL(this.otherResumeUrl()).searchParams.get('signature') ?? '');
		const answers: string[] = [];
		for (const [name, url] of [['forged', forged], ['unsigned', unsigned], ['another execution\'s signature', otherSignature]] as const) {
			const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt) });
			const body = await response.text();
			assert(response.status === 401, `the ${name} link got ${response.status}: ${body}`);
			answers.push(`${name} → ${response.status}`);
		}
		await sleep(1000);
		const row = await executionRow(this.environment, executionId);
		assert(row.status === 'waiting', `after the forged posts execution ${executionId} is "${row.status}"`);
		return `${answers.join(', ')}; execution ${executionId} still waiting`;
	}

	/** A real resume URL of another execution, from the sandbox's log of sends. */
	private otherResumeUrl(): string {
		const urls = sendRequests(this.environment.sandbox, 'clearline')
			.map((request) => (request.body as { callbackUrl?: unknown }).callbackUrl)
			.filter((url): url is string => typeof url === 'string' && url !== this.wait?.resumeUrl);
		assert(urls.length > 0, 'no other execution\'s resume URL to borrow a signature from');
		return urls[0];
	}

	async checkTimedOut(): Promise<string> {
		assert(this.wait, 'the limited wait did not start');
		const { executionId, resumeUrl } = this.wait;
		// WaitTracker: a poll at most a minute apart, then a timer to waitTill.
		const done = await waitForStatus(this.environment, executionId, ['success', 'error', 'crashed', 'canceled'], Math.max(0, this.sentAt + 150_000 - Date.now()));
		const resumedAfterMs = databaseTime(done.stoppedAt) - this.sentAt;
		assert(done.status === 'success', `the execution resumed by the limit ended "${done.status}"`);
		const runData = runDataOf(done);
		const [output] = outputOf(runData, DELIVERY_WAIT_NODES.send);
		assert(
			output?.status === 'timedOut' && output.event === 'deliveryWaitTimedOut' && output.provider === 'clearline' && typeof output.messageId === 'string',
			`the node resumed with ${JSON.stringify(output)}`,
		);
		assert(runData[DELIVERY_WAIT_NODES.notDelivered]?.length === 1 && runData[DELIVERY_WAIT_NODES.delivered] === undefined, `ran ${Object.keys(runData).join(', ')}`);

		// The receipt that comes after the limit: n8n answers the finished send-and-wait execution with a page, nothing runs.
		const late = await fetch(resumeUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messageId: output.messageId, deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered', reasonText: 'Late' }),
		});
		const lateBody = await late.text();
		assert(late.status === 200, `the late receipt got ${late.status}: ${lateBody}`);
		await sleep(1000);
		const after = await executionRow(this.environment, executionId);
		const executions = await executionsOf(this.environment, TIMEOUT.id);
		assert(after.status === 'success' && executions.length === 1, `after the late receipt: execution ${after.status}, ${executions.length} executions of the workflow`);
		return `execution ${executionId} resumed ${Math.round(resumedAfterMs / 1000)} s after the send with status timedOut → ${DELIVERY_WAIT_NODES.notDelivered}; late receipt → ${late.status}, nothing ran`;
	}
}

export async function checkApproval(environment: SendAndWaitEnvironment): Promise<string> {
	const wait = await startWait(environment, APPROVAL, '+12025551234');
	checkResumeUrl(environment, wait);
	const waiting = await waitForStatus(environment, wait.executionId, ['waiting', 'success', 'error'], 10_000);
	assert(waiting.status === 'waiting', `execution ${wait.executionId} is "${waiting.status}", not waiting`);
	assert(!String(waiting.data).includes('signature='), 'the saved execution shows the signed approval link');

	// What a phone's link preview does: it must not answer.
	const page = await fetch(wait.resumeUrl);
	const html = await page.text();
	assert(page.status === 200 && html.includes('value="approve"') && html.includes('value="decline"') && html.includes('Repair approval'), `the page answered ${page.status}: ${html.slice(0, 300)}`);
	assert((page.headers.get('content-security-policy') ?? '').includes('sandbox'), 'the page came without a sandbox policy');
	await sleep(1000);
	assert((await executionRow(environment, wait.executionId)).status === 'waiting', 'opening the page resumed the execution');

	const answered = await fetch(wait.resumeUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ decision: 'approve' }).toString(),
	});
	const answeredBody = await answered.text();
	assert(answered.status === 200 && answeredBody.includes('Got it, thanks'), `the answer got ${answered.status}: ${answeredBody.slice(0, 300)}`);
	const done = await waitForStatus(environment, wait.executionId, ['success', 'error', 'crashed', 'canceled'], 30_000);
	assert(done.status === 'success', `the resumed execution ended "${done.status}"`);
	const runData = runDataOf(done);
	const [answer] = outputOf(runData, APPROVAL_WAIT_NODES.send);
	assert(
		answer?.event === 'approvalAnswer' && answer.status === 'approved' && answer.approved === true && answer.answeredBy === '+12025551234' && typeof answer.messageId === 'string',
		`the node resumed with ${JSON.stringify(answer)}`,
	);
	assert(runData[APPROVAL_WAIT_NODES.approved]?.length === 1 && runData[APPROVAL_WAIT_NODES.notApproved] === undefined, `ran ${Object.keys(runData).join(', ')}`);
	return `execution ${wait.executionId}: page ${page.status} (still waiting), Approve → ${answered.status}, resumed → ${APPROVAL_WAIT_NODES.approved}`;
}

/**
 * An approval link after the wait's limit. Once n8n has resumed the execution, n8n answers the link
 * itself (waiting-webhooks.js: a finished execution of a send-and-wait node gets its "No action
 * required" page) and the node is not called; in the moment between the limit and that resume the
 * node answers 410 (test/nodes/send-and-wait-approval.test.ts).
 */
export class ExpiringApproval {
	private wait?: StartedWait;
	private sentAt = 0;

	constructor(private readonly environment: SendAndWaitEnvironment) {}

	async start(): Promise<string> {
		this.sentAt = Date.now();
		this.wait = await startWait(this.environment, EXPIRING_APPROVAL, '+12025551234');
		checkResumeUrl(this.environment, this.wait);
		const row = await waitForStatus(this.environment, this.wait.executionId, ['waiting', 'success', 'error'], 10_000);
		assert(row.status === 'waiting', `execution ${this.wait.executionId} is "${row.status}", not waiting`);
		return `execution ${this.wait.executionId} waiting until ${row.waitTill}`;
	}

	async checkExpired(): Promise<string> {
		assert(this.wait, 'the expiring approval did not start');
		const { executionId, resumeUrl } = this.wait;
		const done = await waitForStatus(this.environment, executionId, ['success', 'error', 'crashed', 'canceled'], Math.max(0, this.sentAt + 150_000 - Date.now()));
		const resumedAfterMs = databaseTime(done.stoppedAt) - this.sentAt;
		assert(done.status === 'success', `the approval resumed by the limit ended "${done.status}"`);
		const runData = runDataOf(done);
		const [output] = outputOf(runData, APPROVAL_WAIT_NODES.send);
		assert(output?.event === 'approvalWaitTimedOut' && output.status === 'timedOut' && output.approved === false && output.answeredBy === null, `the node resumed with ${JSON.stringify(output)}`);
		assert(runData[APPROVAL_WAIT_NODES.notApproved]?.length === 1 && runData[APPROVAL_WAIT_NODES.approved] === undefined, `ran ${Object.keys(runData).join(', ')}`);

		const forged = new URL(resumeUrl);
		forged.searchParams.set('signature', 'f'.repeat(64));
		const calls: Array<[string, string, RequestInit]> = [
			['opened', resumeUrl, {}],
			['answered Approve', resumeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' }],
			['forged signature, Approve', String(forged), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=approve' }],
		];
		const answers: string[] = [];
		for (const [name, url, init] of calls) {
			const response = await fetch(url, init);
			const body = await response.text();
			assert(response.status === 200 && body.includes('No action required') && !body.includes('<form'), `the expired link (${name}) got ${response.status}: ${body.slice(0, 300)}`);
			answers.push(`${name} → ${response.status} "No action required"`);
		}
		await sleep(1000);
		const after = await executionRow(this.environment, executionId);
		const executions = await executionsOf(this.environment, EXPIRING_APPROVAL.id);
		assert(after.status === 'success' && after.data === done.data && executions.length === 1, `after the late answers: execution ${after.status}, data changed: ${after.data !== done.data}, ${executions.length} executions of the workflow`);
		return `execution ${executionId} resumed ${Math.round(resumedAfterMs / 1000)} s after the send with status timedOut → ${APPROVAL_WAIT_NODES.notApproved}; then ${answers.join(', ')}; nothing ran`;
	}
}
