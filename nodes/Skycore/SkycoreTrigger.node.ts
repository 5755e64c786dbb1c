import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { providerEventWebhook, triggerNodeConnections, triggerWebhook } from '../../lib/trigger';
import { webhookProtectionCredentials } from '../../lib/webhook-protection';
import { readSkycorePostback } from './postback';
import { triggerFields } from './descriptions/TriggerDescription';

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
		...triggerNodeConnections(),
		credentials: webhookProtectionCredentials(),
		webhooks: [providerEventWebhook('postback')],
		properties: triggerFields,
	};

	webhook = triggerWebhook(readSkycorePostback);
}
