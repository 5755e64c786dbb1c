/**
 * The credentials and workflows that `npm start` and the e2e run import into a real n8n. They
 * are written the way n8n exports them, so `n8n import:credentials` / `import:workflow` take them.
 *
 * One row per provider with a node (PROVIDERS); the functions below build the same shapes from
 * any row.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_KEYS } from '../sandbox/keys';
import type { ProviderName } from '../sandbox/types';

/** The prefix n8n puts before an installed package's node names: the package's own name. */
const PACKAGE_NAME = (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string }).name;

/** Node types of the installed package: `<package name>.<node name>`. */
export const NODE_TYPES = {
	clearLine: `${PACKAGE_NAME}.clearLine`,
	clearLineTrigger: `${PACKAGE_NAME}.clearLineTrigger`,
	smscpr: `${PACKAGE_NAME}.smscpr`,
	amigo: `${PACKAGE_NAME}.amigo`,
	skycore: `${PACKAGE_NAME}.skycore`,
	clickSend: `${PACKAGE_NAME}.clickSend`,
	smscprTrigger: `${PACKAGE_NAME}.smscprTrigger`,
	skycoreTrigger: `${PACKAGE_NAME}.skycoreTrigger`,
	clickSendTrigger: `${PACKAGE_NAME}.clickSendTrigger`,
} as const;

/** The number the ClearLine spec uses in its examples; every sandbox delivers to it. */
export const EXAMPLE_RECIPIENT = '+12025551234';
export const EXAMPLE_MESSAGE = 'Hello! Your order is ready for pickup.';

/** The sandbox's mount name of a provider (`sandbox.providerUrl(name)`): a key of SANDBOX_KEYS. */
export type SandboxProviderName = ProviderName;

export interface ProviderFixture {
	/** Where the sandbox mounts it, and its name in the request log. */
	sandboxName: SandboxProviderName;
	title: string;
	nodeType: string;
	credentialType: string;
	/** Id and name of the sandbox credential ("<title> (sandbox)"). */
	credential: { id: string; name: string };
	/** The credential's fields, given the provider's sandbox URL. */
	credentialData(providerUrl: string): Record<string, unknown>;
	/** Parameters of the Send node: resource, operation and the fields the operation needs. */
	sendParameters: Record<string, unknown>;
	/** The output field that identifies the accepted message. */
	messageIdField: string;
	/** The request header that carries the key, lower case, and the value the sandbox wants. */
	authHeader: { name: string; value: string };
	/** How the sandbox answers an accepted send: the status, and fields the body must have. */
	accepted: { status: number; body?: Record<string, unknown> };
	/** What the sticky note of the example workflow says about this provider's credential. */
	credentialNote: string;
}

function sandboxCredential(sandboxName: SandboxProviderName, title: string): { id: string; name: string } {
	return { id: `sandbox-${sandboxName}`, name: `${title} (sandbox)` };
}

export const PROVIDERS: readonly ProviderFixture[] = [
	{
		sandboxName: 'clearline',
		title: 'ClearLine',
		nodeType: NODE_TYPES.clearLine,
		credentialType: 'clearLineApi',
		credential: sandboxCredential('clearline', 'ClearLine'),
		credentialData: (url) => ({ apiKey: SANDBOX_KEYS.clearline.apiKey, environment: 'custom', baseUrl: url }),
		sendParameters: { resource: 'sms', operation: 'send', to: EXAMPLE_RECIPIENT, message: EXAMPLE_MESSAGE, additionalFields: { callbackUrl: '' } },
		messageIdField: 'messageId',
		authHeader: { name: 'apikey', value: SANDBOX_KEYS.clearline.apiKey },
		accepted: { status: 200, body: { succeed: true } },
		credentialNote: 'For real sending, create a ClearLine API credential with your own key and choose it in **Send SMS**.',
	},
	{
		sandboxName: 'smscpr',
		title: 'SMSCPR',
		nodeType: NODE_TYPES.smscpr,
		credentialType: 'smscprApi',
		credential: sandboxCredential('smscpr', 'SMSCPR'),
		credentialData: (url) => ({ token: SANDBOX_KEYS.smscpr.token, servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId, baseUrl: url }),
		// A short code: the sandbox lets every sender through except DENIED, PENDING and UNKNOWN.
		sendParameters: { resource: 'sms', operation: 'send', from: '12345', to: EXAMPLE_RECIPIENT, message: EXAMPLE_MESSAGE, additionalFields: {} },
		messageIdField: 'messageId',
		authHeader: { name: 'authorization', value: `Bearer ${SANDBOX_KEYS.smscpr.token}` },
		accepted: { status: 202, body: { status: 'QUEUED' } },
		credentialNote:
			'For real sending, create an SMSCPR API credential with your own token and service plan, and use a sender your plan may use in **From**.',
	},
	{
		sandboxName: 'amigo',
		title: 'Amigo',
		nodeType: NODE_TYPES.amigo,
		credentialType: 'amigoApi',
		credential: sandboxCredential('amigo', 'Amigo'),
		credentialData: (url) => ({ apiKey: SANDBOX_KEYS.amigo.apiKey, baseUrl: url }),
		// The sandbox's ready use case; the others are refused on purpose (sandbox/README.md).
		sendParameters: { resource: 'sms', operation: 'send', useCaseId: SANDBOX_KEYS.amigo.useCaseId, to: EXAMPLE_RECIPIENT, message: EXAMPLE_MESSAGE },
		messageIdField: 'messageId',
		authHeader: { name: 'authorization', value: `Bearer ${SANDBOX_KEYS.amigo.apiKey}` },
		accepted: { status: 201, body: { status: 'pending' } },
		credentialNote:
			'For real sending, create an Amigo API credential with your own key and put your SMS use case in **Use Case ID**.',
	},
	{
		sandboxName: 'skycore',
		title: 'Skycore',
		nodeType: NODE_TYPES.skycore,
		credentialType: 'skycoreApi',
		credential: sandboxCredential('skycore', 'Skycore'),
		credentialData: (url) => ({ apiKey: SANDBOX_KEYS.skycore.apiKey, endpointUrl: url }),
		sendParameters: { resource: 'sms', operation: 'send', to: EXAMPLE_RECIPIENT, from: '00000', message: EXAMPLE_MESSAGE, additionalFields: {} },
		messageIdField: 'messageId',
		authHeader: { name: 'x-api-key', value: SANDBOX_KEYS.skycore.apiKey },
		// Skycore refuses with HTTP 200 too: only the body tells.
		accepted: { status: 200, body: { status: 'Success' } },
		credentialNote:
			'For real sending, create a Skycore API credential with your key and API endpoint URL, and put your short code or number in **From**.',
	},
	{
		sandboxName: 'clicksend',
		title: 'ClickSend',
		nodeType: NODE_TYPES.clickSend,
		credentialType: 'clickSendApi',
		credential: sandboxCredential('clicksend', 'ClickSend'),
		credentialData: (url) => ({ username: SANDBOX_KEYS.clicksend.username, apiKey: SANDBOX_KEYS.clicksend.apiKey, baseUrl: url }),
		// From left empty: ClickSend then uses the account's default sender for the country.
		sendParameters: { resource: 'sms', operation: 'send', to: EXAMPLE_RECIPIENT, messageSource: 'text', message: EXAMPLE_MESSAGE, additionalFields: {}, options: {} },
		messageIdField: 'messageId',
		authHeader: {
			name: 'authorization',
			value: `Basic ${Buffer.from(`${SANDBOX_KEYS.clicksend.username}:${SANDBOX_KEYS.clicksend.apiKey}`).toString('base64')}`,
		},
		// ClickSend answers 200 for the request; each message's own status is in data.messages.
		accepted: { status: 200, body: { response_code: 'SUCCESS' } },
		credentialNote:
			'For real sending, create a ClickSend API credential with your API username and key. Many rows go out in batches of up to 1000 per request.',
	},
];

export function providerFixture(sandboxName: SandboxProviderName): ProviderFixture {
	const fixture = PROVIDERS.find((provider) => provider.sandboxName === sandboxName);
	if (!fixture) throw new Error(`No fixture for the provider "${sandboxName}"`);
	return fixture;
}

export const CLEARLINE = providerFixture('clearline');

export interface ImportableCredential {
	id: string;
	name: string;
	type: string;
	/** Plain values: n8n encrypts them on import (a string would be taken as already encrypted). */
	data: Record<string, unknown>;
}

export interface ImportableWorkflow {
	id: string;
	name: string;
	active: false;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: { executionOrder: 'v1' };
	pinData: Record<string, unknown>;
}

/** One sandbox credential per provider, each pointing at its sandbox URL. */
export function sandboxCredentials(providerUrl: (name: SandboxProviderName) => string): ImportableCredential[] {
	return PROVIDERS.map((provider) => ({
		...provider.credential,
		type: provider.credentialType,
		data: provider.credentialData(providerUrl(provider.sandboxName)),
	}));
}

export const MANUAL_TRIGGER_NAME = 'When clicking ‘Execute workflow’';
const SEND_NODE_NAME = 'Send SMS';

/** n8n's Manual Trigger, the start of a workflow that `n8n execute` runs. */
export function manualTriggerNode(): Record<string, unknown> {
	return {
		id: 'a7d3c1f0-5b7e-4c61-9a55-2f0d6c1e0b01',
		name: MANUAL_TRIGGER_NAME,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** The provider's Send node with its sandbox credential; `parameters` replace its send parameters (To, the text). */
export function sendNode(
	provider: ProviderFixture,
	node: { id: string; name: string; position: [number, number] },
	parameters: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		...node,
		type: provider.nodeType,
		typeVersion: 1,
		parameters: { ...provider.sendParameters, ...parameters },
		credentials: { [provider.credentialType]: { ...provider.credential } },
	};
}

/** Manual Trigger → the provider's Send, with its sandbox credential. */
export function sendWorkflow(provider: ProviderFixture, options: { id: string; name: string; note?: string }): ImportableWorkflow {
	const nodes = [
		manualTriggerNode(),
		sendNode(provider, { id: 'a7d3c1f0-5b7e-4c61-9a55-2f0d6c1e0b02', name: SEND_NODE_NAME, position: [240, 0] }),
	];
	return workflowShell(options, nodes, mainChain(MANUAL_TRIGGER_NAME, SEND_NODE_NAME));
}

/** Manual Trigger → ClearLine Send, with the sandbox credential. */
export function clearLineSendWorkflow(options: { id: string; name: string; note?: string }): ImportableWorkflow {
	return sendWorkflow(CLEARLINE, options);
}

/** The sticky note of `npm start`'s example workflow for a provider. */
export function exampleNote(provider: ProviderFixture): string {
	return (
		`## ${provider.title}, against the local sandbox\n` +
		'Click **Execute workflow**: the SMS goes to the sandbox that `npm start` runs, never to a phone.\n\n' +
		`The credential **${provider.credential.name}** points at the sandbox. ${provider.credentialNote}`
	);
}

/** A workflow of one trigger node; its production URL is `<n8n>/webhook/<webhookId>/<path>` once published. */
export function triggerWorkflow(options: {
	id: string;
	name: string;
	webhookId: string;
	nodeType: string;
	nodeName: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}): ImportableWorkflow {
	const trigger = {
		id: 'b8e4d2a1-6c8f-4d72-8b66-3a1e7d2f1c01',
		name: options.nodeName,
		type: options.nodeType,
		typeVersion: 1,
		position: [0, 0],
		webhookId: options.webhookId,
		parameters: options.parameters,
		...(options.credentials ? { credentials: options.credentials } : {}),
	};
	return workflowShell(options, [trigger], {});
}

/** ClearLine Trigger alone, at `<n8n>/webhook/<webhookId>/delivery-receipt`. */
export function clearLineTriggerWorkflow(options: { id: string; name: string; webhookId: string }): ImportableWorkflow {
	return triggerWorkflow({
		...options,
		nodeType: NODE_TYPES.clearLineTrigger,
		nodeName: 'ClearLine Trigger',
		parameters: { authentication: 'none', options: {} },
	});
}

/**
 * The recipe docs/triggers.md gives for exact deduplication beyond the trigger's own memory:
 * ClearLine Trigger → n8n's Remove Duplicates on `eventKey` (kept in n8n's database) → the
 * workflow's work. `ignoreDuplicates: false` switches the trigger's own memory off, so that a test
 * sees what Remove Duplicates does alone; an example for users keeps it on.
 */
export function receiptDeduplicationWorkflow(options: {
	id: string;
	name: string;
	webhookId: string;
	ignoreDuplicates: boolean;
}): ImportableWorkflow {
	const trigger = clearLineTriggerWorkflow(options);
	const [triggerNode] = trigger.nodes as Array<{ name: string; parameters: Record<string, unknown> }>;
	triggerNode.parameters = { authentication: 'none', options: { ignoreDuplicates: options.ignoreDuplicates } };
	return {
		...trigger,
		nodes: [
			triggerNode,
			{
				id: 'b8e4d2a1-6c8f-4d72-8b66-3a1e7d2f1c02',
				name: RECIPE_NODES.removeDuplicates,
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					logic: 'removeItemsWithAlreadySeenKeyValues',
					dedupeValue: '={{ $json.eventKey }}',
					options: {},
				},
			},
			{
				id: 'b8e4d2a1-6c8f-4d72-8b66-3a1e7d2f1c03',
				name: RECIPE_NODES.newReceipt,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [440, 0],
				parameters: {},
			},
		],
		connections: mainChain(triggerNode.name, RECIPE_NODES.removeDuplicates, RECIPE_NODES.newReceipt),
	};
}

export const RECIPE_NODES = { removeDuplicates: 'Remove Duplicates', newReceipt: 'New Receipt (replace with your steps)' } as const;

export function deliveryReceiptUrl(n8nUrl: string, webhookId: string): string {
	return `${n8nUrl}/webhook/${webhookId}/delivery-receipt`;
}

/** What every importable workflow has around its nodes; a note becomes a sticky note on the canvas. */
export function workflowShell(options: { id: string; name: string; note?: string }, nodes: Array<Record<string, unknown>>, connections: Record<string, unknown>): ImportableWorkflow {
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: options.note ? [...nodes, stickyNote(options.note)] : nodes,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function mainInput(node: string): { node: string; type: 'main'; index: 0 } {
	return { node, type: 'main', index: 0 };
}

/** Each node's main output into the next one's input, in the order given. */
export function mainChain(...names: string[]): Record<string, { main: Array<Array<ReturnType<typeof mainInput>>> }> {
	return Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[mainInput(names[index + 1])]] }]));
}

function stickyNote(content: string): Record<string, unknown> {
	return {
		id: 'a7d3c1f0-5b7e-4c61-9a55-2f0d6c1e0b03',
		name: 'About this example',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [-40, -260],
		parameters: { content, height: 220, width: 520 },
	};
}

/** Node names of the Send and Wait for Delivery workflow: the e2e run reads its branches by them. */
export const DELIVERY_WAIT_NODES = {
	send: 'Send and Wait for Delivery',
	check: 'Delivered?',
	delivered: 'Delivered',
	notDelivered: 'Not Delivered (send an e-mail here)',
} as const;

/** Node names of the Send and Wait for Approval workflow. */
export const APPROVAL_WAIT_NODES = {
	send: 'Ask for Approval by SMS',
	check: 'Approved?',
	approved: 'Approved',
	notApproved: 'Declined or No Answer',
} as const;

/** The Send and Wait node's ID: its resume URL ends in it (`/webhook-waiting/<execution>/<node ID>`). */
export const DELIVERY_WAIT_SEND_NODE_ID = 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d02';

/**
 * Send → wait for the delivery receipt → Delivered? (If on `status`) → Delivered / Not Delivered.
 * The not-delivered branch takes failed, undelivered, unknown and timedOut alike: where a user puts
 * the e-mail to send instead. Started by a Webhook node (`POST <n8n>/webhook/<path>`
 * with `{ "to": … }`, as the e2e run does) or by the Manual Trigger (npm start's example).
 */
export function deliveryWaitWorkflow(options: WaitWorkflowOptions): ImportableWorkflow {
	return sendAndWaitWorkflow(options, {
		nodes: { send: DELIVERY_WAIT_NODES.send, check: DELIVERY_WAIT_NODES.check, yes: DELIVERY_WAIT_NODES.delivered, no: DELIVERY_WAIT_NODES.notDelivered },
		parameters: { waitFor: 'delivery' },
		message: 'Your technician arrives tomorrow at 10:00.',
		condition: { leftValue: '={{ $json.status }}', rightValue: 'delivered', operator: { type: 'string', operation: 'equals' } },
	});
}

/**
 * Send with an approval link → wait for the answer → Approved? (If on `approved`) → Approved /
 * Declined or No Answer (declined and timedOut alike).
 */
export function approvalWaitWorkflow(options: WaitWorkflowOptions): ImportableWorkflow {
	return sendAndWaitWorkflow(options, {
		nodes: { send: APPROVAL_WAIT_NODES.send, check: APPROVAL_WAIT_NODES.check, yes: APPROVAL_WAIT_NODES.approved, no: APPROVAL_WAIT_NODES.notApproved },
		parameters: { waitFor: 'approval', responseType: 'approval', approvalOptions: { pageTitle: 'Repair approval' } },
		message: 'Replace the compressor at 12 Elm St for $480? Tap the link to approve or decline:',
		condition: { leftValue: '={{ $json.approved }}', rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
	});
}

interface WaitWorkflowOptions {
	id: string;
	name: string;
	provider: ProviderFixture;
	trigger: FixtureTrigger;
	/** Limit Wait Time; false waits without a limit. The node's default is one day. */
	limit?: { amount: number; unit: 'minutes' | 'hours' | 'days' } | false;
	note?: string;
}

/** How a fixture workflow starts: a Webhook node (`POST <n8n>/webhook/<path>`), or the Manual Trigger. */
export type FixtureTrigger = { webhookId: string; path: string } | 'manual';

/** The trigger node of a fixture workflow (without id and position), and its name. */
export function triggerNodeOf(trigger: FixtureTrigger): { name: string; node: Record<string, unknown> } {
	if (trigger === 'manual') return { name: MANUAL_TRIGGER_NAME, node: { parameters: {}, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 } };
	return {
		name: 'Webhook',
		node: {
			parameters: { httpMethod: 'POST', path: trigger.path, responseMode: 'onReceived', options: {} },
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: trigger.webhookId,
		},
	};
}

function sendAndWaitWorkflow(
	options: WaitWorkflowOptions,
	wait: {
		nodes: { send: string; check: string; yes: string; no: string };
		parameters: Record<string, unknown>;
		message: string;
		condition: Record<string, unknown>;
	},
): ImportableWorkflow {
	const names = wait.nodes;
	const { name: triggerName, node: trigger } = triggerNodeOf(options.trigger);
	const { additionalFields: _sendOnly, ...sendParameters } = options.provider.sendParameters;
	const limit =
		options.limit === undefined
			? {}
			: options.limit === false
				? { limitWaitTime: false }
				: { limitWaitTime: true, resumeAmount: options.limit.amount, resumeUnit: options.limit.unit };
	const nodes = [
		{ id: 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d01', name: triggerName, position: [0, 0], ...trigger },
		{
			id: DELIVERY_WAIT_SEND_NODE_ID,
			name: names.send,
			type: options.provider.nodeType,
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				...sendParameters,
				operation: 'sendAndWait',
				...wait.parameters,
				to: options.trigger === 'manual' ? EXAMPLE_RECIPIENT : '={{ $json.body.to }}',
				message: wait.message,
				...limit,
			},
			credentials: { [options.provider.credentialType]: { ...options.provider.credential } },
		},
		{
			id: 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d03',
			name: names.check,
			type: 'n8n-nodes-base.if',
			typeVersion: 2.2,
			position: [480, 0],
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{ id: 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d04', ...wait.condition },
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		{ id: 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d05', name: names.yes, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [720, -100], parameters: {} },
		{ id: 'c9f5e3b2-7d9a-4e83-9c77-4b2f8e3a2d06', name: names.no, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [720, 100], parameters: {} },
	];
	return workflowShell(options, nodes, {
		...mainChain(triggerName, names.send, names.check),
		[names.check]: { main: [[mainInput(names.yes)], [mainInput(names.no)]] },
	});
}
