import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { webhookAuthenticationProperty, webhookEventsProperty, webhookOptionsWithInboundProperty } from '../../lib/fields';
import { providerEventWebhook, receiveProviderEvent, webhookProtectionCredentials } from '../../lib/trigger';
import { readSkycorePostback } from './postback';

// Skycore has no API to register a postback URL (it is one setting of the account, typed in by
// hand), so there is nothing for webhookMethods to create or delete.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SkycoreTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Skycore Trigger',
		name: 'skycoreTrigger',
		icon: { light: 'file:../../icons/skycore.svg', dark: 'file:../../icons/skycore.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts and inbound SMS',
		description: 'Starts the workflow when Skycore reports a delivery status or someone texts your number',
		defaults: { name: 'Skycore Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('postback')],
		properties: [
			{
				displayName:
					'Skycore posts every delivery status and inbound SMS of the account to one Postback URL. In Skycore open Account › API Settings, paste this node\'s Production URL (above) as the Postback URL, then activate this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			webhookEventsProperty({
				deliveryReceipt: 'Skycore reports a sent message as sent, delivered, failed or rejected',
				inboundMessage: 'Someone texted the account’s short code or number (a reply or a keyword)',
			}),
			webhookAuthenticationProperty,
			webhookOptionsWithInboundProperty,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveProviderEvent(this, readSkycorePostback);
	}
}
