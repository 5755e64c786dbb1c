/**
 * The five send workloads: which node, with which parameters and credential, what each input item
 * holds, what the same message looks like as a bare request (for the baselines), and how to find
 * each message again in the node's output and in what the sandbox received.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import type { RequestLogEntry } from '../../sandbox/server';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { providerFixture, type SandboxProviderName } from '../n8n-fixtures';
import type { BaselineRequest } from './baseline-node';
import { auRecipient, messageText, usRecipient, type Recipient } from './data';

export const REPO_ROOT = join(__dirname, '..', '..');

export interface Workload {
	provider: SandboxProviderName;
	title: string;
	/** Messages in the full run. */
	messages: number;
	/** Messages per HTTP request at most (1: one request per message). */
	messagesPerRequest: number;
	/** Source of the node class, relative to the repository. */
	nodeFile: string;
	exportName: string;
	/** `description.name` of the node. */
	nodeName: string;
	credentialType: string;
	credentialData(providerUrl: string): ICredentialDataDecryptedObject;
	/** The Send node's parameters; fields mapped from the item with `{{ $json.… }}`, as users do. */
	parameters: INodeParameters;
	recipient(index: number): Recipient;
	/** Input item `index`. */
	item(index: number): IDataObject;
	/** Path (end) of the send request in the sandbox log. */
	sendPath: string;
	/** Recipients (digits) of the messages an accepted send request carried. */
	receivedRecipients(entry: RequestLogEntry): string[];
	/** The same message as one bare request, as the node would send it. */
	baselineRequest(index: number, providerUrl: string): BaselineRequest;
}

export const digitsOf = (value: unknown) => String(value ?? '').replace(/\D/g, '');
const bodyOf = (entry: RequestLogEntry) => (entry.body ?? {}) as IDataObject;

function credentialData(provider: SandboxProviderName) {
	const fixture = providerFixture(provider);
	return (providerUrl: string) => fixture.credentialData(providerUrl) as ICredentialDataDecryptedObject;
}

const US_TEXT_ITEM = (index: number) => ({ to: usRecipient(index).written, message: messageText(index) });

export const WORKLOADS: Workload[] = [
	{
		provider: 'clearline',
		title: 'ClearLine',
		messages: 1000,
		messagesPerRequest: 1,
		nodeFile: 'nodes/ClearLine/ClearLine.node.ts',
		exportName: 'ClearLine',
		nodeName: 'clearLine',
		credentialType: 'clearLineApi',
		credentialData: credentialData('clearline'),
		parameters: { resource: 'sms', operation: 'send', to: '={{ $json.to }}', message: '={{ $json.message }}', additionalFields: {}, options: {} },
		recipient: usRecipient,
		item: US_TEXT_ITEM,
		sendPath: '/MessageSender/sms',
		receivedRecipients: (entry) => [digitsOf(bodyOf(entry).phone)],
		baselineRequest: (index, url) => ({
			method: 'POST',
			url: `${url}/MessageSender/sms`,
			body: { phone: `+${usRecipient(index).digits}`, message: messageText(index) },
		}),
	},
	{
		provider: 'smscpr',
		title: 'SMSCPR',
		messages: 1000,
		messagesPerRequest: 1,
		nodeFile: 'nodes/Smscpr/Smscpr.node.ts',
		exportName: 'Smscpr',
		nodeName: 'smscpr',
		credentialType: 'smscprApi',
		credentialData: credentialData('smscpr'),
		parameters: {
			resource: 'sms',
			operation: 'send',
			from: 'SMSCPR',
			to: '={{ $json.to }}',
			message: '={{ $json.message }}',
			additionalFields: {},
			options: {},
		},
		recipient: usRecipient,
		item: US_TEXT_ITEM,
		sendPath: '/sendsms',
		receivedRecipients: (entry) => [digitsOf(bodyOf(entry).to)],
		baselineRequest: (index, url) => ({
			method: 'POST',
			url: `${url}/sendsms`,
			body: {
				servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId,
				channel: 'SMS',
				from: 'SMSCPR',
				to: `+${usRecipient(index).digits}`,
				body: messageText(index),
			},
		}),
	},
	{
		provider: 'skycore',
		title: 'Skycore',
		messages: 1000,
		messagesPerRequest: 1,
		nodeFile: 'nodes/Skycore/Skycore.node.ts',
		exportName: 'Skycore',
		nodeName: 'skycore',
		credentialType: 'skycoreApi',
		credentialData: credentialData('skycore'),
		parameters: {
			resource: 'sms',
			operation: 'send',
			to: '={{ $json.to }}',
			from: '00000',
			message: '={{ $json.message }}',
			additionalFields: {},
			options: {},
		},
		recipient: usRecipient,
		item: US_TEXT_ITEM,
		sendPath: '',
		receivedRecipients: (entry) => [digitsOf(bodyOf(entry).to)],
		baselineRequest: (index, url) => ({
			method: 'POST',
			url,
			body: { action: 'sendsms', 'message-text': messageText(index), to: usRecipient(index).digits, from: '00000' },
		}),
	},
	{
		provider: 'amigo',
		title: 'Amigo',
		messages: 1000,
		messagesPerRequest: 1,
		nodeFile: 'nodes/Amigo/Amigo.node.ts',
		exportName: 'Amigo',
		nodeName: 'amigo',
		credentialType: 'amigoApi',
		credentialData: credentialData('amigo'),
		parameters: {
			resource: 'sms',
			operation: 'send',
			useCaseId: SANDBOX_KEYS.amigo.useCaseId,
			to: '={{ $json.to }}',
			message: '={{ $json.message }}',
			options: {},
		},
		recipient: usRecipient,
		item: US_TEXT_ITEM,
		sendPath: '/v1/sms/',
		receivedRecipients: (entry) => [digitsOf(bodyOf(entry).to_phone_number)],
		baselineRequest: (index, url) => ({
			method: 'POST',
			url: `${url}/v1/sms/`,
			body: { use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: `+${usRecipient(index).digits}`, message: messageText(index) },
		}),
	},
	{
		provider: 'clicksend',
		title: 'ClickSend',
		messages: 10_000,
		messagesPerRequest: 1000,
		nodeFile: 'nodes/ClickSend/ClickSend.node.ts',
		exportName: 'ClickSend',
		nodeName: 'clickSend',
		credentialType: 'clickSendApi',
		credentialData: credentialData('clicksend'),
		parameters: {
			resource: 'sms',
			operation: 'send',
			to: '={{ $json.to }}',
			messageSource: 'text',
			message: '={{ $json.body }}',
			additionalFields: {},
			options: {},
		},
		recipient: auRecipient,
		item: (index) => ({ to: auRecipient(index).written, body: messageText(index) }),
		sendPath: '/sms/send',
		receivedRecipients: (entry) => {
			const messages = bodyOf(entry).messages;
			return Array.isArray(messages) ? (messages as IDataObject[]).map((message) => digitsOf(message.to)) : [];
		},
		baselineRequest: (index, url) => ({
			method: 'POST',
			url: `${url}/sms/send`,
			body: { messages: [{ to: `+${auRecipient(index).digits}`, body: messageText(index), source: 'n8n' }] },
		}),
	},
];

/**
 * The node class, loaded only when its source exists: the benchmark runs (and says what it
 * skipped) while a node is still being written.
 */
export async function loadNodeType(workload: Workload): Promise<(new () => INodeType) | undefined> {
	const file = join(REPO_ROOT, workload.nodeFile);
	if (!existsSync(file)) return undefined;
	const loaded = (await import(file)) as Record<string, unknown>;
	const nodeClass = loaded[workload.exportName] ?? (loaded.default as Record<string, unknown> | undefined)?.[workload.exportName];
	if (typeof nodeClass !== 'function') throw new Error(`${workload.nodeFile} does not export ${workload.exportName}`);
	return nodeClass as new () => INodeType;
}

/** The bench's workload of one provider: the real-n8n parts start from its parameters too. */
export function workloadOf(provider: SandboxProviderName): Workload {
	const workload = WORKLOADS.find((candidate) => candidate.provider === provider);
	if (!workload) throw new Error(`scripts/bench/workloads.ts has no ${provider} workload`);
	return workload;
}
