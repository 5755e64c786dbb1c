import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { Smscpr } from '../../../nodes/Smscpr/Smscpr.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { loadPinnedWorkflow, runWorkflow, type PinnedRun, type WorkflowRunResult } from '../../harness';

export const TRIGGER = "When clicking 'Execute workflow'";
export const SEND = 'Send SMS';
export const GET_STATUS = 'Get Message Status';
export const GET_MANY = 'Get Many Messages';

/**
 * The spec's Send SMS example (body text and sender form). Its numbers, +1 555 000 xxxx, are
 * fictional (555 is no US area code) and lib/phone refuses them, so the node tests send to real
 * numbering plans; one test shows the refusal.
 */
export const SPEC_SEND = { from: '+12025550199', to: '+12025551234', body: 'Your verification code is 123456' };
export const SPEC_FICTIONAL_NUMBERS = { from: '+15550001111', to: '+15550002222', body: 'Your verification code is 123456' };

export interface Credentials {
	token?: string;
	servicePlanId?: string;
	baseUrl?: string;
}

export interface RunOptions extends Credentials, PinnedRun {
	/** Parameters of the SMSCPR node that replace the fixture's. */
	parameters?: IDataObject;
}

async function runFixture(sandbox: Sandbox, file: string, nodeName: string, run: RunOptions): Promise<WorkflowRunResult> {
	return await runWorkflow({
		workflow: loadPinnedWorkflow(join(__dirname, file), { trigger: TRIGGER, node: nodeName }, run, run.parameters),
		nodeTypes: [Smscpr],
		credentials: {
			smscprApi: {
				token: run.token ?? SANDBOX_KEYS.smscpr.token,
				servicePlanId: run.servicePlanId ?? SANDBOX_KEYS.smscpr.servicePlanId,
				baseUrl: run.baseUrl ?? sandbox.providerUrl('smscpr'),
			},
		},
	});
}

/** Manual Trigger (pinned items `{from, to, body, callbackUrl?}`) → SMSCPR › Send. */
export const runSmscprSend = (sandbox: Sandbox, run: RunOptions) => runFixture(sandbox, 'send.workflow.json', SEND, run);

/** Manual Trigger (pinned items `{messageId}`) → SMSCPR › Get Status. */
export const runSmscprGetStatus = (sandbox: Sandbox, run: RunOptions) => runFixture(sandbox, 'get-status.workflow.json', GET_STATUS, run);

/** Manual Trigger → SMSCPR › Get Many, filters and limits from `parameters`. */
export const runSmscprGetMany = (sandbox: Sandbox, run: RunOptions) => runFixture(sandbox, 'get-many.workflow.json', GET_MANY, run);

export function sendRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'smscpr', method: 'POST', path: '/sendsms' });
}

export function listRequests(sandbox: Sandbox) {
	return sandbox.requests({ provider: 'smscpr', method: 'GET', path: '/messages/sms' });
}

/** The spec's delivery receipt (DLR) example. */
export const SPEC_DLR = {
	accountId: '111111111111111111111111',
	servicePlanId: '222222222222222222222222',
	msgId: '019ee2da-e515-7322-805f-1ac6ce82f20f',
	channel: 'SMS',
	direction: 'MT',
	from: '+15550001111',
	to: '+15550002222',
	body: 'Your verification code is 123456',
	status: 'DELIVERED',
	errorCode: '000',
	errorMessage: 'No error',
};

/** The spec's inbound (MO) example. */
export const SPEC_MO = {
	servicePlanId: '222222222222222222222222',
	msgId: '019f0000-aaaa-bbbb-cccc-000000000001',
	channel: 'SMS',
	direction: 'MO',
	from: '+15550002222',
	to: '+15550001111',
	keyword: 'Need',
	body: 'Need status update for order 12345',
	receivedAt: '2026-06-22T05:10:03.120Z',
};
