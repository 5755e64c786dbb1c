/**
 * The credentials and workflows that `npm start` and the e2e run import into a real n8n. They
 * are written the way n8n exports them, so `n8n import:credentials` / `import:workflow` take them.
 */
import { SANDBOX_KEYS } from '../sandbox/keys';

/** Node types of the installed package: `<package name>.<node name>`. */
export const NODE_TYPES = {
	clearLine: 'n8n-nodes-sms-gateways.clearLine',
	clearLineTrigger: 'n8n-nodes-sms-gateways.clearLineTrigger',
} as const;

export const SANDBOX_CLEARLINE_CREDENTIAL = { id: 'sandbox-clearline', name: 'ClearLine (sandbox)' } as const;

/** The number the ClearLine spec uses in its examples. */
export const EXAMPLE_RECIPIENT = '+12025551234';
export const EXAMPLE_MESSAGE = 'Hello! Your order is ready for pickup.';

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

export function sandboxCredentials(clearLineUrl: string): ImportableCredential[] {
	return [
		{
			...SANDBOX_CLEARLINE_CREDENTIAL,
			type: 'clearLineApi',
			data: { apiKey: SANDBOX_KEYS.clearline.apiKey, environment: 'custom', baseUrl: clearLineUrl },
		},
	];
}

/** Manual Trigger → ClearLine Send, with the sandbox credential. */
export function clearLineSendWorkflow(options: { id: string; name: string; note?: string }): ImportableWorkflow {
	const nodes: Array<Record<string, unknown>> = [
		{
			id: 'a7d3c1f0-5b7e-4c61-9a55-2f0d6c1e0b01',
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a7d3c1f0-5b7e-4c61-9a55-2f0d6c1e0b02',
			name: 'Send SMS',
			type: NODE_TYPES.clearLine,
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'sms',
				operation: 'send',
				to: EXAMPLE_RECIPIENT,
				message: EXAMPLE_MESSAGE,
				additionalFields: { callbackUrl: '' },
			},
			credentials: { clearLineApi: { ...SANDBOX_CLEARLINE_CREDENTIAL } },
		},
	];
	if (options.note) nodes.push(stickyNote(options.note));
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes,
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Send SMS', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * ClearLine Trigger alone; its production URL is
 * `<n8n>/webhook/<webhookId>/delivery-receipt` once the workflow is published.
 */
export function clearLineTriggerWorkflow(options: { id: string; name: string; webhookId: string }): ImportableWorkflow {
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [
			{
				id: 'b8e4d2a1-6c8f-4d72-8b66-3a1e7d2f1c01',
				name: 'ClearLine Trigger',
				type: NODE_TYPES.clearLineTrigger,
				typeVersion: 1,
				position: [0, 0],
				webhookId: options.webhookId,
				parameters: { authentication: 'none', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export function deliveryReceiptUrl(n8nUrl: string, webhookId: string): string {
	return `${n8nUrl}/webhook/${webhookId}/delivery-receipt`;
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
