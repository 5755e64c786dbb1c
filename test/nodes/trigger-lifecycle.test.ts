/**
 * Activation and deactivation of the triggers whose address is set outside n8n (ClearLine and
 * SMSCPR take it with each message, Skycore as an account setting): n8n runs their webhookMethods
 * as WebhookService does (checkExists, create only when it says false; delete); the triggers hold no
 * provider credential, so there is nothing to ask the provider, and the duplicate memory in the
 * node's static data survives a deactivation.
 */
import { receiptOf, TRIGGERS } from '../reliability/webhook-abuse-cases';
import { postToWebhook as post, startProviderTrigger } from './trigger-helpers';

const SET_OUTSIDE_N8N = TRIGGERS.filter((trigger) => trigger.provider !== 'clicksend');

describe.each(SET_OUTSIDE_N8N.map((trigger) => [trigger.nodeName, trigger] as const))('%s', (_name, trigger) => {
	it('activates and deactivates without a request, keeping the duplicate memory', async () => {
		const webhook = await startProviderTrigger(trigger.nodeType, trigger.nodeName, trigger.parameters, trigger.basicAuthUser);
		try {
			expect((await post(webhook.url, receiptOf(trigger))).status).toBe(200);
			const memory = webhook.nodeStaticData();
			expect(memory).not.toEqual({});

			expect(await webhook.runWebhookMethod('delete', { activation: 'update' })).toBe(true);
			expect(await webhook.runWebhookMethod('checkExists', { activation: 'activate' })).toBe(true);
			expect(webhook.nodeStaticData()).toEqual(memory);

			const again = await post(webhook.url, receiptOf(trigger));
			expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
			expect(webhook.executions).toHaveLength(1);
		} finally {
			await webhook.close();
		}
	});

	it('says create succeeded, with nothing to create at the provider', async () => {
		const webhook = await startProviderTrigger(trigger.nodeType, trigger.nodeName, trigger.parameters, trigger.basicAuthUser);
		try {
			expect(await webhook.runWebhookMethod('create')).toBe(true);
			expect(webhook.nodeStaticData()).toEqual({});
		} finally {
			await webhook.close();
		}
	});
});
