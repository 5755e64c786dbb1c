import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { ClearLine } from '../../../nodes/ClearLine/ClearLine.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadPinnedWorkflow, runWorkflow, type PinnedRun, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const SEND = 'Send SMS';

/** The spec's own example request. */
export const SPEC_EXAMPLE = { phone: '+12025551234', message: 'Hello! Your order is ready for pickup.' };

export interface SendRun extends PinnedRun {
	apiKey?: string;
	baseUrl?: string;
	options?: IDataObject;
}

/** Runs Manual Trigger (pinned items) → ClearLine Send through n8n's engine against the sandbox. */
export async function runClearLineSend(sandbox: Sandbox, run: SendRun): Promise<WorkflowRunResult> {
	return await runWorkflow({
		workflow: loadPinnedWorkflow(join(__dirname, 'send.workflow.json'), { trigger: TRIGGER, node: SEND }, run, { options: run.options ?? {} }),
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
