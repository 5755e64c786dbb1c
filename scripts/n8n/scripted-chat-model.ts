/**
 * A stand-in for an AI Agent's chat model: an OpenAI-compatible chat completions endpoint that asks
 * for the first tool it is offered, then answers with what the tool returned. n8n's OpenAI Chat
 * Model node talks to it through an OpenAI credential whose Base URL points here. No model decides
 * anything, so a run takes the same path every time: for the e2e checks and for npm start's AI
 * Agent example, where a user can see a human review by SMS without an OpenAI account.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ImportableCredential } from '../n8n-fixtures';

/** A tool as the agent offers it: its name (the node's) and the JSON schema of its arguments. */
export interface OfferedTool {
	name: string;
	parameters?: { properties?: Record<string, unknown> };
}

interface ChatRequest {
	messages?: Array<{ role: string; content?: unknown }>;
	tools?: Array<{ function: OfferedTool }>;
}

export class ScriptedChatModel {
	private server?: http.Server;
	/** The Base URL for n8n's OpenAI credential, once started. */
	url = '';

	/** `argumentsFor` decides what the model asks a tool for. */
	constructor(private readonly argumentsFor: (tool: OfferedTool) => unknown) {}

	async start(port = 0): Promise<string> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				let completion: unknown;
				try {
					completion = this.answer(body ? (JSON.parse(body) as ChatRequest) : {});
				} catch {
					response.statusCode = 400;
					completion = { error: { message: 'The body is not a chat completions request' } };
				}
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify(completion));
			});
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', resolve);
		});
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
		return this.url;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
	}

	/** An OpenAI credential for n8n whose Base URL is this model. */
	credential(identity: { id: string; name: string }): ImportableCredential {
		return { ...identity, type: 'openAiApi', data: { apiKey: 'sk-scripted', url: this.url } };
	}

	private answer(request: ChatRequest): unknown {
		const toolAnswer = (request.messages ?? []).find((message) => message.role === 'tool');
		const tool = request.tools?.[0]?.function;
		const message =
			toolAnswer || !tool
				? { role: 'assistant', content: `The tool answered: ${String(toolAnswer?.content ?? 'nothing')}` }
				: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: tool.name, arguments: JSON.stringify(this.argumentsFor(tool)) } }] };
		return {
			id: 'chatcmpl-scripted',
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: 'scripted',
			choices: [{ index: 0, message, finish_reason: 'tool_calls' in message ? 'tool_calls' : 'stop' }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		};
	}
}

/**
 * The arguments for a tool: `own` for a plain tool; a tool behind a human review takes its own
 * parameters and the review's under two keys (n8n-core's createHitlToolkit).
 */
export function toolArguments(tool: OfferedTool, own: Record<string, unknown>): unknown {
	return 'toolParameters' in (tool.parameters?.properties ?? {}) ? { toolParameters: own, hitlParameters: {} } : own;
}
