import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { webhookAuthenticationProperty, webhookEventsProperty, webhookOptionsWithInboundProperty } from '../../lib/fields';
import { providerEventWebhook, receiveProviderEvent, webhookProtectionCredentials } from '../../lib/trigger';
import { readSmscprEvent } from './receipt';

// SMSCPR has no API to register webhook addresses: the receipt URL travels with each message (or is
// the account default) and the inbound URL is set on the service plan by SMSCPR support, so there
// is nothing for webhookMethods to create or delete.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SmscprTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SMSCPR Trigger',
		name: 'smscprTrigger',
		icon: { light: 'file:../../icons/smscpr.svg', dark: 'file:../../icons/smscpr.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow when SMSCPR reports a delivery result or receives an SMS',
		defaults: { name: 'SMSCPR Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('events')],
		properties: [
			{
				displayName:
					'One URL for both events. Delivery receipts: copy this node\'s Production URL (above) into the Delivery Receipt URL of the SMSCPR node that sends, or ask SMSCPR to make it the account default. Inbound SMS: SMSCPR support sets the inbound URL on your service plan; send them this URL. Then activate this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			webhookEventsProperty({
				deliveryReceipt: 'SMSCPR reports the status of a message you sent (direction MT)',
				inboundMessage: 'Someone sent an SMS to your number or short code (direction MO)',
			}),
			webhookAuthenticationProperty,
			webhookOptionsWithInboundProperty,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveProviderEvent(this, readSmscprEvent);
	}
}
