import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { runWorkflow, type NodeSettings, type WorkflowJson, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const NODE = 'ClickSend';

/** The spec's send example: two messages to Australian mobiles. */
export const SPEC_MESSAGES = [
	{ to: '+61411111111', body: 'Jelly liquorice marshmallow candy carrot cake 4Eyffjs1vL.' },
	{ to: '+61422222222', body: 'Chocolate bar icing icing oat cake carrot cake jelly cotton MWEvciEPIr.' },
];

/** Sandbox rules by the last four digits of the recipient (sandbox/providers/clicksend/messages.ts). */
export const INVALID_RECIPIENT = '+61411119999';
export const NO_CREDIT_RECIPIENT = '+61411119998';

export interface ClickSendRun {
	resource?: string;
	operation: string;
	/** The node's parameters besides resource and operation; expressions read the pinned items. */
	parameters?: IDataObject;
	/** Pinned output of the manual trigger: one input item each. Default: one empty item. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** On Error and Retry On Fail of the node; wins over continueOnFail. */
	nodeSettings?: NodeSettings;
	/** Credential fields that replace the sandbox's. */
	credentials?: IDataObject;
	/** The ClickSend node type to run (e.g. one that records its parameter reads); default the node itself. */
	nodeType?: INodeType;
}

/** Manual Trigger (pinned items) → ClickSend, credential pointing at the sandbox. */
export async function runClickSend(sandbox: Sandbox, run: ClickSendRun): Promise<WorkflowRunResult> {
	const workflow: WorkflowJson = {
		id: 'clicksend-test',
		name: 'ClickSend test',
		nodes: [
			{ id: 'trigger', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'clicksend',
				name: NODE,
				type: 'n8n-nodes-sms-gateways.clickSend',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: run.resource ?? 'sms', operation: run.operation, ...(run.parameters ?? {}) } as INodeParameters,
				credentials: { clickSendApi: { id: '1', name: 'ClickSend (sandbox)' } },
				...(run.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				...run.nodeSettings,
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: (run.items ?? [{}]).map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	};
	return await runWorkflow({
		workflow,
		nodeTypes: [run.nodeType ?? ClickSend],
		credentials: { clickSendApi: { ...SANDBOX_KEYS.clicksend, baseUrl: sandbox.providerUrl('clicksend'), ...(run.credentials ?? {}) } },
	});
}

/** Send from pinned items `{to, body, ...}` with To and Message mapped by expression. */
export async function runClickSendSend(
	sandbox: Sandbox,
	items: IDataObject[],
	extra: { parameters?: IDataObject; continueOnFail?: boolean; nodeSettings?: NodeSettings; operation?: string } = {},
): Promise<WorkflowRunResult> {
	return await runClickSend(sandbox, {
		operation: extra.operation ?? 'send',
		items,
		continueOnFail: extra.continueOnFail,
		nodeSettings: extra.nodeSettings,
		parameters: { to: '={{ $json.to }}', messageSource: 'text', message: '={{ $json.body }}', additionalFields: {}, options: {}, ...(extra.parameters ?? {}) },
	});
}

export function sendRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'clicksend', method: 'POST', path: '/sms/send' });
}
