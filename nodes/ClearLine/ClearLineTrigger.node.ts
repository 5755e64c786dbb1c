import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { providerEventWebhook, triggerNodeConnections, triggerWebhook } from '../../lib/trigger';
import { webhookProtectionCredentials } from '../../lib/webhook-protection';
import { readClearLineReceipt } from './receipt';
import { triggerFields } from './descriptions/TriggerDescription';

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
		...triggerNodeConnections(),
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('delivery-receipt')],
		properties: triggerFields,
	};

	webhook = triggerWebhook(readClearLineReceipt);
}
