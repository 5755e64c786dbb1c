import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { Amigo } from '../../../nodes/Amigo/Amigo.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadPinnedWorkflow, runWorkflow, type PinnedRun, type WorkflowRunResult } from '../../harness';

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

export interface SendRun extends PinnedRun {
	apiKey?: string;
	baseUrl?: string;
	options?: IDataObject;
}

/** Runs Manual Trigger (pinned items) → Amigo Send through n8n's engine against the sandbox. */
export async function runAmigoSend(sandbox: Sandbox, run: SendRun): Promise<WorkflowRunResult> {
	return await runWorkflow({
		workflow: loadPinnedWorkflow(join(__dirname, 'send.workflow.json'), { trigger: TRIGGER, node: SEND }, run, { options: run.options ?? {} }),
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
