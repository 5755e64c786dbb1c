/**
 * The nodes inside n8n 2.x's AI Agent, in a served n8n 2.8.4: the ClearLine node as the agent's tool
 * (`clearLineTool`), gated by the ClearLine node as its human review step (`clearLineHitlTool`,
 * Wait For left at its default). n8n makes both types from our node itself; the agent runs the
 * tool only when the review's output says `approved: true`.
 *
 * The agent's chat model is n8n's OpenAI Chat Model pointed at a scripted model on 127.0.0.1: it
 * asks for the one tool it is offered, then answers with what the tool returned. No real model
 * decides anything, so each run takes the same path.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { providerFixture, workflowShell, type ImportableCredential, type ImportableWorkflow } from '../../scripts/n8n-fixtures';
import { parseStoredExecutionData, queryN8nDatabase } from '../../scripts/n8n/database';
import { sleep } from '../../scripts/n8n/util';
import type { Sandbox } from '../../sandbox/types';
import { sendRequests } from './send-and-wait';

export const AI_AGENT_WORKFLOW = { id: 'e2eAgentReview01', webhookId: '8f2e9b7a-4d3c-4e5f-9a0b-1c2d3e4f5a60', path: 'agent-review' };

const APPROVER = '+12025550123';
const CUSTOMER = '+12025551234';
const TOOL_TEXT = 'Your refund of $20 is on its way.';
const NODES = { trigger: 'Webhook', agent: 'AI Agent', model: 'Chat Model', tool: 'Text the Customer', review: 'Ask the Manager' } as const;

export const AI_AGENT_CHECKS = {
	approved:
		'AI Agent with the ClearLine tool behind a ClearLine human review step (Wait For left at its default): the manager gets the review SMS with its link, nothing reaches the customer while the execution waits, and Approve sends the tool\'s SMS and finishes the agent',
	declined: 'the same review declined: the tool\'s SMS is never sent and the agent is told the call was rejected',
};

export const CHAT_MODEL_CREDENTIAL = { id: 'e2eScriptedModel', name: 'Scripted chat model (e2e)' };

/**
 * An OpenAI-compatible chat completions endpoint that calls the first tool it is offered with
 * fixed arguments, and after the tool's answer replies with that answer as its text.
 */
export class ScriptedChatModel {
	private server?: http.Server;
	url = '';

	async start(): Promise<string> {
		this.server = http.createServer((request, response) => {
			let body = '';
			request.on('data', (chunk: Buffer) => (body += chunk.toString()));
			request.on('end', () => {
				const completion = this.answer(body ? (JSON.parse(body) as ChatRequest) : {});
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify(completion));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
		return this.url;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	credential(): ImportableCredential {
		return { ...CHAT_MODEL_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: this.url } };
	}

	private answer(request: ChatRequest): unknown {
		const toolAnswer = (request.messages ?? []).find((message) => message.role === 'tool');
		const tool = request.tools?.[0]?.function;
		const message =
			toolAnswer || !tool
				? { role: 'assistant', content: `The tool answered: ${String(toolAnswer?.content ?? 'nothing')}` }
				: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: tool.name, arguments: JSON.stringify(toolArguments(tool)) } }] };
		return {
			id: 'chatcmpl-e2e',
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: 'scripted',
			choices: [{ index: 0, message, finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		};
	}
}

interface ChatRequest {
	messages?: Array<{ role: string; content?: unknown }>;
	tools?: Array<{ function: { name: string; parameters?: { properties?: Record<string, unknown> } } }>;
}

/** A gated tool takes the tool's own parameters and the review's under two keys (n8n-core's createHitlToolkit). */
function toolArguments(tool: NonNullable<ChatRequest['tools']>[number]['function']): unknown {
	const own = { to: CUSTOMER, message: TOOL_TEXT };
	return 'toolParameters' in (tool.parameters?.properties ?? {}) ? { toolParameters: own, hitlParameters: {} } : own;
}

/** Webhook → AI Agent (chat model; ClearLine tool → ClearLine human review → agent). */
export function aiAgentWorkflow(): ImportableWorkflow {
	const clearLine = providerFixture('clearline');
	const { additionalFields: _sendOnly, ...sendParameters } = clearLine.sendParameters;
	// The review type has no Operation to choose: n8n fixes it to Send and Wait.
	const { operation: _fixedByN8n, ...reviewParameters } = sendParameters;
	const credentials = { [clearLine.credentialType]: { ...clearLine.credential } };
	const nodes = [
		{
			id: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c01',
			name: NODES.trigger,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: AI_AGENT_WORKFLOW.webhookId,
			parameters: { httpMethod: 'POST', path: AI_AGENT_WORKFLOW.path, responseMode: 'onReceived', options: {} },
		},
		{
			id: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c02',
			name: NODES.agent,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [240, 0],
			parameters: { promptType: 'define', text: `Tell the customer at ${CUSTOMER} that the refund is on its way.`, options: {} },
		},
		{
			id: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c03',
			name: NODES.model,
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [160, 240],
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, options: {} },
			credentials: { openAiApi: CHAT_MODEL_CREDENTIAL },
		},
		{
			id: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c04',
			name: NODES.tool,
			type: `${clearLine.nodeType}Tool`,
			typeVersion: 1,
			position: [480, 400],
			parameters: { ...sendParameters, to: "={{ $fromAI('to', 'The customer\\'s phone number', 'string') }}", message: "={{ $fromAI('message', 'The text', 'string') }}" },
			credentials,
		},
		{
			id: 'd1a0c3e2-5b4f-4a6e-9c8d-7e6f5a4b3c05',
			name: NODES.review,
			type: `${clearLine.nodeType}HitlTool`,
			typeVersion: 1,
			position: [400, 240],
			// What the editor stores for the review step: n8n's Message, the approver, the node's own fields.
			parameters: { ...reviewParameters, message: '=The agent wants to text a customer: {{ $tool.parameters.message }}', to: APPROVER },
			credentials,
		},
	];
	return workflowShell({ id: AI_AGENT_WORKFLOW.id, name: 'e2e: AI Agent texts a customer after a manager approves by SMS' }, nodes, {
		[NODES.trigger]: { main: [[{ node: NODES.agent, type: 'main', index: 0 }]] },
		[NODES.model]: { ai_languageModel: [[{ node: NODES.agent, type: 'ai_languageModel', index: 0 }]] },
		[NODES.tool]: { ai_tool: [[{ node: NODES.review, type: 'ai_tool', index: 0 }]] },
		[NODES.review]: { ai_tool: [[{ node: NODES.agent, type: 'ai_tool', index: 0 }]] },
	});
}

export interface AiAgentEnvironment {
	n8nUrl: string;
	userFolder: string;
	sandbox: Sandbox;
}

interface Execution {
	id: number;
	status: string;
	data: string | null;
}

async function executions(environment: AiAgentEnvironment): Promise<Execution[]> {
	return (await queryN8nDatabase(
		environment.userFolder,
		'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id',
		[AI_AGENT_WORKFLOW.id],
	)) as unknown as Execution[];
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = await probe();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`after ${timeoutMs / 1000} s: ${what}`);
		await sleep(250);
	}
}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

/** The SMS the sandbox got for one number, as ClearLine's send requests. */
function textsTo(sandbox: Sandbox, number: string): string[] {
	return sendRequests(sandbox, 'clearline')
		.map((request) => request.body as { phone?: string; message?: string })
		.filter((body) => body.phone === number)
		.map((body) => String(body.message));
}

/** The agent's final text, from the stored run data of a finished execution. */
function agentOutput(execution: Execution): string {
	const data = parseStoredExecutionData(String(execution.data)) as { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: { output?: unknown } }>> } }>> } };
	return String(data.resultData.runData[NODES.agent]?.at(-1)?.data?.main?.[0]?.[0]?.json.output ?? '');
}

/** Starts the workflow and returns the waiting execution and the link in the manager's SMS. */
async function startReview(environment: AiAgentEnvironment): Promise<{ execution: Execution; link: string }> {
	const before = new Set((await executions(environment)).map((execution) => execution.id));
	const reviewsBefore = textsTo(environment.sandbox, APPROVER).length;
	const customerBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const started = await fetch(`${environment.n8nUrl}/webhook/${AI_AGENT_WORKFLOW.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	assert(started.ok, `the Webhook node answered ${started.status}: ${await started.text()}`);
	const execution = await waitFor('no waiting execution of the agent workflow', 30_000, async () => {
		const found = (await executions(environment)).find((row) => !before.has(row.id));
		assert(!found || !['error', 'success', 'crashed'].includes(found.status), `the agent's execution ended "${found?.status}" before any review: ${String(found?.data).slice(0, 600)}`);
		return found?.status === 'waiting' ? found : undefined;
	});
	const reviews = textsTo(environment.sandbox, APPROVER).slice(reviewsBefore);
	assert(reviews.length === 1, `the manager got ${reviews.length} SMS, not 1`);
	const [question, link] = reviews[0].split('\n');
	assert(question === `The agent wants to text a customer: ${TOOL_TEXT}`, `the review SMS reads "${question}"`);
	assert(link?.includes('/webhook-waiting/') && link.includes('signature='), `the review SMS has no approval link: ${reviews[0]}`);
	assert(textsTo(environment.sandbox, CUSTOMER).length === customerBefore, 'the customer got an SMS before the manager answered');
	return { execution, link };
}

async function answerReview(environment: AiAgentEnvironment, link: string, decision: 'approve' | 'decline', executionId: number): Promise<Execution> {
	const answered = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ decision }).toString() });
	assert(answered.status === 200, `the answer got ${answered.status}`);
	return await waitFor(`execution ${executionId} did not finish after the answer`, 30_000, async () => {
		const row = (await executions(environment)).find((execution) => execution.id === executionId);
		return row && ['success', 'error', 'crashed'].includes(row.status) ? row : undefined;
	});
}

export async function checkAgentApproved(environment: AiAgentEnvironment): Promise<string> {
	const sentBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const { execution, link } = await startReview(environment);
	const done = await answerReview(environment, link, 'approve', execution.id);
	assert(done.status === 'success', `the agent's execution ended "${done.status}": ${String(done.data).slice(0, 600)}`);
	const sent = textsTo(environment.sandbox, CUSTOMER).slice(sentBefore);
	assert(sent.length === 1 && sent[0] === TOOL_TEXT, `the customer got ${JSON.stringify(sent)}`);
	const output = agentOutput(done);
	assert(output.includes('"status":"accepted"') && output.includes(CUSTOMER), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${execution.id}: review SMS to the manager, Approve → the tool's SMS to ${CUSTOMER}, the agent answered with its messageId`;
}

export async function checkAgentDeclined(environment: AiAgentEnvironment): Promise<string> {
	const sentBefore = textsTo(environment.sandbox, CUSTOMER).length;
	const { execution, link } = await startReview(environment);
	const done = await answerReview(environment, link, 'decline', execution.id);
	assert(done.status === 'success', `the agent's execution ended "${done.status}": ${String(done.data).slice(0, 600)}`);
	assert(textsTo(environment.sandbox, CUSTOMER).length === sentBefore, 'the customer got an SMS although the manager declined');
	const output = agentOutput(done);
	assert(output.includes('rejected the tool call'), `the agent answered "${output.slice(0, 300)}"`);
	return `execution ${execution.id}: Decline → no SMS to the customer; the agent was told "${output.slice(0, 80)}…"`;
}
