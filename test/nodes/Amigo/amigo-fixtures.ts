import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Amigo } from '../../../nodes/Amigo/Amigo.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadWorkflowJson, runWorkflow, type NodeSettings, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const SEND = 'Send SMS';

/**
 * The spec's Send SMS request (amigo.md: use_case_id, to_phone_number, message). The spec gives
 * the fields but no values, so these are ours: the sandbox's ready use case and a US mobile number.
 */
export const SPEC_REQUEST = {
	use_case_id: SANDBOX_KEYS.amigo.useCaseId,
	to_phone_number: '+14155552671',
	message: 'Your appointment is confirmed for tomorrow at 10:00 AM.',
};

export interface SendRun {
	items: IDataObject[];
	apiKey?: string;
	baseUrl?: string;
	continueOnFail?: boolean;
	/** On Error and Retry On Fail of the Send node; wins over continueOnFail. */
	nodeSettings?: NodeSettings;
	options?: IDataObject;
}

/** Runs Manual Trigger (pinned items) → Amigo Send through n8n's engine against the sandbox. */
export async function runAmigoSend(sandbox: Sandbox, run: SendRun): Promise<WorkflowRunResult> {
	const workflow = loadWorkflowJson(join(__dirname, 'send.workflow.json'));
	workflow.pinData = { [TRIGGER]: run.items.map((json) => ({ json })) };
	const sendNode = workflow.nodes.find((node) => node.name === SEND)!;
	sendNode.parameters.options = (run.options ?? {}) as INodeParameters;
	if (run.continueOnFail) sendNode.onError = 'continueRegularOutput';
	Object.assign(sendNode, run.nodeSettings);
	return await runWorkflow({
		workflow,
		nodeTypes: [Amigo],
		credentials: {
			amigoApi: {
				apiKey: run.apiKey ?? SANDBOX_KEYS.amigo.apiKey,
				baseUrl: run.baseUrl ?? sandbox.providerUrl('amigo'),
			},
		},
	});
}

export function sentRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'amigo', method: 'POST', path: '/v1/sms/' });
}
