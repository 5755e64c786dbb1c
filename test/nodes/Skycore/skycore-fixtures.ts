import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { Skycore } from '../../../nodes/Skycore/Skycore.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadPinnedWorkflow, runWorkflow, type PinnedRun, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const SEND = 'Send SMS';

/**
 * Example 1 of skycore.md, with a real number: the spec's `+10000000001` is not a valid number
 * (area code 000), so the number is the one Skycore's API intro uses, (774)-319-9144, typed the
 * way a person would. Skycore wants it as 17743199144.
 */
export const SPEC_EXAMPLE = { to: '+1 (774) 319-9144', from: '00000', message: 'This message is sent for testing purposes only.' };

/** Example 2 of skycore.md: its 14-character from-mask is more than Skycore keeps. */
export const SPEC_EXAMPLE_2_FIELDS = { fromMask: 'Dunder Mifflin', campaignRef: 'campaign2345', clickTracking: true };

export interface SendRun extends PinnedRun {
	apiKey?: string;
	endpointUrl?: string;
	options?: IDataObject;
	additionalFields?: IDataObject;
}

/** Runs Manual Trigger (pinned items) → Skycore Send through n8n's engine against the sandbox. */
export async function runSkycoreSend(sandbox: Sandbox, run: SendRun): Promise<WorkflowRunResult> {
	const parameters = { options: run.options ?? {}, additionalFields: run.additionalFields ?? {} };
	return await runWorkflow({
		workflow: loadPinnedWorkflow(join(__dirname, 'send.workflow.json'), { trigger: TRIGGER, node: SEND }, run, parameters),
		nodeTypes: [Skycore],
		credentials: {
			skycoreApi: {
				apiKey: run.apiKey ?? SANDBOX_KEYS.skycore.apiKey,
				endpointUrl: run.endpointUrl ?? sandbox.providerUrl('skycore'),
			},
		},
	});
}

export function sentRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'skycore', method: 'POST' });
}

/** A Skycore Failure body as a 200 fault, for codes the node's own checks never let through. */
export function failureAnswer(code: string, info: string, to = '17743199144') {
	return { provider: 'skycore', kind: 'status' as const, status: 200, body: { status: 'Failure', 'error-code': code, 'error-info': info, to } };
}

/** Skycore's SMS MT postback v2 example (N201), as the README lists its fields. */
export const SPEC_DELIVERY = {
	origin: 'SMS_MT',
	code: 'N201',
	'sent-as': 'SMS',
	status: 'Sent',
	from: '000000',
	to: '10000000000',
	'tracking-id': 'xxxxxxxxxxxx',
	'operator-id': '0001470',
	'operator-name': 'AT&T',
	timestamp: '2021-01-26T18:00:07.990498+00:00',
};

/** Skycore's SMS MO postback v2 example (N211). */
export const SPEC_INBOUND = {
	origin: 'SMS_MO',
	code: 'N211',
	from: '10000000000',
	to: '00000',
	'message-text': 'DEMO',
	'tracking-id': 'smsmo09ea1b9215',
	timestamp: '2021-02-01T23:35:54+00:00',
};
