import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { webhookAuthenticationProperty, webhookOptionsProperty } from '../../lib/fields';
import { providerEventWebhook, receiveProviderEvent, webhookProtectionCredentials } from '../../lib/trigger';
import { readClearLineReceipt } from './receipt';

// ClearLine has no API to register a receipt address (the URL travels with each message), so
// there is nothing for webhookMethods to create or delete.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class ClearLineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ClearLine Trigger',
		name: 'clearLineTrigger',
		icon: { light: 'file:../../icons/clearline.svg', dark: 'file:../../icons/clearline.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Delivery receipts',
		description: 'Starts the workflow when ClearLine reports whether a message was delivered',
		defaults: { name: 'ClearLine Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('delivery-receipt')],
		properties: [
			{
				displayName:
					'ClearLine has no setting for a receipt address: it posts each receipt to the URL given with the message. Copy this node\'s Production URL (above) into the Delivery Receipt URL field of the ClearLine node that sends, then activate this workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			webhookAuthenticationProperty,
			webhookOptionsProperty,
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveProviderEvent(this, readClearLineReceipt);
	}
}
