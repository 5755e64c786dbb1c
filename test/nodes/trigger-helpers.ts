import type { INodeType } from 'n8n-workflow';

import { startTriggerWebhook, type TriggerWebhook } from '../harness';

/** The webhook-protection credentials every trigger test uses. */
export const TEST_WEBHOOK_HEADER = { name: 'X-Webhook-Secret', secret: 'open-sesame' };
export const TEST_WEBHOOK_PASSWORD = 'pa55word';

/** Serves a provider trigger over real HTTP with both protection credentials available. */
export async function startProviderTrigger(
	nodeType: new () => INodeType,
	nodeName: string,
	parameters: Record<string, unknown>,
	basicAuthUser: string,
): Promise<TriggerWebhook> {
	return await startTriggerWebhook({
		nodeType,
		node: {
			name: nodeName,
			parameters: { authentication: 'none', options: {}, ...parameters },
			credentials: {
				smsWebhookHeaderAuthApi: { id: '2', name: 'Header' },
				smsWebhookBasicAuthApi: { id: '3', name: 'Basic' },
			},
		},
		credentials: {
			smsWebhookHeaderAuthApi: TEST_WEBHOOK_HEADER,
			smsWebhookBasicAuthApi: { user: basicAuthUser, password: TEST_WEBHOOK_PASSWORD },
		},
	});
}

/** POSTs JSON (or a raw string) to a webhook and returns what the provider would see. */
export async function postToWebhook(url: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	return { status: response.status, body: await response.text(), headers: response.headers };
}

/** The items of each execution the trigger started. */
export const eventsOf = (webhook: TriggerWebhook) =>
	webhook.executions.map((execution) => execution[0].map((item) => item.json));
