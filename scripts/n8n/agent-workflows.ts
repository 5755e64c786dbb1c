/**
 * Workflows with n8n's AI Agent and our nodes as its tools (n8n 2.x): the e2e checks' and npm
 * start's example. n8n makes a `<node>Tool` and a `<node>HitlTool` (human review step) type of every
 * action node with Send and Wait; the agent's chat model is n8n's OpenAI Chat Model.
 */
import { CLEARLINE, sendNode, triggerNodeOf, workflowShell, type FixtureTrigger, type ImportableWorkflow } from '../n8n-fixtures';

export const AGENT_NODES = {
	agent: 'AI Agent',
	model: 'Chat Model',
	tool: 'Text the Customer',
	review: 'Ask the Manager',
	ask: 'Ask the Technician',
	shop: 'Text the Shop',
} as const;

export interface AgentWorkflowOptions {
	id: string;
	name: string;
	trigger: FixtureTrigger;
	/** Node IDs are this and two digits. */
	nodeIdPrefix: string;
	/** The OpenAI credential of the chat model. */
	chatModel: { id: string; name: string };
	note?: string;
}

/** What the model fills in when it calls a ClearLine tool. */
const FROM_AI = { to: "={{ $fromAI('to', 'The phone number', 'string') }}", message: "={{ $fromAI('message', 'The text', 'string') }}" };

/** Trigger → AI Agent, its chat model, and `tools` connected as `toolConnections` say. */
function agentWorkflow(options: AgentWorkflowOptions, prompt: string, tools: Array<Record<string, unknown>>, toolConnections: Record<string, unknown>): ImportableWorkflow {
	const id = (n: number) => `${options.nodeIdPrefix}${String(n).padStart(2, '0')}`;
	const { name: triggerName, node: trigger } = triggerNodeOf(options.trigger);
	const nodes = [
		{ id: id(1), name: triggerName, position: [0, 0], ...trigger },
		{ id: id(2), name: AGENT_NODES.agent, type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [240, 0], parameters: { promptType: 'define', text: prompt, options: {} } },
		{
			id: id(3),
			name: AGENT_NODES.model,
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [160, 240],
			parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, options: {} },
			credentials: { openAiApi: options.chatModel },
		},
		...tools.map((tool, index) => ({ ...tool, id: id(4 + index) })),
	];
	return workflowShell(options, nodes, {
		[triggerName]: { main: [[{ node: AGENT_NODES.agent, type: 'main', index: 0 }]] },
		[AGENT_NODES.model]: { ai_languageModel: [[{ node: AGENT_NODES.agent, type: 'ai_languageModel', index: 0 }]] },
		...toolConnections,
	});
}

/** The ClearLine node as an agent's tool or human review step, with its sandbox credential. */
function clearLineAs(kind: 'Tool' | 'HitlTool', name: string, position: [number, number], parameters: Record<string, unknown>): Record<string, unknown> {
	const { additionalFields: _sendOnly, operation, ...rest } = CLEARLINE.sendParameters;
	// n8n fixes a review step's Operation itself (Send and Wait); a tool's is the user's choice.
	const sendParameters = kind === 'HitlTool' ? rest : { ...rest, operation };
	const node = sendNode({ ...CLEARLINE, sendParameters }, { id: '', name, position }, parameters);
	return { ...node, type: `${CLEARLINE.nodeType}${kind}` };
}

/**
 * The agent texts `customer` through the ClearLine tool, behind a ClearLine human review step that
 * texts `approver` first (Wait For left at its default).
 */
export function reviewedAgentWorkflow(options: AgentWorkflowOptions, people: { customer: string; approver: string }): ImportableWorkflow {
	const review = { message: '=The agent wants to text a customer: {{ $tool.parameters.message }}', to: people.approver };
	return agentWorkflow(
		options,
		`Tell the customer at ${people.customer} that the refund is on its way.`,
		[clearLineAs('Tool', AGENT_NODES.tool, [480, 400], FROM_AI), clearLineAs('HitlTool', AGENT_NODES.review, [400, 240], review)],
		{
			[AGENT_NODES.tool]: { ai_tool: [[{ node: AGENT_NODES.review, type: 'ai_tool', index: 0 }]] },
			[AGENT_NODES.review]: { ai_tool: [[{ node: AGENT_NODES.agent, type: 'ai_tool', index: 0 }]] },
		},
	);
}

/** The agent asks `technician` a question through the ClearLine tool set to Send and Wait (Free Text). */
export function askingAgentWorkflow(options: AgentWorkflowOptions, people: { technician: string }): ImportableWorkflow {
	return agentWorkflow(
		options,
		`Ask the technician at ${people.technician} when they can visit.`,
		[clearLineAs('Tool', AGENT_NODES.ask, [480, 240], { ...FROM_AI, operation: 'sendAndWait', responseType: 'freeText' })],
		{ [AGENT_NODES.ask]: { ai_tool: [[{ node: AGENT_NODES.agent, type: 'ai_tool', index: 0 }]] } },
	);
}

/**
 * The agent texts the shop through the ClearLine tool with On Error › Continue: a number the node
 * refuses comes back to the agent as the error and what to fix, instead of stopping the execution.
 */
export function correctableAgentWorkflow(options: AgentWorkflowOptions, people: { shop: string }): ImportableWorkflow {
	return agentWorkflow(
		options,
		`Tell the shop at ${people.shop} that the parcel is ready.`,
		[{ ...clearLineAs('Tool', AGENT_NODES.shop, [480, 240], FROM_AI), onError: 'continueRegularOutput' }],
		{ [AGENT_NODES.shop]: { ai_tool: [[{ node: AGENT_NODES.agent, type: 'ai_tool', index: 0 }]] } },
	);
}
