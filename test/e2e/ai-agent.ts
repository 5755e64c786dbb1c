/**
 * The nodes inside n8n 2.x's AI Agent, in a served n8n (2.8.4 in the e2e run and in queue mode,
 * every 2.x line in test:compat). n8n makes two types of our node: the agent's tool
 * (`clearLineTool`) and a human review step that gates another tool (`clearLineHitlTool`, Wait For
 * left at its default); the agent runs a gated tool only when the review's output says
 * `approved: true`.
 *
 * The agent's chat model is n8n's OpenAI Chat Model pointed at a scripted stand-in on 127.0.0.1
 * (scripts/n8n/scripted-chat-model.ts): it asks for the one tool it is offered, then answers with
 * what the tool returned. No model decides anything, so each run takes the same path.
 */
import type { ImportableWorkflow } from '../../scripts/n8n-fixtures';
import { AGENT_NODES, askingAgentWorkflow, correctableAgentWorkflow, reviewedAgentWorkflow, type AgentWorkflowOptions } from '../../scripts/n8n/agent-workflows';
import { parseStoredExecutionData, queryN8nDatabase } from '../../scripts/n8n/database';
import { ScriptedChatModel, toolArguments } from '../../scripts/n8n/scripted-chat-model';
import { sleep } from '../../scripts/n8n/util';
import type { Sandbox } from '../../sandbox/types';
import { assert } from './check-runner';
import { sendRequests } from './send-and-wait';

const CHAT_MODEL_CREDENTIAL = { id: 'e2eScriptedModel', name: 'Scripted chat model (e2e)' };

type AgentWorkflow = AgentWorkflowOptions & { trigger: { webhookId: string; path: string } };

export const AI_AGENT_WORKFLOW: AgentWorkflow = {
	id: 'e2eAgentReview01',
	name: 'e2e: AI Agent texts a customer after a manager approves by SMS',
	trigger: { webhookId: '8f2e9b7a-4d3c-4e5f-9a0b-1c2d3e4f5a60', path: 'agent-review' },
	nodeIdPrefix: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c',
	chatModel: CHAT_MODEL_CREDENTIAL,
};

const ASKING_WORKFLOW: AgentWorkflow = {
	id: 'e2eAgentAsks0001',
	name: 'e2e: AI Agent asks a technician by SMS and waits for the answer',
	trigger: { webhookId: '8f2e9b7a-4d3c-4e5f-9a0b-1c2d3e4f5a61', path: 'agent-asks' },
	nodeIdPrefix: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3d',
	chatModel: CHAT_MODEL_CREDENTIAL,
};

const CORRECTABLE_WORKFLOW: AgentWorkflow = {
	id: 'e2eAgentOnError1',
	name: 'e2e: AI Agent gets the error of a number without a country code (On Error › Continue)',
	trigger: { webhookId: '8f2e9b7a-4d3c-4e5f-9a0b-1c2d3e4f5a62', path: 'agent-on-error' },
	nodeIdPrefix: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3e',
	chatModel: CHAT_MODEL_CREDENTIAL,
};

export const AI_AGENT_WORKFLOW_IDS = [AI_AGENT_WORKFLOW.id, ASKING_WORKFLOW.id, CORRECTABLE_WORKFLOW.id];

const APPROVER = '+12025550123';
/** Nobody else in the e2e run texts these numbers, so counting their SMS counts the agent's. */
const CUSTOMER = '+12025550142';
const TECHNICIAN = '+12025550187';
/** As a model might take it from a UK web page: no country code, so the node refuses it. */
const SHOP = '020 7946 0958';
const TOOL_TEXT = 'Your refund of $20 is on its way.';
const QUESTION = 'When can you visit 12 Elm St?';
const ANSWER = 'Tuesday at 10';

export const AI_AGENT_CHECKS = {
	onError:
		'AI Agent with the ClearLine tool set to On Error › Continue, given a number without a country code: nothing is sent, the execution goes on, and the agent gets the error and what to fix',
	asks: 'AI Agent with the ClearLine tool set to Send and Wait (Free Text): the technician gets the question with its link, the execution waits, and the answer typed on the page reaches the agent',
	approved:
		'AI Agent with the ClearLine tool behind a ClearLine human review step (Wait For left at its default): the manager gets the review SMS with its link, nothing reaches the customer while the execution waits, and Approve sends the tool\'s SMS and finishes the agent',
	declined: 'the same review declined: the tool\'s SMS is never sent and the agent is told the call was rejected',
};

/** The chat model of the agent workflows: it asks the technician's tool a question, the shop's tool to text a number without a country code, every other tool to text the customer. */
export function scriptedChatModel(): ScriptedChatModel {
	return new ScriptedChatModel((tool) => {
		const name = tool.name.toLowerCase();
		if (name.includes('technician')) return toolArguments(tool, { to: TECHNICIAN, message: QUESTION });
		if (name.includes('shop')) return toolArguments(tool, { to: SHOP, message: 'The parcel is ready.' });
		return toolArguments(tool, { to: CUSTOMER, message: TOOL_TEXT });
	});
}

/** The chat model's credential, as the agent workflows name it. */
export function chatModelCredential(model: ScriptedChatModel) {
	return model.credential(CHAT_MODEL_CREDENTIAL);
}

/** The agent workflows: a tool behind a human review, a tool that asks a person and waits, a tool whose errors go back to the agent. */
export function aiAgentWorkflows(): ImportableWorkflow[] {
	return [
		reviewedAgentWorkflow(AI_AGENT_WORKFLOW, { customer: CUSTOMER, approver: APPROVER }),
		askingAgentWorkflow(ASKING_WORKFLOW, { technician: TECHNICIAN }),
		correctableAgentWorkflow(CORRECTABLE_WORKFLOW, { shop: SHOP }),
	];
}

export interface AiAgentEnvironment {
	/** Where the Webhook node's production URL is served (n8n, or the load balancer in queue mode). */
	n8nUrl: string;
	sandbox: Sandbox;
	/** The workflow's executions from n8n's database, oldest first, with their stored data. */
	executions(workflowId: string): Promise<AgentExecution[]>;
}

export interface AgentExecution {
	id: string;
	status: string;
	data: string | null;
}

/** A row of `SELECT e.id, e.status, d.data` over n8n's execution tables, from either database. */
export function agentExecution(row: Record<string, unknown>): AgentExecution {
	return { id: String(row.id), status: String(row.status), data: row.data === null || row.data === undefined ? null : String(row.data) };
}

/** An environment for an n8n whose database is SQLite in its user folder. */
export function aiAgentEnvironment(n8nUrl: string, userFolder: string, sandbox: Sandbox): AiAgentEnvironment {
	return {
		n8nUrl,
		sandbox,
		executions: async (workflowId) =>
			(
				await queryN8nDatabase(
					userFolder,
					'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id',
					[workflowId],
				)
			).map(agentExecution),
	};
}

/** The statuses an execution ends in. */
const ENDED = ['success', 'error', 'crashed'];

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`after ${timeoutMs / 1000} s: ${what}`);
		await sleep(250);
	}
}

/** The SMS the sandbox got for one number, as ClearLine's send requests. */
function textsTo(sandbox: Sandbox, number: string): string[] {
	return sendRequests(sandbox, 'clearline')
		.map((request) => request.body as { phone?: string; message?: string })
		.filter((body) => body.phone === number)
		.map((body) => String(body.message));
}

/** The agent's final text, from the stored run data of a finished execution. */
function agentOutput(execution: AgentExecution): string {
	const data = parseStoredExecutionData(String(execution.data)) as { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { output?: unknown } }>> } }>> } };
	return String(data.resultData.runData[AGENT_NODES.agent]?.at(-1)?.data?.main?.[0]?.[0]?.json.output ?? '');
}

/**
 * Starts the workflow and returns its waiting execution and the SMS the person got (the text and
 * the link on its last line), after checking that nobody else got one meanwhile.
 */
async function startWaitingAgent(environment: AiAgentEnvironment, workflow: AgentWorkflow, person: string): Promise<{ execution: AgentExecution; text: string; link: string }> {
	const personBefore = textsTo(environment.sandbox, person).length;
	const customerBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const execution = await runAgent(environment, workflow, 'waiting');
	const got = textsTo(environment.sandbox, person).slice(personBefore);
	assert(got.length === 1, `${person} got ${got.length} SMS, not 1`);
	const lines = got[0].split('\n');
	const link = lines.pop() ?? '';
	assert(link.includes('/webhook-waiting/') && link.includes('signature='), `the SMS has no link to answer on: ${got[0]}`);
	assert(textsTo(environment.sandbox, CUSTOMER).length === customerBefore, 'the customer got an SMS before anyone answered');
	return { execution, text: lines.join('\n'), link };
}

/**
 * Starts the workflow through its Webhook node and returns its new execution once it waits, or
 * once it has ended; one that ends while a wait is expected fails the check there.
 */
async function runAgent(environment: AiAgentEnvironment, workflow: AgentWorkflow, until: 'waiting' | 'ended'): Promise<AgentExecution> {
	const before = new Set((await environment.executions(workflow.id)).map((execution) => execution.id));
	const started = await fetch(`${environment.n8nUrl}/webhook/${workflow.trigger.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	assert(started.ok, `the Webhook node answered ${started.status}: ${await started.text()}`);
	return await waitFor(`no ${until} execution of "${workflow.name}"`, 30_000, async () => {
		const found = (await environment.executions(workflow.id)).find((row) => !before.has(row.id));
		if (until === 'ended') return found && ENDED.includes(found.status) ? found : undefined;
		assert(!found || !ENDED.includes(found.status), `the agent's execution ended "${found?.status}" before anyone answered: ${String(found?.data).slice(0, 600)}`);
		return found?.status === 'waiting' ? found : undefined;
	});
}

function assertSucceeded(execution: AgentExecution): void {
	assert(execution.status === 'success', `the agent's execution ended "${execution.status}": ${String(execution.data).slice(0, 600)}`);
}

/** Submits the answer page's form as the person would and waits for the agent to finish. */
async function answer(environment: AiAgentEnvironment, workflow: AgentWorkflow, link: string, fields: Record<string, string>, executionId: string): Promise<AgentExecution> {
	const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
	assert(answered.status === 200, `the answer got ${answered.status}`);
	const done = await waitFor(`execution ${executionId} did not finish after the answer`, 30_000, async () => {
		const row = (await environment.executions(workflow.id)).find((execution) => execution.id === executionId);
		return row && ENDED.includes(row.status) ? row : undefined;
	});
	assertSucceeded(done);
	return done;
}

async function startReview(environment: AiAgentEnvironment): Promise<{ execution: AgentExecution; link: string }> {
	const { execution, text, link } = await startWaitingAgent(environment, AI_AGENT_WORKFLOW, APPROVER);
	assert(text === `The agent wants to text a customer: ${TOOL_TEXT}`, `the review SMS reads "${text}"`);
	return { execution, link };
}

export async function checkAgentApproved(environment: AiAgentEnvironment): Promise<string> {
	const sentBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const { execution, link } = await startReview(environment);
	const done = await answer(environment, AI_AGENT_WORKFLOW, link, { decision: 'approve' }, execution.id);
	const sent = textsTo(environment.sandbox, CUSTOMER).slice(sentBefore);
	assert(sent.length === 1 && sent[0] === TOOL_TEXT, `the customer got ${JSON.stringify(sent)}`);
	const output = agentOutput(done);
	assert(output.includes('"status":"accepted"') && output.includes(CUSTOMER), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${execution.id}: review SMS to the manager, Approve → the tool's SMS to ${CUSTOMER}, the agent answered with its messageId`;
}

export async function checkAgentDeclined(environment: AiAgentEnvironment): Promise<string> {
	const sentBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const { execution, link } = await startReview(environment);
	const done = await answer(environment, AI_AGENT_WORKFLOW, link, { decision: 'decline' }, execution.id);
	assert(textsTo(environment.sandbox, CUSTOMER).length === sentBefore, 'the customer got an SMS although the manager declined');
	const output = agentOutput(done);
	assert(output.includes('rejected the tool call'), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${execution.id}: Decline → no SMS to the customer; the agent was told "${output.slice(0, 80)}…"`;
}

export async function checkAgentAsks(environment: AiAgentEnvironment): Promise<string> {
	const { execution, text, link } = await startWaitingAgent(environment, ASKING_WORKFLOW, TECHNICIAN);
	assert(text === QUESTION, `the technician got "${text}"`);
	const done = await answer(environment, ASKING_WORKFLOW, link, { answer: ANSWER }, execution.id);
	const output = agentOutput(done);
	assert(output.includes(`"answer":"${ANSWER}"`) && output.includes('"status":"answered"'), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${execution.id}: question to ${TECHNICIAN}, answered "${ANSWER}" on the page, the agent got it`;
}

export async function checkAgentGetsTheError(environment: AiAgentEnvironment): Promise<string> {
	const sendsBefore = sendRequests(environment.sandbox, 'clearline').length;
	const done = await runAgent(environment, CORRECTABLE_WORKFLOW, 'ended');
	assertSucceeded(done);
	assert(sendRequests(environment.sandbox, 'clearline').length === sendsBefore, 'the sandbox got a ClearLine send');
	const output = agentOutput(done);
	assert(output.includes('has no country code') && output.includes('Start it with + and the country code'), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${done.id}: the agent was told "${output.slice(0, 110)}…"`;
}
