/**
 * A send workflow whose error branch counts the failed items, for the e2e run in a real n8n:
 * three recipients are split into items, ClearLine's Send runs with On Error › "Continue (using
 * error output)", and the sandbox refuses the second message (its delivery receipt URL is plain
 * http to a public host, which the sandbox's ClearLine refuses with a 400). The refused item must
 * reach "Failed SMS" through the error output, the two others "Sent SMS".
 *
 * To wire into test/e2e/run.ts: import `errorBranchWorkflow(...)` like the send workflows, run it
 * with `n8n execute`, and assert that `errorBranchProblems(output)` is empty.
 */
import { CLEARLINE, type ImportableWorkflow } from '../../scripts/n8n-fixtures';
import { firstNodeRun } from '../../scripts/n8n/cli';

export const ERROR_BRANCH_NODES = {
	trigger: 'When clicking ‘Execute workflow’',
	recipients: 'Recipients',
	split: 'One Item per Recipient',
	send: 'Send SMS',
	sent: 'Sent SMS',
	failed: 'Failed SMS',
} as const;

/** The second item's receipt URL: http to a host that is not loopback, which ClearLine (the sandbox) refuses. */
const REFUSED_CALLBACK_URL = 'http://example.com/receipts';

export const ERROR_BRANCH_RECIPIENTS = [
	{ phone: '+12025551234', callbackUrl: '' },
	{ phone: '+12025551235', callbackUrl: REFUSED_CALLBACK_URL },
	{ phone: '+12025551236', callbackUrl: '' },
];

function node(id: string, name: string, type: string, typeVersion: number, x: number, y: number, parameters: Record<string, unknown>) {
	return { id, name, type, typeVersion, position: [x, y], parameters };
}

export function errorBranchWorkflow(options: { id: string; name: string }): ImportableWorkflow {
	const names = ERROR_BRANCH_NODES;
	const send = {
		...node('c3f1d2e0-1a2b-4c3d-8e9f-000000000004', names.send, CLEARLINE.nodeType, 1, 660, 0, {
			resource: 'sms',
			operation: 'send',
			to: '={{ $json.phone }}',
			message: 'Your order is ready for pickup.',
			additionalFields: { callbackUrl: '={{ $json.callbackUrl }}' },
		}),
		credentials: { [CLEARLINE.credentialType]: { ...CLEARLINE.credential } },
		onError: 'continueErrorOutput',
	};
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [
			node('c3f1d2e0-1a2b-4c3d-8e9f-000000000001', names.trigger, 'n8n-nodes-base.manualTrigger', 1, 0, 0, {}),
			node('c3f1d2e0-1a2b-4c3d-8e9f-000000000002', names.recipients, 'n8n-nodes-base.set', 3.4, 220, 0, {
				mode: 'raw',
				jsonOutput: JSON.stringify({ recipients: ERROR_BRANCH_RECIPIENTS }),
				options: {},
			}),
			node('c3f1d2e0-1a2b-4c3d-8e9f-000000000003', names.split, 'n8n-nodes-base.splitOut', 1, 440, 0, { fieldToSplitOut: 'recipients', options: {} }),
			send,
			node('c3f1d2e0-1a2b-4c3d-8e9f-000000000005', names.sent, 'n8n-nodes-base.noOp', 1, 900, -100, {}),
			node('c3f1d2e0-1a2b-4c3d-8e9f-000000000006', names.failed, 'n8n-nodes-base.noOp', 1, 900, 100, {}),
		],
		connections: {
			[names.trigger]: { main: [[{ node: names.recipients, type: 'main', index: 0 }]] },
			[names.recipients]: { main: [[{ node: names.split, type: 'main', index: 0 }]] },
			[names.split]: { main: [[{ node: names.send, type: 'main', index: 0 }]] },
			// Output 0: the messages ClearLine took; output 1: n8n's error output.
			[names.send]: {
				main: [[{ node: names.sent, type: 'main', index: 0 }], [{ node: names.failed, type: 'main', index: 0 }]],
			},
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

interface RunItem {
	json?: Record<string, unknown>;
}

/** What is wrong with the run of errorBranchWorkflow, as `n8n execute --rawOutput` printed it; empty when right. */
export function errorBranchProblems(output: unknown): string[] {
	const problems: string[] = [];
	const itemsOf = (nodeName: string) => (firstNodeRun(output, nodeName)?.data?.main?.[0] ?? []) as RunItem[];
	const sent = itemsOf(ERROR_BRANCH_NODES.sent);
	const failed = itemsOf(ERROR_BRANCH_NODES.failed);
	if (sent.length !== 2) problems.push(`"${ERROR_BRANCH_NODES.sent}" got ${sent.length} items, not 2`);
	for (const item of sent) {
		if (typeof item.json?.messageId !== 'string') problems.push(`a sent item has no messageId: ${JSON.stringify(item.json)}`);
		if (item.json?.error !== undefined) problems.push(`a failed item went down the success branch: ${JSON.stringify(item.json)}`);
	}
	if (failed.length !== 1) problems.push(`"${ERROR_BRANCH_NODES.failed}" got ${failed.length} items, not 1`);
	const error = failed[0]?.json?.error;
	if (failed.length === 1 && !(typeof error === 'string' && error.startsWith('ClearLine refused the message'))) {
		problems.push(`the failed item does not carry ClearLine's refusal: ${JSON.stringify(failed[0]?.json)}`);
	}
	return problems;
}
