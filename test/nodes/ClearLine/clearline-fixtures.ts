import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ClearLine } from '../../../nodes/ClearLine/ClearLine.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadWorkflowJson, runWorkflow, type NodeSettings, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const SEND = 'Send SMS';

/** The spec's own example request. */
export const SPEC_EXAMPLE = { phone: '+12025551234', message: 'Hello! Your order is ready for pickup.' };

export interface SendRun {
	items: IDataObject[];
	apiKey?: string;
	baseUrl?: string;
	continueOnFail?: boolean;
	/** On Error and Retry On Fail of the Send node; wins over continueOnFail. */
	nodeSettings?: NodeSettings;
	options?: IDataObject;
}

/** Runs Manual Trigger (pinned items) → ClearLine Send through n8n's engine against the sandbox. */
export async function runClearLineSend(sandbox: Sandbox, run: SendRun): Promise<WorkflowRunResult> {
	const workflow = loadWorkflowJson(join(__dirname, 'send.workflow.json'));
	workflow.pinData = { [TRIGGER]: run.items.map((json) => ({ json })) };
	const sendNode = workflow.nodes.find((node) => node.name === SEND)!;
	sendNode.parameters.options = (run.options ?? {}) as INodeParameters;
	if (run.continueOnFail) sendNode.onError = 'continueRegularOutput';
	Object.assign(sendNode, run.nodeSettings);
	return await runWorkflow({
		workflow,
		nodeTypes: [ClearLine],
		credentials: {
			clearLineApi: {
				apiKey: run.apiKey ?? SANDBOX_KEYS.clearline.apiKey,
				environment: 'custom',
				baseUrl: run.baseUrl ?? sandbox.providerUrl('clearline'),
			},
		},
	});
}

export function sentRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'clearline', method: 'POST', path: '/MessageSender/sms' });
}
