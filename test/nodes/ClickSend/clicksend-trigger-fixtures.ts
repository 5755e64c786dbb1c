import type { IDataObject } from 'n8n-workflow';

import { ClickSendTrigger } from '../../../nodes/ClickSend/ClickSendTrigger.node';
import { SANDBOX_KEYS } from '../../../sandbox/keys';
import type { Sandbox } from '../../../sandbox/server';
import { startTriggerWebhook, type TriggerWebhook } from '../../harness';

export const RULE_NAME = 'n8n: Harness trigger workflow (harness-workflow)';

/**
 * The ClickSend Trigger served by the harness, its credential pointing at the sandbox;
 * `nodeStaticData` is what the node kept from an earlier activation.
 */
export async function startClickSendTrigger(
	sandbox: Sandbox,
	parameters: Record<string, unknown> = {},
	nodeStaticData?: IDataObject,
): Promise<TriggerWebhook> {
	return await startTriggerWebhook({
		staticData: nodeStaticData && { 'node:ClickSend Trigger': nodeStaticData },
		nodeType: ClickSendTrigger,
		node: {
			name: 'ClickSend Trigger',
			parameters: { authentication: 'none', options: {}, ...parameters },
			credentials: {
				clickSendApi: { id: '1', name: 'ClickSend sandbox' },
				smsWebhookHeaderAuthApi: { id: '2', name: 'Header' },
				smsWebhookBasicAuthApi: { id: '3', name: 'Basic' },
			},
		},
		credentials: {
			clickSendApi: { ...SANDBOX_KEYS.clicksend, baseUrl: sandbox.providerUrl('clicksend') },
			smsWebhookHeaderAuthApi: { name: 'X-Webhook-Secret', secret: 'open-sesame' },
			smsWebhookBasicAuthApi: { user: 'clicksend', password: 'pa55word' },
		},
	});
}

/** The Dedicated Number as the editor saves it: chosen From List, or typed By Number. */
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
export const byNumber = (value: string) => ({ __rl: true, mode: 'number', value });

export interface SandboxRules {
	inbound: Array<Record<string, unknown>>;
	receipts: Array<Record<string, unknown>>;
}

export const rulesIn = (sandbox: Sandbox) => sandbox.inspect('clicksend', 'rules') as SandboxRules;

export { eventsOf } from '../trigger-helpers';

/** Waits until the trigger has started `count` executions (the sandbox posts after a delay). */
export async function waitForExecutions(webhook: TriggerWebhook, count: number, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (webhook.executions.length < count) {
		if (Date.now() > deadline) throw new Error(`${webhook.executions.length} executions after ${timeoutMs} ms, expected ${count}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** The receipt of the spec's "Create Test SMS Receipt" example. */
export const SPEC_RECEIPT = {
	timestamp_send: 1722565411,
	timestamp: 1722565411,
	message_id: '2336751A-BBBE-4887-9D7C-CB7558F00208',
	status_code: '201',
	status_text: 'Success: Message received on handset.',
	error_code: null,
	error_text: null,
	custom_string: null,
	subaccount_id: 563840,
	message_type: 'sms',
	digits: null,
};
